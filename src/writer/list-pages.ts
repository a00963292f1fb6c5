import type { IndexEntry } from "./index-file.js";
import { escapeLinkDestination } from "../text/markdown-link.js";
import { DAYS_DIR, INDEX_DIR, LIST_FILE } from "./layout.js";
import { counted, thousands } from "../text/plural.js";

/** How many items a feed's page shows; its month pages list the rest. */
export const FEED_LIST_LENGTH = 300;
/** How many days the front page links; days/README.md links them all. */
export const FRONT_DAYS = 14;

/** What the lists say of a feed besides its items. */
export interface FeedInfo {
  title: string;
  /** The site the feed belongs to (its channel link). */
  siteLink?: string;
  /** The feed's own URL. */
  url?: string;
}

export interface FeedSummary {
  count: number;
  /** The newest item's time: when the feed last had news, derived from the items alone. */
  latest: string;
  newest: IndexEntry[];
  /** Month → items, every month the feed has. */
  months: Map<string, number>;
}

export interface DayCount {
  day: string;
  count: number;
}

/** The index keeps plain titles; lists are Markdown, so escape what Markdown would act on. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&-]/g, "\\$&") || "(untitled)";
}

function link(text: string, target: string): string {
  return `[${escapeText(text)}](${escapeLinkDestination(target)})`;
}

/** Dates and months need no escaping: digits and "-" only. */
function dateLink(date: string, target: string): string {
  return `[${date}](${escapeLinkDestination(target)})`;
}

function itemLine(entry: IndexEntry, date: string, target: string): string {
  return `- ${date} ${link(entry.title, target)}`;
}

function sourceLine(info: FeedInfo, latest: string, d: Dates): string {
  const parts: string[] = [];
  if (info.siteLink) parts.push(`Source: ${link(hostOf(info.siteLink), info.siteLink)}`);
  if (info.url && /^https?:/.test(info.url)) parts.push(`feed: ${link(info.url, info.url)}`);
  parts.push(`latest item ${d.full(latest)} (${d.timezone})`);
  return parts.join(" · ");
}

export interface Dates {
  timezone: string;
  /** "YYYY-MM-DD HH:MM" in the timezone. */
  full: (iso: string) => string;
}

export function renderFeedList(feed: string, s: FeedSummary, info: FeedInfo, d: Dates): string {
  const shown = Math.min(s.count, FEED_LIST_LENGTH);
  const months = [...s.months].sort(([a], [b]) => (a < b ? 1 : -1));
  const lines = [
    `# ${escapeText(info.title)}`,
    "",
    `${counted(s.count, "item")} in ${counted(months.length, "month")}; ${shown < s.count ? `the newest ${shown} below, every month at the end` : "newest first, by month at the end"}. [All feeds](../${LIST_FILE})`,
    "",
  ];
  lines.push(`${sourceLine(info, s.latest, d)} · [Atom feed](feed.xml)`, "");
  lines.push(
    ...s.newest.map((e) => itemLine(e, d.full(e.published), e.path.slice(feed.length + 1))),
  );
  lines.push("", "## Months", "");
  lines.push(
    ...months.map(([m, n]) => `- ${dateLink(m, `${m}/${LIST_FILE}`)}: ${counted(n, "item")}`),
  );
  return `${lines.join("\n")}\n`;
}

export function renderMonthList(
  feed: string,
  month: string,
  entries: readonly IndexEntry[],
  info: FeedInfo,
  d: Dates,
): string {
  const prefix = `${feed}/${month}/`;
  const lines = [
    `# ${escapeText(info.title)}: ${month}`,
    "",
    `${counted(entries.length, "item")}, newest first (${d.timezone}). [${escapeText(info.title)}](../${LIST_FILE})`,
    "",
    ...[...entries]
      .reverse()
      .map((e) => itemLine(e, d.full(e.published), e.path.slice(prefix.length))),
  ];
  return `${lines.join("\n")}\n`;
}

