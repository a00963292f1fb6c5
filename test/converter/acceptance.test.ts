import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PROXY } from "../../src/config/schema.js";
import { convert, type ConvertOptions } from "../../src/converter/convert.js";
import type { Item } from "../../src/model.js";
import { itemFromEntry } from "../../src/pipeline/entries.js";
import { renderItem } from "../../src/writer/item-file.js";
import { fixture, seedFile } from "../helpers/paths.js";

const TITLE = "普京抵达北京，展示威权盟友的团结";
const options: ConvertOptions = { imageProxy: DEFAULT_IMAGE_PROXY, knownProxies: [] };

/** The article HTML and link of a fixture feed's only item (no feed parser needed here). */
function article(name: string): { html: string; link: string } {
  const rss = readFileSync(fixture(name), "utf8");
  const item = rss.slice(rss.indexOf("<item>"));
  const html = /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/.exec(item)?.[1];
  const link = /<link>([^<]*)<\/link>/.exec(item)?.[1];
  if (html === undefined || link === undefined) throw new Error(`${name}: no item content`);
  return { html, link };
}

/** The item file's five lines: the writer's own rendering. */
const itemText = renderItem;

/** The fixture's entry through the fetch pipeline's own entry-to-item step. */
function fromFeed(name: string, published: number): Item {
  const { html, link } = article(name);
  return itemFromEntry({ title: TITLE, link, content: html }, published, options);
}

const raw = {
  feed: "voa-putin-raw.rss",
  published: 1715818521000,
  expected: fixture("voa-putin-raw.expected.txt"),
};
const seed = { feed: "voa-putin.rss", published: 1715819943000, expected: seedFile };
const cases = [seed, raw];

const hasSeed = existsSync(seedFile);
if (!hasSeed) console.warn(`NOTICE: ${seedFile} is absent: skipping the seed reproduction`);

describe.skipIf(!hasSeed)("the seed reproduction", () => {
  it("voa-putin.rss gives ../shared/seed/000_140e6d3e3bb89824.txt byte for byte", () => {
    expect(itemText(fromFeed(seed.feed, seed.published))).toBe(readFileSync(seedFile, "utf8"));
  });
});

describe("the archival format, byte for byte", () => {
  it("voa-putin-raw.rss gives voa-putin-raw.expected.txt", () => {
    expect(itemText(fromFeed(raw.feed, raw.published))).toBe(readFileSync(raw.expected, "utf8"));
  });

  it("keeps the seed's body bytes: its date line, proxied image, <br /> and style", () => {
    const body = fromFeed("voa-putin.rss", 1715819943000).body;
    expect(body.startsWith("<div><i>Thu, 16 May 2024 00:15:21 GMT</i></div><img src=")).toBe(true);
    expect(body).toContain('<small style="color: #999;">');
    expect(body).toContain("<br /><br />");
    expect(body.match(/images\.weserv\.nl/g)).toHaveLength(1);
  });

  it.each(cases)("$feed converts to itself again (idempotent)", ({ feed, published }) => {
    const once = fromFeed(feed, published);
    const twice = convert({ ...once, titleFormat: "markdown", html: once.body }, options);
    expect(twice).toEqual(once);
  });

  it.each(cases)(
    "$feed moves to another proxy and back to the same bytes",
    ({ feed, published }) => {
      const once = fromFeed(feed, published);
      const other = "https://img.example/p?src={encoded}&w=800";
      const moved = convert(
        { ...once, titleFormat: "markdown", html: once.body },
        { imageProxy: other, knownProxies: [DEFAULT_IMAGE_PROXY] },
      );
      expect(moved.body).toContain(
        "https://img.example/p?src=https%3A%2F%2Fgdb.voanews.com%2F01000000-0aff-0242-043b-08dc7539b5cc_r1_s_w900.jpg&amp;w=800",
      );
      const none = convert(
        { ...moved, titleFormat: "markdown", html: moved.body },
        { imageProxy: "none", knownProxies: [other] },
      );
      expect(none.body).toContain(
        'src="https://gdb.voanews.com/01000000-0aff-0242-043b-08dc7539b5cc_r1_s_w900.jpg"',
      );
      const back = convert(
        { ...none, titleFormat: "markdown", html: none.body },
        { imageProxy: DEFAULT_IMAGE_PROXY, knownProxies: [other] },
      );
      expect(itemText(back)).toBe(itemText(once));
    },
  );
});
