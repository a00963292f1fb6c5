import { readdir } from "node:fs/promises";
import { assertArchive } from "./dirs.js";
import { indexEntryFor, readItemHead, scanMonth, type StoredFile } from "./items.js";
import {
  compareEntries,
  indexMonths,
  listIndex,
  readFeedShard,
  type IndexEntry,
} from "./index-file.js";
import { feedShardRelPath, monthOf, type ItemExtension } from "./layout.js";
import { tmpDir } from "./atomic.js";
import { monthsAcrossFeeds } from "./walk.js";

export interface VerifyResult {
  items: number;
  problems: string[];
}

function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares one feed's index file of a month with the item files of that month. */
function compareMonth(
  month: string,
  where: string,
  shard: IndexEntry[],
  expected: Map<string, IndexEntry>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  shard.forEach((entry, i) => {
    const line = `${where}:${i + 1}`;
    const previous = shard[i - 1];
    if (previous && compareEntries(previous, entry) > 0)
      problems.push(`${line}: lines out of order`);
    if (seen.has(entry.path)) problems.push(`${line}: ${entry.path} listed twice`);
    seen.add(entry.path);
    const want = expected.get(entry.path);
    if (!want) problems.push(`${line}: lists ${entry.path}, which is not an item file of ${month}`);
    else if (!sameEntry(entry, want)) problems.push(`${line}: does not match ${entry.path}`);
  });
  for (const path of expected.keys()) {
    if (!seen.has(path)) problems.push(`${path}: missing from ${where}`);
  }
  return problems;
}

/**
 * Each feed's index file of the month against its item files; an older version's file across
 * feeds (not split yet) stands in for the feeds' own.
 */
async function compareFeeds(
  out: string,
  index: Awaited<ReturnType<typeof listIndex>>,
  month: string,
  expected: Map<string, IndexEntry>,
): Promise<string[]> {
  const problems: string[] = [];
  const byFeed = new Map<string, Map<string, IndexEntry>>();
  for (const [path, entry] of expected)
    byFeed.set(entry.feed, (byFeed.get(entry.feed) ?? new Map()).set(path, entry));
  const legacy = index.legacy.get(month);
  const feeds = new Set([...(index.months.get(month) ?? []), ...byFeed.keys()]);
  for (const feed of [...feeds].sort()) {
    const own = await readFeedShard(out, feed, month).catch(
      (error: Error) => (problems.push(error.message), [] as IndexEntry[]),
    );
    const paths = new Set(own.map((e) => e.path));
    const old = (legacy?.get(feed) ?? []).filter((e) => !paths.has(e.path));
    const shard = old.length > 0 ? [...own, ...old].sort(compareEntries) : own;
    const where = feedShardRelPath(feed, month);
    problems.push(...compareMonth(month, where, shard, byFeed.get(feed) ?? new Map()));
  }
  return problems;
}

/**
 * Item files named with the other extension than the archive's (a migration not run yet), and
 * one item stored under both names: told apart from any other problem, with the way out.
 */
function namingCheck(extension: ItemExtension | undefined) {
  const seen = new Set<string>();
  return (file: StoredFile): string | undefined => {
    const key = `${file.feed}/${file.month}/${file.hash}`;
    if (seen.has(key)) return `${key}: stored as both .txt and .md`;
    seen.add(key);
    if (extension === undefined || file.extension === extension) return undefined;
    return `${file.path}: named .${file.extension}, but the archive's items are .${extension} (run \`newsmirror migrate-extension\`)`;
  };
}

/**
 * Checks that every item file parses and lies where its content says, and that index and
 * files agree. Read-only; one month at a time.
 */
export async function verifyArchive(out: string, extension?: ItemExtension): Promise<VerifyResult> {
  await assertArchive(out);
  const result: VerifyResult = { items: 0, problems: [] };
  const named = namingCheck(extension);
  const months = await monthsAcrossFeeds(out);
  const index = await listIndex(out);
  const shardMonths = [...new Set([...indexMonths(index), ...months.keys()])].sort();
  // Items moved by hand into another month's folder: reported, then expected in their own shard.
  const strays = new Map<string, Map<string, IndexEntry>>();
  for (const month of shardMonths) {
    const expected = strays.get(month) ?? new Map<string, IndexEntry>();
    const problems = await scanMonth(
      out,
      month,
      months.get(month) ?? [],
      readItemHead,
      (file, head) => {
        result.items++;
        const naming = named(file);
        if (naming) result.problems.push(naming);
        const entry = indexEntryFor(head, file.feed, file.hash, file.path);
        const shard = monthOf(head.published);
        if (shard === month) {
          expected.set(file.path, entry);
          return;
        }
        result.problems.push(
          `${file.path}: published in ${shard}, but lies in the ${month} folder`,
        );
        if (shard > month)
          strays.set(shard, (strays.get(shard) ?? new Map()).set(file.path, entry));
      },
    );
    result.problems.push(...problems);
    result.problems.push(...(await compareFeeds(out, index, month, expected)));
  }
  const leftovers = await readdir(tmpDir(out)).catch(() => []);
  if (leftovers.length > 0) {
    result.problems.push(
      `${tmpDir(out)}: ${leftovers.length} temporary file(s) of an interrupted run`,
    );
  }
  return result;
}
