import { decodeHTML } from "entities";

/** Characters XML 1.0 forbids; real feeds carry them anyway. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/**
 * An `&` and what follows it, unless that is a reference XML accepts (left where it is, without
 * a call into JS: feeds of escaped HTML hold thousands of `&lt;`).
 */
const AMPERSAND =
  /&(?!(?:amp|lt|gt|quot|apos);|#\d+;|#[xX][0-9a-fA-F]+;)([a-zA-Z][a-zA-Z0-9]*;?)?/g;

/** Rewrites `&` that XML would refuse: bare ones, and HTML-only entities (with or without `;`). */
function fixEntities(text: string): string {
  return text.replace(AMPERSAND, (_match, ref: string | undefined) => {
    if (!ref) return "&amp;";
    const decoded = decodeHTML(`&${ref}`);
    if (decoded === `&${ref}`) return `&amp;${ref}`;
    return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join("");
  });
}

/**
 * Makes real-world feed text parseable without changing what it says: drops what precedes the
 * first markup (whitespace, junk, a bogus `<?phpxml …?>`) and the XML declaration (the text is
 * already decoded), drops forbidden characters, and fixes entities outside CDATA sections.
 * A clean document comes back as (a slice of) the same string: no multi-MB copy.
 */
export function cleanXml(text: string): string {
  let xml = text.replace(FORBIDDEN, "");
  const start = xml.search(/<(?:\?xml[\s?]|[a-z!])/i);
  if (start > 0) xml = xml.slice(start);
  xml = xml.replace(/^<\?xml[^>]*\?>/i, "").replace(/<\?phpxml[^>]*\?>/gi, "");
  return fixEntitiesOutsideRaw(xml);
}

/**
 * Runs fixEntities on the text between CDATA sections and comments (which XML leaves raw), cut
 * exactly where `split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)` would cut, but found with
 * indexOf and copying only when an `&` needs fixing.
 */
function fixEntitiesOutsideRaw(xml: string): string {
  const pieces: string[] = [];
  let copied = 0;
  let amp = xml.indexOf("&");
  const fix = (from: number, to: number) => {
    if (amp >= 0 && amp < from) amp = xml.indexOf("&", from);
    if (amp < 0 || amp >= to) return;
    const part = xml.slice(from, to);
    const fixed = fixEntities(part);
    if (fixed === part) return;
    pieces.push(xml.slice(copied, from), fixed);
    copied = to;
  };
  let cdata = xml.indexOf("<![CDATA[");
  let comment = xml.indexOf("<!--");
  let text = 0;
  while (cdata >= 0 || comment >= 0) {
    const isCdata = cdata >= 0 && (comment < 0 || cdata < comment);
    const at = isCdata ? cdata : comment;
    const end = isCdata ? xml.indexOf("]]>", at + 9) : xml.indexOf("-->", at + 4);
    if (end < 0) {
      // Unclosed, it is text, and so is every later opener of its kind: none of those can close.
      if (isCdata) cdata = -1;
      else comment = -1;
      continue;
    }
    fix(text, at);
    text = end + 3;
    if (cdata >= 0 && cdata < text) cdata = xml.indexOf("<![CDATA[", text);
    if (comment >= 0 && comment < text) comment = xml.indexOf("<!--", text);
  }
  fix(text, xml.length);
  if (pieces.length === 0) return xml;
  pieces.push(xml.slice(copied));
  return pieces.join("");
}

export type RootKind = "rss" | "rdf" | "atom" | "html" | "unknown";

/** Prolog constructs to skip, or (group 1) the first element's name. */
const PROLOG_OR_ELEMENT = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<([a-z_][\w.:-]*)/gi;

/**
 * The document's first element (its root) and where it starts, skipping PIs, comments and the
 * doctype; the search stops there, so it costs the prolog, not the multi-MB document.
 */
function rootTag(xml: string): { name: string; index: number } | undefined {
  PROLOG_OR_ELEMENT.lastIndex = 0;
  for (let match; (match = PROLOG_OR_ELEMENT.exec(xml));) {
    if (match[1]) return { name: match[1], index: match.index };
  }
  return undefined;
}

/** Where the root element starts, as "line L, column C" (both from 1). */
export function rootPosition(xml: string): string {
  return position(xml, rootTag(xml)?.index ?? 0);
}

export function position(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return `line ${line}, column ${index - before.lastIndexOf("\n")}`;
}

/** The document's root element, skipping PIs, comments and the doctype. */
export function rootElement(xml: string): string {
  return rootTag(xml)?.name ?? "";
}

export function rootKind(root: string): RootKind {
  const local = root.toLowerCase().split(":").pop() ?? "";
  if (local === "rss") return "rss";
  if (local === "rdf") return "rdf";
  if (local === "feed") return "atom";
  // A page saved without <html> still starts with <head> or <body>.
  if (local === "html" || local === "head" || local === "body") return "html";
  return "unknown";
}

const ATOM_NS = /xmlns:([\w.-]+)\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/;

/** rss-parser refuses <rss> without a version; feeds in the wild leave it out. */
export function ensureRssVersion(xml: string): string {
  const root = rootTag(xml);
  if (root?.name !== "rss" || !/[\s>]/.test(xml.charAt(root.index + 4))) return xml;
  const close = xml.indexOf(">", root.index);
  const tag = xml.slice(root.index, close < 0 ? undefined : close);
  if (/\bversion\s*=/.test(tag)) return xml;
  return `${xml.slice(0, root.index)}<rss version="2.0"${xml.slice(root.index + 4)}`;
}

/** Atom under a prefix (`<a:feed xmlns:a=…>`) becomes plain Atom, which rss-parser reads. */
export function unprefixAtom(xml: string): string {
  const root = rootElement(xml);
  // Without a prefix on the root there is nothing to do: skip the whole-document search.
  if (!root.includes(":")) return xml;
  const prefix = ATOM_NS.exec(xml)?.[1];
  if (!prefix || !root.startsWith(`${prefix}:`)) return xml;
  const tag = new RegExp(`<(/?)${prefix}:`, "g");
  return xml.replace(tag, "<$1").replace(ATOM_NS, 'xmlns="http://www.w3.org/2005/Atom"');
}

/** The Atom <feed> inside a page that wraps one (some blogs serve Atom inside XHTML). */
export function embeddedFeed(xml: string): string | undefined {
  const start = xml.search(/<feed[\s>]/);
  const end = xml.lastIndexOf("</feed>");
  return start >= 0 && end > start ? xml.slice(start, end + "</feed>".length) : undefined;
}

const ENTRY = { rss: "item", rdf: "item", atom: "entry" } as const;
const CLOSERS = { rss: "</channel></rss>", atom: "</feed>" } as const;

/** Keeps the complete entries of a truncated document and closes it. */
export function closeTruncated(xml: string, kind: "rss" | "rdf" | "atom"): string | undefined {
  const close = `</${ENTRY[kind]}>`;
  const end = xml.lastIndexOf(close);
  if (end < 0) return undefined;
  const root = rootElement(xml);
  const closer = kind === "rdf" ? `</${root}>` : CLOSERS[kind];
  return xml.slice(0, end + close.length) + closer;
}

/** Splits a document into its head, its entries and its tail, to parse entries one by one. */
export function splitEntries(xml: string, kind: "rss" | "rdf" | "atom") {
  const tag = ENTRY[kind];
  const pattern = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, "g");
  const entries = [...xml.matchAll(pattern)].map((m) => m[0]);
  const first = xml.search(new RegExp(`<${tag}[\\s>]`));
  const head = first >= 0 ? xml.slice(0, first) : xml;
  const root = rootElement(xml);
  const tail = kind === "rdf" ? `</${root}>` : CLOSERS[kind];
  return { head, entries, tail };
}
