import { escapeHtml } from "../text/html-text.js";
import { convert, type ConvertOptions } from "../converter/convert.js";
import type { FeedEntry, Item } from "../model.js";

const TITLE_FROM_TEXT = 100;

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
    {
      published,
      title,
      titleFormat: "html",
      link: entry.link ?? "",
      html: entry.content ?? "",
      base: entry.base,
    },
    options,
  );
}
