import type { IndexEntry } from "../writer/index-file.js";
import type { Direction } from "./direction.js";

export type { IndexEntry } from "../writer/index-file.js";

/** What the pages say of a feed besides its items. */
export interface SiteFeed {
  id: string;
  title: string;
  dir: Direction;
  /** The config's language for the feed, when it names one. */
  lang?: string;
  siteLink?: string;
  /** The feed's own URL. */
  url?: string;
  count: number;
  /** The newest item's time (ISO 8601). */
  latest: string;
  /** Month → number of items, every month the feed has. */
  months: ReadonlyMap<string, number>;
}

export interface SiteDates {
  timezone: string;
  /** "YYYY-MM-DD HH:MM" in the timezone. */
  full: (iso: string) => string;
}

/** Where each page lies in the site, relative to its root, always with "/". */
export const FRONT_PAGE = "index.html";
export const DAYS_PAGE = "days/index.html";
/** Every feed A to Z, made only when the front page cannot list them all. */
export const FEEDS_PAGE = "feeds.html";

export function feedPage(feed: string): string {
  return `${feed}/index.html`;
}

export function monthPage(feed: string, month: string): string {
  return `${feed}/${month}/index.html`;
}

/** The Atom feed of a feed's newest items ("" for the whole archive's). */
export function atomFile(feed: string): string {
  return feed ? `${feed}/feed.xml` : "feed.xml";
}

export function dayPage(day: string): string {
  return `days/${day}.html`;
}

/** An article's page: its item file's path with `.html` for `.txt` or `.md`. */
export function articlePage(entry: Pick<IndexEntry, "path">): string {
  return entry.path.replace(/\.(?:txt|md)$/, ".html");
}
