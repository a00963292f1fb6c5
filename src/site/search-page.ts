import { SEARCH_GLOBAL, SEARCH_PAGE, SEARCH_SCRIPT, cspHash } from "./assets.js";
import { page } from "./html.js";
import {
  FRONT_PAGE,
  articlePage,
  type IndexEntry,
  type SiteDates,
  type SiteFeed,
} from "./model.js";

/**
 * Only our script runs (by its hash). 'self' lets it load the titles as a script where it
 * cannot fetch them (file://); the page holds no stored markup, only escaped titles.
 */
export const SEARCH_CSP = [
  "default-src 'none'",
  `script-src ${cspHash(SEARCH_SCRIPT)} 'self'`,
  "connect-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export function renderSearchPage(baseUrl?: string): string {
  const main = [
    "<h1>Search titles</h1>",
    `<form class="search" id="search" role="search"><input id="q" name="q" type="search" placeholder="A word of the title, in any language" aria-label="Search titles" autofocus><button>Search</button></form>`,
    `<p class="meta" id="status" role="status"><noscript>Search needs JavaScript; the feeds and days are browsable without it.</noscript></p>`,
    `<ul class="items" id="results"></ul>`,
  ].join("\n");
  return page({
    path: SEARCH_PAGE,
    title: "Search",
    csp: SEARCH_CSP,
    baseUrl,
    trail: [
      ["All feeds", FRONT_PAGE],
      ["Search", SEARCH_PAGE],
    ],
    main,
    tail: `<script>${SEARCH_SCRIPT}</script>\n`,
  });
}

/** The search index: feeds' titles, then per item [title, feed's number, page, date]. */
export interface SearchIndex {
  feeds: string[];
  items: [string, number, string, string][];
}

/** Newest first; `entries` may come in any order. */
export function searchIndex(
  feeds: readonly SiteFeed[],
  entries: readonly IndexEntry[],
  d: SiteDates,
): SearchIndex {
  const number = new Map(feeds.map((f, i) => [f.id, i]));
  const sorted = [...entries].sort((a, b) =>
    a.published === b.published ? (a.path < b.path ? -1 : 1) : a.published < b.published ? 1 : -1,
  );
  return {
    feeds: feeds.map((f) => f.title),
    items: sorted.map((e) => [
      e.title,
      number.get(e.feed) ?? 0,
      articlePage(e).split("/").map(encodeURIComponent).join("/"),
      d.full(e.published),
    ]),
  };
}

export function renderSearchJson(index: SearchIndex): string {
  return `${JSON.stringify(index)}\n`;
}

/** `<` escaped, so the data never closes a script element, whatever a title holds. */
export function renderSearchScriptData(index: SearchIndex): string {
  return `window.${SEARCH_GLOBAL} = ${JSON.stringify(index).replace(/</g, "\\u003c")};\n`;
}
