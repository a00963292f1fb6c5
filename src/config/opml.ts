import { type Element, isTag } from "domhandler";
import { NewsmirrorError } from "../errors.js";
import { parseDocument } from "../text/htmlparser.js";
import { escapeXml } from "../text/xml.js";

/**
 * OPML 2.0 (https://opml.org/spec2.opml), the list of feeds every feed reader imports and
 * exports: `<opml><head/><body>` with `<outline>` elements, feeds carrying `xmlUrl`, categories
 * nesting them. Read with htmlparser2 in XML mode, which also takes the broken files readers
 * write (bare `&`, HTML entities, unclosed outlines) instead of refusing the whole list.
 */

/** One outline that is a feed (it has `xmlUrl`) or that is nothing (no xmlUrl, no children). */
export interface OpmlOutline {
  /** 1-based, in document order over every outline: how a person finds it in the file. */
  position: number;
  line: number;
  /** `title`, else `text`, trimmed; undefined when both are empty. */
  title?: string;
  /** As written (trimmed); undefined when absent. */
  xmlUrl?: string;
  htmlUrl?: string;
  /** `url` of an outline of type "link": a web page, not a feed. */
  link?: string;
  /** `newsmirror:id`, which `feeds export` writes so that a round trip keeps the ids. */
  id?: string;
  /** The titles of the category outlines it lies in, outermost first. */
  categories: string[];
}

export interface OpmlDocument {
  title?: string;
  outlines: OpmlOutline[];
}

export const NEWSMIRROR_NS = "https://github.com/newsmirror/newsmirror";

function children(node: { children: unknown[] }, name: string): Element[] {
  return (node.children as Element[]).filter((c) => isTag(c) && c.name.toLowerCase() === name);
}

/** Attributes by lower-cased name: files in the wild write `xmlurl` and `XMLURL` too. */
function attributes(element: Element): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(element.attribs)) {
    const clean = value.trim();
    if (clean !== "") map.set(name.toLowerCase(), clean);
  }
  return map;
}

/** Every feed outline (and every empty non-feed one, to be reported) of an OPML file. */
export function parseOpml(text: string, file: string): OpmlDocument {
  const doc = parseDocument(text, { xmlMode: true, withStartIndices: true });
  const opml = children(doc, "opml")[0];
  const body = opml && children(opml, "body")[0];
  if (!opml || !body) {
    throw new NewsmirrorError("E_OPML", `${file}: not an OPML file (no <opml> with a <body>)`, {
      suggestion: "give the .opml file a feed reader exported (File → Export subscriptions)",
    });
  }
  const head = children(opml, "head")[0];
  const title = head && children(head, "title")[0];
  const outlines: OpmlOutline[] = [];
  let position = 0;
  let lastIndex = 0;
  let line = 1;
  const walk = (parent: Element, categories: string[]) => {
    for (const outline of children(parent, "outline")) {
      position++;
      // Lines counted incrementally: outlines come in document order.
      const start = outline.startIndex ?? lastIndex;
      line += countNewlines(text, lastIndex, start);
      lastIndex = start;
      const a = attributes(outline);
      const id = a.get("newsmirror:id");
      // `feeds export` writes the id as `text` where a feed has no title: not a title.
      const label = a.get("text");
      const name = a.get("title") ?? (label === id ? undefined : label);
      const nested = children(outline, "outline").length > 0;
      const xmlUrl = a.get("xmlurl");
      if (xmlUrl !== undefined || !nested) {
        outlines.push({
          position,
          line,
          title: name,
          xmlUrl,
          htmlUrl: a.get("htmlurl"),
          link: xmlUrl === undefined ? a.get("url") : undefined,
          id,
          categories,
        });
      }
      if (nested) walk(outline, name ? [...categories, name] : categories);
    }
  };
  walk(body, []);
  const headTitle = title ? textOf(title) : "";
  return { ...(headTitle ? { title: headTitle } : {}), outlines };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function textOf(element: Element): string {
  return element.children
    .map((c) => ("data" in c && typeof c.data === "string" ? c.data : ""))
    .join("")
    .trim();
}

/** A feed as `feeds export` writes it. */
export interface OpmlFeed {
  id: string;
  url: string;
  title?: string;
  htmlUrl?: string;
}

/** An attribute value keeps its newlines as references: a reader would read them as spaces. */
function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, "&#10;");
}

/** OPML 2.0 of the feeds, in the config's order; no dates, so the same config gives the same bytes. */
export function renderOpml(feeds: readonly OpmlFeed[], title: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:newsmirror="${NEWSMIRROR_NS}">`,
    "  <head>",
    `    <title>${escapeAttribute(title)}</title>`,
    "  </head>",
    "  <body>",
    ...feeds.map((f) => {
      const name = escapeAttribute(f.title ?? f.id);
      const title = f.title ? ` title="${name}"` : "";
      const site = f.htmlUrl ? ` htmlUrl="${escapeAttribute(f.htmlUrl)}"` : "";
      return `    <outline type="rss" text="${name}"${title} xmlUrl="${escapeAttribute(f.url)}"${site} newsmirror:id="${escapeAttribute(f.id)}"/>`;
    }),
    "  </body>",
    "</opml>",
  ];
  return `${lines.join("\n")}\n`;
}
