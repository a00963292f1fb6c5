import { createRequire } from "node:module";
import { decodeHTML } from "entities";
import type MarkdownIt from "markdown-it";

// markdown-it loads on first use (bench/RESULTS.md, "Titles"): most titles need no parser.
// Bundled (dist/), esbuild sees the bare `require` and points it at dist/markdown-it.cjs, built
// apart (scripts/bundle.mjs), so the installed CLI needs no node_modules and a run that needs no
// parser compiles none. Run from the sources (tests), it is Node's.
const nodeRequire = createRequire(import.meta.url);
let markdownRenderer: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (markdownRenderer) return markdownRenderer;
  const Markdown = (
    typeof require === "function"
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and bundled (above)
        require("markdown-it")
      : nodeRequire("markdown-it")
  ) as typeof MarkdownIt;
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

/** What renderInline acts on, besides the two characters it escapes: line ends and NUL too. */
const HTML_SYNTAX = /[\\*_`<&[\]\n\r\0]/;

/**
 * The HTML a Markdown title renders as (for an Atom title of type html). A title with none of
 * HTML_SYNTAX renders as itself with `>` and `"` escaped, as markdown-it's escapeHtml does: the
 * parser (~25 ms to load) is left for the titles that need it.
 */
export function markdownTitleToHtml(md: string): string {
  if (!HTML_SYNTAX.test(md)) return md.replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return markdown().renderInline(md);
}
