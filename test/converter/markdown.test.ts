import { decodeHTML } from "entities";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { normalizeLink } from "../../src/converter/link.js";
import { markdownLink, titleToMarkdown } from "../../src/converter/title.js";
import { markdownTitleToText } from "../../src/text/markdown-title.js";

/** A CommonMark renderer that writes link destinations exactly as it parsed them. */
const exact = new MarkdownIt("commonmark");
exact.normalizeLink = (url) => url;
const reference = new MarkdownIt("commonmark");

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Feed titles are HTML: plain text arrives with its < and & escaped. */
const asHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

const TITLES = [
  "Plain English title",
  "普京抵达北京，展示威权盟友的团结",
  "日本語のタイトル「カギ括弧」と　全角スペース",
  "한국어 제목 (Korean)",
  "[Breaking] news [2] and ] alone and [ alone",
  "a \\ backslash, a \\[ escaped bracket, and a trailing one \\",
  "*stars* and _underscores_ and **strong** and __strong__ and snake_case_name",
  "<script>alert(1)</script> and <b>not bold</b> and <http://autolink.example>",
  "# not a heading",
  "1. not a list",
  "- not a bullet + nor this",
  "> not a quote",
  "`code` and ``more`` and a lone `",
  "AT&T and &copy; and &#169; and &#x3C; and &amp; and & alone",
  "![not an image](x) and [not a link](y)",
  "emoji 🎉🇨🇳 and 中文 and 😀",
  "~~not struck~~ and | pipes | and $5 and 100%",
  "angle > and < alone",
  "dots... and a line ending with two spaces  ",
];

/** Titles as feeds write them, entities and all: the short way must agree with turndown. */
const ENTITY_TITLES = [
  "Tom &amp; Jerry",
  "It&#8217;s &ldquo;quoted&rdquo; &mdash; isn&rsquo;t it",
  "&nbsp;# heading after a no-break space",
  "&#12288;full-width space &#x3000;inside",
  "line&#10;break and tab&#9;here",
  "&lt;b&gt;not bold&lt;/b&gt; and &amp;amp; and &notit; and &amp",
  "&#0; and &#x80; and &#xD800; and &bogus; and &",
  "&#42;stars&#42; and &#95;under&#95; and &#91;bracket&#93;",
  "   &#32;  spaced   ",
];

const LINKS = [
  ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"],
  ["https://example.com/a b/c d?q=x y", "https://example.com/a%20b/c%20d?q=x%20y"],
  [
    "https://例子.测试/新闻?q=中文#片段",
    "https://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB?q=%E4%B8%AD%E6%96%87#%E7%89%87%E6%AE%B5",
  ],
  ["https://example.com/x?a=(1)&b=)2(&utm_source=rss", "https://example.com/x?a=(1)&b=)2("],
  ["https://example.com/back\\slash?q=a\\b#c\\d", "https://example.com/back/slash?q=a\\b#c\\d"],
  ["https://example.com/q?x=&amp;copy;&y=&#169;", "https://example.com/q?x=&amp;copy;&y=&#169;"],
  ['https://example.com/<angle>?"quote"', "https://example.com/%3Cangle%3E?%22quote%22"],
  ["https://example.com/*star*_under_[br]", "https://example.com/*star*_under_[br]"],
  ["", ""],
] as const;

describe("titles render exactly as their text", () => {
  it.each(TITLES)("%s", (text) => {
    const title = titleToMarkdown(asHtml(text));
    const shown = text.replace(/\s+/g, " ").trim();
    expect(title).not.toMatch(/[\n\r]/);
    expect(exact.renderInline(markdownLink(title, "https://example.com/"))).toBe(
      `<a href="https://example.com/">${escapeHtml(shown)}</a>`,
    );
    expect(markdownTitleToText(title)).toBe(shown);
  });

  it.each([...TITLES.map(asHtml), ...ENTITY_TITLES])(
    "gives the same with or without markup around it: %s",
    (html) => {
      // `<span>` sends the title through turndown; text alone takes the short way.
      expect(titleToMarkdown(html)).toBe(titleToMarkdown(`<span>${html}</span>`));
    },
  );

  it.each([
    ["<b>Bold</b> move", "**Bold** move", "Bold move"],
    ["<p>One</p><p>two</p>", "One two", "One two"],
    ["Line<br>break", "Line break", "Line break"],
    ['See <a href="https://x.example/">this</a> link', "See this link", "See this link"],
    ['A <img src="x.png" alt="[chart]"> chart', "A \\[chart\\] chart", "A [chart] chart"],
    ["<h1>Heading</h1>", "Heading", "Heading"],
    ["x<script>alert(1)</script>y", "xy", "xy"],
    ["Tom &amp; Jerry &lt;3", "Tom & Jerry \\<3", "Tom & Jerry <3"],
  ])("converts HTML %j to %j", (html, markdown, text) => {
    expect(titleToMarkdown(html)).toBe(markdown);
    expect(markdownTitleToText(markdown)).toBe(text);
  });

  it.each([...TITLES.map((t) => titleToMarkdown(asHtml(t))), "**Bold** move", "a\\-b \\_c\\_"])(
    "gives the index the text markdown-it shows for %s",
    (markdown) => {
      const html = reference.renderInline(markdown);
      const text = decodeHTML(html.replace(/<[^>]*>/g, ""))
        .replace(/\s+/g, " ")
        .trim();
      expect(markdownTitleToText(markdown)).toBe(text);
    },
  );
});

describe("links survive Markdown and point exactly to their URL", () => {
  it.each(LINKS)("%j", (raw, normalized) => {
    const link = normalizeLink(raw);
    expect(link).toBe(normalized);
    const html = exact.renderInline(markdownLink("title", link));
    expect(html).toBe(`<a href="${escapeHtml(link)}">title</a>`);
  });

  it("drops every tracking parameter of the table, and only those", () => {
    expect(
      normalizeLink(
        "https://x.example/p?id=7&utm_source=a&UTM_Medium=b&fbclid=c&gclid=d&mc_eid=e&mc_cid=f&igshid=g&_hsenc=h&_hsmi=i&yclid=j&msclkid=k&utm%5Fterm=l&keep=utm_source&page=2#top",
      ),
    ).toBe("https://x.example/p?id=7&keep=utm_source&page=2#top");
    expect(normalizeLink("https://x.example/?a=%20b+c&&d")).toBe("https://x.example/?a=%20b+c&&d");
  });
});