export function renderDayList(
  day: string,
  entries: readonly IndexEntry[],
  infoOf: (feed: string) => FeedInfo,
  d: Dates,
): string {
  const byFeed = new Map<string, IndexEntry[]>();
  for (const e of entries) byFeed.set(e.feed, [...(byFeed.get(e.feed) ?? []), e]);
  const lines = [
    `# ${day}`,
    "",
    `${counted(entries.length, "item")} from ${counted(byFeed.size, "feed")} (${d.timezone}). [All feeds](../${LIST_FILE}) · [All days](${LIST_FILE})`,
  ];
  for (const feed of [...byFeed.keys()].sort()) {
    lines.push("", `## ${link(infoOf(feed).title, `../${feed}/${LIST_FILE}`)}`, "");
    const items = [...(byFeed.get(feed) ?? [])].reverse();
    lines.push(...items.map((e) => itemLine(e, d.full(e.published).slice(11), `../${e.path}`)));
  }
  return `${lines.join("\n")}\n`;
}

export function renderDaysIndex(days: readonly DayCount[], d: Dates): string {
  const lines = [
    "# Days",
    "",
    `Every day with news, newest first (${d.timezone}). [All feeds](../${LIST_FILE})`,
    "",
    ...days.map(({ day, count }) => `- ${dateLink(day, `${day}.md`)}: ${counted(count, "item")}`),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The front page: a table of feeds, not their items. Past FRONT_FEEDS feeds it shows those with
 * the newest items and links the whole table (index/README.md), so that 10,000 feeds leave the
 * front page as small as 500 do (GitHub stops rendering a page at about 512 KB).
 */
export const FRONT_FEEDS = 500;
/** Where the whole table of feeds goes when the front page has only the newest. */
export const ALL_FEEDS_PAGE = `${INDEX_DIR}/${LIST_FILE}`;

export function renderFrontList(
  summaries: ReadonlyMap<string, FeedSummary>,
  infoOf: (feed: string) => FeedInfo,
  days: readonly DayCount[],
  d: Dates,
): string {
  const total = [...summaries.values()].reduce((n, s) => n + s.count, 0);
  const lines = ["# News archive", ""];
  if (summaries.size === 0) return `${[...lines, "No items yet."].join("\n")}\n`;
  lines.push(
    `${counted(summaries.size, "feed")}, ${counted(total, "item")} (${d.timezone}). Subscribe: [Atom feed](feed.xml)`,
    "",
  );
  lines.push("## Days", "");
  for (const { day, count } of days.slice(0, FRONT_DAYS))
    lines.push(`- ${dateLink(day, `${DAYS_DIR}/${day}.md`)}: ${counted(count, "item")}`);
  lines.push(`- ${link("All days", `${DAYS_DIR}/${LIST_FILE}`)}`, "");
  lines.push("## Feeds", "");
  let shown = [...summaries];
  if (summaries.size > FRONT_FEEDS) {
    shown = shown
      .sort(([a, x], [b, y]) =>
        x.latest !== y.latest ? (x.latest < y.latest ? 1 : -1) : a < b ? -1 : 1,
      )
      .slice(0, FRONT_FEEDS);
    lines.push(
      `The ${FRONT_FEEDS} feeds with the newest items; ${link(`all ${counted(summaries.size, "feed")}`, ALL_FEEDS_PAGE)}, A to Z.`,
      "",
    );
  }
  lines.push(...feedTable(shown, infoOf, d, ""));
  return `${lines.join("\n")}\n`;
}

/** index/README.md: every feed, A to Z, when the front page shows only the newest. */
export function renderAllFeeds(
  summaries: ReadonlyMap<string, FeedSummary>,
  infoOf: (feed: string) => FeedInfo,
  d: Dates,
): string {
  const lines = [
    "# Feeds",
    "",
    `${counted(summaries.size, "feed")}, A to Z (${d.timezone}). [News archive](../${LIST_FILE})`,
    "",
    ...feedTable([...summaries], infoOf, d, "../"),
  ];
  return `${lines.join("\n")}\n`;
}

function feedTable(
  rows: readonly [string, FeedSummary][],
  infoOf: (feed: string) => FeedInfo,
  d: Dates,
  up: string,
): string[] {
  const lines = ["| Feed | Items | Latest item | Source |", "| --- | ---: | --- | --- |"];
  for (const [feed, s] of rows) {
    const info = infoOf(feed);
    const updated = d.full(s.latest);
    const site = info.siteLink ? link(hostOf(info.siteLink), info.siteLink) : "";
    lines.push(
      `| ${link(info.title, `${up}${feed}/${LIST_FILE}`)} | ${thousands(s.count)} | ${updated} | ${site} |`,
    );
  }
  return lines;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
