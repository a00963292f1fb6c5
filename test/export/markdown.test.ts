import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { bodyToMarkdown } from "../../src/export/markdown.js";

/** A CommonMark renderer with GFM's tables and strikethrough (markdown-it's default preset). */
const gfm = new MarkdownIt({ html: true, linkify: false });
/** The same with raw HTML refused, as Hugo's default renderer does. */
const noHtml = new MarkdownIt({ html: false });

const date = "<div><i>Thu, 16 May 2024 00:15:21 GMT</i></div>";

interface Case {
  name: string;
  body: string;
  /** Exact Markdown lines the export must contain. */
  markdown: string[];
  /** HTML that markdown-it makes of the export. */
  renders: string[];
  /** Markdown the export must not contain. */
  never?: string[];
}

const CASES: Case[] = [
  {
    name: "table with a header",
    body: `<table><thead><tr><th>城市</th><th>a|b</th></tr></thead><tbody><tr><td>北京</td><td>2</td></tr></tbody></table>`,
    markdown: ["| 城市  | a\\|b |", "| --- | --- |", "| 北京  | 2   |"],
    renders: ["<table>", "<th>城市</th>", "<td>北京</td>", "<th>a|b</th>"],
  },
  {
    name: "table without a header",
    body: `<table><tr><td>x</td><td>y</td></tr><tr><td>1</td><td>2</td></tr></table>`,
    // GFM needs a header row: an empty one, so that no data row is taken for a header.
    markdown: ["|     |     |\n| --- | --- |\n| x   | y   |\n| 1   | 2   |"],
    renders: ["<table>", "<td>x</td>", "<td>2</td>"],
  },
  {
    name: "table with a list in a cell stays HTML",
    body: `<table><tr><td><ul><li>one</li></ul></td><td>z</td></tr></table>`,
    markdown: ["<table><tbody><tr><td><ul><li>one</li></ul></td><td>z</td></tr></tbody></table>"],
    renders: ["<li>one</li>", "<td>z</td>"],
  },
  {
    name: "strikethrough",
    body: `<p>price <del>100</del> <s>90</s> <strike>80</strike> 70</p>`,
    markdown: ["price ~~100~~ ~~90~~ ~~80~~ 70"],
    renders: ["<s>100</s>", "<s>90</s>", "<s>80</s>"],
  },
  {
    name: "images, proxied, with alt and title",
    body: `<img src="https://images.weserv.nl?url=gdb.voanews.com/a.jpg" width="100%"><p><img src="https://x.example/b.png" alt="photo: Putin and Xi" title="T"></p>`,
    markdown: [
      "![](https://images.weserv.nl?url=gdb.voanews.com/a.jpg)",
      '![photo: Putin and Xi](https://x.example/b.png "T")',
    ],
    renders: [
      '<img src="https://images.weserv.nl?url=gdb.voanews.com/a.jpg" alt="">',
      '<img src="https://x.example/b.png" alt="photo: Putin and Xi" title="T">',
    ],
  },
  {
    name: "figure with caption",
    body: `<figure><img src="https://x.example/f.jpg" alt="f"><figcaption>图片说明</figcaption></figure>`,
    markdown: ["![f](https://x.example/f.jpg)", "图片说明"],
    renders: ['<img src="https://x.example/f.jpg" alt="f">', "图片说明"],
  },
  {
    name: "links, parentheses and entities in the URL",
    body: `<p>See <a href="https://en.wikipedia.org/wiki/Foo_(bar)">Foo</a> and <a href="https://x.example/?a=1&amp;copy=2">q</a> and <a href="https://x.example/img"><img src="https://x.example/i.png" alt="i"></a></p>`,
    markdown: ["[Foo](https://en.wikipedia.org/wiki/Foo_\\(bar\\))"],
    renders: [
      '<a href="https://en.wikipedia.org/wiki/Foo_(bar)">Foo</a>',
      '<a href="https://x.example/?a=1&amp;copy=2">q</a>',
      '<a href="https://x.example/img"><img src="https://x.example/i.png" alt="i"></a>',
    ],
  },
  {
    name: "CJK text and emphasis ending in punctuation",
    body: `<p>他说<strong>“不行”</strong>然后走了。<em>重要</em>的是<b>这个</b>。</p>`,
    markdown: ["他说<strong>“不行”</strong>然后走了。*重要*的是**这个**。"],
    renders: ["<strong>“不行”</strong>然后走了。<em>重要</em>的是<strong>这个</strong>。"],
  },
  {
    name: "right-to-left text keeps its characters and order",
    body: `<p dir="rtl">مرحبا بالعالم، هذا <strong>خبر</strong> عاجل</p><p>שלום עולם</p>`,
    markdown: ["مرحبا بالعالم، هذا **خبر** عاجل", "שלום עולם"],
    renders: ["مرحبا بالعالم، هذا <strong>خبر</strong> عاجل", "<p>שלום עולם</p>"],
  },
  {
    name: "headings, lists, quotes and code",
    body: `<h2>Title two</h2><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote><p>quoted</p></blockquote><pre><code class="language-js">a &lt; b&#10;c</code></pre>`,
    markdown: ["## Title two", "-   one", "1.  first", "> quoted", "```js", "a < b"],
    renders: ["<h2>Title two</h2>", "<li>one</li>", "<blockquote>", "a &lt; b\nc"],
  },
  {
    name: "text that looks like markup stays text",
    body: `<p>&lt;script&gt;alert(1)&lt;/script&gt; AT&amp;amp;T &amp;copy; *not em* 1. not a list</p><p># not a heading</p><p>---</p>`,
    markdown: ["&lt;script>alert(1)&lt;/script> AT&amp;amp;T &amp;copy;"],
    renders: [
      "&lt;script&gt;alert(1)&lt;/script&gt; AT&amp;amp;T &amp;copy; *not em* 1. not a list",
    ],
    never: ["<script>"],
  },
  {
    name: "embedded players become links",
    body: `<p>before</p><iframe src="https://www.youtube.com/embed/abc" sandbox="" loading="lazy"></iframe><video src="https://v.example/a.mp4" poster="https://v.example/p.jpg" controls></video>`,
    markdown: [
      "[Embedded content: www.youtube.com](https://www.youtube.com/embed/abc)",
      "![](https://v.example/p.jpg) [video: v.example](https://v.example/a.mp4)",
    ],
    renders: ['<a href="https://www.youtube.com/embed/abc">', '<img src="https://v.example/p.jpg"'],
  },
  {
    name: "line breaks",
    body: `<p>one<br>two</p><p>three<br><br>four</p>`,
    markdown: ["one  \ntwo", "three\n\nfour"],
    renders: ["one<br>\ntwo", "<p>four</p>"],
  },
];

