import { describe, expect, it } from "vitest";
import {
  cleanXml,
  ensureRssVersion,
  rootElement,
  unprefixAtom,
} from "../../../src/fetcher/parse/clean.js";

describe("cleaning", () => {
  it.each([
    ["junk before the root", "  \n junk<rss/>", "<rss/>"],
    ["a bogus PHP declaration", '<?phpxml version="1.0"?>\n<rss/>', "<rss/>"],
    ["bare ampersands", "<a>x & y &z</a>", "<a>x &amp; y &amp;z</a>"],
    ["HTML entities", "<a>&nbsp;&copy;&copy &hellip;</a>", "<a>&#160;&#169;&#169; &#8230;</a>"],
    ["XML entities stay", "<a>&amp;&lt;&#169;&#xA9;</a>", "<a>&amp;&lt;&#169;&#xA9;</a>"],
    [
      "entities XML accepts only when exact",
      "<a>&AMP; &amp1; &#X1f; &#12 &lt &Apos; &apos; &#xAb; &#;</a>",
      "<a>&#38; &#38;&#49;&#59; &#X1f; &amp;#12 &#60; &amp;Apos; &apos; &#xAb; &amp;#;</a>",
    ],
    ["CDATA is untouched", "<a><![CDATA[&nbsp; & x]]></a>", "<a><![CDATA[&nbsp; & x]]></a>"],
    ["forbidden characters go", "<a>x\u0001\u000by</a>", "<a>xy</a>"],
    ["a comment is untouched", "<a><!-- & --> & </a>", "<a><!-- & --> &amp; </a>"],
    ["an unclosed CDATA section is text", "<a><![CDATA[&nbsp;</a>", "<a><![CDATA[&#160;</a>"],
    ["an unclosed comment is text", "<a><!-- & </a>", "<a><!-- &amp; </a>"],
    ["a CDATA opener inside a comment", "<!-- <![CDATA[ --> & ]]>", "<!-- <![CDATA[ --> &amp; ]]>"],
    ["a comment opener inside CDATA", "<![CDATA[<!--]]>&copy;-->", "<![CDATA[<!--]]>&#169;-->"],
    ["an entity right after CDATA", "<a><![CDATA[x]]>&copy;</a>", "<a><![CDATA[x]]>&#169;</a>"],
    [
      "many raw sections",
      "<![CDATA[&]]>&<!--&-->&<![CDATA[&]]>",
      "<![CDATA[&]]>&amp;<!--&-->&amp;<![CDATA[&]]>",
    ],
  ])("%s", (_what, input, output) => {
    expect(cleanXml(input)).toBe(output);
  });

  it.each([
    ["the first element", "<rss><channel/></rss>", "rss"],
    [
      "past PIs, comments and the doctype",
      '<?xml-stylesheet href="a"?><!-- <x> --><!DOCTYPE rss [<!ENTITY a "b">]><rdf:RDF>',
      "rdf:RDF",
    ],
    ["none in plain text", "just text", ""],
  ])("the root element: %s", (_what, xml, root) => {
    expect(rootElement(xml)).toBe(root);
  });

  it.each([
    ["a root without version", "<rss><channel/></rss>", '<rss version="2.0"><channel/></rss>'],
    ["attributes on other lines", '<rss\nxmlns:a="b">', '<rss version="2.0"\nxmlns:a="b">'],
    ["a root with a version", '<rss version="0.91">', '<rss version="0.91">'],
    [
      "the root, not a comment before it",
      "<!-- <rss> --><rss>",
      '<!-- <rss> --><rss version="2.0">',
    ],
    [
      "not an <rss> in Atom content",
      "<feed><![CDATA[<rss>]]></feed>",
      "<feed><![CDATA[<rss>]]></feed>",
    ],
    ["not another root named rss…", "<rssx>", "<rssx>"],
  ])("the RSS version: %s", (_what, xml, fixed) => {
    expect(ensureRssVersion(xml)).toBe(fixed);
  });

  it.each([
    [
      "prefixed Atom",
      '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry/></a:feed>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>',
    ],
    ["plain Atom", "<feed><a:entry/></feed>", "<feed><a:entry/></feed>"],
    ["RDF", '<rdf:RDF xmlns:rdf="r"><item/></rdf:RDF>', '<rdf:RDF xmlns:rdf="r"><item/></rdf:RDF>'],
  ])("unprefixing: %s", (_what, xml, plain) => {
    expect(unprefixAtom(xml)).toBe(plain);
  });
});
