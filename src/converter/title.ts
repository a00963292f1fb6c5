import { createRequire } from "node:module";
import { decodeHTML } from "entities";
import type TurndownService from "turndown";

// turndown (with its DOM) loads on first use: bench/RESULTS.md, "Titles".
// Bundled (dist/), `require` is the bundler's own: esbuild sees the call and bundles the package,
// so the installed CLI needs no node_modules. Run from the sources (tests), it is Node's.
const nodeRequire = createRequire(import.meta.url);
let turndownService: TurndownService | undefined;

function turndown(): TurndownService {
  if (turndownService) return turndownService;
  const Turndown = (
    typeof require === "function"
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy and bundled (above)
        require("turndown")
      : nodeRequire("turndown")
  ) as typeof TurndownService;
  const service = new Turndown({
    emDelimiter: "*",
    strongDelimiter: "**",
    codeBlockStyle: "fenced",
  });
  // A title is one line of link text: blocks become their text, a link inside the link its text,
  // an image its alt text; scripts and styles say nothing.
  service.remove(["script", "style", "noscript", "template"]);
  service.addRule("title-inline", {
    filter: ["a"],
    replacement: (content) => content,
  });
  service.addRule("title-image", {
    filter: ["img"],
    replacement: (_content, node) =>
      service.escape(
        (node as { getAttribute(name: string): string | null }).getAttribute("alt") ?? "",
      ),
  });
  service.addRule("title-block", {
    filter: [
      "p",
      "div",
      "br",
      "hr",
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "blockquote",
      "ul",
      "ol",
      "li",
      "pre",
      "table",
      "tr",
      "td",
      "th",
    ],
    replacement: (content) => ` ${content} `,
  });
  return (turndownService = service);
}

/**
 * What turndown's own escaping leaves that a CommonMark renderer still acts on inside link
 * text: `<` (raw HTML, autolinks) and `&` that starts an entity reference.
 */
const EXTRA_ESCAPES: readonly [RegExp, string][] = [
  [/</g, "\\<"],
  [/&(?=#?[a-z0-9]+;)/gi, "\\&"],
];

/** Titles without tags skip turndown's DOM: same result (bench/RESULTS.md, "Titles"). */
const TAG = /</;

/**
 * A title that is one text node, as turndown writes it: entities decoded, runs of ASCII white
 * space made one space and trimmed, then escaped.
 */
function textToMarkdown(collapsed: string): string {
  const text = collapsed.includes("&") ? decodeHTML(collapsed) : collapsed;
  return turndown().escape(text.replace(/[ \r\n\t]+/g, " ").replace(/^ | $/g, ""));
}

/** The entry's title (HTML) as one line of inline Markdown that renders as its text. */
export function titleToMarkdown(html: string): string {
  const collapsed = html.replace(/\s+/g, " ");
  let md = TAG.test(html) ? turndown().turndown(collapsed) : textToMarkdown(collapsed);
  md = md.replace(/\s+/g, " ").trim();
  for (const [pattern, replacement] of EXTRA_ESCAPES) md = md.replace(pattern, replacement);
  return md;
}
