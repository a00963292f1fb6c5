import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/model.js";
import { parseItem, renderItem } from "../../src/writer/item-file.js";
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

  it("writes five lines ending in one newline", () => {
    const text = renderItem(items[0] as Item);
    expect(text.split("\n")).toHaveLength(6);
    expect(text.endsWith("-->\n") || text.endsWith("</p>\n")).toBe(true);
  });

  const good = renderItem(items[0] as Item);
  it.each([
    ["a BOM", `\ufeff${good}`, /byte-order mark/],
    ["CRLF", good.replace(/\n/g, "\r\n"), /CR line endings/],
    ["no final newline", good.slice(0, -1), /exactly one newline/],
    ["two final newlines", `${good}\n`, /exactly one newline/],
    ["a bad date line", good.replace("<!--1715819943000-->", "<!--soon-->"), /line 1/],
    ["a bad link line", good.replace("[普京抵达北京]", "普京抵达北京"), /line 2/],
    ["a missing separator", good.replace("------", "-----"), /lines 3 and 4/],
    ["no date line in the body", good.replace("<div><i>", "<p>"), /date line/],
    ["six lines", good.replace("\n\n", "\n\n\n"), /6 lines/],
  ])("refuses a file with %s, naming it", (_what, text, why) => {
    expect(() => parseItem(text, "feed/2024-05/abc.txt")).toThrow(why);
    expect(() => parseItem(text, "feed/2024-05/abc.txt")).toThrow(/^feed\/2024-05\/abc\.txt: /);
  });
});
