import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/fetcher/parse/index.js";

const rss = (item: string) =>
  `<rss version="2.0"><channel><title>t</title><link>https://site.example/</link><item>${item}</item></channel></rss>`;
const atom = (entry: string) =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id>${entry}</entry></feed>`;

/**
 * Which element is an entry's body, and how it reads, in every kind of feed: the bodies are read
 * under names of ours (so that rss-parser makes no snippet of them), exactly as rss-parser gives
 * them, markup rebuilt as XML included.
 */
describe("entry bodies", () => {
  it.each([
    [
      "RSS content:encoded over description",
      rss(
        '<description>d</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>full</p>]]></content:encoded>',
      ),
      "<p>full</p>",
    ],
    [
      "RSS escaped HTML description",
      rss("<description>&lt;p&gt;hi&lt;/p&gt;</description>"),
      "<p>hi</p>",
    ],
    [
      "RSS description with raw markup, serialized in order",
      rss("<description><p>hi <b>there</b></p></description>"),
      "<p>hi <b>there</b></p>",
    ],
    [
      "RSS empty description, then summary",
      rss("<description></description><summary>s</summary>"),
      "s",
    ],
    [
      "RSS non-standard <content> is not the body",
      rss("<content>x</content><description>d</description>"),
      "d",
    ],
    [
      "RDF description",
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title></channel><item><title>i</title><description>rd</description></item></rdf:RDF>',
      "rd",
    ],
    [
      "Atom HTML content over summary",
      atom('<content type="html">&lt;p&gt;x&lt;/p&gt;</content><summary>s</summary>'),
      "<p>x</p>",
    ],
    [
      "Atom XHTML content: the inside of its div (RFC 4287 §3.1.1.3)",
      atom(
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a <i>b</i></p></div></content>',
      ),
      "<p>a <i>b</i></p>",
    ],
    [
      "Atom summary alone",
      atom('<summary type="html">only &lt;b&gt;s&lt;/b&gt;</summary>'),
      "only <b>s</b>",
    ],
    ["Atom description (not Atom, but seen)", atom("<description>d</description>"), "d"],
  ])("%s", async (_what, xml, content) => {
    const feed = await parseFeed(new TextEncoder().encode(xml), {
      url: "https://feeds.example/f.xml",
      label: "f",
    });
    expect(feed.entries.map((e) => e.content)).toEqual([content]);
  });
});
