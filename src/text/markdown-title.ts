import { createRequire } from "node:module";
import { decodeHTML } from "entities";
import type MarkdownIt from "markdown-it";

// markdown-it loads on first use (bench/RESULTS.md, "Titles"): most titles need no parser.
// Bundled (dist/), `require` is the bundler's own: esbuild sees the call and bundles the package,
// so the installed CLI needs no node_modules. Run from the sources (tests), it is Node's.
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

/** The HTML a Markdown title renders as (for an Atom title of type html). */
export function markdownTitleToHtml(md: string): string {
  return markdown().renderInline(md);
}
