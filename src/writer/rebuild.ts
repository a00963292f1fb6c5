import { indexEntryFor, readItemHead, scanMonth } from "./items.js";
import {
  listIndex,
  readFeedShard,
  removeLegacyShard,
  writeFeedShard,
  type IndexEntry,
} from "./index-file.js";
import { monthOf } from "./layout.js";
import { monthsAcrossFeeds } from "./walk.js";

export interface RebuildResult {
  items: number;
  problems: string[];
}

/** Month → feed → entries. */
type Entries = Map<string, Map<string, IndexEntry[]>>;

function put(entries: Entries, month: string, entry: IndexEntry): void {
  let byFeed = entries.get(month);
  if (!byFeed) entries.set(month, (byFeed = new Map()));
  const list = byFeed.get(entry.feed);
  if (list) list.push(entry);
  else byFeed.set(entry.feed, [entry]);
}

/**
 * Rebuilds every index file from the item files alone, one month at a time so memory stays
 * bounded by the largest month, never the archive; files of an older layout are removed.
 */
export async function rebuildIndex(out: string): Promise<RebuildResult> {
  const before = await listIndex(out);
  const months = await monthsAcrossFeeds(out);
  const result: RebuildResult = { items: 0, problems: [] };
  // Items whose folder month differs from their published month (moved by hand): rare, merged last.
  const strays: Entries = new Map();
  const written = new Set<string>();
  for (const [month, feeds] of months) {
    const entries: Entries = new Map();
    const problems = await scanMonth(out, month, feeds, readItemHead, (file, head) => {
      const entry = indexEntryFor(head, file.feed, file.hash, file.path);
      const shard = monthOf(head.published);
      put(shard === month ? entries : strays, shard, entry);
      result.items++;
    });
    result.problems.push(...problems);
    for (const [feed, list] of entries.get(month) ?? []) {
      await writeFeedShard(out, feed, month, list);
      written.add(`${feed}/${month}`);
    }
  }
  for (const [month, byFeed] of strays) {
    for (const [feed, list] of byFeed) {
      const key = `${feed}/${month}`;
      const base = written.has(key) ? await readFeedShard(out, feed, month) : [];
      await writeFeedShard(out, feed, month, [...base, ...list]);
      written.add(key);
    }
  }
  for (const [month, feeds] of before.months) {
    for (const feed of feeds)
      if (!written.has(`${feed}/${month}`)) await writeFeedShard(out, feed, month, []);
  }
  for (const month of before.legacy.keys()) await removeLegacyShard(out, month);
  return result;
}
