import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  readStateFile,
  stateAfterFailure,
  stateAfterSuccess,
  writeState,
  type FeedState,
} from "../../src/writer/state.js";
import { withTempDir } from "../helpers/paths.js";

const NOW = Date.UTC(2026, 0, 2);
const URL = "https://example.com/feed";
const working: FeedState = {
  url: URL,
  etag: '"a"',
  lastModified: "Thu, 01 Jan 2026 00:00:00 GMT",
  lastNews: "2026-01-01T00:00:00.000Z",
};
const failing: FeedState = {
  ...working,
  failingSince: "2026-01-01T05:00:00.000Z",
  lastError: { code: "E_HTTP_STATUS", message: "x: HTTP 500" },
};

describe("stateAfterSuccess", () => {
  const answer = { url: URL, etag: '"b"', lastModified: undefined, newItems: 0, now: NOW };
  it.each<[string, FeedState, Partial<typeof answer>, FeedState]>([
    ["a 304 changes nothing", working, { url: undefined, etag: undefined }, working],
    ["a new ETag without news is not kept", working, {}, working],
    [
      "news moves lastNews and the validators",
      working,
      { newItems: 2 },
      { url: URL, etag: '"b"', lastNews: "2026-01-02T00:00:00.000Z" },
    ],
    [
      "a recovery ends the failure",
      failing,
      {},
      { url: URL, etag: '"b"', lastNews: working.lastNews },
    ],
    ["a first answer keeps its validators", {}, { etag: '"c"' }, { url: URL, etag: '"c"' }],
    [
      "a moved feed URL takes the new validators",
      working,
      { url: "https://example.com/new" },
      { url: "https://example.com/new", etag: '"b"', lastNews: working.lastNews },
    ],
    ["a file source has no validators", working, { url: undefined }, working],
  ])("%s", (_, previous, differs, expected) => {
    const next = stateAfterSuccess(previous, { ...answer, ...differs });
    expect(JSON.parse(JSON.stringify(next))).toEqual(expected);
  });
});

describe("stateAfterFailure", () => {
  const error = { code: "E_TIMEOUT", message: "x: timed out" };
  it.each<[string, FeedState, FeedState]>([
    [
      "the first failure starts the clock",
      working,
      { ...working, failingSince: "2026-01-02T00:00:00.000Z", lastError: error },
    ],
    ["a later one keeps its start", failing, { ...failing, lastError: error }],
  ])("%s", (_, previous, expected) => {
    expect(stateAfterFailure(previous, error, NOW)).toEqual(expected);
  });
});

describe("the state files", () => {
  it("are rewritten only when their bytes change, one file per feed", () =>
    withTempDir(async (out) => {
      expect(await writeState(out, {})).toBe(false);
      expect(await writeState(out, { a: working, b: working })).toBe(true);
      const file = join(out, ".newsmirror", "state", "a.json");
      const other = join(out, ".newsmirror", "state", "b.json");
      // Every write is a rename of a new file: an unchanged inode is a file left alone.
      const inode = (await stat(file)).ino;
      const otherInode = (await stat(other)).ino;
      expect(await writeState(out, { a: { ...working }, b: working })).toBe(false);
      expect((await stat(file)).ino).toBe(inode);
      expect(await writeState(out, { a: working, b: failing })).toBe(true);
      expect((await stat(file)).ino).toBe(inode);
      expect((await stat(other)).ino).not.toBe(otherInode);
      expect(JSON.parse(await readFile(other, "utf8"))).toEqual(failing);
    }));

  it("reads the older shape: lastSuccess and the count go, a failure keeps its start", () =>
    withTempDir(async (out) => {
      await mkdir(join(out, ".newsmirror"));
      const old = {
        ok: { ...working, lastSuccess: "2026-01-01T09:00:00.000Z", failures: 0 },
        bad: {
          url: URL,
          lastSuccess: "2025-12-01T00:00:00.000Z",
          lastError: { at: "2025-12-02T00:00:00.000Z", code: "E_DNS", message: "bad: no host" },
          failures: 30,
        },
      };
      await writeFile(join(out, ".newsmirror", "state.json"), JSON.stringify(old));
      const { state } = await readStateFile(out);
      expect(state).toEqual({
        ok: working,
        bad: {
          url: URL,
          failingSince: "2025-12-02T00:00:00.000Z",
          lastError: { code: "E_DNS", message: "bad: no host" },
        },
      });
      expect(await writeState(out, state)).toBe(true);
      expect(await readFile(join(out, ".newsmirror", "state", "ok.json"), "utf8")).not.toContain(
        "lastSuccess",
      );
    }));

  it("moves state.json into one file per feed; a shard's run moves only its feeds and keeps it", () =>
    withTempDir(async (out) => {
      await mkdir(join(out, ".newsmirror"));
      const legacy = join(out, ".newsmirror", "state.json");
      await writeFile(legacy, JSON.stringify({ a: working, b: failing, c: working }));
      const { state } = await readStateFile(out);
      // A shard of feed b: b's file is written, state.json stays for the other shards.
      expect(await writeState(out, { ...state, b: working }, undefined, new Set(["b"]))).toBe(true);
      expect(await readdir(join(out, ".newsmirror", "state"))).toEqual(["b.json"]);
      const half = await readStateFile(out);
      expect(half.state).toEqual({ a: working, b: working, c: working });
      expect(half.legacy).toBe(true);
      // A run over every feed (fetch, or `index`) writes the rest and drops state.json.
      expect(await writeState(out, half.state, half)).toBe(true);
      await expect(stat(legacy)).rejects.toThrow(/ENOENT/);
      expect(await readdir(join(out, ".newsmirror", "state"))).toEqual([
        "a.json",
        "b.json",
        "c.json",
      ]);
      const after = await readStateFile(out);
      expect(after.state).toEqual(half.state);
      expect(await writeState(out, after.state, after)).toBe(false);
    }));

  it("costs a damaged feed file only that feed's state", () =>
    withTempDir(async (out) => {
      await writeState(out, { a: working, b: working });
      await writeFile(join(out, ".newsmirror", "state", "a.json"), "{not json");
      const read = await readStateFile(out);
      expect(read.state).toEqual({ b: working });
      expect(await writeState(out, { ...read.state, a: working }, read)).toBe(true);
      expect((await readStateFile(out)).state).toEqual({ a: working, b: working });
    }));
});
