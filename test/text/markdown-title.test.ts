import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownTitleToHtml } from "../../src/text/markdown-title.js";

const parser = new MarkdownIt("commonmark");

/** Titles as feeds write them, and the characters the fast path must leave to the parser. */
const TITLES = [
  "",
  "  ",
  'Putin says "no" > yes',
  "  leading and trailing  ",
  "tab\there",
  "#1 news, 1. first - second > quote",
  "http://x.example/path?a=1",
  "a~~b~~ x|y a!b ---",
  "普京：“不”",
  "caf\u00e9\u00a0\u2028\u2029",
  "a\fb\vc",
  "*bold* _em_ `code`",
  "[link](http://x) ![img](y)",
  "a &amp; b &lt; c",
  "<b>tag</b>",
  "back\\slash \\* escaped",
  "line\nbreak",
  "hard  \nbreak",
  "cr\r\nlf",
  "nul\0here",
];

/** Random strings over an alphabet where the fast path applies, and a few where it does not. */
function randomTitles(count: number): string[] {
  const alphabet = [..."ab >\"'\t#-!~|:/.1\u00a0中é\f(){}+=^$%@", "\u{1f600}"];
  const tricky = [..."\\*_`<&[]\n\r\0"];
  let seed = 11;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  return Array.from({ length: count }, () => {
    const length = next(24);
    let title = "";
    for (let i = 0; i < length; i++)
      title += next(40) === 0 ? tricky[next(tricky.length)] : alphabet[next(alphabet.length)];
    return title;
  });
}

describe("markdownTitleToHtml: what markdown-it renders, with or without the parser", () => {
  it.each(TITLES)("%j", (title) => {
    expect(markdownTitleToHtml(title)).toBe(parser.renderInline(title));
  });

  it("for 5,000 random titles", () => {
    for (const title of randomTitles(5000))
      expect(markdownTitleToHtml(title), JSON.stringify(title)).toBe(parser.renderInline(title));
  });
});
