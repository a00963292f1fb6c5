import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { cachedZonedDates, MINUTE_PARTS } from "../text/zoned-dates.js";
import { ATOM_FILE, ATOM_LENGTH, readItemFrom, renderAtom, type ItemReader } from "./atom.js";
import { writeFileAtomic } from "./atomic.js";
import {
  indexMonths,
  listIndex,
  readFeedMonth,
  readMonth,
  type IndexEntry,
  type IndexFiles,
} from "./index-file.js";
import { DAYS_DIR, LIST_FILE } from "./layout.js";
import {
  FEED_LIST_LENGTH,
  renderDayList,
  renderDaysIndex,
  renderFeedList,
  renderFrontList,
  renderAllFeeds,
  ALL_FEEDS_PAGE,
  FRONT_FEEDS,
  renderMonthList,
  type DayCount,
  type Dates,
  type FeedInfo,
  type FeedSummary,
} from "./list-pages.js";
import { readState, type State } from "./state.js";
import type { WrittenFiles } from "./written.js";

export interface ListOptions {
  timezone: string;
  /** Display names of feeds (from the config); else the channel title remembered in the state. */
  feedTitles: ReadonlyMap<string, string>;
  /** The feeds' state as the run has it; read from the archive when absent. */
  state?: State;
  /** Where the archive is published (the config's baseUrl): the Atom feeds' links are under it. */
  baseUrl?: string;
  /** What the run wrote and still holds: read from memory instead of from the files. */
  written?: WrittenFiles;
}

function partsIn(timezone: string) {
  // Made on first use: for UTC the cached formatter below may never need it.
  let format: Intl.DateTimeFormat | undefined;
  return (iso: string) => {
    format ??= new Intl.DateTimeFormat("en-CA", { timeZone: timezone, ...MINUTE_PARTS });
    return Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  };
}

