import type { Element } from "domhandler";
import type { FeedEntry } from "../../model.js";
import { atomText, type Reading, untypedText } from "./constructs.js";
import { dateCandidates, parseDate } from "./dates.js";
import { type FeedDom, resolve, textOf } from "./xml-dom.js";

/**
 * What newsmirror stores of one entry, read from the document tree (see xml-dom.ts); `base` is
 * set when an xml:base says what the body's relative URLs are relative to.
 */
export type EntryFacts = FeedEntry;

/**
 * Where two sources disagree, the first one that has a value wins. The README's "How entries
 * are read" repeats these tables; keep the two the same.
 *
 * Bodies: the fullest first. `html`: read as HTML; `text`: plain text; `sniff`: HTML when it has
 * tags or entities; `atom`: an Atom text construct (its type says). `media:description` is
 * looked for on the entry, in `media:group` and in `media:content`.
 */
export const BODIES: readonly (readonly [name: string, reading: Reading | "atom"])[] = [
  ["content:encoded", "html"],
  ["atom:content", "atom"],
  ["xhtml:body", "html"],
  ["body", "html"],
  ["fullitem", "html"],
  ["description", "html"],
  ["dc:description", "sniff"],
  ["atom:summary", "atom"],
  ["summary", "sniff"],
  ["itunes:summary", "sniff"],
  ["media:description", "text"],
];

/** Dates: publication first, then creation, then the last change. */
export const DATES: readonly string[] = [
  "pubDate",
  "dc:date",
  "atom:published",
  "atom:issued",
  "dcterms:issued",
  "dcterms:date",
  "dcterms:available",
  "atom:created",
  "dcterms:created",
  "atom:updated",
  "atom:modified",
  "dcterms:modified",
];

/**
 * Titles. RSS says nothing of a title's type: like the reference parsers, it is HTML when it
 * holds a known HTML tag or an entity, else plain text ("History of the <blink> tag" keeps its
 * `<blink>`).
 */
export const TITLES: readonly (readonly [name: string, reading: Reading | "atom"])[] = [
  ["title", "sniff"],
  ["atom:title", "atom"],
  ["dc:title", "sniff"],
  ["media:title", "text"],
];

/**
 * Links: RSS's `<link>`, then Atom links by relation, an alternate (rel="alternate", then no
 * rel, which RFC 4287 makes alternate) of an HTML type before one of another type; then an Atom
 * link that carries its URL as text; then the guid (unless isPermaLink="false") or the id when
 * it is an http(s) URL.
 */
export const LINK_RELATIONS: readonly string[] = ["alternate", ""];

export function readFacts(dom: FeedDom, entry: Element): EntryFacts {
  const guidElement = dom.child(entry, "guid", "atom:id");
  const guid = guidElement ? textOf(guidElement).trim() || undefined : undefined;
  const title = first(dom, entry, TITLES);
  const body = firstBody(dom, entry);
  let link = rssLink(dom, entry) ?? atomLink(dom, entry);
  const permalink = guidElement?.attribs.isPermaLink?.trim().toLowerCase() !== "false";
  if (!link && guid && permalink && /^https?:\/\//i.test(guid)) link = guid;
  return {
    guid,
    link,
    title,
    published: firstDate(dom, entry),
    dates: dateCandidates(DATES.flatMap((name) => dom.children(entry, name).map(textOf))),
    content: body?.html,
    base: body && dom.hasXmlBase(body.el) ? dom.baseOf(body.el) : undefined,
  };
}

function read(dom: FeedDom, el: Element, reading: Reading | "atom"): string | undefined {
  if (reading === "atom") return atomText(dom, el);
  if (el.attribs.type && /html/i.test(el.attribs.type)) return untypedText(dom, el, "html");
  return untypedText(dom, el, reading);
}

function first(dom: FeedDom, entry: Element, table: typeof TITLES): string | undefined {
  for (const [name, reading] of table) {
    for (const el of dom.children(entry, name)) {
      const value = read(dom, el, reading);
      if (value) return value;
    }
  }
  return undefined;
}

function firstBody(dom: FeedDom, entry: Element): { html: string; el: Element } | undefined {
  for (const [name, reading] of BODIES) {
    const places =
      name === "media:description"
        ? [entry, ...dom.children(entry, "media:group", "media:content")].flatMap((p) => [
            p,
            ...dom.children(p, "media:content"),
          ])
        : [entry];
    for (const place of places) {
      for (const el of dom.children(place, name)) {
        const html = read(dom, el, reading);
        if (html) return { html, el };
      }
    }
  }
  return undefined;
}

function firstDate(dom: FeedDom, entry: Element): number | undefined {
  for (const name of DATES) {
    for (const el of dom.children(entry, name)) {
      const date = parseDate(textOf(el));
      if (date !== undefined) return date;
    }
  }
  return undefined;
}

function rssLink(dom: FeedDom, entry: Element): string | undefined {
  for (const el of dom.children(entry, "link")) {
    const href = resolve(textOf(el), dom.baseOf(el)) ?? resolve(el.attribs.href, dom.baseOf(el));
    if (href) return href;
  }
  return undefined;
}

const HTML_TYPE = /^(?:text\/html|application\/xhtml\+xml)?$/i;

function atomLink(dom: FeedDom, entry: Element): string | undefined {
  const links = dom.children(entry, "atom:link");
  const href = (el: Element) => resolve(el.attribs.href, dom.baseOf(el));
  const rel = (el: Element) => (el.attribs.rel ?? "").trim().toLowerCase();
  for (const wanted of [true, false]) {
    for (const relation of LINK_RELATIONS) {
      for (const el of links) {
        const htmlType = HTML_TYPE.test((el.attribs.type ?? "").trim());
        if (rel(el) === relation && htmlType === wanted && href(el)) return href(el);
      }
    }
  }
  for (const el of links) {
    const text = resolve(textOf(el), dom.baseOf(el));
    if (text && !el.attribs.href) return text;
  }
  return undefined;
}
