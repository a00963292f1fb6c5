import { describe, expect, it } from "vitest";
import { convert, type ConvertOptions } from "../../src/converter/convert.js";

const options: ConvertOptions = { imageProxy: "none", knownProxies: [] };
const link = "https://news.example.com/a/story.html";

function body(html: string, extra: Partial<ConvertOptions> = {}): string {
  const item = convert(
    { published: 0, title: "t", titleFormat: "html", link, html },
    { ...options, ...extra },
  );
  return item.body.replace("<div><i>Thu, 01 Jan 1970 00:00:00 GMT</i></div>", "");
}

describe("the sanitizer", () => {
  it.each([
    [
      "keeps the seed's markup byte for byte",
      '<div><small style="color: #999;">x</small></div><p>a<br />b<em>c</em></p><img src="https://a.example/i.jpg" width="100%">',
    ],
    [
      "keeps ordinary article markup",
      "<h2>h</h2><ul><li>a</li></ul><table><tr><td colspan=2>x</td></tr></table><figure><figcaption>c</figcaption></figure><blockquote>q</blockquote><pre><code>x</code></pre>",
    ],
  ])("%s", (_what, html) => {
    expect(body(html)).toBe(html);
  });

  it.each([
    ["drops style elements with their content", "<style>p{color:red}</style><p>a</p>", "<p>a</p>"],
    [
      "drops forms controls, objects and frames",
      '<input value=x><button>b</button><object data="x">o</object><embed src="x"><frameset><frame src="x"></frameset><p>a</p>',
      "<p>a</p>",
    ],
    [
      "drops svg and math with their scripts",
      '<svg><script>alert(1)</script><circle onload="x"/></svg><math><mi>x</mi></math><p>a</p>',
      "<p>a</p>",
    ],
    [
      "drops base, meta and link",
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0"><link rel=stylesheet href=x><p>a</p>',
      "<p>a</p>",
    ],
    [
      "unwraps unknown tags, keeping their text",
      "<font color=red>a</font><blink>b</blink><custom-el>c</custom-el>",
      "abc",
    ],
    ["drops comments", "a<!-- hidden -->b<!--[if IE]><script>x</script><![endif]-->c", "abc"],
    [
      "drops unsafe styles",
      '<p style="background:url(javascript:x)">a</p><p style="width:expression(alert(1))">b</p><p style="color:red">c</p>',
      '<p>a</p><p>b</p><p style="color:red">c</p>',
    ],
    ["drops srcdoc and formaction", '<p srcdoc="x" formaction="y">a</p>', "<p>a</p>"],
    [
      "drops URLs with other schemes",
      '<a href="ftp://x/y">a</a><a href="mailto:a@b.example">b</a><a href="/rel">c</a>',
      '<a>a</a><a href="mailto:a@b.example" rel="noopener noreferrer">b</a><a href="https://news.example.com/rel" rel="noopener noreferrer">c</a>',
    ],
    [
      "keeps data: only for images",
      '<img src="data:image/png;base64,AA"><a href="data:image/png;base64,AA">x</a>',
      '<img src="data:image/png;base64,AA"><a>x</a>',
    ],
    [
      "gives links rel=noopener noreferrer",
      '<a href="https://x.example/" target="_blank" rel="opener">x</a>',
      '<a href="https://x.example/" rel="noopener noreferrer">x</a>',
    ],
    [
      "removes tracking parameters from links",
      '<a href="https://x.example/p?id=1&utm_source=rss&fbclid=z">x</a>',
      '<a href="https://x.example/p?id=1" rel="noopener noreferrer">x</a>',
    ],
    [
      "keeps video-host iframes, sandboxed and lazy",
      '<iframe src="https://www.youtube.com/embed/x" width="560" onload="y">fallback</iframe>',
      '<iframe src="https://www.youtube.com/embed/x" width="560" sandbox="allow-scripts allow-same-origin allow-popups allow-presentation" loading="lazy"></iframe>',
    ],
    ["drops other iframes", '<iframe src="https://evil.example/"></iframe><p>a</p>', "<p>a</p>"],
    [
      "gives media controls",
      '<video src="https://v.example/a.mp4"></video>',
      '<video src="https://v.example/a.mp4" controls></video>',
    ],
    [
      "makes lazy images real",
      '<img src="data:image/gif;base64,R0lGOD" data-src="https://a.example/real.jpg">',
      '<img src="https://a.example/real.jpg">',
    ],
    [
      "uses a noscript fallback image once",
      '<img class="lazy"><noscript><img src="https://a.example/n.jpg"></noscript>',
      '<img class="lazy"><img src="https://a.example/n.jpg">',
    ],
    [
      "skips a noscript image already shown",
      '<img data-src="https://a.example/n.jpg"><noscript><img src="https://a.example/n.jpg"></noscript>',
      '<img src="https://a.example/n.jpg">',
    ],
    [
      "removes 1×1 pixels and tracker hosts",
      '<img src="https://a.example/p.gif" width="1" height="1"><img src="https://feeds.feedburner.com/~r/x/~4/y"><img src="https://stats.wordpress.com/b.gif?x"><p>a</p>',
      "<p>a</p>",
    ],
    [
      "rewrites odd tag syntax from what was parsed",
      '<img src="https://a.example/i.jpg"alt=x>',
      '<img src="https://a.example/i.jpg" alt="x">',
    ],
    ["escapes a stray < in text", "a < b <3", "a &lt; b &lt;3"],
  ])("%s", (_what, html, expected) => {
    expect(body(html)).toBe(expected);
  });

  it("removes elements matching the feed's selectors, keeping the other bytes", () => {
    const html =
      '<p>keep</p>\n<div class="ad"><p>buy</p></div><aside id=share>share</aside><p>also<br/>kept</p>';
    expect(body(html, { removeSelectors: [".ad", "#share"] })).toBe(
      "<p>keep</p><p>also<br/>kept</p>",
    );
  });

  it("is idempotent on everything above", () => {
    const html =
      '<img data-src="/x.jpg"><a href="/y?utm_medium=z">l</a><iframe src="https://player.vimeo.com/video/1"></iframe><font>f</font>';
    const once = convert({ published: 0, title: "t", titleFormat: "html", link, html }, options);
    expect(convert({ ...once, titleFormat: "markdown", html: once.body }, options)).toEqual(once);
  });
});
