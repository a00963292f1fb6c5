import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/model.js";
import { parseItem, parseItemHead, renderItem } from "../../src/writer/item-file.js";
import { fixture } from "../helpers/paths.js";

const body = "<div><i>Thu, 16 May 2024 00:15:21 GMT</i></div><p>x</p>";
const items: Item[] = [
  { published: 1715819943000, title: "普京抵达北京", link: "https://example.com/a", body },
  { published: 0, title: "a \\] b \\[c\\] \\\\ d", link: "https://example.com/p_(x)?q=1#f", body },
  { published: -86400000, title: "", link: "", body },
  { published: 1, title: "\\<tag\\> \\*x\\*", link: "https://example.com/a\\b", body },
  { published: 2, title: "t", link: "https://example.com/?a=1&copy;=2&b=(3)", body },
];

describe("item file", () => {
  it.each(items)("parse(render(item)) is the item: %j", (item) => {
    expect(parseItem(renderItem(item), "x.txt")).toEqual(item);
  });

  it("render(parse(file)) gives the expected file's bytes", () => {
    const text = readFileSync(fixture("voa-putin-raw.expected.txt"), "utf8");
    expect(renderItem(parseItem(text, "expected.txt"))).toBe(text);
  });

  // Each row: what differs from a good item. A title or body of more than one line would shift
  // every line after it, so it is refused; a newline in the link is encoded by its escaping.
  const lines: { name: string; change: Partial<Item>; refused: boolean }[] = [
    { name: "a newline in the body", change: { body: `${body}\n<p>y</p>` }, refused: true },
    { name: "a body ending in a newline", change: { body: `${body}\n` }, refused: true },
    { name: "a body that is only a newline", change: { body: "\n" }, refused: true },
    { name: "a newline in the title", change: { title: "a\nb" }, refused: true },
    { name: "a newline in the link", change: { link: "https://example.com/a\nb" }, refused: false },
    {
      name: "a body of pieces",
      change: { body: ["<div><i>x</i></div>", "<p>", "y", "</p>"].join("") },
      refused: false,
    },
  ];
  it.each(lines)("$name", ({ change, refused }) => {
    const item = { ...(items[0] as Item), ...change };
    if (refused) return void expect(() => renderItem(item)).toThrow(/single lines/);
    expect(renderItem(item).split("\n")).toHaveLength(6);
  });

  it("writes five lines ending in one newline", () => {
    const text = renderItem(items[0] as Item);
    expect(text.split("\n")).toHaveLength(6);
    expect(text.endsWith("-->\n") || text.endsWith("</p>\n")).toBe(true);
  });

  const head = (text: string | Uint8Array) => {
    const bytes = typeof text === "string" ? Buffer.from(text) : text;
    try {
      const { published, title, link } = parseItemHead(bytes, "feed/2024-05/abc.txt");
      return { published, title, link };
    } catch (error) {
      return (error as Error).message;
    }
  };
  const whole = (text: string) => {
    try {
      const { published, title, link } = parseItem(text, "feed/2024-05/abc.txt");
      return { published, title, link };
    } catch (error) {
      return (error as Error).message;
    }
  };
  const good = renderItem(items[0] as Item);
  it.each([
    ["nothing in it", "", /: not an item file: it is empty$/],
    ["binary bytes", `\u0000\u0001PK${good}`, /: not an item file: it is a binary file, not text$/],
    ["a BOM", `\ufeff${good}`, /byte-order mark/],
    ["CRLF", good.replace(/\n/g, "\r\n"), /CR line endings/],
    ["no final newline", good.slice(0, -1), /exactly one newline/],
    ["two final newlines", `${good}\n`, /exactly one newline/],
    ["a bad date line", good.replace("<!--1715819943000-->", "<!--soon-->"), /line 1/],
    ["a bad link line", good.replace("[普京抵达北京]", "普京抵达北京"), /line 2/],
    ["a missing separator", good.replace("------", "-----"), /lines 3 and 4/],
    ["no date line in the body", good.replace("<div><i>", "<p>"), /date line/],
    ["six lines", good.replace("\n\n", "\n\n\n"), /it has 6 lines, not 5$/],
    ["one line", "garbage\n", /it has 1 line, not 5$/],
  ])("refuses a file with %s, naming it", (_what, text, why) => {
    expect(() => parseItem(text, "feed/2024-05/abc.txt")).toThrow(why);
    expect(() => parseItem(text, "feed/2024-05/abc.txt")).toThrow(/^feed\/2024-05\/abc\.txt: /);
    expect(head(text)).toEqual(whole(text));
  });

  const broken = new Uint8Array([0xe4, 0xba]); // a UTF-8 character cut short
  const cut = (before: string, after: string) =>
    Buffer.concat([Buffer.from(before), broken, Buffer.from(after)]);
  const bytesCases: [string, Uint8Array][] = [
    ["a good file", Buffer.from(good)],
    ["a cut character in the title", cut("<!--1-->\n[a", "](l)\n------\n\n<div><i>x\n")],
    ["a cut character ending the link line", cut("<!--1-->\n[a](l)", "\n------\n\n<div><i>\n")],
    ["a cut character in the body", cut(`${good.slice(0, -1)}`, "\n")],
    ["a cut character on line 1", cut("<!--1", "-->\n[a](l)\n------\n\n<div><i>\n")],
    ["a cut character before the date line", cut("", good)],
    ["half a BOM", Buffer.concat([Buffer.from([0xef, 0xbb]), Buffer.from(good)])],
    ["an empty file", new Uint8Array()],
    ["a lone newline", Buffer.from("\n")],
    ["many lines", Buffer.from(`${good}${"x\n".repeat(50)}`)],
    ["a short body", Buffer.from("<!--1-->\n[a](l)\n------\n\n<div><i\n")],
  ];
  it.each(bytesCases)("reads the head of %s from bytes as parseItem does", (_what, bytes) => {
    const expected = whole(Buffer.from(bytes).toString("utf8"));
    expect(head(bytes)).toEqual(expected);
  });

  it.each(items)(
    "reads the head of a rendered item from a slice of a larger buffer: %j",
    (item) => {
      const bytes = Buffer.from(`junk${renderItem(item)}junk`);
      expect(head(bytes.subarray(4, -4))).toEqual(whole(renderItem(item)));
    },
  );

  it.each(items)("points at the body in the bytes: %j", (item) => {
    const bytes = Buffer.from(renderItem(item));
    const { bodyStart } = parseItemHead(bytes, "x.txt");
    expect(bytes.toString("utf8", bodyStart, bytes.length - 1)).toBe(item.body);
  });
});
