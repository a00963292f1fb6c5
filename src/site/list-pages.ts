import { contentAttrs, esc, hostOf, hrefFrom, isWebLink, page } from "./html.js";
import {
  DAYS_PAGE,
  FEEDS_PAGE,
  FRONT_PAGE,
  articlePage,
  atomFile,
  dayPage,
  feedPage,
  monthPage,
  type IndexEntry,
  type SiteDates,
  type SiteFeed,
} from "./model.js";
import { counted, thousands } from "../text/plural.js";

/** The items a feed's page shows; its month pages list the rest. */
export const FEED_PAGE_LENGTH = 300;
/** The days the front page links; the days page links them all. */
export const FRONT_PAGE_DAYS = 14;

/** Our pages load our stylesheet and nothing else; the front page's form goes to search. */
export const LIST_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

export interface DayCount {
  day: string;
  count: number;
}

function link(from: string, to: string, text: string, dir?: "auto"): string {
  return `<a href="${hrefFrom(from, to)}"${dir ? ' dir="auto"' : ""}>${esc(text || "(untitled)")}</a>`;
}

function outLink(url: string, text: string): string {
  return isWebLink(url) ? `<a href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

/** A list of items: time, title; with `feeds`, each item's feed on a line of its own. */
function items(
  attrs: string,
  from: string,
  entries: readonly IndexEntry[],
  time: (e: IndexEntry) => string,
  feedOf?: (id: string) => SiteFeed | undefined,
): string {
  const lines = entries.map((e) => {
    const feed = feedOf
      ? `<span class="feed" dir="auto">${esc(feedOf(e.feed)?.title ?? e.feed)}</span>`
      : "";
    return `<li><span class="when"><time dir="ltr" datetime="${esc(e.published)}">${esc(time(e))}</time></span>${link(from, articlePage(e), e.title, "auto")}${feed}</li>`;
  });
  return `<ul class="items"${attrs}>\n${lines.join("\n")}\n</ul>`;
}

function sourceLine(feed: SiteFeed, d: SiteDates, extra = ""): string {
  const parts: string[] = [];
  if (feed.siteLink && isWebLink(feed.siteLink))
    parts.push(`Source: ${outLink(feed.siteLink, hostOf(feed.siteLink))}`);
  if (feed.url && isWebLink(feed.url)) parts.push(outLink(feed.url, "its feed"));
  parts.push(`latest item <bdi>${esc(d.full(feed.latest))} (${esc(d.timezone)})</bdi>`);
  return `<p class="meta">${counted(feed.count, "item")}${extra} · ${parts.join(" · ")}</p>`;
}

export function renderFeedPage(
  feed: SiteFeed,
  newest: readonly IndexEntry[],
  d: SiteDates,
  baseUrl?: string,
): string {
  const path = feedPage(feed.id);
  const months = [...feed.months].sort(([a], [b]) => (a < b ? 1 : -1));
  const monthLinks = months.map(
    ([m, n]) => `<li>${link(path, monthPage(feed.id, m), m)} <small>${thousands(n)}</small></li>`,
  );
  const more =
    newest.length < feed.count
      ? `; the newest ${newest.length} below, every month at the end`
      : ", newest first; by month at the end";
  const main = [
    `<h1${contentAttrs(feed)}>${esc(feed.title)}</h1>`,
    sourceLine(feed, d, more).replace(
      "</p>",
      ` · <a href="${hrefFrom(path, atomFile(feed.id))}">Atom feed</a></p>`,
    ),
    items(contentAttrs(feed), path, newest, (e) => d.full(e.published)),
    `<h2>Months</h2>`,
    `<ul class="months">${monthLinks.join("")}</ul>`,
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    [feed.title, path],
  ] as const;
  const atom = atomFile(feed.id);
  return page({ path, title: feed.title, csp: LIST_CSP, baseUrl, trail, main, atom });
}

export function renderMonthPage(
  feed: SiteFeed,
  month: string,
  entries: readonly IndexEntry[],
  d: SiteDates,
  baseUrl?: string,
): string {
  const path = monthPage(feed.id, month);
  const main = [
    `<h1><bdi${contentAttrs(feed)}>${esc(feed.title)}</bdi>: ${esc(month)}</h1>`,
    `<p class="meta">${counted(entries.length, "item")}, newest first (${esc(d.timezone)})</p>`,
    items(contentAttrs(feed), path, [...entries].reverse(), (e) => d.full(e.published)),
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    [feed.title, feedPage(feed.id)],
    [month, path],
  ] as const;
  const title = `${feed.title}: ${month}`;
  return page({ path, title, csp: LIST_CSP, baseUrl, trail, main });
}

/** Every item of a day across feeds, by feed; `entries` oldest first. */
export function renderDayPage(
  day: string,
  entries: readonly IndexEntry[],
  feedOf: (id: string) => SiteFeed | undefined,
  d: SiteDates,
  baseUrl?: string,
): string {
  const path = dayPage(day);
  const byFeed = new Map<string, IndexEntry[]>();
  for (const e of entries) byFeed.set(e.feed, [...(byFeed.get(e.feed) ?? []), e]);
  const sections = [...byFeed.keys()].sort().map((id) => {
    const title = feedOf(id)?.title ?? id;
    const feed = feedOf(id);
    const list = items(
      feed ? contentAttrs(feed) : "",
      path,
      [...(byFeed.get(id) ?? [])].reverse(),
      (e) => d.full(e.published).slice(11),
    );
    return `<h2>${link(path, feedPage(id), title, "auto")}</h2>\n${list}`;
  });
  const main = [
    `<h1>${esc(day)}</h1>`,
    `<p class="meta">${counted(entries.length, "item")} from ${counted(byFeed.size, "feed")} (${esc(d.timezone)})</p>`,
    ...sections,
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    ["Days", DAYS_PAGE],
    [day, path],
  ] as const;
  return page({ path, title: day, csp: LIST_CSP, baseUrl, trail, main });
}

export function renderDaysPage(days: readonly DayCount[], d: SiteDates, baseUrl?: string): string {
  const path = DAYS_PAGE;
  const list = days.map(
    ({ day, count }) => `<li>${link(path, dayPage(day), day)}: ${counted(count, "item")}</li>`,
  );
  const main = [
    "<h1>Days</h1>",
    `<p class="meta">Every day with news, newest first (${esc(d.timezone)})</p>`,
    `<ul class="plain">\n${list.join("\n")}\n</ul>`,
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    ["Days", path],
  ] as const;
  return page({ path, title: "Days", csp: LIST_CSP, baseUrl, trail, main });
}

/** Past this many feeds the front page shows those with the newest items; feeds.html has all. */
export const FRONT_PAGE_FEEDS = 500;

function feedTable(path: string, feeds: readonly SiteFeed[], d: SiteDates): string {
  const rows = feeds.map(
    (f) =>
      `<tr><td>${link(path, feedPage(f.id), f.title, "auto")}</td><td class="num">${thousands(f.count)}</td><td class="when">${esc(d.full(f.latest))}</td><td class="source">${f.siteLink ? outLink(f.siteLink, hostOf(f.siteLink)) : ""}</td></tr>`,
  );
  return `<div class="table-wrap"><table>\n<thead><tr><th>Feed</th><th class="num">Items</th><th class="when">Latest item</th><th class="source">Source</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table></div>`;
}

/** The feeds the front page shows: all of them, or past FRONT_PAGE_FEEDS the newest. */
export function frontFeeds(feeds: readonly SiteFeed[]): readonly SiteFeed[] {
  if (feeds.length <= FRONT_PAGE_FEEDS) return feeds;
  const newest = [...feeds].sort((a, b) =>
    a.latest === b.latest ? (a.id < b.id ? -1 : 1) : a.latest < b.latest ? 1 : -1,
  );
  return newest.slice(0, FRONT_PAGE_FEEDS);
}

/** A table of feeds, not their items: 3,000 feeds stay one small page. */
export function renderFrontPage(
  feeds: readonly SiteFeed[],
  days: readonly DayCount[],
  d: SiteDates,
  baseUrl?: string,
): string {
  const path = FRONT_PAGE;
  const total = feeds.reduce((n, f) => n + f.count, 0);
  const shown = frontFeeds(feeds);
  const heading =
    shown.length < feeds.length
      ? `<h2>Feeds: the ${shown.length} with the newest items</h2>\n<p>${link(path, FEEDS_PAGE, `All ${counted(feeds.length, "feed")}, A to Z`)}</p>`
      : "<h2>Feeds</h2>";
  const dayLinks = days
    .slice(0, FRONT_PAGE_DAYS)
    .map(
      ({ day, count }) => `<li>${link(path, dayPage(day), day)}: ${counted(count, "item")}</li>`,
    );
  const main = [
    "<h1>News archive</h1>",
    `<p class="meta">${counted(feeds.length, "feed")}, ${counted(total, "item")}; times in ${esc(d.timezone)} · Subscribe: <a href="${atomFile("")}">Atom feed</a></p>`,
    `<form class="search" action="search.html" method="get" role="search"><input name="q" type="search" dir="auto" placeholder="Search titles" aria-label="Search titles"><button>Search</button></form>`,
    feeds.length === 0 ? "<p>No items yet.</p>" : "",
    heading,
    feedTable(path, shown, d),
    "<h2>Days</h2>",
    `<ul class="plain">\n${[...dayLinks, `<li>${link(path, DAYS_PAGE, "All days")}</li>`].join("\n")}\n</ul>`,
  ].join("\n");
  return page({
    path,
    title: "News archive",
    csp: LIST_CSP,
    baseUrl,
    trail: [["All feeds", path]],
    main,
    atom: atomFile(""),
  });
}

/** Every feed, A to Z by id: where the front page sends readers of a mirror of many feeds. */
export function renderFeedsPage(
  feeds: readonly SiteFeed[],
  d: SiteDates,
  baseUrl?: string,
): string {
  const path = FEEDS_PAGE;
  const main = [
    "<h1>All feeds</h1>",
    `<p class="meta">${counted(feeds.length, "feed")}, A to Z; times in ${esc(d.timezone)}</p>`,
    feedTable(path, feeds, d),
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    ["A to Z", path],
  ] as const;
  return page({ path, title: "All feeds", csp: LIST_CSP, baseUrl, trail, main });
}