/** "YYYY-MM-DD HH:MM" in the timezone, from Intl for each date: what the cached form must equal. */
export function exactDateFormatter(timezone: string): (iso: string) => string {
  const parts = partsIn(timezone);
  return (iso) => {
    const p = parts(iso);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}

/**
 * "YYYY-MM-DD HH:MM" in the timezone, Intl asked once per UTC day (text/zoned-dates.ts); in UTC,
 * the default, not at all.
 */
export function dateFormatter(timezone: string): (iso: string) => string {
  return cachedZonedDates(exactDateFormatter(timezone), timezone === "UTC" ? 0 : undefined);
}

/** "YYYY-MM-DD": the day in the timezone. */
export function dayFormatter(timezone: string): (iso: string) => string {
  const full = dateFormatter(timezone);
  return (iso) => full(iso).slice(0, 10);
}

async function writeIfChanged(out: string, file: string, text: string): Promise<boolean> {
  const old = await readFile(file, "utf8").catch(() => undefined);
  if (old === text) return false;
  await writeFileAtomic(out, file, text);
  return true;
}

function feedInfo(options: ListOptions, state: State): (feed: string) => FeedInfo {
  return (feed) => {
    const s = state[feed] ?? {};
    return {
      title: options.feedTitles.get(feed) ?? s.title ?? feed,
      siteLink: s.siteLink,
      url: s.url,
    };
  };
}

/**
 * Days in the timezone, written as soon as no older shard can add to them: a shard holds one
 * UTC month, and every earlier entry is before its first instant, so any day after the day of
 * (month start − 1 ms) is complete. Memory holds about one month of entries.
 */
class DayPages {
  private open = new Map<string, IndexEntry[]>();
  readonly days: DayCount[] = [];
  private readonly dayOf: (iso: string) => string;

  constructor(
    private readonly write: (day: string, entries: IndexEntry[]) => Promise<void>,
    timezone: string,
  ) {
    this.dayOf = dayFormatter(timezone);
  }

  add(entry: IndexEntry): void {
    const day = this.dayOf(entry.published);
    const list = this.open.get(day);
    if (list) list.push(entry);
    else this.open.set(day, [entry]);
  }

  /** After the shard of `month`: writes the days no older shard can reach. */
  async flush(month?: string): Promise<void> {
    const limit = month
      ? this.dayOf(new Date(Date.parse(`${month}-01T00:00:00Z`) - 1).toISOString())
      : "";
    const done = [...this.open.keys()]
      .filter((day) => day > limit)
      .sort()
      .reverse();
    for (const day of done) {
      const entries = (this.open.get(day) ?? []).reverse();
      this.open.delete(day);
      this.days.push({ day, count: entries.length });
      await this.write(day, entries);
    }
  }
}

/**
 * Renders the lists: each feed's page and month pages (only the feeds in `only`, when given),
 * then the day pages across feeds, the front page and the archive's Atom feed. Each feed's pages
 * are made from its own index files alone, one feed at a time; the shared pages from one pass
 * over the index, newest month first. Memory holds one feed, or one month. Only files whose bytes
 * change are written. `feedsOnly` (a shard's run): only the feeds' pages, reading only their
 * index; what every feed shares is left to `index`.
 */
export async function writeLists(
  out: string,
  options: ListOptions,
  only?: ReadonlySet<string>,
  feedsOnly = false,
) {
  const shared = !(feedsOnly && only);
  const state = options.state ?? (await readState(out));
  const pages: Pages = {
    out,
    infoOf: feedInfo(options, state),
    dates: { timezone: options.timezone, full: dateFormatter(options.timezone) },
    index: { ...(await listIndex(out, shared ? undefined : only)), written: options.written },
    baseUrl: options.baseUrl,
    read: itemReader(out, options.written),
  };
  for (const feed of [...pages.index.feeds.keys()].sort())
    if (!only || only.has(feed)) await writeFeedPages(pages, feed);
  if (shared) await writeSharedPages(pages, options.timezone);
}

/** Items this run wrote come from memory, the others from their files. */
function itemReader(out: string, written: WrittenFiles | undefined): ItemReader {
  const fromFile = readItemFrom(out);
  if (!written) return fromFile;
  return async (path) => written.item(path) ?? fromFile(path);
}

interface Pages {
  out: string;
  baseUrl: string | undefined;
  read: ItemReader;
  infoOf: (feed: string) => FeedInfo;
  dates: Dates;
  index: IndexFiles;
}

/** A feed's month pages, its page and its Atom feed, from its own index files. */
async function writeFeedPages(pages: Pages, feed: string): Promise<void> {
  const { out, index, dates } = pages;
  const info = pages.infoOf(feed);
  const months = [...(index.feeds.get(feed) ?? [])].reverse();
  const s: FeedSummary = { count: 0, latest: "", newest: [], months: new Map() };
  for (const month of months) {
    const entries = await readFeedMonth(out, index, feed, month);
    if (entries.length === 0) continue;
    s.latest ||= (entries[entries.length - 1] as IndexEntry).published;
    s.count += entries.length;
    s.months.set(month, entries.length);
    for (let i = entries.length - 1; i >= 0 && s.newest.length < FEED_LIST_LENGTH; i--)
      s.newest.push(entries[i] as IndexEntry);
    const text = renderMonthList(feed, month, entries, info, dates);
    await writeIfChanged(out, join(out, feed, month, LIST_FILE), text);
  }
  if (s.count === 0) return;
  const { title, siteLink } = info;
  const atom = {
    ...{ id: `urn:newsmirror:${feed}`, title, dir: feed, entries: s.newest, siteLink },
    baseUrl: pages.baseUrl,
  };
  await writeIfChanged(out, join(out, feed, ATOM_FILE), await renderAtom(out, atom, pages.read));
  await writeIfChanged(out, join(out, feed, LIST_FILE), renderFeedList(feed, s, info, dates));
}

/** The day pages, the list of days, the archive's Atom feed and the front page. */
async function writeSharedPages(pages: Pages, timezone: string): Promise<void> {
  const { out, index, infoOf, dates } = pages;
  const summaries = new Map<string, FeedSummary>();
  const days = new DayPages(async (day, entries) => {
    const text = renderDayList(day, entries, infoOf, dates);
    await writeIfChanged(out, join(out, DAYS_DIR, `${day}.md`), text);
  }, timezone);
  const newest: IndexEntry[] = [];
  for (const month of indexMonths(index).reverse()) {
    const shard = await readMonth(out, index, month);
    for (let i = shard.length - 1; i >= 0 && newest.length < ATOM_LENGTH; i--)
      newest.push(shard[i] as IndexEntry);
    for (const entry of shard) {
      let s = summaries.get(entry.feed);
      if (!s)
        summaries.set(entry.feed, (s = { count: 0, latest: "", newest: [], months: new Map() }));
      s.count++;
      if (entry.published > s.latest) s.latest = entry.published;
      days.add(entry);
    }
    await days.flush(month);
  }
  await days.flush();
  const sorted = new Map([...summaries].sort(([a], [b]) => (a < b ? -1 : 1)));
  if (days.days.length > 0)
    await writeIfChanged(out, join(out, DAYS_DIR, LIST_FILE), renderDaysIndex(days.days, dates));
  const atom = {
    ...{ id: "urn:newsmirror:archive", title: "News archive", dir: "", entries: newest },
    baseUrl: pages.baseUrl,
  };
  await writeIfChanged(out, join(out, ATOM_FILE), await renderAtom(out, atom, pages.read));
  await writeIfChanged(
    out,
    join(out, LIST_FILE),
    renderFrontList(sorted, infoOf, days.days, dates),
  );
  const all = join(out, ALL_FEEDS_PAGE);
  if (sorted.size > FRONT_FEEDS)
    await writeIfChanged(out, all, renderAllFeeds(sorted, infoOf, dates));
  else await rm(all, { force: true });
}
