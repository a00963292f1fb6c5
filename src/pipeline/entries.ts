import { convert, type ConvertOptions } from "../converter/convert.js";
import { linkIdentity } from "../converter/link.js";
import type { FeedEntry, Item } from "../model.js";
import { itemHash } from "../writer/layout.js";

/** An entry's identity: its guid, else its normalized link, else title and date. */
export function entryIdentity(entry: FeedEntry, published: number): string {
  if (entry.guid) return entry.guid;
  const link = entry.link ? linkIdentity(entry.link) : "";
  if (link) return link;
  return `${entry.title ?? ""}\n${published}`;
}

export function entryHash(entry: FeedEntry, published: number): string {
  return itemHash(entryIdentity(entry, published));
}

/**
 * Whether the feed has an item named by this entry's link: one imported from an older mirror
 * (identified by link alone), which the live feed now brings again with a guid of its own.
 */
export function knownByLink(entry: FeedEntry, known: ReadonlySet<string>): boolean {
  const link = entry.guid && entry.link ? linkIdentity(entry.link) : "";
  return link !== "" && known.has(itemHash(link));
}

const TITLE_FROM_TEXT = 100;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Untitled entries (common in microblogs) are named by the start of their text, else their link. */
export function fallbackTitle(entry: FeedEntry): string {
  const text = (entry.content ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text) {
    const cut = [...text];
    return cut.length > TITLE_FROM_TEXT ? `${cut.slice(0, TITLE_FROM_TEXT).join("")}…` : text;
  }
  return escapeHtml(entry.link ?? "(untitled)");
}

/** Turns a fetched entry into an item: the same convert() that rerender uses. */
export function itemFromEntry(entry: FeedEntry, published: number, options: ConvertOptions): Item {
  const title = entry.title?.trim() ? entry.title : fallbackTitle(entry);
  return convert(
    { published, title, titleFormat: "html", link: entry.link ?? "", html: entry.content ?? "" },
    options,
  );
}
