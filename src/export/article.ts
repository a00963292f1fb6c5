import { escapeLinkDestination } from "../text/markdown-link.js";
import { MINUTE_PARTS } from "../text/zoned-dates.js";
import { renderFrontMatter } from "./front-matter.js";
import type { FrontMatterStyle } from "./styles.js";
import { bodyToMarkdown } from "./markdown.js";

/**
 * Part of every article's input digest (pipeline/export.ts): raise it whenever a change here,
 * in front-matter.ts or markdown.ts changes the bytes of exported files, so that the next
 * export rewrites them all instead of skipping the articles whose items did not change.
 */
export const EXPORT_REVISION = 1;

/** One archived item as the export reads it. */
export interface ExportInput {
  feed: string;
  /** Plain text. */
  title: string;
  link: string;
  /** ms since the epoch. */
  published: number;
  /** The stored body: one line of sanitized HTML. */
  body: string;
}

/** `2024-05-16T08:39:03+08:00`: the instant in the timezone, with its offset. */
export function localTimeFormatter(timezone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    ...MINUTE_PARTS,
    second: "2-digit",
    timeZoneName: "longOffset",
  });
  return (ms) => {
    const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    // "GMT+08:00", or "GMT" alone for a zero offset.
    const offset = (p.timeZoneName ?? "GMT").slice(3) || "+00:00";
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
  };
}

const SLUG_LENGTH = 60;

/**
 * The file name's words: the title's Latin letters and digits, accents dropped, lower case, at
 * most 60 characters cut at a word. A title written mostly in another script (CJK, Arabic,
 * Cyrillic) would keep only its stray Latin words, so it gets the item's hash instead: a name
 * as stable as the item's own.
 */
export function slugFor(title: string, hash: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const letters = title.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const latin = ascii.replace(/-/g, "").length;
  if (latin === 0 || latin * 2 < letters) return hash;
  if (ascii.length <= SLUG_LENGTH) return ascii;
  const cut = ascii.slice(0, SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf("-") > 0 ? cut.lastIndexOf("-") : SLUG_LENGTH);
}

/**
 * Where an article goes in the export folder, without the `.md`: Jekyll's
 * `_posts/{feed}/YYYY-MM-DD-{slug}` (Jekyll reads `_posts` subfolders; the date is its name's
 * rule), Hugo's `content/{feed}/YYYY-MM/YYYY-MM-DD-{slug}` (the feed is a section, a month a
 * folder as in the archive). Dates are the local date of `localTime`.
 */
export function articleStem(
  style: FrontMatterStyle,
  feed: string,
  localTime: string,
  slug: string,
) {
  const day = localTime.slice(0, 10);
  return style === "jekyll"
    ? `_posts/${feed}/${day}-${slug}`
    : `content/${feed}/${day.slice(0, 7)}/${day}-${slug}`;
}

function sourceLine(link: string): string {
  if (!link) return "";
  let host = link;
  try {
    host = new URL(link).hostname || link;
  } catch {
    // not a URL: the link's text names it
  }
  return `Source: [${host}](${escapeLinkDestination(link)})\n\n`;
}

/** The whole file: front matter, a link to the original, the body as Markdown. */
export function renderArticle(
  style: FrontMatterStyle,
  input: ExportInput,
  localTime: string,
): string {
  const front = renderFrontMatter(style, {
    title: input.title,
    date: localTime,
    link: input.link,
    feed: input.feed,
  });
  const body = bodyToMarkdown(input.body);
  const rest = `${sourceLine(input.link)}${body ? `${body}\n` : ""}`.trimEnd();
  return rest ? `${front}\n${rest}\n` : front;
}
