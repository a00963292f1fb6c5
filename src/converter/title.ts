import { decodeHTML } from "entities";
import MarkdownIt from "markdown-it";
import TurndownService from "turndown";

const turndown = new TurndownService({
  emDelimiter: "*",
  strongDelimiter: "**",
  codeBlockStyle: "fenced",
});
const markdown = new MarkdownIt("commonmark");

/**
 * What turndown's own escaping leaves that a CommonMark renderer still acts on inside link
 * text: `<` (raw HTML, autolinks) and `&` that starts an entity reference.
 */
const EXTRA_ESCAPES: readonly [RegExp, string][] = [
  [/</g, "\\<"],
  [/&(?=#?[a-z0-9]+;)/gi, "\\&"],
];

/** The entry's title (HTML) as one line of inline Markdown that renders as its text. */
export function titleToMarkdown(html: string): string {
  let md = turndown.turndown(html.replace(/\s+/g, " "));
  md = md.replace(/\s+/g, " ").trim();
  for (const [pattern, replacement] of EXTRA_ESCAPES) md = md.replace(pattern, replacement);
  return md;
}

/** The plain text a Markdown title renders as: what the index stores. */
export function markdownTitleToText(md: string): string {
  const html = markdown.renderInline(md);
  return decodeHTML(html.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}
