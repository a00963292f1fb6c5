import Parser from "rss-parser";
import rssUtils from "rss-parser/lib/utils.js";
import type { FeedEntry } from "../../model.js";
import { dateCandidates, parseDate } from "./dates.js";
import { readDomFeed } from "./dom-feed.js";
import type { EntryFacts } from "./facts.js";
import { absoluteLink, baseUrl } from "./links.js";
import { AsideCheck, putBack, setAside } from "./set-aside.js";
import { FeedDom } from "./xml-dom.js";
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

/**
 * A fresh object each time: rss-parser writes into its options. `parts`: the CDATA contents
 * set aside (set-aside.ts), put back into each text as xml2js makes it.
 */
function options(kind: XmlKind, parts?: readonly string[]): Parser.ParserOptions<Raw, Raw> {
  const renamed = RENAMED[kind];
  const body = kind === "atom" ? "content" : "description";
  return {
    xml2js: {
      tagNameProcessors: [(name: string) => renamed[name] ?? name],
      ...(parts ? { valueProcessors: [(text: string) => putBack(text, parts)] } : {}),
    },
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

/** One entry: rss-parser's item where rss-parser saw it, and what the document tree says. */
export interface XmlItem {
  raw?: Raw;
  facts?: EntryFacts;
}

export interface XmlFeed {
  title?: string;
  link?: string;
  items: XmlItem[];
  /** rss-parser could not place the document and the tree holds no channel and no entry. */
  unrecognised?: boolean;
  /** The base of relative URLs where nothing closer gives one: the document's URL or site. */
  base?: string;
}

/** The sax parser inside rss-parser's xml2js parser; not public API, so any step may be absent. */
interface SaxInside {
  xmlParser?: { saxParser?: { trackPosition?: boolean; oncdata?: (text: string) => void } };
}

/**
 * rss-parser's reading of the document and the tree's, entry beside entry. `positions`: read
 * the whole document, sax counting lines and columns (which only its error messages use: a
 * caller parses without them first and asks again for a message worth showing).
 */
export async function parseXml(
  xml: string,
  kind: XmlKind,
  url: string,
  positions = false,
): Promise<XmlFeed> {
  const feed = positions ? await readXml(xml, kind, positions) : await readAsideFirst(xml, kind);
  const dom = new FeedDom(xml, kind, url);
  const read = readDomFeed(dom, kind);
  const base = baseUrl(url, undefined, read.link ?? text(feed?.link));
  if (base !== url) dom.setDocumentBase(base);
  const tree = base === url ? read : readDomFeed(dom, kind);
  const rawItems = (feed?.items ?? []) as Raw[];
  // Entry for entry, rss-parser and the tree list the same elements; should they ever not,
  // rss-parser's reading stands alone, as it did before the tree was read.
  const aligned = rawItems.length === tree.listed.length;
  const items: XmlItem[] = rawItems.map((raw, i) => ({
    raw,
    facts: aligned ? tree.listed[i] : undefined,
  }));
  if (!feed) items.push(...tree.listed.map((facts) => ({ facts })));
  items.push(...tree.unlisted.map((facts) => ({ facts })));
  return {
    title: text(feed?.title) ?? tree.title,
    link: text(feed?.link) ?? tree.link,
    items,
    base,
    ...(!feed && items.length === 0 && !tree.hasChannel ? { unrecognised: true } : {}),
  };
}

/** rss-parser's reading, with the long CDATA sections set aside if that reads the same. */
async function readAsideFirst(xml: string, kind: XmlKind): Promise<Parser.Output<Raw> | undefined> {
  const aside = setAside(xml);
  if (aside) {
    const check = new AsideCheck(aside.parts.length);
    const read = await readXml(aside.xml, kind, false, aside.parts, check).catch(() => null);
    if (read !== null && check.complete()) return read;
  }
  return readXml(xml, kind, false);
}

/**
 * rss-parser's reading of the document, undefined where it could not place it. `positions`:
 * let sax count lines and columns, which only its error messages use but which costs ~40% of
 * its time. `parts` and `check`: the sections set aside, and what sax made of their tokens.
 */
async function readXml(
  xml: string,
  kind: XmlKind,
  positions: boolean,
  parts?: readonly string[],
  check?: AsideCheck,
): Promise<Parser.Output<Raw> | undefined> {
  // A parser per document: xml2js's parser, once it has seen two errors in one document, takes
  // the next document's first error for one already reported and accepts broken XML, so a
  // shared one made a feed's result depend on the feeds parsed before it.
  const parser = new Parser<Raw, Raw>(options(kind, parts));
  const sax = (parser as SaxInside).xmlParser?.saxParser;
  if (sax && !positions) sax.trackPosition = false;
  if (check) {
    // Without sax's own handler to wrap, nothing can be checked: the whole document is read.
    const oncdata = sax?.oncdata;
    if (!sax || !oncdata) throw new Error("sax is not reachable");
    sax.oncdata = (text: string) => {
      check.cdata(text);
      oncdata.call(sax, text);
    };
  }
  try {
    return await parser.parseString(xml);
  } catch (error) {
    // Well-formed XML rss-parser cannot place (RSS 1.0 under a prefix, <rss> without a
    // <channel>) is read from the document tree alone; broken XML goes back to the caller.
    if (!isStructural(error)) throw error;
    return undefined;
  }
}

/** rss-parser's own refusals of a document that parsed, as opposed to sax's XML errors. */
function isStructural(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return error instanceof Error && /^Feed not recognized/.test(error.message);
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

/**
 * An entry as a FeedEntry: what the document tree says (facts.ts has the precedence tables),
 * rss-parser's reading where the tree has nothing; links absolute, a usable date.
 */
export function toEntry({ raw = {}, facts = {} }: XmlItem, base: string): FeedEntry {
  const guid = facts.guid ?? (nonEmpty(raw.guid) ?? nonEmpty(raw.id))?.trim();
  let link = facts.link ?? absoluteLink(nonEmpty(raw.link), base);
  if (!link && !facts.guid && guid && isHttpUrl(guid)) link = guid;
  const rawDates = [
    raw.pubDate,
    raw.dcDate,
    raw.published,
    raw.issued,
    raw.updated,
    raw.modified,
    raw.created,
    raw.isoDate,
  ].map(text);
  const published = facts.published ?? rawDates.map(parseDate).find((ms) => ms !== undefined);
  const dates = facts.dates?.length ? facts.dates : dateCandidates(rawDates);
  const content =
    facts.content ??
    nonEmpty(raw.contentEncoded) ??
    body(raw.content) ??
    body(raw.description) ??
    nonEmpty(raw.summary);
  const title = (facts.title ?? nonEmpty(raw.title))?.trim() || undefined;
  // Relative URLs in the body: against the xml:base in scope, else the link, else the feed's base.
  const bodyBase = facts.base ?? (link ? undefined : base);
  return {
    guid,
    link,
    title,
    published,
    dates,
    content,
    ...(bodyBase && /^https?:/i.test(bodyBase) ? { base: bodyBase } : {}),
  };
}
