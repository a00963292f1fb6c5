import { describe, expect, it } from "vitest";
import { convert, type ConvertOptions } from "../../src/converter/convert.js";
import { proxify, unproxify } from "../../src/converter/images.js";
import { parseSrcset } from "../../src/text/srcset.js";
import { joinLines } from "../../src/converter/join.js";

const WESERV = "https://images.weserv.nl?url={url}";
const OTHER = "https://p.example/?u={encoded}";
const weserv: ConvertOptions = { imageProxy: WESERV, knownProxies: [] };
const none: ConvertOptions = { imageProxy: "none", knownProxies: [] };
const link = "https://news.example.com/a/story.html";

function body(html: string, options: ConvertOptions = weserv): string {
  return convert(
    { published: 0, title: "t", titleFormat: "html", link, html },
    options,
  ).body.replace("<div><i>Thu, 01 Jan 1970 00:00:00 GMT</i></div>", "");
}

describe("joining lines", () => {
  it.each([
    ["English words keep a space", "the\ndraft", "the draft"],
    ["CJK joins with nothing", "威权\n   盟友", "威权盟友"],
    ["full-width punctuation joins", "北京，\n展示", "北京，展示"],
    ["Korean keeps its space", "대한민국\n서울", "대한민국 서울"],
    ["CJK then Latin gets a space", "中文\nEnglish", "中文 English"],
    ["tag edges join with nothing", "<p>a</p>\n  <p>b</p>", "<p>a</p><p>b</p>"],
    ["empty lines vanish", "a\n\n\n   \nb", "a b"],
    ["CRLF and CR are line breaks", "a\r\nb\rc", "a b c"],
    ["NBSP and ideographic space are kept", "\u00a0a\u3000\nb", "\u00a0a\u3000 b"],
  ])("%s", (_what, html, expected) => {
    expect(joinLines(html)).toBe(expected);
  });

  it("keeps <pre> and <textarea> text exact, newlines as &#10;", () => {
    expect(body("<pre>  line 1\n    line 2\n</pre>\n<p>x</p>")).toBe(
      "<pre>  line 1&#10;    line 2&#10;</pre><p>x</p>",
    );
    expect(body("<textarea>a\r\n b</textarea>")).toBe("<textarea>a&#10; b</textarea>");
  });
});

