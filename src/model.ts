/**
 * The data that flows between the stages. Kept apart from every stage so that none of them
 * imports another one just for a type.
 */

/** One entry as the fetcher hands it on: already decoded, URLs absolute where the feed allowed. */
export interface FeedEntry {
  /** guid (RSS), id (Atom, JSON Feed): the entry's identity when the feed gives one. */
  guid?: string;
  /** The entry's link, absolute (resolved against xml:base and the feed URL). */
  link?: string;
  /** The title as HTML (markup and entities allowed; plain text is valid HTML too). */
  title?: string;
  /** Publication time in ms since the epoch, when the feed has a usable one. */
  published?: number;
  /**
   * Every date the entry carries, in order of precedence (parse/facts.ts), as written and as
   * read: the selection picks the first it can trust (selection/dates.ts), else the run's time.
   */
  dates?: readonly EntryDate[];
  /** The fullest body the entry has, as HTML (plain-text bodies are escaped into HTML). */
  content?: string;
  /** The base of the body's relative URLs, when it is not the link (an xml:base, or no link). */
  base?: string;
}

/** A date as a feed wrote it, and the time read from it (none when it reads as no date). */
export interface EntryDate {
  text: string;
  ms?: number;
}

export interface ParsedFeed {
  format: "rss" | "rdf" | "atom" | "json";
  title?: string;
  link?: string;
  entries: FeedEntry[];
  /** Things worth telling the user that did not stop the feed (charset guessed, entries skipped). */
  warnings: string[];
}

/** One archived item: exactly what an item file holds (see writer/item-file.ts). */
export interface Item {
  /** ms since the epoch; written once, never changed. */
  published: number;
  /** Inline CommonMark, escaped so that it renders as the entry's text. */
  title: string;
  /** Absolute, normalized URL (not Markdown-escaped). */
  link: string;
  /** One line of HTML beginning with `<div><i>`. */
  body: string;
}
