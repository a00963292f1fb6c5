import { joiner } from "../converter/join.js";
import { parseLegacyDate } from "./dates.js";
import { splitFrontMatter, type FrontMatter } from "./front-matter.js";

/** Where an imported article's time came from, strongest first (see pickTime). */
export type TimeSource =
  "header" | "front-matter" | "date-line" | "body-date" | "file-name" | "git" | "mtime";

/** One article as an older mirror stored it, read back; every field as plain as it gets. */
export interface LegacyArticle {
  /** Plain text: Markdown escapes of the old title undone. */
  title: string;
  /** As written, escapes undone; "" when the file has none. */
  link: string;
  /** The body HTML, over as many lines as the file had it. */
  html: string;
  /** The times the file itself gives, by source; a missing or NaN one is absent. */
  times: Partial<Record<TimeSource, number>>;
  /** The `日期：` line's text, which becomes the body's date line when the body has none. */
  dateText?: string;
}

const SEPARATOR = /^-{3,}$/;
/** Line 1 as the older mirrors wrote it: milliseconds, or what JavaScript printed for no date. */
const HEADER = /^<!--\s*(-?\d*|NaN|undefined|null|Invalid Date)\s*-->$/i;
const DATE_LINE = /^日期\s*[：:]\s*(.*)$/;
const BODY_DATE = /^\s*<div><i>([^<]{4,80})<\/i><\/div>/;
/** A backslash the old mirrors put before punctuation, ASCII or not (`\“` as much as `\[`). */
const ESCAPED = /\\([\p{P}\p{S}])/gu;

export class LegacyParseError extends Error {}

/** BOM, CRLF or CR line ends, and trailing spaces (which Markdown reads as a line break). */
function normalize(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.split(/\r\n?|\n/).map((line) => line.replace(/[ \t]+$/, ""));
}

/**
 * Splits `[title](link)` where the title may hold unescaped brackets and the link unescaped
 * parentheses: the link is what follows the last `](` that starts a URL, up to the final `)`.
 */
function splitLinkLine(line: string): { title: string; link: string } | undefined {
  if (!line.startsWith("[") || !line.endsWith(")")) return undefined;
  let at = line.lastIndexOf("](http");
  if (at < 0) at = line.lastIndexOf("](");
  if (at < 1) return undefined;
  return { title: line.slice(1, at), link: line.slice(at + 2, -1) };
}

function unescapeText(text: string): string {
  return text.replace(ESCAPED, "$1").replace(/\s+/g, " ").trim();
}

/** Lines 1 to 4 (line 1 optional, the title over one line or several), then the body. */
function parseFiveLines(lines: string[], from: number, where: string): LegacyArticle {
  let i = from;
  while (i < lines.length && lines[i] === "") i++;
  const times: LegacyArticle["times"] = {};
  const header = HEADER.exec(lines[i] ?? "");
  if (header) {
    const ms = /^-?\d{1,16}$/.test(header[1] ?? "") ? Number(header[1]) : undefined;
    if (ms !== undefined && ms > 0) times.header = ms;
    i++;
  }
  const start = i;
  while (i < lines.length && !SEPARATOR.test(lines[i] ?? "")) i++;
  if (i === lines.length || i === start) {
    throw new LegacyParseError(`${where}: no [title](link) line followed by ------`);
  }
  const titleLines = lines.slice(start, i).filter((l) => l.trim() !== "");
  const joined = titleLines.reduce((all, line) => all + joiner(all, line.trim()) + line.trim());
  const parts = splitLinkLine(joined);
  if (!parts) throw new LegacyParseError(`${where}: the line before ------ is not [title](link)`);
  i++;
  while (i < lines.length && lines[i] === "") i++;
  let dateText: string | undefined;
  const dateLine = DATE_LINE.exec(lines[i] ?? "");
  if (dateLine) {
    dateText = dateLine[1]?.trim() || undefined;
    const ms = parseLegacyDate(dateText);
    if (ms !== undefined) times["date-line"] = ms;
    i++;
  }
  const html = lines.slice(i).join("\n").trim();
  const bodyDate = BODY_DATE.exec(html);
  const bodyMs = bodyDate ? parseLegacyDate(bodyDate[1]) : undefined;
  if (bodyMs !== undefined) times["body-date"] = bodyMs;
  return {
    title: unescapeText(parts.title),
    link: parts.link.trim().replace(ESCAPED, "$1"),
    html,
    times,
    dateText,
  };
}

/** A post whose front matter is followed directly by its HTML: the front matter says it all. */
function fromFrontMatterOnly(data: FrontMatter, rest: string, where: string): LegacyArticle {
  if (!data.title && !data.link) {
    throw new LegacyParseError(`${where}: front matter has no title and no from/link`);
  }
  return {
    title: unescapeText(data.title ?? ""),
    link: data.link ?? "",
    html: rest.trim(),
    times: {},
  };
}

/**
 * Reads one file of an older mirror: the five-line format in each of its variants, or a
 * Jekyll post (YAML front matter, then the five lines or the HTML itself). `where` names the
 * file in errors; throws LegacyParseError when the file is none of these.
 */
export function parseLegacy(source: string, where: string): LegacyArticle {
  const lines = normalize(source);
  let front;
  try {
    front = splitFrontMatter(lines.join("\n"));
  } catch (error) {
    throw new LegacyParseError(`${where}: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!front) return parseFiveLines(lines, 0, where);
  const { data, rest } = front;
  const restLines = rest.split("\n");
  const first = restLines.find((l) => l.trim() !== "") ?? "";
  let article: LegacyArticle | undefined;
  if (HEADER.test(first) || first.startsWith("[")) {
    try {
      article = parseFiveLines(restLines, 0, where);
    } catch {
      // A body that merely starts with a link: the front matter gives title and link.
    }
  }
  article ??= fromFrontMatterOnly(data, rest, where);
  const date = parseLegacyDate(data.date);
  if (date !== undefined) article.times["front-matter"] = date;
  if (!article.title && data.title) article.title = unescapeText(data.title);
  if (!article.link && data.link) article.link = data.link;
  return article;
}
