import { describe, expect, it } from "vitest";
import { detectDirection, feedDirection, languageDirection } from "../../src/site/direction.js";
import { contentAttrs, esc, hrefFrom, isWebLink } from "../../src/site/html.js";

describe("esc", () => {
  it.each([
    ["plain", "plain"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"quoted" & 'single'`, "&quot;quoted&quot; &amp; &#39;single&#39;"],
    ["&amp; stays text", "&amp;amp; stays text"],
    ["bell\u0007 and nul\u0000 gone", "bell and nul gone"],
    ["普京 抵达", "普京 抵达"],
  ])("%j → %j", (input, output) => expect(esc(input)).toBe(output));
});

describe("hrefFrom", () => {
  it.each([
    ["index.html", "voa/index.html", "voa/index.html"],
    ["voa/index.html", "style.css", "../style.css"],
    ["voa/2024-05/abc.html", "index.html", "../../index.html"],
    ["days/2024-05-16.html", "voa/2024-05/abc.html", "../voa/2024-05/abc.html"],
    ["index.html", "a b#c?d/2024-05/x.html", "a%20b%23c%3Fd/2024-05/x.html"],
    ["index.html", "新闻/index.html", "%E6%96%B0%E9%97%BB/index.html"],
  ])("from %s to %s: %s", (from, to, href) => expect(hrefFrom(from, to)).toBe(href));
});

describe("isWebLink", () => {
  it.each([
    ["https://a.example/x", true],
    ["HTTP://a.example/", true],
    ["javascript:alert(1)", false],
    ["data:text/html,x", false],
    ["//a.example/x", false],
    ["", false],
  ])("%s: %s", (url, yes) => expect(isWebLink(url)).toBe(yes));
});

describe("direction", () => {
  it.each([
    ["fa", "rtl"],
    ["ar-EG", "rtl"],
    ["he", "rtl"],
    ["ur_PK", "rtl"],
    ["zh-Hant", "ltr"],
    ["en", "ltr"],
    ["far", "ltr"],
  ])("language %s reads %s", (language, dir) => expect(languageDirection(language)).toBe(dir));

  it.each([
    [["بارش باران در تهران"], "rtl"],
    [["גשמים כבדים בצפון"], "rtl"],
    [["اردو خبریں", "پاکستان"], "rtl"],
    [["普京抵达北京"], "ltr"],
    [["Floods reach the capital"], "ltr"],
    [["BBC: بارش", "BBC News in English today"], "ltr"],
    [["2024 — 100%"], "ltr"],
    [[], "ltr"],
  ])("titles %j read %s", (titles, dir) => expect(detectDirection(titles)).toBe(dir));

  it("takes the config's language over the titles' script", () => {
    expect(feedDirection("en", ["بارش باران"])).toBe("ltr");
    expect(feedDirection("fa", ["BBC Persian"])).toBe("rtl");
    expect(feedDirection(undefined, ["بارش باران"])).toBe("rtl");
  });

  it.each([
    [{ dir: "rtl" as const, lang: "fa" }, ' lang="fa" dir="rtl"'],
    [{ dir: "ltr" as const }, ' lang="" dir="auto"'],
    [{ dir: "ltr" as const, lang: 'x"y' }, ' lang="x&quot;y" dir="auto"'],
  ])("content attributes of %j", (feed, attrs) => expect(contentAttrs(feed)).toBe(attrs));
});
