import { createRequire } from "node:module";
import { decodeHTML } from "entities";
import type MarkdownIt from "markdown-it";

// markdown-it loads on first use (bench/RESULTS.md, "Titles"): most titles need no parser.
const require = createRequire(import.meta.url);
let markdownRenderer: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (markdownRenderer) return markdownRenderer;
  const Markdown = require("markdown-it") as typeof MarkdownIt;
  return (markdownRenderer = new Markdown("commonmark"));
}

/** A backslash escape: CommonMark lets one stand before any ASCII punctuation. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** What inline Markdown acts on once the escapes are gone; titles without any need no parser. */
const INLINE_SYNTAX = /[\\*_`<&[\]]/;

/** The plain text a Markdown title renders as: what the index stores. */
export function markdownTitleToText(md: string): string {
  if (!INLINE_SYNTAX.test(md.replace(ESCAPE, "")))
    return md.replace(ESCAPE, "$1").replace(/\s+/g, " ").trim();
  const html = markdown().renderInline(md);
  return decodeHTML(html.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** The HTML a Markdown title renders as (for an Atom title of type html). */
export function markdownTitleToHtml(md: string): string {
  return markdown().renderInline(md);
}
