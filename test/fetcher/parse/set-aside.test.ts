import { readFileSync } from "node:fs";
import Parser from "rss-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  cleanXml,
  embeddedFeed,
  ensureRssVersion,
  rootElement,
  rootKind,
  unprefixAtom,
} from "../../../src/fetcher/parse/clean.js";
import { decodeBytes } from "../../../src/fetcher/parse/decode.js";
import { AsideCheck, putBack, setAside } from "../../../src/fetcher/parse/set-aside.js";
import { parseXml, type XmlKind } from "../../../src/fetcher/parse/xml.js";
import { feedDocuments } from "../../helpers/paths.js";

const long = (c: string) => c.repeat(300);
const body = long("<p>x & y</p>");

describe("setAside", () => {
  const cases: { name: string; xml: string; parts?: string[]; kept?: boolean }[] = [
    { name: "a long section", xml: `<a><![CDATA[${body}]]></a>`, parts: [body] },
    { name: "a short section stays", xml: "<a><![CDATA[<b>title</b>]]></a>", kept: true },
    { name: "no section", xml: "<a>text</a>", kept: true },
    {
      name: "a section ending in ]",
      xml: `<a><![CDATA[${body}]]]></a>`,
      parts: [`${body}]`],
    },
    {
      name: "two sections, a short one between",
      xml: `<a><![CDATA[${body}]]><![CDATA[t]]><![CDATA[${long("z")}]]></a>`,
      parts: [body, long("z")],
    },
    {
      name: "a document holding a private-use token character",
      xml: `<a>\uE000</a><b><![CDATA[${body}]]></b>`,
      kept: true,
    },
  ];
  it.each(cases)("$name", ({ xml, parts, kept }) => {
    const aside = setAside(xml);
    if (kept) return void expect(aside).toBeUndefined();
    expect(aside?.parts).toEqual(parts);
    expect(aside && putBack(aside.xml, aside.parts)).toBe(xml);
    expect(aside && aside.xml.length).toBeLessThan(xml.length);
  });

  it("checks that sax read every token as a section, in order, once", () => {
    const [t0, t1] = ["\uE0000\uE001", "\uE0001\uE001"];
    const seen = (texts: string[]) => {
      const check = new AsideCheck(2);
      for (const t of texts) check.cdata(t);
      return check.complete();
    };
    expect(seen([t0, "short", t1])).toBe(true);
    expect(seen([t0])).toBe(false);
    expect(seen([t1, t0])).toBe(false);
    expect(seen([t0, t0, t1])).toBe(false);
    expect(seen([t0, `${t1} and more`])).toBe(false);
  });
});

/** A document as parseFeed hands it to parseXml, with its kind; undefined if it is no XML feed. */
function prepared(text: string): { xml: string; kind: XmlKind } | undefined {
  let xml = ensureRssVersion(unprefixAtom(cleanXml(text)));
  let kind = rootKind(rootElement(xml));
  if (kind === "html") {
    const inner = embeddedFeed(xml);
    if (!inner) return undefined;
    [xml, kind] = [inner, "atom"];
  }
  return kind === "unknown" ? undefined : { xml, kind };
}

/** The reading with sections set aside and the reading of the whole document (positions on). */
async function bothReadings(xml: string, kind: XmlKind) {
  const settle = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      // sax adds "Line: …" to its messages where it counts positions: the rest must agree.
      (error: unknown) => ({ error: String(error).split("\n")[0] }),
    );
  const url = "https://example.com/feed.xml";
  return {
    aside: await settle(parseXml(xml, kind, url)),
    whole: await settle(parseXml(xml, kind, url, true)),
  };
}

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><link>https://example.com/</link>${items}</channel></rss>`;
const item = (inner: string) => `<item><title>i</title><guid>g</guid>${inner}</item>`;

describe("parseXml with sections set aside reads as the whole document", () => {
  afterEach(() => void vi.restoreAllMocks());

  // Each row: a document where a `<![CDATA[` is not what it looks like, or sits where xml2js
  // or rss-parser would treat its text differently; `parses`: rss-parser's parses for the
  // set-aside reading (2: it fell back to the whole document); the whole reading adds one.
  const tricky: { name: string; xml: string; kind?: XmlKind; parses: number }[] = [
    {
      name: "bodies in CDATA",
      xml: rss(item(`<content:encoded><![CDATA[${body}]]></content:encoded>`).repeat(3)),
      parses: 1,
    },
    {
      name: "a body of text around a section",
      xml: rss(item(`<description>before <![CDATA[${body}]]> after</description>`)),
      parses: 1,
    },
    {
      name: "a section start inside a comment",
      xml: rss(`<!-- <![CDATA[ -->${item(`<description>${long("d")}</description>`)}<!-- ]]> -->`),
      parses: 2,
    },
    {
      name: "a section start inside a comment, ending inside a real one",
      xml: rss(
        `<!-- <![CDATA[ --><item><title>hidden?</title></item><description><![CDATA[${body}]]></description>`,
      ),
      parses: 2,
    },
    {
      name: "a section start inside a processing instruction",
      xml: rss(`<?pi <![CDATA[ ?>${item(`<description>${long("q")}</description>`)}<?pi ]]> ?>`),
      parses: 2,
    },
    {
      name: "Atom xhtml content with a section in a child element",
      kind: "atom",
      xml: `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e</id><title>t</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p><![CDATA[${body}]]></p></div></content><summary type="xhtml"><div><![CDATA[${body}]]></div></summary></entry></feed>`,
      parses: 1,
    },
    {
      name: "a date in a long section",
      xml: rss(
        item(`<pubDate><![CDATA[Mon, 01 Jan 2024 00:00:00 GMT${" ".repeat(300)}]]></pubDate>`),
      ),
      parses: 1,
    },
    {
      name: "broken XML after a section (read whole, for the same error)",
      xml: rss(item(`<description><![CDATA[${body}]]></description></oops>`)),
      parses: 2,
    },
  ];
  it.each(tricky)("$name", async ({ xml, kind = "rss", parses }) => {
    const parse = vi.spyOn(Parser.prototype, "parseString");
    const { aside, whole } = await bothReadings(xml, kind);
    expect(parse).toHaveBeenCalledTimes(parses + 1);
    expect((parse.mock.calls[0]?.[0] as string).length).toBeLessThan(xml.length);
    expect(aside).toEqual(whole);
  });

  const documents = feedDocuments(
    /\.(rss|xml|atom|rdf)$/,
    "the corpus feeds of the set-aside test",
  );
  it.each(documents)("%s", async (_, path) => {
    const bytes = readFileSync(path);
    const doc = prepared(decodeBytes(bytes, undefined, path).text);
    if (!doc) return;
    const { aside, whole } = await bothReadings(doc.xml, doc.kind);
    expect(aside).toEqual(whole);
  });
});
