import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { writeFileAtomic } from "./atomic.js";
import { INDEX_DIR, isMonth, shardRelPath } from "./layout.js";

/** One line of {out}/index/{YYYY-MM}.jsonl. Key order is part of the format. */
export interface IndexEntry {
  id: string;
  feed: string;
  title: string;
  link: string;
  published: string;
  path: string;
}

export function makeIndexEntry(fields: IndexEntry): IndexEntry {
  const { id, feed, title, link, published, path } = fields;
  return { id, feed, title, link, published, path };
}

export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  if (a.published !== b.published) return a.published < b.published ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.feed < b.feed ? -1 : a.feed > b.feed ? 1 : 0;
}

export function renderShard(entries: readonly IndexEntry[]): string {
  return [...entries]
    .sort(compareEntries)
    .map((e) => `${JSON.stringify(makeIndexEntry(e))}\n`)
    .join("");
}

export async function listShardMonths(out: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(out, INDEX_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((n) => n.endsWith(".jsonl") && isMonth(n.slice(0, -6)))
    .map((n) => n.slice(0, -6))
    .sort();
}

export async function readShard(out: string, month: string): Promise<IndexEntry[]> {
  const file = join(out, shardRelPath(month));
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as IndexEntry;
      } catch {
        throw new NewsmirrorError("E_IO", `${file}:${i + 1}: not a JSON line`, {
          suggestion: "run `newsmirror index` to rebuild the index from the item files",
        });
      }
    });
}

export async function writeShard(out: string, month: string, entries: IndexEntry[]) {
  const file = join(out, shardRelPath(month));
  if (entries.length === 0) await rm(file, { force: true });
  else await writeFileAtomic(out, file, renderShard(entries));
}

/** Adds entries to their month shards, rewriting only the shards that gain lines. */
export async function addToIndex(out: string, added: readonly IndexEntry[]): Promise<string[]> {
  const byMonth = new Map<string, IndexEntry[]>();
  for (const entry of added) {
    const month = entry.published.slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(entry);
    else byMonth.set(month, [entry]);
  }
  for (const [month, entries] of byMonth) {
    const existing = await readShard(out, month);
    const keys = new Set(existing.map((e) => e.path));
    await writeShard(out, month, [...existing, ...entries.filter((e) => !keys.has(e.path))]);
  }
  return [...byMonth.keys()].sort();
}