describe("bodyToMarkdown", () => {
  it.each(CASES)("$name", ({ body, markdown, renders, never }) => {
    const md = bodyToMarkdown(`${date}${body}`);
    for (const line of markdown) expect(md).toContain(line);
    const html = gfm.render(md);
    for (const part of renders) expect(html).toContain(part);
    for (const part of never ?? []) expect(md).not.toContain(part);
    // Trailing spaces only as `<br>`'s two, and never at a paragraph's end.
    const trailing = md.split("\n").filter((line) => /[ \t]$/.test(line));
    for (const line of trailing) expect(line).toMatch(/[^ \t] {2}$/);
    expect(md).not.toMatch(/[ \t]\n\n|[ \t]$/);
    expect(md).not.toMatch(/\n{3}/);
  });

  it("drops the date line: the front matter carries the date", () => {
    expect(bodyToMarkdown(`${date}<p>text</p>`)).toBe("text");
    expect(bodyToMarkdown(date)).toBe("");
  });

  it("a planted script never renders as a tag, with raw HTML on or off", () => {
    const md = bodyToMarkdown(`${date}<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;</p>`);
    for (const renderer of [gfm, noHtml]) {
      const html = renderer.render(md);
      expect(html).not.toMatch(/<img|<script/);
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
  });

  it("is deterministic", () => {
    const body = `${date}${CASES.map((c) => c.body).join("")}`;
    expect(bodyToMarkdown(body)).toBe(bodyToMarkdown(body));
  });
});
