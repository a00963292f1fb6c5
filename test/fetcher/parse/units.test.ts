import { describe, expect, it } from "vitest";
import { parseDate } from "../../../src/fetcher/parse/dates.js";
import { decodeBytes } from "../../../src/fetcher/parse/decode.js";
import { parseFeed } from "../../../src/fetcher/parse/index.js";

const enc = (s: string) => new TextEncoder().encode(s);
const rss = (items: string, head = "") =>
  `${head}<rss version="2.0"><channel><title>t</title><link>https://site.example/</link>${items}</channel></rss>`;
const parse = (text: string | Uint8Array, contentType?: string) =>
  parseFeed(typeof text === "string" ? enc(text) : text, {
    url: "https://feeds.example/f.xml",
    label: "f",
    contentType,
  });

describe("charset", () => {
  it.each([
    [
      "UTF-8 wins over a wrong declaration",
      enc('<?xml version="1.0" encoding="windows-1252"?>€'),
      undefined,
      "€",
      "utf-8",
    ],
    [
      "UTF-8 wins over a wrong Content-Type charset",
      enc("<rss>中文 €</rss>"),
      "text/xml; charset=ISO-8859-1",
      "中文 €",
      "utf-8",
    ],
    [
      "a declared GBK document",
      new Uint8Array([...enc('<?xml version="1.0" encoding="gbk"?>'), 0xd6, 0xd0, 0xce, 0xc4]),
      undefined,
      "中文",
      "gbk",
    ],
    [
      "the Content-Type charset",
      new Uint8Array([0xe9]),
      "text/xml; charset=ISO-8859-1",
      "é",
      "windows-1252",
    ],
    [
      "a UTF-16LE BOM",
      new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x2d, 0x4e]),
      undefined,
      "A中",
      "utf-16le",
    ],
    [
      "windows-1251 without a label",
      new Uint8Array([
        ...enc("<rss>"),
        ...Buffer.from("cfe8f1fcece020e820e3e0e7e5f2fb20e4ebff20f7f2e5ede8ff", "hex"),
      ]),
      undefined,
      "Письма и газеты для чтения",
      "windows-1251",
    ],
  ])("%s", (_what, bytes, contentType, text, encoding) => {
    const decoded = decodeBytes(bytes, contentType, "f");
    expect(decoded.text).toContain(text);
    expect(decoded.encoding).toBe(encoding);
  });

  const fatalAccepts = (bytes: Uint8Array) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ["ASCII", [0x61], true],
    ["a 4-byte emoji", [0xf0, 0x9f, 0x93, 0xb0], true],
    ["CJK", [0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87], true],
    ["an overlong slash", [0xc0, 0xaf], false],
    ["an encoded surrogate", [0xed, 0xa0, 0x80], false],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], false],
    ["a sequence cut short at the end", [0x61, 0xe4, 0xb8], false],
    ["a lone continuation byte", [0x61, 0x80], false],
    ["Latin-1 bytes", [0x43, 0x61, 0x66, 0xe9], false],
  ])("declared UTF-8 with %s: valid is %s, as a fatal TextDecoder says", (_what, raw, valid) => {
    const bytes = new Uint8Array([...enc('<?xml version="1.0" encoding="utf-8"?><rss>'), ...raw]);
    expect(fatalAccepts(bytes)).toBe(valid);
    const decoded = decodeBytes(bytes, "text/xml; charset=utf-8", "f");
    expect(decoded.warnings.some((w) => w.includes("not valid UTF-8"))).toBe(!valid);
    if (valid) expect(decoded.text).toBe(new TextDecoder().decode(bytes));
  });

  it.each([
    ["empty", ""],
    ["ASCII", "<rss>plain</rss>"],
    ["Latin-1 range", "<rss>élève à l’école</rss>"],
    ["CJK and Cyrillic", "<rss>中文 Письма</rss>"],
    ["astral characters (surrogate pairs in UTF-16)", "<rss>📰 𠜎 a</rss>"],
    ["an odd number of bytes", "<rss>é</rss>x"],
    ["U+FEFF inside the text", "<rss>a\ufeffb</rss>"],
  ])("valid UTF-8 decodes exactly as TextDecoder does: %s", (_what, text) => {
    const bytes = enc(text);
    const decoded = decodeBytes(bytes, undefined, "f");
    expect(decoded).toEqual({
      text: new TextDecoder().decode(bytes),
      encoding: "utf-8",
      warnings: [],
    });
    expect(decoded.text).toBe(text);
  });

  it("judges only the bytes of a view, not the rest of its buffer", () => {
    const whole = new Uint8Array([0xff, ...enc("<rss>中文</rss>"), 0xff]);
    const decoded = decodeBytes(whole.subarray(1, whole.length - 1), undefined, "f");
    expect(decoded).toMatchObject({ text: "<rss>中文</rss>", encoding: "utf-8", warnings: [] });
  });

  it.each([
    ["UTF-8", [0xef, 0xbb, 0xbf, ...enc("<rss>é</rss>")], "utf-8"],
    ["UTF-16BE", [0xfe, 0xff, 0x00, 0x3c, 0x4e, 0x2d], "utf-16be"],
  ])("a %s BOM decides and is dropped", (_what, raw, encoding) => {
    const decoded = decodeBytes(new Uint8Array(raw), "text/xml; charset=windows-1252", "f");
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith("\ufeff")).toBe(false);
    expect(decoded.text).toMatch(/^</);
  });

  it("falls back on an unknown label and says so", () => {
    const decoded = decodeBytes(
      new Uint8Array([...enc('<?xml encoding="bogus-9"?>'), 0xe9]),
      undefined,
      "f",
    );
    expect(decoded.warnings.join()).toMatch(/unknown charset "bogus-9"/);
  });
});

