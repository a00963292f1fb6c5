import { describe, expect, it } from "vitest";
import { parseLegacyDate } from "../../src/legacy/dates.js";
import { parseLegacy, type LegacyArticle } from "../../src/legacy/parse.js";

const LINK = "https://www.dw.com/zh/a-1";
const BODY = "<p>正文</p>";
/** The five lines an older mirror wrote; each row changes only what its variant is about. */
const FIVE = `<!--1601000000000-->\n[标题](${LINK})\n------\n\n${BODY}\n`;
const EXPECTED: LegacyArticle = {
  title: "标题",
  link: LINK,
  html: BODY,
  times: { header: 1601000000000 },
  dateText: undefined,
};

interface Row {
  variant: string;
  source: string;
  expected?: Partial<LegacyArticle>;
}

const rows: Row[] = [
  { variant: "<!--ms--> header", source: FIVE },
  {
    variant: "<!--NaN--> header",
    source: FIVE.replace("1601000000000", "NaN"),
    expected: { times: {} },
  },
  { variant: "line 1 absent", source: FIVE.slice(FIVE.indexOf("\n") + 1), expected: { times: {} } },
  {
    variant: "日期： line with an RFC 822 date",
    source: `[标题](${LINK})\n------\n日期：Thu, 02 Jul 2020 18:28:24 +0000\n\n${BODY}\n`,
    expected: {
      times: { "date-line": Date.UTC(2020, 6, 2, 18, 28, 24) },
      dateText: "Thu, 02 Jul 2020 18:28:24 +0000",
    },
  },
  {
    variant: "日期: line with a Chinese date (Beijing time)",
    source: `[标题](${LINK})\n------\n日期: 2020年7月3日 09:15\n\n${BODY}\n`,
    expected: {
      times: { "date-line": Date.UTC(2020, 6, 3, 1, 15) },
      dateText: "2020年7月3日 09:15",
    },
  },
  {
    variant: "title over several lines",
    source: FIVE.replace("[标题]", "[第一行，\n第二行 and\nthird line]"),
    expected: { title: "第一行，第二行 and third line" },
  },
  {
    variant: "escaped brackets, parentheses and non-ASCII punctuation",
    source: FIVE.replace("[标题]", "[\\[独家\\] 品牌\\“锁\\“ \\(更新\\)]").replace(
      LINK,
      `${LINK}\\_b\\(2\\)`,
    ),
    expected: { title: "[独家] 品牌“锁“ (更新)", link: `${LINK}_b(2)` },
  },
  {
    variant: "unescaped brackets and parentheses",
    source: FIVE.replace("[标题]", "[[图] 标题 (上)]").replace(
      LINK,
      "https://en.wikipedia.org/wiki/A_(b)",
    ),
    expected: { title: "[图] 标题 (上)", link: "https://en.wikipedia.org/wiki/A_(b)" },
  },
  { variant: "CRLF line endings", source: FIVE.replace(/\n/g, "\r\n") },
  { variant: "a byte-order mark", source: `\ufeff${FIVE}` },
  {
    variant: "trailing spaces",
    source: FIVE.replace(/\n/g, "  \n").replace("------  ", "------ \t"),
  },
  {
    variant: "a body over many lines",
    source: FIVE.replace(BODY, "<div>\n  <p>一</p>\n  <p>二</p>\n</div>"),
    expected: { html: "<div>\n  <p>一</p>\n  <p>二</p>\n</div>" },
  },
  {
    variant: "the body's own date line",
    source: FIVE.replace("1601000000000", "NaN").replace(
      BODY,
      `<div><i>Mon, 12 Oct 2020 08:00:00 GMT</i></div>${BODY}`,
    ),
    expected: {
      html: `<div><i>Mon, 12 Oct 2020 08:00:00 GMT</i></div>${BODY}`,
      times: { "body-date": Date.UTC(2020, 9, 12, 8) },
    },
  },
  {
    variant: "front matter, then the five lines",
    source: `---\ntitle: "标题"\ndate: 2014-08-27 08:11:17 +0000\nfrom: ${LINK}\n---\n${FIVE.replace("1601000000000", "NaN")}`,
    expected: { times: { "front-matter": Date.UTC(2014, 7, 27, 8, 11, 17) } },
  },
  {
    variant: "front matter, then the HTML itself",
    source: `---\nlayout: post\ntitle: "标题"\ndate: 2014-02-04T09:36:39+01:00\nauthor: 某人\nfrom: ${LINK}\ncategories: [ 泡泡 ]\n---\n\n<section>\n  <p>\n    正文\n  </p>\n</section>\n`,
    expected: {
      html: "<section>\n  <p>\n    正文\n  </p>\n</section>",
      times: { "front-matter": Date.UTC(2014, 1, 4, 8, 36, 39) },
    },
  },
  {
    variant: "front matter whose HTML starts with a link",
    source: `---\ntitle: 标题\nlink: ${LINK}\ndate: 2014-02-04\n---\n[see also](https://example.com/x)\n<p>正文</p>\n`,
    expected: {
      html: "[see also](https://example.com/x)\n<p>正文</p>",
      times: { "front-matter": Date.UTC(2014, 1, 4) },
    },
  },
];

describe("parseLegacy reads every variant the older mirrors wrote", () => {
  it.each(rows)("$variant", ({ source, expected }) => {
    expect(parseLegacy(source, "x.md")).toEqual({ ...EXPECTED, ...expected });
  });
});

describe("parseLegacy refuses what is no article, naming the file", () => {
  it.each([
    [
      "a note without the five lines",
      "只是一段笔记。\n",
      "x.md: no [title](link) line followed by ------",
    ],
    [
      "a link line that is no link",
      "标题\n------\n\n<p>x</p>\n",
      "x.md: the line before ------ is not [title](link)",
    ],
    [
      "unclosed front matter",
      "---\ntitle: x\n<p>x</p>\n",
      "x.md: front matter opened with --- is never closed",
    ],
    ["front matter that is not YAML", "---\ntitle: [x\n---\n<p>x</p>\n", "x.md: "],
    [
      "front matter without title or link",
      "---\nlayout: post\n---\n<p>x</p>\n",
      "x.md: front matter has no title and no from/link",
    ],
  ])("%s", (_name, source, message) => {
    expect(() => parseLegacy(source, "x.md")).toThrow(message);
  });
});

describe("parseLegacyDate", () => {
  it.each([
    ["Thu, 02 Jul 2020 18:28:24 +0000", Date.UTC(2020, 6, 2, 18, 28, 24)],
    ["2014-02-04T09:36:39+01:00", Date.UTC(2014, 1, 4, 8, 36, 39)],
    ["2014-08-27 08:11:17 +0000", Date.UTC(2014, 7, 27, 8, 11, 17)],
    ["2014-08-27 08:11:17", Date.UTC(2014, 7, 27, 8, 11, 17)],
    ["2020年7月3日", Date.UTC(2020, 6, 2, 16)],
    ["2020年07月03日 09:15:30", Date.UTC(2020, 6, 3, 1, 15, 30)],
    ["NaN", undefined],
    ["", undefined],
    ["not a date", undefined],
  ])("%s", (text, ms) => {
    expect(parseLegacyDate(text)).toBe(ms);
  });
});
