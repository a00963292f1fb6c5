import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { titleToMarkdown } from "../../src/converter/title.js";
import { markdownTitleToText } from "../../src/text/markdown-title.js";
import { normalizeLink } from "../../src/converter/link.js";
import { escapeLinkDestination } from "../../src/writer/item-file.js";

const md = new MarkdownIt("commonmark");

/** Renders `[title](link)` the way a reader's CommonMark renderer would. */
function render(title: string, link: string): { text: string; href: string | null } {
  const html = md.renderInline(`[${title}](${escapeLinkDestination(link)})`);
  const tokens =
    md.parseInline(`[${title}](${escapeLinkDestination(link)})`, {})[0]?.children ?? [];
  const open = tokens.find((t) => t.type === "link_open");
  const text = tokens
    .filter((t) => t.type === "text" || t.type === "code_inline" || t.type === "html_inline")
    .map((t) => t.content)
    .join("");
  expect(html.startsWith("<a ")).toBe(true);
  return { text, href: open?.attrGet("href") ?? null };
}

describe("titles render exactly as their text", () => {
  it.each([
    "普京抵达北京，展示威权盟友的团结",
    "[Breaking] news [2]",
    "a \\ backslash and \\[ escaped",
    "*stars* and _underscores_ and **strong**",
    "<script>alert(1)</script> is <b>not</b> a tag here",
    "# not a heading",
    "1. not a list",
    "`code` and ``more``",
    "AT&T and &copy; and &#169; and &amp;",
    "![not an image](x)",
    "emoji 🎉 and 中文 and 日本語",
    "> not a quote",
    "trailing backslash \\",
  ])("%s", (text) => {
    // The feed's title is HTML: plain text arrives with < and & escaped.
    const html = text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const title = titleToMarkdown(html);
    expect(title).not.toContain("\n");
    expect(render(title, "https://example.com/").text).toBe(text);
    expect(markdownTitleToText(title)).toBe(text);
  });

  it.each([
    ["<b>Bold</b> move", "**Bold** move", "Bold move"],
    ["  many\n   spaces\tand\nlines  ", "many spaces and lines", "many spaces and lines"],
    ["Tom &amp; Jerry", "Tom & Jerry", "Tom & Jerry"],
  ])("converts HTML %j to %j", (html, markdown, text) => {
    expect(titleToMarkdown(html)).toBe(markdown);
    expect(markdownTitleToText(titleToMarkdown(html))).toBe(text);
  });
});

describe("links survive Markdown and point exactly to their URL", () => {
  it.each([
    ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"],
    ["https://example.com/a b/c d", "https://example.com/a%20b/c%20d"],
    [
      "https://例子.测试/新闻?q=中文",
      "https://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB?q=%E4%B8%AD%E6%96%87",
    ],
    [
      "https://example.com/x?a=1&utm_source=rss&b=(2)&fbclid=abc#frag",
      "https://example.com/x?a=1&b=(2)#frag",
    ],
    ["https://example.com/back\\slash?q=a\\b", "https://example.com/back/slash?q=a\\b"],
    ["https://example.com/<angle>", "https://example.com/%3Cangle%3E"],
    ["https://example.com/?a=1&copy;=2", "https://example.com/?a=1&copy;=2"],
  ])("%s", (raw, normalized) => {
    const link = normalizeLink(raw);
    expect(link).toBe(normalized);
    expect(render("title", link).href).toBe(md.normalizeLink(link));
    expect(decodeURI(render("title", link).href ?? "")).toBe(decodeURI(link));
  });

  it.each([["javascript:alert(1)"], ["mailto:x@example.com"], ["not a url"], [""]])(
    "refuses %j as an entry link",
    (raw) => expect(normalizeLink(raw)).toBe(""),
  );
});
