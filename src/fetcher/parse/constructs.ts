import { type AnyNode, type Element, isCDATA, isTag, isText } from "domhandler";
import { DomUtils } from "htmlparser2";
import { escapeHtml } from "../../text/html-text.js";
import { type FeedDom, hasElementChildren, NS, resolve, textOf } from "./xml-dom.js";

/**
 * Text constructs as HTML: Atom 1.0's type="text|html|xhtml" (RFC 4287 §3.1), Atom 0.3's MIME
 * type with mode="xml|escaped|base64", and the untyped elements of RSS and its modules.
 */

const VOID = new Set(
  "area base br col embed hr img input link meta param source track wbr".split(" "),
);
/** Attributes holding a URL, resolved against the xml:base in scope while serializing. */
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "longdesc", "poster", "background"]);

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/**
 * Inline XML (XHTML) as HTML: element names without their prefix, namespace declarations and
 * xml:base left out, relative URLs resolved where an xml:base says what they are relative to.
 */
export function serialize(dom: FeedDom, nodes: readonly AnyNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (isText(node)) out += escapeHtml(node.data);
    else if (isCDATA(node)) out += escapeHtml(DomUtils.textContent(node));
    else if (isTag(node)) out += serializeElement(dom, node);
  }
  return out;
}

function serializeElement(dom: FeedDom, el: Element): string {
  const name = el.name.slice(el.name.indexOf(":") + 1).toLowerCase();
  let tag = `<${name}`;
  for (const [key, value] of Object.entries(el.attribs)) {
    if (key === "xmlns" || key.startsWith("xmlns:") || key.startsWith("xml:")) continue;
    const url = URL_ATTRIBUTES.has(key) && dom.hasXmlBase(el);
    const resolved =
      url && !value.trim().startsWith("#") ? resolve(value, dom.baseOf(el)) : undefined;
    tag += ` ${key}="${escapeAttribute(resolved ?? value)}"`;
  }
  if (VOID.has(name)) return `${tag}>`;
  return `${tag}>${serialize(dom, el.children)}</${name}>`;
}

/** The inline XHTML of an Atom xhtml construct: the contents of its one `div` (RFC 4287 §3.1.1.3). */
function xhtml(dom: FeedDom, el: Element): string {
  const elements = el.children.filter(isTag);
  const div = elements.length === 1 ? elements[0] : undefined;
  const onlyDiv =
    div &&
    div.name.replace(/^.*:/, "") === "div" &&
    el.children.every((c) => c === div || !isText(c) || c.data.trim() === "");
  return serialize(dom, onlyDiv ? div.children : el.children);
}

export type Reading = "html" | "text" | "sniff";

/** Base64 as UTF-8 text; undefined when it is not base64. */
function fromBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, "base64").toString("utf8");
}

const PLAIN = /^(?:text|text\/plain)$/i;
const HTML = /^(?:html|text\/html)$/i;
const XHTML = /^(?:xhtml|application\/xhtml\+xml)$/i;

/**
 * An Atom text construct (title, subtitle, summary, content, rights) as HTML; undefined when it
 * holds nothing or only points elsewhere (`content src=…`).
 */
export function atomText(dom: FeedDom, el: Element): string | undefined {
  if (el.attribs.src !== undefined && !el.children.length) return undefined;
  const atom03 = el.attribs.mode !== undefined || namespaceIs03(el);
  const type = (el.attribs.type ?? (atom03 ? "text/plain" : "text")).trim();
  const mode = (el.attribs.mode ?? "xml").trim().toLowerCase();
  if (XHTML.test(type)) return nonEmpty(xhtml(dom, el));
  if (atom03 && mode === "base64") {
    const decoded = fromBase64(textOf(el));
    return decoded === undefined ? undefined : typed(decoded, HTML.test(type) ? "html" : "text");
  }
  // Atom 0.3's default mode is inline XML: markup inside is the content, not the end of it.
  if (atom03 && mode === "xml" && hasElementChildren(el)) return nonEmpty(xhtml(dom, el));
  if (HTML.test(type)) return typed(textOf(el), "html");
  if (PLAIN.test(type) || /^text\//i.test(type)) return typed(textOf(el), "text");
  if (/[+/]xml$/i.test(type)) return nonEmpty(serialize(dom, el.children));
  return undefined;
}

function namespaceIs03(el: Element): boolean {
  for (let at: AnyNode | null = el; at && isTag(at); at = at.parent) {
    const ns = at.attribs.xmlns;
    if (ns !== undefined) return ns.trim() === NS.atom03;
  }
  return false;
}

/** HTML tags (by name) that mark untyped text as markup rather than prose. */
const HTML_TAG =
  /<\/?(?:a|abbr|b|blockquote|br|code|dd|div|dl|dt|em|figure|h[1-6]|hr|i|img|li|ol|p|pre|q|s|small|span|strong|sub|sup|table|td|th|tr|u|ul|iframe|video|audio|source|font|center|cite|del|ins|strike|tt|big|figcaption|picture|section|article|header|footer)\b[^>]*>/i;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Text read as HTML, as plain text (escaped), or sniffed (HTML when it has tags or entities). */
export function typed(text: string, reading: Reading): string | undefined {
  if (!text.trim()) return undefined;
  if (reading === "html") return text;
  if (reading === "sniff" && (HTML_TAG.test(text) || ENTITY.test(text))) return text;
  return escapeHtml(text);
}

/** An untyped element (RSS's description, itunes:summary…): markup inside it is inline XHTML. */
export function untypedText(dom: FeedDom, el: Element, reading: Reading): string | undefined {
  if (hasElementChildren(el)) return nonEmpty(serialize(dom, el.children));
  return typed(textOf(el), reading);
}

const nonEmpty = (html: string) =>
  html.replace(/<[^>]*>/g, "").trim() || /<img\b/i.test(html) ? html : undefined;
