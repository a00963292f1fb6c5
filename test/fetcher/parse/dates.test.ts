import { describe, expect, it } from "vitest";
import { dateCandidates, parseDate, readDate } from "../../../src/fetcher/parse/dates.js";
import { parseFeed } from "../../../src/fetcher/parse/index.js";

const parse = (text: string) =>
  parseFeed(new TextEncoder().encode(text), { url: "https://feeds.example/f.xml", label: "f" });

describe("readDate reads any year; parseDate only 1990 to 2200", () => {
  it.each<[string, number | undefined, number | undefined]>([
    ["Thu, 01 Jan 1970 00:00:00 GMT", 0, undefined],
    ["1900-01-01T00:00:00Z", Date.UTC(1900, 0, 1), undefined],
    ["2300-01-01", Date.UTC(2300, 0, 1), undefined],
    ["2024-05-16T00:39:03Z", Date.UTC(2024, 4, 16, 0, 39, 3), Date.UTC(2024, 4, 16, 0, 39, 3)],
    ["yesterday", undefined, undefined],
    ["", undefined, undefined],
  ])("%j", (text, read, parsed) => {
    expect(readDate(text)).toBe(read);
    expect(parseDate(text)).toBe(parsed);
  });
});

describe("dateCandidates: every date as written and as read", () => {
  it("leaves out empty values, puts text on one line and cuts a long one", () => {
    expect(
      dateCandidates([undefined, "  ", "Thu,\n 16 May 2024", "x".repeat(70), 1715817600]),
    ).toEqual([
      { text: "Thu, 16 May 2024", ms: Date.UTC(2024, 4, 16) },
      { text: `${"x".repeat(60)}…` },
      { text: "1715817600", ms: 1715817600000 },
    ]);
  });
});

describe("entries carry all their dates, in order of precedence", () => {
  it.each<[string, string, { text: string; ms?: number }[], number | undefined]>([
    [
      "RSS: a broken pubDate before a good dc:date",
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><item><title>a</title><pubDate>someday</pubDate><dc:date>2024-05-16T00:00:00Z</dc:date></item></channel></rss>`,
      [{ text: "someday" }, { text: "2024-05-16T00:00:00Z", ms: Date.UTC(2024, 4, 16) }],
      Date.UTC(2024, 4, 16),
    ],
    [
      "RSS: the epoch",
      `<rss version="2.0"><channel><title>t</title><item><title>a</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item></channel></rss>`,
      [{ text: "Thu, 01 Jan 1970 00:00:00 GMT", ms: 0 }],
      undefined,
    ],
    [
      "Atom: published, then updated",
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>a</title><id>x</id><published>2999-01-01T00:00:00Z</published><updated>2024-05-16T00:00:00Z</updated></entry></feed>`,
      [
        { text: "2999-01-01T00:00:00Z", ms: Date.UTC(2999, 0, 1) },
        { text: "2024-05-16T00:00:00Z", ms: Date.UTC(2024, 4, 16) },
      ],
      Date.UTC(2024, 4, 16),
    ],
    [
      "JSON Feed: date_published, then date_modified",
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "t",
        items: [
          { id: "1", title: "a", date_published: "n/a", date_modified: "2024-05-16T00:00:00Z" },
        ],
      }),
      [{ text: "n/a" }, { text: "2024-05-16T00:00:00Z", ms: Date.UTC(2024, 4, 16) }],
      Date.UTC(2024, 4, 16),
    ],
    [
      "no date at all",
      `<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>`,
      [],
      undefined,
    ],
  ])("%s", async (_name, document, dates, published) => {
    const [entry] = (await parse(document)).entries;
    expect(entry?.dates).toEqual(dates);
    expect(entry?.published).toBe(published);
  });
});
