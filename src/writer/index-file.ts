import { readFile, readdir, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { writeFileAtomic } from "./atomic.js";
import { INDEX_DIR, feedShardRelPath, isMonth, legacyShardRelPath } from "./layout.js";

/**
 * One line of {out}/index/{feed}/{YYYY-MM}.jsonl. Key order is part of the format. Each feed
 * has its own files, so that runs of different feeds (shards) never write the same file; older
 * versions wrote one file per month for every feed (index/{YYYY-MM}.jsonl), which readers still
 * take in and which the next run over every feed, or `newsmirror index`, splits.
 */
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

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
}

function monthsIn(files: readonly string[]): string[] {
  return files
    .filter((n) => n.endsWith(".jsonl") && isMonth(n.slice(0, -6)))
    .map((n) => n.slice(0, -6));
}

async function readLines(out: string, rel: string): Promise<IndexEntry[]> {
  const file = join(out, rel);
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

/** Which index files an archive has: one listing of index/ and of each feed's folder in it. */
export interface IndexFiles {
  /** Month → feeds having a file for it, sorted. */
  months: Map<string, string[]>;
  /** Months with an older version's file across feeds. */
  legacy: Set<string>;
}

/** Lists the index files (`only`: just those feeds' folders are listed). */
export async function listIndex(out: string, only?: ReadonlySet<string>): Promise<IndexFiles> {
  const top = await names(join(out, INDEX_DIR));
  const legacy = new Set(monthsIn(top));
  const months = new Map<string, string[]>();
  for (const feed of top) {
    if (feed.endsWith(".jsonl") || (only && !only.has(feed))) continue;
    for (const month of monthsIn(await names(join(out, INDEX_DIR, feed)))) {
      const feeds = months.get(month);
      if (feeds) feeds.push(feed);
      else months.set(month, [feed]);
    }
  }
  return { months, legacy };
}

/** Every month in the index, oldest first. */
export function indexMonths(files: IndexFiles): string[] {
  return [...new Set([...files.months.keys(), ...files.legacy])].sort();
}

export async function readFeedShard(out: string, feed: string, month: string) {
  return readLines(out, feedShardRelPath(feed, month));
}

/**
 * One month's entries across feeds (`only`: just those feeds), sorted; an older version's
 * file adds what the feeds' own files lack.
 */
export async function readMonth(
  out: string,
  files: IndexFiles,
  month: string,
  only?: ReadonlySet<string>,
): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  const paths = new Set<string>();
  for (const feed of files.months.get(month) ?? []) {
    if (only && !only.has(feed)) continue;
    for (const entry of await readFeedShard(out, feed, month)) {
      entries.push(entry);
      paths.add(entry.path);
    }
  }
  if (files.legacy.has(month)) {
    for (const entry of await readLines(out, legacyShardRelPath(month)))
      if (!paths.has(entry.path) && (!only || only.has(entry.feed))) entries.push(entry);
  }
  return entries.sort(compareEntries);
}

/** Every month in the index, oldest first (listing the whole index). */
export async function listShardMonths(out: string): Promise<string[]> {
  return indexMonths(await listIndex(out));
}

/** One month across feeds, sorted, as one file of older versions had it. */
export async function readShard(out: string, month: string): Promise<IndexEntry[]> {
  return readMonth(out, await listIndex(out), month);
}

export async function writeFeedShard(
  out: string,
  feed: string,
  month: string,
  entries: readonly IndexEntry[],
) {
  const file = join(out, feedShardRelPath(feed, month));
  if (entries.length === 0) {
    await rm(file, { force: true });
    await rmdir(join(out, INDEX_DIR, feed)).catch(() => undefined);
  } else await writeFileAtomic(out, file, renderShard(entries));
}

/** Removes an older version's month file, once its lines are in the feeds' own files. */
export async function removeLegacyShard(out: string, month: string): Promise<void> {
  await rm(join(out, legacyShardRelPath(month)), { force: true });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Adds entries to their feed's month files, rewriting only the files that gain lines. */
export async function addToIndex(out: string, added: readonly IndexEntry[]): Promise<string[]> {
  const groups = groupBy(added, (e) => `${e.feed}/${e.published.slice(0, 7)}`);
  for (const entries of groups.values()) {
    const { feed, published } = entries[0] as IndexEntry;
    const month = published.slice(0, 7);
    const existing = await readFeedShard(out, feed, month);
    const keys = new Set(existing.map((e) => e.path));
    await writeFeedShard(out, feed, month, [
      ...existing,
      ...entries.filter((e) => !keys.has(e.path)),
    ]);
  }
  return [...new Set(added.map((e) => e.published.slice(0, 7)))].sort();
}

/**
 * Splits an older version's month files into the feeds' own files, then removes them. Crash
 * safe: a feed's file is the union of what it has and the old file's lines, so doing it again
 * after a kill gives the same files, and the old file goes only once every line is elsewhere.
 */
export async function splitLegacyIndex(out: string): Promise<number> {
  const legacy = monthsIn(await names(join(out, INDEX_DIR)));
  for (const month of legacy) {
    const old = await readLines(out, legacyShardRelPath(month));
    for (const [feed, entries] of groupBy(old, (e) => e.feed)) {
      const existing = await readFeedShard(out, feed, month);
      const keys = new Set(existing.map((e) => e.path));
      const more = entries.filter((e) => !keys.has(e.path));
      if (more.length > 0) await writeFeedShard(out, feed, month, [...existing, ...more]);
    }
    await removeLegacyShard(out, month);
  }
  return legacy.length;
}
