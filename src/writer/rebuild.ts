import { indexEntryFor, readItemHead, scanMonth } from "./items.js";
import { listShardMonths, readShard, writeShard, type IndexEntry } from "./index-file.js";
import { monthOf } from "./layout.js";
import { monthsAcrossFeeds } from "./walk.js";

export interface RebuildResult {
  items: number;
  problems: string[];
}

/**
 * Rebuilds every index shard from the item files alone, one month at a time so memory stays
 * bounded by the largest month, never the archive.
 */
export async function rebuildIndex(out: string): Promise<RebuildResult> {
  const months = await monthsAcrossFeeds(out);
  const result: RebuildResult = { items: 0, problems: [] };
  // Items whose folder month differs from their published month (moved by hand): rare, merged last.
  const strays = new Map<string, IndexEntry[]>();
  const written = new Set<string>();
  for (const [month, feeds] of months) {
    const entries: IndexEntry[] = [];
    const problems = await scanMonth(out, month, feeds, readItemHead, (file, head) => {
      const entry = indexEntryFor(head, file.feed, file.hash, file.path);
      const shard = monthOf(head.published);
      if (shard === month) entries.push(entry);
      else {
        const list = strays.get(shard);
        if (list) list.push(entry);
        else strays.set(shard, [entry]);
      }
      result.items++;
    });
    result.problems.push(...problems);
    await writeShard(out, month, entries);
    written.add(month);
  }
  for (const [shard, entries] of strays) {
    const base = written.has(shard) ? await readShard(out, shard) : [];
    await writeShard(out, shard, [...base, ...entries]);
    written.add(shard);
  }
  for (const month of await listShardMonths(out)) {
    if (!written.has(month)) await writeShard(out, month, []);
  }
  return result;
}
