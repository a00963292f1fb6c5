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
    `<form class="search" id="search" role="search"><input id="q" name="q" type="search" dir="auto" placeholder="A word of the title, in any language" aria-label="Search titles" autofocus><button>Search</button></form>`,
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

const ITEMS_PER_CHUNK = 1_000;

/**
 * The search index as JSON, newest first, a thousand items a chunk: 100,000 titles are never
 * one string, nor one array, in memory. `entries` come oldest first, as the index sorts them.
 * `<` is written `\u003c` (the same JSON to a parser), so that the script form can never
 * close a script element, whatever a title holds.
 */
export function* searchJson(
  feeds: readonly SiteFeed[],
  entries: readonly IndexEntry[],
  d: SiteDates,
): Generator<string> {
  const number = new Map(feeds.map((f, i) => [f.id, i]));
  const safe = (json: string) => json.replace(/</g, "\\u003c");
  yield `{"feeds":${safe(JSON.stringify(feeds.map((f) => f.title)))},"items":[`;
  let chunk: string[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as IndexEntry;
    const href = articlePage(e).split("/").map(encodeURIComponent).join("/");
    chunk.push(JSON.stringify([e.title, number.get(e.feed) ?? 0, href, d.full(e.published)]));
    if (chunk.length === ITEMS_PER_CHUNK || i === 0) {
      yield `${i + chunk.length === entries.length ? "" : ","}${safe(chunk.join(","))}`;
      chunk = [];
    }
  }
  yield "]}\n";
}

/** The same JSON as a script, for pages opened from a folder (file://). */
export function* searchScript(json: Iterable<string>): Generator<string> {
  yield `window.${SEARCH_GLOBAL} = `;
  for (const chunk of json) yield chunk === "]}\n" ? "]};\n" : chunk;
}