describe("rewriting tags", () => {
  it.each([
    ["keeps untouched tags' bytes", "<p class=x>a<br />b<BR></p>", "<p class=x>a<br />b<BR></p>"],
    [
      "proxies img src without https://",
      '<img src="https://a.example/b.jpg" width="100%">',
      '<img src="https://images.weserv.nl?url=a.example/b.jpg" width="100%">',
    ],
    [
      "keeps http:// so it can be restored",
      '<img src="http://a.example/b.jpg">',
      '<img src="https://images.weserv.nl?url=http://a.example/b.jpg">',
    ],
    [
      "encodes what breaks the query",
      '<img src="https://a.example/b c.jpg?x=1&amp;y=%20#f+中">',
      '<img src="https://images.weserv.nl?url=a.example/b%20c.jpg%3Fx=1%26y=%2520%23f%2B%E4%B8%AD">',
    ],
    [
      "resolves relative src and href",
      '<a href="../b.html">b</a><img src="/i.png">',
      '<a href="https://news.example.com/b.html" rel="noopener noreferrer">b</a><img src="https://images.weserv.nl?url=news.example.com/i.png">',
    ],
    [
      "proxies every srcset candidate",
      '<img srcset="a.jpg 1x, https://c.example/x,y.jpg 2x">',
      '<img srcset="https://images.weserv.nl?url=news.example.com/a/a.jpg 1x, https://images.weserv.nl?url=c.example/x,y.jpg 2x">',
    ],
    [
      "proxies picture sources and video posters",
      '<picture><source srcset="https://a.example/p.webp"></picture><video poster="https://a.example/v.jpg" controls></video>',
      '<picture><source srcset="https://images.weserv.nl?url=a.example/p.webp"></picture><video poster="https://images.weserv.nl?url=a.example/v.jpg" controls></video>',
    ],
    [
      "drops script elements",
      "<p>a</p><script>alert(1)</script><SCRIPT src=x></SCRIPT><p>b</p>",
      "<p>a</p><p>b</p>",
    ],
    [
      "drops on* attributes",
      '<img src="data:image/png;base64,AA" onerror="alert(1)">',
      '<img src="data:image/png;base64,AA">',
    ],
    [
      "drops javascript: URLs, however written",
      '<a href="jav&#x09;ascript:alert(1)">x</a><a href=" JavaScript:alert(1)">y</a>',
      "<a>x</a><a>y</a>",
    ],
    ["drops data: links", '<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>"],
    [
      "keeps self-closing slashes",
      '<img src="https://a.example/b.jpg"/>',
      '<img src="https://images.weserv.nl?url=a.example/b.jpg" />',
    ],
  ])("%s", (_what, html, expected) => {
    expect(body(html)).toBe(expected);
  });

  it("leaves images alone with proxy none", () => {
    expect(body('<img src="https://a.example/b.jpg">', none)).toBe(
      '<img src="https://a.example/b.jpg">',
    );
  });
});

describe("the image proxy", () => {
  it.each([
    "https://gdb.voanews.com/01000000-0aff-0242-043b-08dc7539b5cc_r1_s_w900.jpg",
    "http://plain.example/a.jpg",
    "https://a.example/b c.jpg?x=1&y=%20#f+中",
  ])("round-trips %s through every template", (url) => {
    for (const template of [
      "https://images.weserv.nl?url={url}",
      "https://p.example/i?u={encoded}&w=800",
      "https://q.example/",
    ]) {
      const proxied = proxify(url, template);
      expect(proxied).not.toBe(url);
      expect(unproxify(proxied, [template])).toBe(url);
      expect(proxify(unproxify(proxied, [template]), template)).toBe(proxied);
    }
  });

  it("parses srcset as the HTML spec does", () => {
    expect(parseSrcset(" a.jpg 1x,b.jpg 2x , c,d.jpg 300w,e.jpg,")).toEqual([
      { url: "a.jpg", descriptor: "1x" },
      { url: "b.jpg", descriptor: "2x" },
      { url: "c,d.jpg", descriptor: "300w" },
      { url: "e.jpg", descriptor: "" },
    ]);
  });
});

describe("convert", () => {
  const samples = [
    '<p>Hello\nworld</p>\n<img src="https://a.example/b.jpg" srcset="x.jpg 2x">',
    "<div><i>Mon, 01 Jan 2024</i></div>\n<p>own date line</p>",
    "<pre>a\n b</pre><script>x</script><a href=/x onclick=y>z</a>",
    "plain text\nwith lines",
    "",
  ];

  it.each(samples)("is idempotent for %j", (html) => {
    for (const options of [
      weserv,
      none,
      { imageProxy: "https://p.example/?u={encoded}", knownProxies: [] },
    ]) {
      const once = convert(
        { published: 1e12, title: "<b>T</b> &amp; x", titleFormat: "html", link, html },
        options,
      );
      const twice = convert({ ...once, titleFormat: "markdown", html: once.body }, options);
      expect(twice).toEqual(once);
    }
  });

  it("adds a date line only when the content has none", () => {
    const dated = convert(
      { published: 1715818521000, title: "t", titleFormat: "html", link, html: "<p>x</p>" },
      weserv,
    );
    expect(dated.body).toBe("<div><i>Thu, 16 May 2024 00:15:21 GMT</i></div><p>x</p>");
    const own = convert(
      { published: 0, title: "t", titleFormat: "html", link, html: "<div><i>by me</i></div>" },
      weserv,
    );
    expect(own.body).toBe("<div><i>by me</i></div>");
  });

  it("moves a body from one proxy to another and back without double proxying", () => {
    const other: ConvertOptions = { imageProxy: OTHER, knownProxies: [WESERV] };
    const first = convert(
      {
        published: 0,
        title: "t",
        titleFormat: "html",
        link,
        html: '<img src="https://a.example/b.jpg">',
      },
      weserv,
    );
    const moved = convert({ ...first, titleFormat: "markdown", html: first.body }, other);
    expect(moved.body).toContain('src="https://p.example/?u=https%3A%2F%2Fa.example%2Fb.jpg"');
    const back = convert(
      { ...moved, titleFormat: "markdown", html: moved.body },
      { ...weserv, knownProxies: [OTHER] },
    );
    expect(back).toEqual(first);
  });
});
