import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { markdownTitleToText } from "../../../src/text/markdown-title.js";
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
  // RSS titles have no type: HTML only when they hold a known HTML tag or an entity (facts.ts TITLES)
  ["titles/rss-unknown-tag-is-text.rss", { title: "History of the <blink> tag" }],
  ["titles/rss-html-tags.rss", {}],
  ["titles/rss-cdata-html.rss", {}],
  ["titles/rss-double-escaped-entity.rss", { title: "AT&T title" }],
  ["titles/rss-less-than.rss", { title: "1 < 2 title" }],
  // Bodies: whatever element holds the entry's text (facts.ts BODIES)
  ["bodies/itunes-summary.rss", {}],
  ["bodies/itunes-summary-plain-text.rss", { body: "Tips &amp; tricks: a &lt;3 b. Body text." }],
  ["bodies/media-group-description.atom", {}],
  ["bodies/media-description-html.rss", { body: "<p>Body text.</p>" }],
  ["bodies/media-content-description.rss", {}],
  ["bodies/dc-description.rdf", {}],
  ["bodies/xhtml-body.rss", { body: "<p>Body text.</p>" }],
  ["bodies/body-default-namespace.rss", { body: "<p>Body text.</p>" }],
  ["bodies/body-no-namespace.rss", { body: "<p>Body text.</p>" }],
  ["bodies/fullitem.rss", { body: "<p>Body text.</p>" }],
  [
    "bodies/content-encoded-over-description.rss",
    { body: "<p>Body text.</p>", notBody: "Summary" },
  ],
  ["bodies/content-over-summary.atom", { body: "<p>Body text.</p>", notBody: "Summary" }],
  ["bodies/summary-alone.atom", {}],
  // Dates (facts.ts DATES; dates.ts reads the formats)
  ["dates/dcterms-issued.rdf", {}],
  ["dates/dcterms-created.rss", {}],
  ["dates/dcterms-modified.rss", {}],
  ["dates/dc-date.rss", {}],
  ["dates/published-over-updated.atom", {}],
  ["dates/rfc822-no-seconds-zone-name.rss", { date: "2024-01-02T03:04:00.000Z" }],
  ["dates/rfc822-two-digit-year.rss", {}],
  ["dates/w3cdtf-date-only.rss", { date: "2024-01-02T00:00:00.000Z" }],
  ["dates/iso8601-basic.rss", {}],
  ["atom-text/atom03-escaped.atom", {}],
  // Links and identity (facts.ts LINK_RELATIONS)
  ["links/guid-not-permalink.rss", { link: "" }],
  ["links/guid-permalink.rss", {}],
  ["links/atom-link-as-text.atom", {}],
  ["links/rel-alternate-first.atom", {}],
  ["links/no-rel-over-other-relations.atom", {}],
  ["links/alternate-html-over-other-types.atom", {}],
  ["links/rss-link-over-atom-link.rss", {}],
  ["links/atom-link-in-rss.rss", {}],
  // Base URIs: xml:base in scope, nested; the document's URL when the entry has no link
  [
    "bases/xml-base-nested.atom",
    {
      body: '<img src="https://example.org/blog/2024/post/pic.png"',
      notBody: 'href="more"',
    },
  ],
  ["bases/xml-base-html-content.atom", { body: 'href="https://cdn.example/a/b/more"' }],
  ["bases/no-link-document-url.rss", { link: "", body: 'href="https://feeds.example/more"' }],
  ["bases/relative-link-feed-base.atom", {}],
  [
    "bases/iri.atom",
    {
      link: "https://example.org/caf%C3%A9/entr%C3%A9e",
      body: 'href="https://example.org/caf%C3%A9/%C3%BCn%C3%AF%20code"',
    },
  ],
  // Encodings (WHATWG Encoding Standard; XML 1.0 Appendix F for UTF-16 without a BOM)
  ...["le-bom", "be-bom", "le-no-bom", "be-no-bom", "le-no-bom-no-decl"].map(
    (variant): [string, Partial<Expected>] => [
      `encodings/utf-16${variant}.rss`,
      { title: "Entrée: “quotes” — and ünïcode", body: "日本語のテキストも" },
    ],
  ),
  ["encodings/iso-8859-1-label-is-windows-1252.rss", { title: "Entry “title” – it’s €5" }],
  ["encodings/us-ascii-label-is-windows-1252.rss", { title: "Entry “title” – it’s €5" }],
  ["encodings/c1-controls-in-utf8.rss", { title: "Entry “title” – it’s" }],
  [
    "encodings/thai-tis-620-undeclared.rss",
    { title: "ข่าววันนี้: รัฐบาลประกาศนโยบายเศรษฐกิจใหม่", body: "นายกรัฐมนตรี" },
  ],
  [
    "encodings/euc-jp-undeclared.rss",
    { title: "東京で新しい美術館が開館しました", body: "現代美術" },
  ],
  [
    "encodings/euc-kr-undeclared.rss",
    { title: "서울에서 새로운 미술관이 문을 열었습니다", body: "현대 미술" },
  ],
  ["encodings/big5-undeclared.rss", { title: "台北新美術館今日開幕", body: "當代藝術" }],
  // A dropped element left unclosed ends where a browser's parser ends it (the HTML standard)
  ["dropped/svg-unclosed.rss", { body: "<p>Body text.</p></div>", notBody: "circle" }],
  ["dropped/math-unclosed.rss", { body: "<h2>Body text.</h2><p>More.</p>", notBody: "+" }],
  ["dropped/svg-foreign-object-stays.rss", { body: "<p>Body text.</p>", notBody: "Drawn" }],
  ["dropped/svg-inside-foreign-object-html.rss", { body: "<p>Body text.</p>", notBody: "Drawn" }],
  ["dropped/svg-ended-by-end-p.rss", { body: "<p>Body text.</p>", notBody: "rect" }],
  ["dropped/svg-ended-by-font-color.rss", { body: "Body text." }],
  [
    "dropped/svg-font-without-attributes-stays.rss",
    { body: "<p>Body text.</p>", notBody: "Drawn" },
  ],
  ["dropped/button-unclosed-ends-with-parent.rss", { body: "<p>Body text.</p>", notBody: "Click" }],
  ["dropped/script-unclosed-swallows-as-in-a-browser.rss", { notBody: "Drawn" }],
  // JSON Feed 1.0 and 1.1: titles, summaries and content_text are plain text
  ["json/title-is-plain-text.json", { title: "History of the <blink> tag" }],
  ["json/summary-is-plain-text.json", { body: "Body text. 1 &lt; 2 &amp; &lt;b&gt;not bold" }],
  [
    "json/content-text-paragraphs.json",
    { body: "<p>Body text.</p><p>Second 1 &lt; 2 paragraph,<br>with a line break.</p>" },
  ],
  ["json/empty-html-falls-back.json", {}],
  ["json/modified-when-no-published.json", {}],
  // Resolved against the document's own URL, as any relative URL in a fetched document.
  ["json/relative-url.json", { link: "https://feeds.example/entry" }],
  ["json/external-url-when-no-url.json", {}],
  ["json/image-when-body-lacks-it.json", { body: '<img src="https://example.org/pic.jpg"' }],
  ["json/version-1.0.json", {}],
  // Well-formed documents rss-parser cannot place are read all the same
  ["structure/rss10-prefixed-no-default-namespace.rdf", {}],
  ["structure/rss-without-channel.rss", {}],
  ["structure/items-outside-channel.rss", { entries: 2, index: 1 }],
  ["structure/rss-unknown-version.rss", {}],
];

/** Documents that are no feed, or broken beyond reading: one clear line with where. */
const REFUSED: [file: string, code: string, message: RegExp][] = [
  [
    "structure/rss-no-channel-no-item.rss",
    "E_NOT_A_FEED",
    /: not a feed \(<rss> at line 2, column 1 has no <channel> and no <item>\)$/,
  ],
  [
    "structure/broken-xml-no-entry.rss",
    "E_XML",
    /: broken XML: unexpected close tag at line 4, column 23 \(">"\)$/,
  ],
  [
    "structure/unknown-root.xml",
    "E_NOT_A_FEED",
    /: not a feed \(unrecognised XML root <opml> at line 3, column 1\)$/,
  ],
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

  it.each(REFUSED)("%s is refused with %s", async (file, code, message) => {
    const parsing = stored(file);
    await expect(parsing).rejects.toMatchObject({ code });
    await expect(parsing).rejects.toThrow(message);
  });
});
