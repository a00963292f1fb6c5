import { gfm } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";
import { escapeLinkDestination } from "../text/markdown-link.js";

/** The part of a DOM element the rules below read (turndown's own DOM, domino). */
interface Element {
  nodeName: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  /** domino answers `undefined` (not null) when nothing matches. */
  querySelector(selector: string): Element | null | undefined;
}

let service: TurndownService | undefined;

/**
 * What turndown's escaping leaves that a Markdown renderer still acts on in text: `<` (raw HTML,
 * so a stored `&lt;script&gt;` would become a tag) and `&` starting an entity reference. Written
 * as entities, which CommonMark, GFM and kramdown (Jekyll) all decode the same way.
 */
const EXTRA_ESCAPES: readonly [RegExp, string][] = [
  [/&(?=#?[a-z0-9]+;)/gi, "&amp;"],
  [/</g, "&lt;"],
];

/**
 * CommonMark closes `**` or `*` only where the delimiter is "right-flanking": text that ends in
 * punctuation (「」“”。) directly followed by a letter, as CJK writes it, never closes, and the
 * stars would show. Such emphasis is written as HTML, which every renderer reads.
 */
const PUNCTUATION_EDGE = /^[\p{P}\p{S}]|[\p{P}\p{S}]$/u;

function emphasis(tag: "em" | "strong", delimiter: string) {
  return (content: string) => {
    const text = content.trim();
    if (!text) return content;
    const edge = content.slice(0, content.length - content.trimStart().length);
    const tail = content.slice(content.trimEnd().length);
    const inner = PUNCTUATION_EDGE.test(text)
      ? `<${tag}>${text}</${tag}>`
      : `${delimiter}${text}${delimiter}`;
    return `${edge}${inner}${tail}`;
  };
}

/** An embedded player or media file becomes a link to it, so the reader can still reach it. */
function mediaLink(node: Element): string {
  const src = node.getAttribute("src") ?? node.querySelector("source")?.getAttribute("src") ?? "";
  if (!/^https?:\/\//i.test(src)) return "";
  const label = node.nodeName === "IFRAME" ? "Embedded content" : node.nodeName.toLowerCase();
  const poster = node.getAttribute("poster");
  const image =
    poster && /^https?:\/\//i.test(poster) ? `![](${escapeLinkDestination(poster)}) ` : "";
  return `\n\n${image}[${label}: ${new URL(src).hostname}](${escapeLinkDestination(src)})\n\n`;
}

/** What a GFM table cell cannot hold: such a table stays HTML (as the gfm plugin decides too). */
const BLOCK_IN_TABLE = "ul, ol, h1, h2, h3, h4, h5, h6, hr, blockquote, pre, code, table";

/**
 * The table as HTML, without the wrapper `div` the plugin adds for Joplin's editor; on one line,
 * so that no blank line ends the HTML block early.
 */
function htmlTable(node: Element): string {
  return `\n\n${node.outerHTML.replace(/\r?\n/g, "&#10;")}\n\n`;
}

function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({
    headingStyle: "atx",
    hr: "---",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
    emDelimiter: "*",
    strongDelimiter: "**",
  });
  td.use(gfm);
  const escape = td.escape.bind(td);
  td.escape = (text: string) =>
    EXTRA_ESCAPES.reduce((md, [pattern, to]) => md.replace(pattern, to), escape(text));
  td.addRule("emphasis-cjk", { filter: ["em", "i"], replacement: emphasis("em", "*") });
  td.addRule("strong-cjk", { filter: ["strong", "b"], replacement: emphasis("strong", "**") });
  td.addRule("table-as-html", {
    filter: (node) =>
      node.nodeName === "TABLE" && !!(node as unknown as Element).querySelector(BLOCK_IN_TABLE),
    replacement: (_content, node) => htmlTable(node as unknown as Element),
  });
  td.addRule("media", {
    filter: ["iframe", "video", "audio"],
    replacement: (_content, node) => mediaLink(node as unknown as Element),
  });
  return (service = td);
}

/** The date line every stored body begins with (`<div><i>…</i></div>`): front matter has it. */
const DATE_LINE = /^<div><i>[^<]*<\/i><\/div>/;

/**
 * A stored body (one line of sanitized HTML) as GitHub-flavoured Markdown: headings, lists,
 * tables and strikethrough in Markdown syntax, images as image links, links as links; a table
 * that Markdown cannot hold (lists or code in cells) stays as its HTML.
 */
export function bodyToMarkdown(body: string): string {
  const markdown = turndown().turndown(body.replace(DATE_LINE, ""));
  // `<br>` is two spaces and a newline; elsewhere trailing spaces (a `<br>` before a paragraph's
  // end, blank lines of spaces) only make noise in a diff.
  return markdown
    .replace(/^[ \t]+$/gm, "")
    .replace(/[ \t]+\n(?=\n)/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
