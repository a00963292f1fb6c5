import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { decodeHTML } from "entities";
import sax from "sax";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../../src/fetcher/parse/decode.js";
import { parseFeed } from "../../../src/fetcher/parse/index.js";
import { itemFromEntry } from "../../../src/pipeline/entries.js";
import { markdownTitleToText } from "../../../src/text/markdown-title.js";
import { hasShared, noticeIfNoShared, sharedDir } from "../../helpers/paths.js";

const corpus = join(sharedDir, "corpus", "feeds");
const files = hasShared
  ? readdirSync(corpus).filter((f) => f !== "MANIFEST.tsv" && !f.endsWith(".json"))
  : [];

/** Local names of the elements that hold an entry's body, in any of the formats. */
const BODY_NAMES = new Set(["description", "encoded", "content", "summary", "body", "fullitem"]);

interface SaxEntry {
  title?: string;
  /** The title is markup (Atom type="html", or RSS, whose titles are HTML by usage). */
  titleIsHtml: boolean;
  hasBody: boolean;
}

const local = (name: string) => name.slice(name.indexOf(":") + 1);
const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
/** What a reader sees of HTML: block tags part words, inline tags do not. */
const htmlText = (html: string) =>
  collapse(
    decodeHTML(
      html
        .replace(/<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|hr)\b[^>]*>/gi, " ")
        .replace(/<[^>]*>/g, ""),
    ),
  );

/**
 * The entries as sax reads them, lenient about broken XML: each `item`/`entry` that is a child of
 * the root or of a channel, with its first `title`'s text and whether any body element has text.
 */
function saxEntries(xml: string): SaxEntry[] {
  const parser = sax.parser(false, { lowercase: true });
  const stack: string[] = [];
  const entries: SaxEntry[] = [];
  let entry: (SaxEntry & { depth: number }) | undefined;
  let title: { depth: number; text: string } | undefined;
  let body: { depth: number; text: string } | undefined;
  const text = (t: string) => {
    if (title) title.text += t;
    if (body) body.text += t;
  };
  parser.onopentag = ({ name, attributes }) => {
    const parent = local(stack[stack.length - 1] ?? "");
    stack.push(name);
    const l = local(name);
    if (
      !entry &&
      (l === "item" || l === "entry") &&
      ["rss", "rdf", "channel", "feed"].includes(parent)
    ) {
      entry = { depth: stack.length, titleIsHtml: false, hasBody: false };
    } else if (entry && stack.length === entry.depth + 1) {
      if (l === "title" && entry.title === undefined && !title && !name.includes(":")) {
        title = { depth: stack.length, text: "" };
        const type = (attributes.type ?? "").toLowerCase();
        entry.titleIsHtml = type === "html" || type === "text/html" || (!type && parent !== "feed");
      }
      if (BODY_NAMES.has(l)) body = { depth: stack.length, text: "" };
    }
  };
  parser.onclosetag = () => {
    if (title && stack.length === title.depth && entry) {
      entry.title = title.text;
      title = undefined;
    }
    if (body && stack.length === body.depth && entry) {
      if (htmlText(body.text)) entry.hasBody = true;
      body = undefined;
    }
    if (entry && stack.length === entry.depth) {
      const { depth: _depth, ...done } = entry;
      entries.push(done);
      entry = undefined;
    }
    stack.pop();
  };
  parser.ontext = text;
  parser.oncdata = text;
  parser.onerror = () => parser.resume();
  parser.write(xml).close();
  return entries;
}

describe("every entry of the shared corpus, against sax's reading", () => {
  noticeIfNoShared("the corpus property test");
  it.runIf(hasShared).each(files)("%s", async (file) => {
    const path = join(corpus, file);
    const bytes = readFileSync(path);
    let feed;
    try {
      feed = await parseFeed(bytes, { url: pathToFileURL(path).href, label: file });
    } catch {
      return; // not a feed: the corpus table says which, and why
    }
    const expected = saxEntries(decodeBytes(bytes, undefined, file).text);
    const stored = feed.entries.map((entry) => {
      const item = itemFromEntry(entry, entry.published ?? 0, { imageProxy: "none" });
      const body = item.body.replace(/^<div><i>[^<]*<\/i><\/div>/, "");
      return {
        title: markdownTitleToText(item.title),
        hasBody: htmlText(body) !== "",
      };
    });
    expect(stored).toHaveLength(expected.length);
    const want = expected.map((e) => {
      const title =
        e.title === undefined ? undefined : e.titleIsHtml ? htmlText(e.title) : collapse(e.title);
      return title || undefined;
    });
    const titled = stored.map((s, i) => (want[i] === undefined ? undefined : s.title));
    expect([...titled].sort()).toEqual([...want].sort());
    for (const [i, s] of stored.entries()) {
      if (want[i] !== undefined) expect(s.title).not.toBe("(untitled)");
    }
    const emptied = stored.flatMap((s, i) => (expected[i]?.hasBody && !s.hasBody ? [i] : []));
    expect(emptied).toEqual([]);
  });
});
