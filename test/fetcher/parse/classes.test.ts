import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { markdownTitleToText } from "../../../src/converter/title.js";
import { parseFeed } from "../../../src/fetcher/parse/index.js";
import { itemFromEntry } from "../../../src/pipeline/entries.js";
import { fixture } from "../../helpers/paths.js";

/** The run's clock: what an entry without a usable date is stored with. */
const CLOCK = Date.UTC(2026, 0, 1);

/** What a fixture's first entry must be stored as; each row states only what differs. */
interface Expected {
  /** The stored title as a reader sees it (its Markdown rendered to text). */
  title: string;
  link: string;
  date: string;
  /** Text the stored body holds (HTML, as stored). */
  body: string;
  /** Text the stored body must not hold. */
  notBody?: string;
  entries: number;
  /** Which entry the row is about. */
  index: number;
}

const DEFAULTS: Expected = {
  title: "Entry title",
  link: "https://example.org/entry",
  date: "2024-01-02T03:04:05.000Z",
  body: "Body text.",
  entries: 1,
  index: 0,
};

/**
 * One fixture per case under fixtures/parse/<class>/, written from the specifications (RFC 4287,
 * Atom 0.3, RSS 0.91/0.92/2.0, RSS 1.0 and its modules, the WHATWG Encoding Standard).
 */
const CASES: [file: string, differs: Partial<Expected>][] = [
  // Atom text constructs (RFC 4287 §3.1; Atom 0.3 §3.1 mode)
  ["atom-text/xhtml-title.atom", { title: "History of the blink tag" }],
  ["atom-text/text-title-keeps-markup.atom", { title: "History of the <blink> tag" }],
  ["atom-text/html-title.atom", { title: "History of the tag" }],
  ["atom-text/default-text-title.atom", { title: "AT&T <3 &amp;" }],
  ["atom-text/xhtml-content.atom", { body: "<p>Body <i>text</i>.</p>", notBody: "xmlns" }],
  ["atom-text/xhtml-prefixed-content.atom", { body: "<p>Body <b>text</b>.</p>", notBody: "xh:" }],
  ["atom-text/text-content.atom", { body: "1 &lt; 2 &amp;&amp; Body text." }],
  ["atom-text/html-content.atom", { body: "<p>Body text.</p>" }],
  ["atom-text/atom03-escaped.atom", { body: "<p>Body text.</p>" }],
  ["atom-text/atom03-base64.atom", { body: "<p>Body text.</p>", notBody: "PHA+" }],
  ["atom-text/atom03-base64-title.atom", { title: "Entry title" }],
  ["atom-text/atom03-xml-title.atom", { title: "Entry with bold title" }],
  ["atom-text/atom03-xml-content.atom", { body: "<p>Body <b>text</b>.</p>" }],
  ["atom-text/atom03-plain-content.atom", { body: "a &lt;tag&gt; Body text." }],
];

async function stored(file: string) {
  const bytes = readFileSync(fixture(`parse/${file}`));
  const feed = await parseFeed(bytes, { url: `https://feeds.example/${file}`, label: file });
  return feed.entries.map((entry) => {
    const item = itemFromEntry(entry, entry.published ?? CLOCK, { imageProxy: "none" });
    const date = new Date(item.published).toISOString();
    return { title: markdownTitleToText(item.title), link: item.link, date, body: item.body };
  });
}

describe("how each class of feed construct is stored", () => {
  it.each(CASES)("%s", async (file, differs) => {
    const want = { ...DEFAULTS, ...differs };
    const items = await stored(file);
    expect(items).toHaveLength(want.entries);
    const item = items[want.index];
    expect({ title: item?.title, link: item?.link, date: item?.date }).toEqual({
      title: want.title,
      link: want.link,
      date: want.date,
    });
    expect(item?.body).toContain(want.body);
    if (want.notBody) expect(item?.body).not.toContain(want.notBody);
  });
});
