import Parser from "rss-parser";
import rssUtils from "rss-parser/lib/utils.js";
import type { FeedEntry } from "../../model.js";
import { parseDate } from "./dates.js";
import { absoluteLink } from "./links.js";
import { isHttpUrl } from "../../text/urls.js";

type Raw = Record<string, unknown>;
export type XmlKind = "rss" | "rdf" | "atom";

/**
 * rss-parser makes a plain-text snippet (stripHtml, then decodeHTML) of every body it knows:
 * content:encoded, RSS's <description>, Atom's <content>. newsmirror never reads them; under
 * names of ours the bodies are only copied (as arrays, for getContent below). <description> and
 * <content> are renamed only in the kind of feed where rss-parser reads them as the body.
 */
const RENAMED: Record<XmlKind, Record<string, string>> = {
  rss: { "content:encoded": "newsmirror:encoded", description: "newsmirror:description" },
  rdf: { "content:encoded": "newsmirror:encoded", description: "newsmirror:description" },
  atom: { "content:encoded": "newsmirror:encoded", content: "newsmirror:content" },
};

/** A fresh object each time: rss-parser writes into its options. */
function options(kind: XmlKind): Parser.ParserOptions<Raw, Raw> {
  const renamed = RENAMED[kind];
  const body = kind === "atom" ? "content" : "description";
  return {
    xml2js: { tagNameProcessors: [(name: string) => renamed[name] ?? name] },
    // Fields rss-parser leaves out by default that real feeds use for dates and bodies.
    customFields: {
      feed: ["updated"],
      item: [
        ["newsmirror:encoded", "contentEncoded"],
        [`newsmirror:${body}`, body, { keepArray: true }],
        ...(kind === "atom" ? [["description", "description"]] : []),
        ["dc:date", "dcDate"],
        "summary",
        "published",
        "updated",
        "issued",
        "modified",
        "created",
      ],
    },
  };
}

export interface XmlFeed {
  title?: string;
  link?: string;
  items: Raw[];
}

/** The sax parser inside rss-parser's xml2js parser; not public API, so any step may be absent. */
interface SaxInside {
  xmlParser?: { saxParser?: { trackPosition?: boolean } };
}

/**
 * `positions`: let sax count lines and columns, which only its error messages use but which
 * costs ~40% of its time; parse without them first and ask again for a message worth showing.
 */
export async function parseXml(xml: string, kind: XmlKind, positions = false): Promise<XmlFeed> {
  // A parser per document: xml2js's parser, once it has seen two errors in one document, takes
  // the next document's first error for one already reported and accepts broken XML, so a
  // shared one made a feed's result depend on the feeds parsed before it.
  const parser = new Parser<Raw, Raw>(options(kind));
  const sax = (parser as SaxInside).xmlParser?.saxParser;
  if (sax && !positions) sax.trackPosition = false;
  const feed = await parser.parseString(xml);
  return {
    title: text(feed.title),
    link: text(feed.link),
    items: (feed.items ?? []) as Raw[],
  };
}

/** rss-parser yields strings, or xml2js objects (`{ _: text, $: attributes }`) for some nodes. */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === "object" && "_" in value) return text((value as { _: unknown })._);
  return undefined;
}

const nonEmpty = (value: unknown) => {
  const t = text(value);
  return t !== undefined && t.trim() !== "" ? t : undefined;
};

/** A body as rss-parser gives it: its text, or its markup as XML (Atom's type="xhtml"). */
const body = (raw: unknown) => nonEmpty(Array.isArray(raw) ? rssUtils.getContent(raw[0]) : raw);

/** An rss-parser item as a FeedEntry: links absolute, the fullest body, a usable date. */
export function toEntry(item: Raw, base: string): FeedEntry {
  const guid = nonEmpty(item.guid) ?? nonEmpty(item.id);
  let link = absoluteLink(nonEmpty(item.link), base);
  if (!link && guid && isHttpUrl(guid.trim())) link = guid.trim();
  const published =
    parseDate(text(item.pubDate)) ??
    parseDate(text(item.dcDate)) ??
    parseDate(text(item.published)) ??
    parseDate(text(item.issued)) ??
    parseDate(text(item.updated)) ??
    parseDate(text(item.modified)) ??
    parseDate(text(item.created)) ??
    parseDate(text(item.isoDate));
  const content =
    nonEmpty(item.contentEncoded) ??
    body(item.content) ??
    body(item.description) ??
    nonEmpty(item.summary);
  return { guid: guid?.trim(), link, title: nonEmpty(item.title)?.trim(), published, content };
}
