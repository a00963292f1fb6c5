import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ATOM_LENGTH } from "../../src/writer/atom.js";
import { writeLists } from "../../src/writer/lists.js";
import { WrittenFiles } from "../../src/writer/written.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";
import { lists, twoFeeds } from "../helpers/written.js";

const text = (n: number) => `${"x".repeat(n - 1)}\n`;
const kept = (i: number) => ({ published: 1000 + i, hash: `h${i}`, path: `f/2024-01/${i}.txt` });

describe("WrittenFiles: what it holds", () => {
  it.each([
    {
      what: "a feed's newest ATOM_LENGTH, whatever the order they come in",
      adds: [...Array(ATOM_LENGTH + 10).keys()].reverse(),
      budget: undefined,
      held: [...Array(ATOM_LENGTH).keys()].map((i) => i + 10),
    },
    {
      what: "older ones are dropped as newer come",
      adds: [...Array(ATOM_LENGTH + 10).keys()],
      budget: undefined,
      held: [...Array(ATOM_LENGTH).keys()].map((i) => i + 10),
    },
    {
      what: "nothing past the budget (later items are read from disk)",
      adds: [0, 1, 2, 3],
      budget: 250,
      held: [0, 1],
    },
  ])("$what", ({ adds, budget, held }) => {
    const written = new WrittenFiles(budget);
    for (const i of adds) written.addItem("f", kept(i), text(100));
    const all = [...Array(ATOM_LENGTH + 10).keys()];
    expect(all.filter((i) => written.item(kept(i).path))).toEqual(held);
    expect(written.bytes).toBe(held.length * 100);
    expect(Buffer.from(written.item(kept(held[0]!).path)!).toString()).toBe(text(100));
  });

  it("an index file's text as last written; a rewrite that does not fit drops the old one", () => {
    const written = new WrittenFiles(100);
    written.addShard("index/f/2024-01.jsonl", text(60));
    written.addShard("index/f/2024-01.jsonl", text(80));
    expect(written.shard("index/f/2024-01.jsonl")).toBe(text(80));
    written.addShard("index/g/2024-01.jsonl", text(30));
    expect(written.shard("index/g/2024-01.jsonl")).toBeUndefined();
    written.addShard("index/f/2024-01.jsonl", text(120));
    expect(written.shard("index/f/2024-01.jsonl")).toBeUndefined();
    expect(written.bytes).toBe(0);
  });
});

/** Holds every item and index file of the archive, as far as `budget` goes. */
async function heldFromDisk(out: string, budget: number): Promise<WrittenFiles> {
  const written = new WrittenFiles(budget);
  for (const [path, content] of Object.entries(await snapshot(out))) {
    const item = /^([^/]+)\/\d{4}-\d\d\/([0-9a-f]{16})\.txt$/.exec(path);
    const published = Number(/^<!--(\d+)-->/.exec(content)?.[1]);
    if (item) written.addItem(item[1]!, { published, hash: item[2]!, path }, content);
    else if (path.startsWith("index/")) written.addShard(path, content);
  }
  return written;
}

describe("lists made partly from memory", () => {
  it.each([0, 40_000, 200_000, Infinity])(
    "with a budget of %s, the same bytes as from the files alone",
    (budget) =>
      withTempDir(async (dir) => {
        const out = await twoFeeds(dir, 60);
        await runCli(["fetch", join(dir, "a.rss"), join(dir, "b.rss"), "--out", out]);
        const before = lists(await snapshot(out));
        const written = await heldFromDisk(out, budget);
        for (const path of Object.keys(before)) await rm(join(out, path));
        await writeLists(out, { timezone: "UTC", feedTitles: new Map(), written });
        expect(lists(await snapshot(out))).toEqual(before);
        expect((await readdir(join(out, "a"))).sort()).toContain("feed.xml");
      }),
  );
});
