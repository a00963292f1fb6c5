import { decodeHTML } from "entities";

/** Characters XML 1.0 forbids; real feeds carry them anyway. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Rewrites `&` that XML would refuse: bare ones, and HTML-only entities (with or without `;`). */
function fixEntities(text: string): string {
  return text.replace(
    /&(#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;?)?/gi,
    (match, ref: string | undefined) => {
      if (!ref) return "&amp;";
      if (ref.startsWith("#")) return match;
      const name = ref.replace(/;$/, "");
      if (XML_ENTITIES.has(name) && ref.endsWith(";")) return match;
      const decoded = decodeHTML(`&${ref}`);
      if (decoded === `&${ref}`) return `&amp;${ref}`;
      return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join("");
    },
  );
}

/**
 * Makes real-world feed text parseable without changing what it says: drops what precedes the
 * first markup (whitespace, junk, a bogus `<?phpxml …?>`) and the XML declaration (the text is
 * already decoded), drops forbidden characters, and fixes entities outside CDATA sections.
 */
export function cleanXml(text: string): string {
  let xml = text.replace(FORBIDDEN, "");
  const start = xml.search(/<(?:\?xml[\s?]|[a-z!])/i);
  if (start > 0) xml = xml.slice(start);
  xml = xml.replace(/^<\?xml[^>]*\?>/i, "").replace(/<\?phpxml[^>]*\?>/gi, "");
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)
    .map((part, i) => (i % 2 === 1 || !part.includes("&") ? part : fixEntities(part)))
    .join("");
}

export type RootKind = "rss" | "rdf" | "atom" | "html" | "unknown";

/** The document's root element, skipping PIs, comments and the doctype. */
export function rootElement(xml: string): string {
  const match = /<([a-z_][\w.:-]*)/i.exec(
    xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, ""),
  );
  return match?.[1] ?? "";
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
  return xml.replace(/<rss(?![^>]*\bversion\s*=)(?=[\s>])/, '<rss version="2.0"');
}

/** Atom under a prefix (`<a:feed xmlns:a=…>`) becomes plain Atom, which rss-parser reads. */
export function unprefixAtom(xml: string): string {
  const root = rootElement(xml);
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
