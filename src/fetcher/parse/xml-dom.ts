import { type AnyNode, type Element, isTag } from "domhandler";
import { DomUtils } from "htmlparser2";
import { parseDocument } from "../../text/htmlparser.js";

/**
 * The feed document as a namespace-aware tree, for what rss-parser's xml2js objects cannot tell:
 * mixed content in order (inline XHTML), attributes of every element, the xml:base in scope.
 * Names are canonical ("atom:title", "dc:date", "media:description", "title" for RSS's own
 * elements) whatever prefix the document uses; an unbound prefix is read by convention.
 */

export const NS = {
  atom: "http://www.w3.org/2005/Atom",
  atom03: "http://purl.org/atom/ns#",
  rss10: "http://purl.org/rss/1.0/",
  rss090: "http://my.netscape.com/rdf/simple/0.9/",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  content: "http://purl.org/rss/1.0/modules/content/",
  media: "http://search.yahoo.com/mrss/",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  xhtml: "http://www.w3.org/1999/xhtml",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
} as const;

/** Namespace URI → canonical prefix ("" for RSS's own elements). */
const PREFIX = new Map<string, string>([
  [NS.atom, "atom"],
  [NS.atom03, "atom"],
  [NS.rss10, ""],
  [NS.rss090, ""],
  ["http://backend.userland.com/rss2", ""],
  ["http://search.yahoo.com/mrss", "media"],
  ["http://purl.org/dc/elements/1.0/", "dc"],
]);
for (const [prefix, uri] of Object.entries(NS)) if (!PREFIX.has(uri)) PREFIX.set(uri, prefix);
const CONVENTIONAL = new Set([
  "atom",
  "dc",
  "dcterms",
  "content",
  "media",
  "itunes",
  "xhtml",
  "rdf",
]);

export type Kind = "rss" | "rdf" | "atom";

export class FeedDom {
  readonly root: Element | undefined;
  private readonly mainNs: string;
  private readonly names = new WeakMap<Element, string>();
  private bases = new WeakMap<Element, string>();

  /** `base`: the document's own URL (or the best stand-in), where every xml:base starts. */
  constructor(
    xml: string,
    private readonly kind: Kind,
    private base: string,
  ) {
    const document = parseDocument(xml, { xmlMode: true });
    this.root = document.children.find(isTag);
    // An RSS document's own default namespace (RSS 1.1, Userland's 2.0…) is RSS's.
    this.mainNs = kind === "atom" ? NS.atom : (this.root?.attribs.xmlns?.trim() ?? "");
  }

  /** The element's canonical name (see above). */
  name(el: Element): string {
    let name = this.names.get(el);
    if (name === undefined) this.names.set(el, (name = this.canonical(el)));
    return name;
  }

  private canonical(el: Element): string {
    const colon = el.name.indexOf(":");
    const prefix = colon < 0 ? "" : el.name.slice(0, colon);
    const local = el.name.slice(colon + 1);
    const uri = namespaceOf(el, prefix);
    // The root's own namespace, whatever it is, is the feed format's; so is no namespace.
    let canonical: string;
    if (uri === undefined) canonical = CONVENTIONAL.has(prefix) ? prefix : el.name.slice(0, colon);
    else if (uri === "" || uri === this.mainNs) canonical = "";
    else canonical = PREFIX.get(uri) ?? `{${uri}}`;
    // In an Atom document, Atom's own elements without a namespace are still Atom's.
    if (canonical === "" && this.kind === "atom") canonical = "atom";
    return canonical ? `${canonical}:${local}` : local;
  }

  /** The element children of `el` with one of `names`, in document order. */
  children(el: Element | undefined, ...names: string[]): Element[] {
    if (!el) return [];
    return el.children.filter((c): c is Element => isTag(c) && names.includes(this.name(c)));
  }

  child(el: Element | undefined, ...names: string[]): Element | undefined {
    for (const name of names) {
      const found = this.children(el, name)[0];
      if (found) return found;
    }
    return undefined;
  }

  /** A feed read from a file has no useful URL: its site's then stands in for it. */
  setDocumentBase(base: string): void {
    this.base = base;
    this.bases = new WeakMap();
  }

  /** The base URI in scope at `el`: every xml:base from the root down, resolved in turn. */
  baseOf(el: Element): string {
    let base = this.bases.get(el);
    if (base !== undefined) return base;
    const parent = el.parent && isTag(el.parent) ? this.baseOf(el.parent) : this.base;
    base = resolve(el.attribs["xml:base"], parent) ?? parent;
    this.bases.set(el, base);
    return base;
  }

  /** Whether an xml:base stands on `el` or any element above it. */
  hasXmlBase(el: Element): boolean {
    for (let at: AnyNode | null = el; at && isTag(at); at = at.parent) {
      if (at.attribs["xml:base"] !== undefined) return true;
    }
    return false;
  }
}

/** The URI bound to `prefix` at `el` ("" for no namespace), undefined when nothing binds it. */
function namespaceOf(el: Element, prefix: string): string | undefined {
  const attribute = prefix ? `xmlns:${prefix}` : "xmlns";
  for (let at: AnyNode | null = el; at && isTag(at); at = at.parent) {
    const uri = at.attribs[attribute];
    if (uri !== undefined) return uri.trim();
  }
  return prefix ? undefined : "";
}

/** `value` resolved against `base`; undefined when there is no value or it cannot be resolved. */
export function resolve(value: string | undefined, base: string): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

/** The element's text: text and CDATA, entities decoded, markup left out. */
export function textOf(el: Element): string {
  return DomUtils.textContent(el);
}

export const hasElementChildren = (el: Element) => el.children.some(isTag);
