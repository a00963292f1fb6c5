import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
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

describe("the state file", () => {
  it("is rewritten only when its bytes change", () =>
    withTempDir(async (out) => {
      expect(await writeState(out, {})).toBe(false);
      expect(await writeState(out, { a: working })).toBe(true);
      const file = join(out, ".newsmirror", "state.json");
      const mtime = (await stat(file)).mtimeMs;
      expect(await writeState(out, { a: { ...working } })).toBe(false);
      expect((await stat(file)).mtimeMs).toBe(mtime);
      expect(await writeState(out, { a: failing })).toBe(true);
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
      expect(await readFile(join(out, ".newsmirror", "state.json"), "utf8")).not.toContain(
        "lastSuccess",
      );
    }));
});
