import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/model.js";
import { renderShard, type IndexEntry } from "../../src/writer/index-file.js";
import { parseItem, renderItem } from "../../src/writer/item-file.js";
import { indexEntryFor } from "../../src/writer/items.js";
import { itemHash, itemRelPath, monthOf } from "../../src/writer/layout.js";
import { rebuildIndex } from "../../src/writer/rebuild.js";
import { verifyArchive } from "../../src/writer/verify.js";
import { snapshot } from "../helpers/archive.js";
import { withTempDir } from "../helpers/paths.js";

const DAY = 86_400_000;
const feeds = ["a", "a-b", "zz"];

/** Items over three feeds and four months, some titles with Markdown, one body over 64 KB. */
function itemsOf(count: number): { path: string; item: Item }[] {
  return Array.from({ length: count }, (_, i) => {
    const published = Date.UTC(2024, 0, 1) + i * 3 * DAY + i * 1000;
    const feed = feeds[i % feeds.length] as string;
    const big = i === 7 ? "普".repeat(30_000) : "";
    const item: Item = {
      published,
      title: i % 4 === 0 ? `\\*Item\\* ${i} &amp; *em* 普京` : `Item ${i}`,
      link: `https://example.com/${i}?a=(1)`,
      body: `<div><i>date</i></div><p>${big}${i}</p>`,
    };
    return { path: itemRelPath(feed, published, itemHash(`item-${i}`), "txt"), item };
  });
}

async function write(out: string, path: string, text: string | Uint8Array) {
  await mkdir(dirname(join(out, path)), { recursive: true });
  await writeFile(join(out, path), text);
}

/** The index as the format defines it, made the plain way: whole files, whole texts. */
async function expectedShards(out: string, paths: string[]): Promise<Record<string, string>> {
  const byFile = new Map<string, IndexEntry[]>();
  for (const path of paths) {
    const item = parseItem(await readFile(join(out, path), "utf8"), path);
    const [feed, , name] = path.split("/") as [string, string, string];
    const file = `index/${feed}/${monthOf(item.published)}.jsonl`;
    const entry = indexEntryFor(item, feed, name.slice(0, 16), path);
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  return Object.fromEntries([...byFile].map(([file, entries]) => [file, renderShard(entries)]));
}

async function shardsOf(out: string): Promise<Record<string, string>> {
  const all = await snapshot(out);
  return Object.fromEntries(Object.entries(all).filter(([path]) => path.startsWith("index/")));
}

describe("index rebuild", () => {
  it("makes the shards the plain way would, reading each file once", () =>
    withTempDir(async (out) => {
      const items = itemsOf(60);
      for (const { path, item } of items) await write(out, path, renderItem(item));
      const result = await rebuildIndex(out);
      expect(result).toEqual({ items: 60, problems: [] });
      const paths = items.map((i) => i.path);
      expect(await shardsOf(out)).toEqual(await expectedShards(out, paths));
      // 60 items, one every 3 days from January to June 2024, over three feeds.
      expect(Object.keys(await shardsOf(out))).toHaveLength(18);
      expect((await verifyArchive(out)).problems).toEqual([]);
    }));

  it("reports bad files in file order, indexes strays in their own month, drops empty shards", () =>
    withTempDir(async (out) => {
      const items = itemsOf(12);
      for (const { path, item } of items) await write(out, path, renderItem(item));
      const [first, second] = items as [{ path: string; item: Item }, { path: string }];
      // Moved by hand into a later month's folder.
      const stray = `a/2024-02/${first.path.slice(-20)}`;
      await write(out, stray, renderItem(first.item));
      await write(out, "zz/2024-01/0123456789abcdef.txt", "not an item\n");
      await write(out, "a/2024-01/notes.md", "mine\n");
      await mkdir(join(out, "a-b/2024-01/fedcba9876543210.txt"));
      const broken = Buffer.from(renderItem(first.item).replace("------", "-----"));
      await write(out, second.path, broken);
      await write(out, "index/2023-12.jsonl", "{}\n");
      await write(out, "index/gone/2024-01.jsonl", "{}\n");

      const result = await rebuildIndex(out);
      expect(second.path.startsWith("a-b/")).toBe(true);
      expect(result.problems).toEqual([
        `${second.path}: not an item file: lines 3 and 4 are not ------ and an empty line`,
        "a-b/2024-01/fedcba9876543210.txt: a folder stands where a file is needed (read: EISDIR)",
        "a/2024-01/notes.md: not an item file name ({16 hex digits}.txt or .md)",
        "zz/2024-01/0123456789abcdef.txt: not an item file: it has 1 line, not 5",
      ]);
      expect(result.items).toBe(12);
      const good = items.filter((i) => i.path !== second.path).map((i) => i.path);
      expect(await shardsOf(out)).toEqual(await expectedShards(out, [...good, stray]));
      expect(await readdir(join(out, "index"))).not.toContain("2023-12.jsonl");
      expect(await readdir(join(out, "index"))).not.toContain("gone");
    }));
});
