import { readFile, readdir, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { writeFileAtomic } from "./atomic.js";
import { INDEX_DIR, feedShardRelPath, isMonth, legacyShardRelPath } from "./layout.js";
import type { WrittenFiles } from "./written.js";

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

/** An index file's text; undefined if there is none. */
async function readText(out: string, rel: string): Promise<string | undefined> {
  try {
    return await readFile(join(out, rel), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function readLines(out: string, rel: string): Promise<IndexEntry[]> {
  return parseLines(join(out, rel), (await readText(out, rel)) ?? "");
}

function parseLines(file: string, text: string): IndexEntry[] {
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
  /** Month → feeds having lines for it. */
  months: Map<string, string[]>;
  /** Feed → its months, oldest first. */
  feeds: Map<string, string[]>;
  /** Months with an older version's file across feeds, and its lines by feed. */
  legacy: Map<string, Map<string, IndexEntry[]>>;
  /** What this run wrote: the index files it still holds are not read again. */
  written?: WrittenFiles;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/**
 * Lists the index files (`only`: just those feeds' folders are listed). An older version's
 * month files are read whole here, once: they are there only until the next full run.
 */
export async function listIndex(out: string, only?: ReadonlySet<string>): Promise<IndexFiles> {
  const top = await names(join(out, INDEX_DIR));
  const files: IndexFiles = { months: new Map(), feeds: new Map(), legacy: new Map() };
  for (const feed of top) {
    if (feed.endsWith(".jsonl") || (only && !only.has(feed))) continue;
    for (const month of monthsIn(await names(join(out, INDEX_DIR, feed)))) {
      add(files.months, month, feed);
      add(files.feeds, feed, month);
    }
  }
  for (const month of monthsIn(top)) {
    const lines = await readLines(out, legacyShardRelPath(month));
    // A line without its feed or path belongs nowhere; `index` rebuilds it from the items.
    const usable = lines.filter((e) => typeof e.feed === "string" && typeof e.path === "string");
    const byFeed = groupBy(usable, (e) => e.feed);
    files.legacy.set(month, byFeed);
    for (const feed of byFeed.keys()) {
      if (only && !only.has(feed)) continue;
      add(files.months, month, feed);
      add(files.feeds, feed, month);
    }
  }
  for (const list of [...files.months.values(), ...files.feeds.values()]) list.sort();
  return files;
}

/** Every month in the index, oldest first. */
export function indexMonths(files: IndexFiles): string[] {
  return [...files.months.keys()].sort();
}

export async function readFeedShard(out: string, feed: string, month: string) {
  return readLines(out, feedShardRelPath(feed, month));
}

/** A feed's lines of one month, sorted: its own file, and what an older version's file adds. */
export async function readFeedMonth(
  out: string,
  files: IndexFiles,
  feed: string,
  month: string,
): Promise<IndexEntry[]> {
  const rel = feedShardRelPath(feed, month);
  const held = files.written?.shard(rel);
  const own = held === undefined ? await readLines(out, rel) : parseLines(join(out, rel), held);
  const old = files.legacy.get(month)?.get(feed);
  if (!old) return own;
  const paths = new Set(own.map((e) => e.path));
  return [...own, ...old.filter((e) => !paths.has(e.path))].sort(compareEntries);
}

/** One month's entries across feeds (`only`: just those feeds), sorted. */
export async function readMonth(
  out: string,
  files: IndexFiles,
  month: string,
  only?: ReadonlySet<string>,
): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const feed of files.months.get(month) ?? []) {
    if (only && !only.has(feed)) continue;
    for (const entry of await readFeedMonth(out, files, feed, month)) entries.push(entry);
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

/**
 * Writes a feed's month file, unless its bytes are already those. `old`: its text as the caller
 * just read it (undefined: no file), which spares reading it again.
 */
export async function writeFeedShard(
  out: string,
  feed: string,
  month: string,
  entries: readonly IndexEntry[],
  old?: { text: string | undefined },
): Promise<string | undefined> {
  const file = join(out, feedShardRelPath(feed, month));
  if (entries.length === 0) {
    await rm(file, { force: true });
    await rmdir(join(out, INDEX_DIR, feed)).catch(() => undefined);
    return undefined;
  }
  // `index` rewrites every file: the ones already right are left alone (no fsync, no new inode).
  const text = renderShard(entries);
  const before = old ? old.text : await readFile(file, "utf8").catch(() => undefined);
  if (before !== text) await writeFileAtomic(out, file, text);
  return text;
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

/**
 * Adds entries to their feed's month files, rewriting only the files that gain lines; each file
 * is read once. `written` is given each file's text as it now is, for the lists of this run.
 */
export async function addToIndex(
  out: string,
  added: readonly IndexEntry[],
  written?: WrittenFiles,
): Promise<string[]> {
  const groups = groupBy(added, (e) => `${e.feed}/${e.published.slice(0, 7)}`);
  for (const entries of groups.values()) {
    const { feed, published } = entries[0] as IndexEntry;
    const month = published.slice(0, 7);
    const rel = feedShardRelPath(feed, month);
    const old = { text: await readText(out, rel) };
    const existing = parseLines(join(out, rel), old.text ?? "");
    const keys = new Set(existing.map((e) => e.path));
    const more = entries.filter((e) => !keys.has(e.path));
    const text = await writeFeedShard(out, feed, month, [...existing, ...more], old);
    if (text !== undefined) written?.addShard(rel, text);
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
