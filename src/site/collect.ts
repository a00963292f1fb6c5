import { feedDirection } from "./direction.js";
import type { IndexEntry, SiteFeed } from "./model.js";
import type { DayCount } from "./list-pages.js";

/** What the config and the state say of a feed. */
export interface FeedFacts {
  title: string;
  lang?: string;
  siteLink?: string;
  url?: string;
}

/** How many titles tell a feed's script (its newest). */
const DIRECTION_SAMPLE = 50;

/** Entries grouped by feed, then by month, each list oldest first as the index sorts them. */
export function byFeedAndMonth(
  entries: readonly IndexEntry[],
): Map<string, Map<string, IndexEntry[]>> {
  const feeds = new Map<string, Map<string, IndexEntry[]>>();
  for (const e of entries) {
    let months = feeds.get(e.feed);
    if (!months) feeds.set(e.feed, (months = new Map()));
    const month = e.published.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(e);
    else months.set(month, [e]);
  }
  return feeds;
}

/** Per feed (sorted by id): its facts, counts, months and direction. */
export function siteFeeds(
  grouped: ReadonlyMap<string, ReadonlyMap<string, readonly IndexEntry[]>>,
  factsOf: (id: string) => FeedFacts,
): SiteFeed[] {
  return [...grouped.keys()].sort().map((id) => {
    const months = grouped.get(id) as ReadonlyMap<string, readonly IndexEntry[]>;
    const newest = newestOf(months, DIRECTION_SAMPLE);
    const facts = factsOf(id);
    return {
      id,
      ...facts,
      dir: feedDirection(
        facts.lang,
        newest.map((e) => e.title),
      ),
      count: [...months.values()].reduce((n, list) => n + list.length, 0),
      latest: newest[0]?.published ?? "1970-01-01T00:00:00.000Z",
      months: new Map([...months].map(([m, list]) => [m, list.length])),
    };
  });
}

/** The newest `limit` entries of a feed, newest first. */
export function newestOf(
  months: ReadonlyMap<string, readonly IndexEntry[]>,
  limit: number,
): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const month of [...months.keys()].sort().reverse()) {
    const list = months.get(month) as readonly IndexEntry[];
    for (let i = list.length - 1; i >= 0 && out.length < limit; i--)
      out.push(list[i] as IndexEntry);
    if (out.length >= limit) break;
  }
  return out;
}

/** Entries by day in the timezone, oldest first within a day; the days newest first. */
export function byDay(
  entries: readonly IndexEntry[],
  dayOf: (iso: string) => string,
): { days: DayCount[]; entries: Map<string, IndexEntry[]> } {
  const map = new Map<string, IndexEntry[]>();
  for (const e of entries) {
    const day = dayOf(e.published);
    const list = map.get(day);
    if (list) list.push(e);
    else map.set(day, [e]);
  }
  for (const list of map.values())
    list.sort((a, b) =>
      a.published === b.published ? (a.path < b.path ? -1 : 1) : a.published < b.published ? -1 : 1,
    );
  const days = [...map.keys()]
    .sort()
    .reverse()
    .map((day) => ({ day, count: map.get(day)?.length ?? 0 }));
  return { days, entries: map };
}
