import { open } from "node:fs/promises";
import { join } from "node:path";
import { assertArchive } from "../writer/dirs.js";
import { isItemFileName } from "../writer/layout.js";
import { readState, type FeedState } from "../writer/state.js";
import { listFeedMonths, listFeeds, listMonthFiles } from "../writer/walk.js";

/** `new`: a feed of the config that no run has fetched yet (no state, no item): no alert. */
export type Health = "dead" | "stale" | "failing" | "new" | "ok";

export interface FeedStatus {
  feed: string;
  health: Health;
  /** When the feed last brought a new item (ISO 8601), from the state. */
  lastNews?: string;
  /** The newest archived item's date (ISO 8601). */
  newest?: string;
  items: number;
  failingSince?: string;
  lastError?: { code: string; message: string };
}

const ORDER: Record<Health, number> = { dead: 0, stale: 1, failing: 2, new: 3, ok: 4 };

/** Line 1 of an item file: `<!--ms-->`. Only the first bytes are read. */
async function publishedOf(file: string): Promise<number | undefined> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(32), 0, 32, 0);
    const ms = /^<!--(\d+)-->/.exec(buffer.subarray(0, bytesRead).toString("latin1"))?.[1];
    return ms === undefined ? undefined : Number(ms);
  } finally {
    await handle.close();
  }
}

/** Items and the newest item's time, from file names and the newest month's first lines. */
async function archived(out: string, feed: string): Promise<{ items: number; newest?: number }> {
  let items = 0;
  let newest: number | undefined;
  const months = await listFeedMonths(out, feed);
  for (const month of months) {
    const names = (await listMonthFiles(out, feed, month)).filter(isItemFileName);
    items += names.length;
    if (month !== months.at(-1)) continue;
    for (const name of names) {
      const ms = await publishedOf(join(out, feed, month, name));
      if (ms !== undefined && (newest === undefined || ms > newest)) newest = ms;
    }
  }
  return { items, newest };
}

function healthOf(
  state: FeedState,
  newest: number | undefined,
  now: number,
  maxAgeMs: number,
): Health {
  const failing = state.failingSince ? Date.parse(state.failingSince) : undefined;
  if (failing !== undefined && now - failing > maxAgeMs) return "dead";
  const news = state.lastNews ? Date.parse(state.lastNews) : newest;
  // A feed that never brought anything is judged by its failures alone: we do not know its age.
  if (news === undefined) return failing !== undefined ? "failing" : "stale";
  if (now - news > maxAgeMs) return "stale";
  return failing !== undefined ? "failing" : "ok";
}

/**
 * `newsmirror status`: every feed of the config and of the archive, with the ones past their
 * age (failing, or no new item, for longer than `maxAgeMs`) first.
 */
export async function runStatus(settings: {
  out: string;
  feeds: readonly string[];
  now: number;
  maxAgeMs: number;
}): Promise<FeedStatus[]> {
  await assertArchive(settings.out);
  const state = await readState(settings.out);
  const named = new Set([...settings.feeds, ...Object.keys(state)]);
  const ids = [...new Set([...named, ...(await listFeeds(settings.out))])];
  const statuses: FeedStatus[] = [];
  for (const feed of ids) {
    const { items, newest } = await archived(settings.out, feed);
    // A folder that is no feed of the config, has no state and holds no item is not a feed.
    if (!named.has(feed) && items === 0) continue;
    const entry = state[feed] ?? {};
    const fetched = state[feed] !== undefined || items > 0;
    statuses.push({
      feed,
      health: fetched ? healthOf(entry, newest, settings.now, settings.maxAgeMs) : "new",
      lastNews: entry.lastNews,
      newest: newest === undefined ? undefined : new Date(newest).toISOString(),
      items,
      failingSince: entry.failingSince,
      lastError: entry.lastError,
    });
  }
  return statuses.sort((a, b) => ORDER[a.health] - ORDER[b.health] || (a.feed < b.feed ? -1 : 1));
}
