import { Document, Scalar } from "yaml";
import type { FrontMatterStyle } from "./styles.js";

export interface ArticleFacts {
  /** Plain text. */
  title: string;
  /** ISO 8601 with the offset of the configured timezone: `2024-05-16T08:39:03+08:00`. */
  date: string;
  /** The original article ("" when the entry had no link: the key is then left out). */
  link: string;
  /** The feed's id: the article's category. */
  feed: string;
}

/**
 * Each style's keys, in order. Jekyll's are those of the older mirrors' `_posts` (layout, title,
 * date, `from` for the source, the feed as category). Hugo knows title, date and categories (a
 * taxonomy it has by default); anything else belongs under `params`.
 */
const FIELDS: Record<FrontMatterStyle, (facts: ArticleFacts) => Record<string, unknown>> = {
  jekyll: (f) => ({
    layout: "post",
    title: f.title,
    date: f.date,
    ...(f.link ? { from: f.link } : {}),
    categories: [f.feed],
  }),
  hugo: (f) => ({
    title: f.title,
    date: f.date,
    categories: [f.feed],
    ...(f.link ? { params: { source: f.link } } : {}),
  }),
};

/**
 * Characters YAML 1.1 (Ruby's Psych, which Jekyll uses) reads as line breaks even inside quotes,
 * while YAML 1.2 does not: a title is one line, so they become spaces.
 */
const YAML11_BREAKS = /[\u0085\u2028\u2029]/g;

/**
 * The front matter block, `---` to `---`, by the yaml package: every string double-quoted (so
 * `yes`, `1.0`, `---`, `: ` or a leading `#`/`@`/`-` stay strings in YAML 1.1 and 1.2 alike,
 * control characters escaped), the date plain so that Jekyll and Hugo read it as a time.
 */
export function renderFrontMatter(style: FrontMatterStyle, facts: ArticleFacts): string {
  const title = facts.title.replace(YAML11_BREAKS, " ");
  const doc = new Document(FIELDS[style]({ ...facts, title }));
  const date = doc.get("date", true) as Scalar;
  date.type = Scalar.PLAIN;
  const yaml = doc.toString({
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "PLAIN",
    lineWidth: 0,
  });
  return `---\n${yaml}---\n`;
}
