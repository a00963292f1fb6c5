import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { mapLimit } from "../limit.js";
import { markdownTitleToHtml } from "../text/markdown-title.js";
import { escapeXml } from "../text/xml.js";
import type { IndexEntry } from "./index-file.js";
import { parseItemBytes } from "./item-file.js";

/** How many items a feed of the mirror carries, each with its whole archived body. */
export const ATOM_LENGTH = 50;
export const ATOM_FILE = "feed.xml";
/** Item files read at once: each read waits mostly on the disk, and 50 at once would be as fast. */
const READS_IN_FLIGHT = 4;

/** An item file's bytes by its path relative to the archive. */
export type ItemReader = (path: string) => Promise<Uint8Array>;

/** Reads items from the archive's files. */
export function readItemFrom(out: string): ItemReader {
  return (path) => readFile(join(out, path));
}

export interface AtomFeed {
  /** Stable identity of the feed (a URN for an archive without a base URL). */
  id: string;
  title: string;
  /** Where the feed lies, relative to the archive root ("" for the root). */
  dir: string;
  /** Newest first; at most ATOM_LENGTH are used. */
  entries: readonly IndexEntry[];
  /** The mirror's page for an entry, relative to `dir` (default: the item file itself). */
  pageOf?: (entry: IndexEntry) => string;
  /** The site the feed's items come from (a feed of one source). */
  siteLink?: string;
  /**
   * Where the archive (or the site) is published, e.g. `https://me.github.io/news/`: with it
   * every link of the feed is absolute under that base, as feed readers need (most ignore a
   * relative href); without it links are relative to the feed file.
   */
  baseUrl?: string;
  /** The page listing this feed, relative to `dir` (default: its README.md, as Markdown). */
  home?: { href: string; type: string };
}

const README_HOME = { href: "README.md", type: "text/markdown" };

/**
 * `path` (relative to the archive root, `/`-separated) as a link: under the base URL, each
 * segment percent-encoded (feed ids may be 德国之声), or else relative to the feed's folder.
 */
function linker(feed: AtomFeed): (relToDir: string) => string {
  if (!feed.baseUrl) return (rel) => rel;
  const base = feed.baseUrl.endsWith("/") ? feed.baseUrl : `${feed.baseUrl}/`;
  const prefix = feed.dir ? `${feed.dir}/` : "";
  return (rel) =>
    new URL(`${prefix}${rel}`.split("/").map(encodeURIComponent).join("/"), base).href;
}

function relativeTo(dir: string, path: string): string {
  return dir ? path.slice(dir.length + 1) : path;
}

/**
 * An Atom 1.0 document (RFC 4287) of the newest items. Each entry's alternate link is the
 * original article (so `newsmirror fetch` of this feed archives the same items again); the
 * mirror's copy is its `related` link, and the whole stored body is its content. Dates come
 * from the items alone, so the same archive always gives the same bytes. `read` gives the items'
 * bytes (from the files, or what this run wrote and still holds).
 */
export async function renderAtom(
  out: string,
  feed: AtomFeed,
  read: ItemReader = readItemFrom(out),
): Promise<string> {
  const entries = feed.entries.slice(0, ATOM_LENGTH);
  const files = await mapLimit(entries, READS_IN_FLIGHT, (entry) => read(entry.path));
  const updated = entries[0]?.published ?? new Date(0).toISOString();
  const href = linker(feed);
  const home = feed.home ?? README_HOME;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" href="${escapeXml(href(ATOM_FILE))}"/>`,
    `  <link rel="alternate" type="${escapeXml(home.type)}" href="${escapeXml(href(home.href))}"/>`,
    ...(feed.siteLink ? [`  <link rel="via" href="${escapeXml(feed.siteLink)}"/>`] : []),
    "  <author><name>newsmirror</name></author>",
    "  <generator>newsmirror</generator>",
  ];
  for (const [i, entry] of entries.entries()) {
    const item = parseItemBytes(files[i] as Uint8Array, entry.path);
    const page = feed.pageOf?.(entry) ?? relativeTo(feed.dir, entry.path);
    lines.push(
      "  <entry>",
      `    <id>urn:newsmirror:${escapeXml(entry.feed)}:${entry.id}</id>`,
      // The stored title's own markup, so a round trip keeps its emphasis.
      `    <title type="html">${escapeXml(markdownTitleToHtml(item.title))}</title>`,
      `    <published>${entry.published}</published>`,
      `    <updated>${entry.published}</updated>`,
      ...(entry.link ? [`    <link rel="alternate" href="${escapeXml(entry.link)}"/>`] : []),
      `    <link rel="related" href="${escapeXml(href(page))}"/>`,
      `    <content type="html">${escapeXml(item.body)}</content>`,
      "  </entry>",
    );
  }
  lines.push("</feed>");
  return `${lines.join("\n")}\n`;
}