describe("dates", () => {
  it.each([
    ["Thu, 16 May 2024 00:39:03 GMT", Date.UTC(2024, 4, 16, 0, 39, 3)],
    ["Thu, 14 May 2020 10:00:18 Z", Date.UTC(2020, 4, 14, 10, 0, 18)],
    ["Mon, 05 Jan 2015 10:00:00 EST", Date.UTC(2015, 0, 5, 15, 0, 0)],
    ["2017-06-15T10:29:47-07:00", Date.UTC(2017, 5, 15, 17, 29, 47)],
    ["1518478934", 1518478934000],
    // RFC 822 as feeds write it
    ["Tue, 2 Jan 2024 03:04 GMT", Date.UTC(2024, 0, 2, 3, 4)],
    ["Tue 02 Jan 2024 03:04:05 +0000", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["Tuesday, 02 January 2024 03:04:05 +01:00", Date.UTC(2024, 0, 2, 2, 4, 5)],
    ["02 Jan 24 03:04:05 GMT", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["03 Apr 02 1500 GMT", Date.UTC(2002, 3, 3, 15, 0)],
    ["Tue, 02 Jan 2024 03:04:05 -0700 (PDT)", Date.UTC(2024, 0, 2, 10, 4, 5)],
    ["Tue, 02 Jan 2024 03:04:05 GMT+0100", Date.UTC(2024, 0, 2, 2, 4, 5)],
    ["Tue, 02 Jan 2024 03:04:05", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["Tue, 02 Jan 2024 03:04:05 AEST", Date.UTC(2024, 0, 1, 17, 4, 5)],
    ["Tue Jan 02 2024 03:04:05 GMT+0000", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["January 2, 2024", Date.UTC(2024, 0, 2)],
    // W3C-DTF and ISO 8601
    ["2024", Date.UTC(2024, 0, 1)],
    ["2024-01", Date.UTC(2024, 0, 1)],
    ["2024-01-02", Date.UTC(2024, 0, 2)],
    ["2024-01-02T03:04Z", Date.UTC(2024, 0, 2, 3, 4)],
    ["2024-01-02T03:04:05.25+01:00", Date.UTC(2024, 0, 2, 2, 4, 5, 250)],
    ["2024-01-02 03:04:05+0100", Date.UTC(2024, 0, 2, 2, 4, 5)],
    ["2024-01-02T03:04:05", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["20240102T030405Z", Date.UTC(2024, 0, 2, 3, 4, 5)],
    ["2024-13-02", undefined],
    ["Tue, 02 Foo 2024 03:04:05 GMT", undefined],
    ["not a date", undefined],
    ["", undefined],
  ])("%j", (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });
});

describe("feeds", () => {
  it("keeps the complete entries of a truncated document", async () => {
    const feed = await parse(
      rss("<item><title>a</title></item><item><title>b</title></item><item><title>c").replace(
        "</channel></rss>",
        "",
      ),
    );
    expect(feed.entries.map((e) => e.title)).toEqual(["a", "b"]);
    expect(feed.warnings.join()).toMatch(/cut short/);
  });

  it("keeps the good entries around a broken one", async () => {
    const feed = await parse(
      rss(
        "<item><title>a</title></item><item><title>b</wrong></item><item><title>c</title></item>",
      ),
    );
    expect(feed.entries.map((e) => e.title)).toEqual(expect.arrayContaining(["a", "c"]));
    expect(feed.warnings.join()).toMatch(/^f: broken XML; kept/);
  });

  it("skips each broken entry, whatever was parsed before", async () => {
    const twoBroken = rss(
      "<item><title>a</title></item><item><title>b</wrong></item><item><title>c</title></item><item><title>d</wrong></item><item><title>e</title></item>",
    );
    const oneBroken = rss(
      "<item><title>f</title></item><item><title>g</x></item><item><title>h</title></item>",
    );
    for (let round = 0; round < 2; round++) {
      const first = await parse(twoBroken);
      expect(first.entries.map((e) => e.title)).toEqual(["a", "c", "e"]);
      expect(first.warnings).toEqual(["f: broken XML; kept 3 entries, skipped 2 unreadable"]);
      const second = await parse(oneBroken);
      expect(second.entries.map((e) => e.title)).toEqual(["f", "h"]);
      expect(second.warnings).toEqual(["f: broken XML; kept 2 entries, skipped 1 unreadable"]);
    }
  });

  it.each([
    ["<item><title>a</title></item><item><title>b</x></item>", "kept 1 entry, skipped 1"],
    [
      "<item><title>a</title></item><item><title>b</x></item><item><title>c</title></item>",
      "kept 2 entries, skipped 1",
    ],
  ])("counts what broken XML kept as a person would: %s", async (items, counts) => {
    expect((await parse(rss(items))).warnings).toEqual([`f: broken XML; ${counts} unreadable`]);
  });

  it("says where the XML breaks when no entry is readable", async () => {
    const parsing = parse(rss("<item><title>a</wrong></item>"));
    await expect(parsing).rejects.toMatchObject({ code: "E_XML" });
    await expect(parsing).rejects.toThrow(
      /^f: broken XML: unexpected close tag at line 1, column \d+ \(">"\)$/,
    );
  });

  it("resolves links against xml:base and the feed URL, and uses a permalink guid", async () => {
    const feed = await parse(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><entry><id>1</id><title>x</title><link href="post.html"/><updated>2024-01-01T00:00:00Z</updated></entry></feed>`,
    );
    expect(feed.entries[0]).toMatchObject({
      guid: "1",
      link: "https://feeds.example/blog/post.html",
      published: Date.UTC(2024, 0, 1),
    });
    const rssFeed = await parse(
      rss("<item><guid>https://site.example/p/1</guid><title>y</title></item>"),
    );
    expect(rssFeed.entries[0]?.link).toBe("https://site.example/p/1");
  });

  it("prefers content:encoded over description", async () => {
    const feed = await parse(
      rss(
        "<item><description>short</description><content:encoded><![CDATA[<p>full</p>]]></content:encoded></item>",
      ).replace("<rss ", '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '),
    );
    expect(feed.entries[0]?.content).toBe("<p>full</p>");
    const atom = await parse(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"><entry><summary>short</summary><content:encoded><![CDATA[<p>a]]]]><![CDATA[>b</p>]]></content:encoded></entry></feed>',
    );
    expect(atom.entries[0]?.content).toBe("<p>a]]>b</p>");
  });

  it("reads JSON Feed and escapes content_text", async () => {
    const feed = await parse(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        items: [
          { id: 7, url: "/p", content_text: "a < b", date_published: "2024-01-01T00:00:00Z" },
        ],
      }),
    );
    expect(feed.entries[0]).toMatchObject({
      guid: "7",
      link: "https://feeds.example/p",
      content: "<p>a &lt; b</p>",
    });
  });

  it.each([
    [
      '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>',
      /it links the feed https:\/\/feeds\.example\/feed\.xml/,
    ],
    ["<!DOCTYPE html><html><body>hi</body></html>", /^f: not a feed \(an HTML page\)$/],
    ["<opml><body/></opml>", /unrecognised XML root <opml>/],
    ['{"rss":{}}', /JSON without a JSON Feed version/],
    [
      '{"version":"https://jsonfeed.org/version/1.1"}',
      /^f: not a feed \(a JSON Feed without an items list\)$/,
    ],
  ])("refuses a non-feed: %s", async (text, message) => {
    await expect(parse(text)).rejects.toMatchObject({ code: "E_NOT_A_FEED" });
    await expect(parse(text)).rejects.toThrow(message);
  });

  const page = (href: string) =>
    `<html><head><link rel="alternate" type="application/rss+xml" href="${href}"></head></html>`;
  it.each([
    [
      "https://news.example/world/",
      "/feed.xml",
      "f: not a feed (an HTML page); it links the feed https://news.example/feed.xml",
      "use https://news.example/feed.xml as the feed URL",
    ],
    [
      "file:///tmp/saved/page.html",
      "https://news.example/feed.xml",
      "f: not a feed (an HTML page); it links the feed https://news.example/feed.xml",
      "use https://news.example/feed.xml as the feed URL",
    ],
    [
      "file:///tmp/saved/page.html",
      "/feed.xml",
      'f: not a feed (an HTML page); it links the feed "/feed.xml" of the site it was saved from',
      "give that feed's http(s) URL: the site's address followed by /feed.xml",
    ],
  ])(
    "a page read from %s linking %s suggests a feed URL that works",
    async (url, href, message, suggestion) => {
      const parsing = parseFeed(enc(page(href)), { url, label: "f" });
      await expect(parsing).rejects.toMatchObject({ code: "E_NOT_A_FEED", message, suggestion });
    },
  );
});
