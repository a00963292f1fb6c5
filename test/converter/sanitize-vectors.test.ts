import { describe, expect, it } from "vitest";
import { convert, type ConvertOptions } from "../../src/converter/convert.js";

const options: ConvertOptions = {
  imageProxy: "https://images.weserv.nl?url={url}",
  knownProxies: [],
};
const link = "https://news.example.com/a/story.html";
const P = "https://images.weserv.nl?url=";
const SANDBOX = 'sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"';

function body(html: string): string {
  const item = convert({ published: 0, title: "t", titleFormat: "html", link, html }, options);
  return item.body.replace("<div><i>Thu, 01 Jan 1970 00:00:00 GMT</i></div>", "");
}

/** Vector → exactly what is stored. Each row also converts to itself again. */
const VECTORS: readonly [what: string, html: string, stored: string][] = [
  // Markup that only a removed tag kept apart must not come together.
  ["stray < then a tag", "<<b>img src=x onerror=alert(1)>", "&lt;<b>img src=x onerror=alert(1)>"],
  [
    "stray < then a comment",
    "<<!-- c -->img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)>",
  ],
  [
    "stray < then a script",
    "<<script>x</script>img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)>",
  ],
  ["end tag with attributes", '<p>a</p bar="<img src=x onerror=alert(1)>">b', '<p>a</p>">b'],
  [
    "end tag that hides a tag",
    '</p foo="x>" <img src=x onerror=alert(1)>',
    `</p>" <img src="${P}news.example.com/a/x">`,
  ],
  // Attributes.
  [
    "the first of two hrefs",
    '<a href="https://a.example/" href="javascript:alert(1)">x</a>',
    '<a href="https://a.example/" rel="noopener noreferrer">x</a>',
  ],
  [
    "a bad first href, not the second",
    '<a href="javascript:alert(1)" href="https://a.example/">x</a>',
    "<a>x</a>",
  ],
  [
    "upper-case names and tracking keys",
    '<A HREF="HTTPS://A.EXAMPLE/X?UTM_SOURCE=rss">x</A>',
    '<a href="https://a.example/X" rel="noopener noreferrer">x</A>',
  ],
  ["rel only on links", '<a name="x" rel="nofollow">anchor</a>', "<a>anchor</a>"],
  ["in-page links stay", '<a href="#fn1">1</a>', '<a href="#fn1" rel="noopener noreferrer">1</a>'],
  [
    "scheme-relative links",
    '<a href="//cdn.example/x">p</a>',
    '<a href="https://cdn.example/x" rel="noopener noreferrer">p</a>',
  ],
  [
    "mailto keeps its bytes",
    '<a href="mailto:a@b.example?subject=hi&amp;body=x">m</a>',
    '<a href="mailto:a@b.example?subject=hi&amp;body=x" rel="noopener noreferrer">m</a>',
  ],
  ["other schemes go", '<a href="tel:123">t</a>', "<a>t</a>"],
  ["NUL inside the scheme", '<a href=" java\u0000script:alert(1)">n</a>', "<a>n</a>"],
  [
    "a repeated src",
    '<img src="https://a.example/x.jpg" SRC="javascript:alert(1)">',
    `<img src="${P}a.example/x.jpg">`,
  ],
  [
    "quotes inside an unquoted value",
    '<img src=https://a.example/x.jpg alt=a"b>',
    `<img src="${P}a.example/x.jpg" alt="a&quot;b">`,
  ],
  [
    "single-quoted values",
    "<img src='https://a.example/x.jpg' alt='say \"hi\"'>",
    `<img src="${P}a.example/x.jpg" alt="say &quot;hi&quot;">`,
  ],
  [
    "srcset URLs with commas",
    '<img srcset="https://a.example/a,b.jpg 1x, https://a.example/c.jpg 2x">',
    `<img srcset="${P}a.example/a,b.jpg 1x, ${P}a.example/c.jpg 2x">`,
  ],
  [
    "a bad srcset candidate",
    '<img srcset="javascript:alert(1) 1x, https://a.example/c.jpg 2x">',
    `<img srcset="${P}a.example/c.jpg 2x">`,
  ],
  ["styles that load", "<p style=\"background: image-set('x.png' 1x)\">no</p>", "<p>no</p>"],
  [
    "plain styles stay, entities and all",
    '<p style="color: red; font-weight: bold">a</p><p style="color:&#x72;ed">b</p>',
    '<p style="color: red; font-weight: bold">a</p><p style="color:&#x72;ed">b</p>',
  ],
  [
    "cite URLs",
    '<blockquote cite="javascript:alert(1)">q</blockquote><q cite="/src">q</q>',
    '<blockquote>q</blockquote><q cite="https://news.example.com/src">q</q>',
  ],
  [
    "attributes not allowed",
    '<h1 onclick="x" id="top" class="big">T</h1>',
    '<h1 class="big">T</h1>',
  ],
  [
    "table cells",
    '<table><tr><td background="x.jpg" colspan=2 align=center>t</td></tr></table>',
    '<table><tr><td colspan="2">t</td></tr></table>',
  ],
  // Images.
  ["0×0 pixels", '<img src="https://a.example/p.gif" width="0" height="0">', ""],
  ["1px × 1 pixels", '<img src="https://a.example/p.gif" width="1px" height="1">', ""],
  ["tracker hosts", '<img src="https://pixel.wp.com/g.gif?x">', ""],
  ["tracker hosts behind a proxy", `<img src="${P}stats.wordpress.com/b.gif">`, ""],
  [
    "data-lazy-src over a placeholder",
    '<img data-lazy-src="/real.jpg" src="/placeholder.gif">',
    `<img src="${P}news.example.com/real.jpg">`,
  ],
  [
    "data-original without src",
    '<img data-original="/real.jpg">',
    `<img src="${P}news.example.com/real.jpg">`,
  ],
  [
    "data-srcset",
    '<img src="data:image/gif;base64,R0lGODlh" data-srcset="/a.jpg 1x, /b.jpg 2x">',
    `<img src="data:image/gif;base64,R0lGODlh" srcset="${P}news.example.com/a.jpg 1x, ${P}news.example.com/b.jpg 2x">`,
  ],
  [
    "lazy picture sources",
    '<picture><source data-srcset="/a.webp" type="image/webp"><img data-src="/a.jpg"></picture>',
    `<picture><source type="image/webp" srcset="${P}news.example.com/a.webp"><img src="${P}news.example.com/a.jpg"></picture>`,
  ],
  [
    "a noscript image in its place",
    '<noscript><img src="/n.jpg" alt="n"></noscript>',
    `<img src="${P}news.example.com/n.jpg" alt="n">`,
  ],
  [
    "noscript images not shown twice",
    '<img src="/n.jpg"><noscript><img src="/n.jpg"></noscript><noscript><img src="/m.jpg"><p>text</p></noscript>',
    `<img src="${P}news.example.com/n.jpg"><img src="${P}news.example.com/m.jpg">`,
  ],
  [
    "media: poster proxied, src resolved, autoplay and track gone",
    '<video poster="/p.jpg" autoplay><source src="/v.mp4" type="video/mp4"><track src="/t.vtt"></video>',
    `<video poster="${P}news.example.com/p.jpg" controls><source src="https://news.example.com/v.mp4" type="video/mp4"></video>`,
  ],
  // Iframes.
  [
    "scheme-relative YouTube",
    '<iframe src="//www.youtube.com/embed/x" allowfullscreen></iframe>',
    `<iframe src="https://www.youtube.com/embed/x" allowfullscreen ${SANDBOX} loading="lazy"></iframe>`,
  ],
  ["a look-alike host", '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>', ""],
  ["a look-alike name", '<iframe src="https://evilyoutube.com/embed/x"></iframe>', ""],
  [
    "their sandbox replaced, srcdoc and fallback gone",
    '<iframe src="https://player.vimeo.com/video/1" sandbox="allow-top-navigation" srcdoc="x">fallback<script>x</script></iframe>after',
    `<iframe src="https://player.vimeo.com/video/1" ${SANDBOX} loading="lazy"></iframe>after`,
  ],
  [
    "an unclosed player",
    '<iframe src="https://player.vimeo.com/video/1">',
    `<iframe src="https://player.vimeo.com/video/1" ${SANDBOX} loading="lazy"></iframe>`,
  ],
  // Elements.
  ["hidden elements", "<div hidden><p>secret</p></div><p>shown</p>", "<p>shown</p>"],
  [
    "an unclosed control ends with its parent",
    "<div><button>b<p>x</div><p>after</p>",
    "<div></div><p>after</p>",
  ],
  [
    "an unclosed select ends with its paragraph",
    "<p>x<select><option>a<option>b</p>y",
    "<p>x</p>y",
  ],
  [
    "a head without its end tag",
    "<head><meta charset=utf-8><title>T</title><body><p>b</p>",
    "<p>b</p>",
  ],
  ["object fallbacks", '<object data="x.swf"><p>fallback</p></object>after', "after"],
  [
    "a whole document",
    '<?xml version="1.0"?><!DOCTYPE html><html><head><title>T</title><meta charset="utf-8"></head><body><p>b</p></body></html>',
    "<p>b</p>",
  ],
  ["svg and math", "<math><mi>x</mi></math> and <svg><text>y</text></svg>", "and"],
  ["unclosed markup stays as it was", "<p>unclosed <b>bold", "<p>unclosed <b>bold"],
  ["void tags keep their slashes", "<br/><hr /><wbr>", "<br/><hr /><wbr>"],
  // Text.
  [
    "pre: < escaped, newlines kept",
    "<pre>a < b\r\n  && c\n</pre>",
    "<pre>a &lt; b&#10;  && c&#10;</pre>",
  ],
  [
    "textarea: markup is text",
    "<textarea>line <b>1</b>\nline 2</textarea>",
    "<textarea>line &lt;b>1&lt;/b>&#10;line 2</textarea>",
  ],
  ["lines joined", "<p>a</p>\n\n   <p>b</p>\n the\n   draft\n", "<p>a</p><p>b</p>the draft"],
];

describe("sanitizer vectors", () => {
  it.each(VECTORS)("%s", (_what, html, stored) => {
    const once = body(html);
    expect(once).toBe(stored);
    expect(body(once)).toBe(once);
  });
});
