import { readFileSync } from "node:fs";
import { fromHtml } from "hast-util-from-html";
import { defaultSchema, sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import { parseHTML } from "linkedom";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownTitleToText } from "../../src/text/markdown-title.js";
import { itemFromEntry } from "../../src/pipeline/entries.js";
import { renderItem } from "../../src/writer/item-file.js";
import { fixture } from "../helpers/paths.js";

/**
 * What GitHub shows for an item file named .md: CommonMark with raw HTML (markdown-it), then
 * GitHub's published sanitization allow-list (hast-util-sanitize's default schema follows it).
 */
function githubView(markdown: string) {
  const html = new MarkdownIt({ html: true }).render(markdown);
  const clean = toHtml(sanitize(fromHtml(html, { fragment: true }), defaultSchema));
  return parseHTML(`<!doctype html><html><body>${clean}</body></html>`).document;
}

const options = { imageProxy: "none", knownProxies: [] };
const published = Date.UTC(2024, 4, 16);

describe("an item file as GitHub renders it", () => {
  it("the raw VOA item: the title is a heading linking to the source; text and images survive", () => {
    const text = readFileSync(fixture("voa-putin-raw.expected.txt"), "utf8");
    const doc = githubView(text);
    const link = doc.querySelector("h2 > a");
    expect(link?.textContent).toBe("普京抵达北京，展示威权盟友的团结");
    expect(link?.getAttribute("href")).toMatch(
      /^https:\/\/www\.voachinese\.com\/a\/russia-s-putin/,
    );
    expect(doc.body.textContent).toContain("俄罗斯总统弗拉基米尔·普京周四（5月16日）抵达北京");
    const images = [...doc.querySelectorAll("img")].map((img) => img.getAttribute("src"));
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((src) => src?.startsWith("https://images.weserv.nl?url=gdb."))).toBe(true);
    // The date line and nothing of the format's markers shows as text.
    expect(doc.body.textContent).toContain("Thu, 16 May 2024 00:15:21 GMT");
    expect(doc.body.textContent).not.toMatch(/<!--|------/);
  });

  it.each([
    { title: "Plain words", link: "https://example.com/a" },
    { title: "A *star*, _under_, [brackets] and `code`", link: "https://example.com/b" },
    { title: "1 &lt; 2 &amp; <b>bold</b> #hash", link: "https://example.com/c_(d)?e=<f>" },
    { title: "# Not a heading", link: "https://example.com/d" },
    { title: "- not a list", link: "https://example.com/e f" },
    { title: "普京 &quot;quoted&quot; | pipe", link: "https://例子.测试/新闻" },
  ])("title $title reads as its text and links to $link", ({ title, link }) => {
    const item = itemFromEntry(
      { title, link, content: '<p>Body <img src="https://example.com/i.png"></p>' },
      published,
      options,
    );
    const doc = githubView(renderItem(item));
    const heading = doc.querySelector("h2 > a");
    expect(heading?.textContent).toBe(markdownTitleToText(item.title));
    expect(heading?.getAttribute("href")).toBe(item.link);
    expect(doc.querySelectorAll("h2")).toHaveLength(1);
    expect(doc.querySelector("img")?.getAttribute("src")).toBe("https://example.com/i.png");
    expect(doc.body.textContent).toContain("Body");
  });
});
