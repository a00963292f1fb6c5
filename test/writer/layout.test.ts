import { describe, expect, it } from "vitest";
import { itemHash, itemRelPath, monthOf, slugForUrl } from "../../src/writer/layout.js";

describe("layout", () => {
  it.each([
    ["https://www.voachinese.com/api/zyq-rqyrq$", "voachinese-com-api-zyq-rqyrq"],
    ["https://feeds.bbci.co.uk/zhongwen/simp/rss.xml", "feeds-bbci-co-uk-zhongwen-simp-rss-xml"],
    ["file:///tmp/fixtures/voa-putin.rss", "voa-putin"],
    ["http://例子.测试/新闻", "例子-测试-新闻"],
    ["https://example.com/a%20b/", "example-com-a-b"],
    ["https://example.com/", "example-com"],
  ])("slugs %s as %s", (url, slug) => {
    expect(slugForUrl(url)).toBe(slug);
  });

  it.each([
    [1715819943000, "2024-05"],
    [0, "1970-01"],
    [Date.UTC(2023, 11, 31, 23, 59, 59, 999), "2023-12"],
  ])("puts %d in month %s (UTC)", (ms, month) => {
    expect(monthOf(ms)).toBe(month);
  });

  it("hashes the identity as the first 16 hex digits of SHA-256", () => {
    // echo -n "abc" | sha256sum
    expect(itemHash("abc")).toBe("ba7816bf8f01cfea");
    expect(itemRelPath("voa", 1715819943000, "ba7816bf8f01cfea", "txt")).toBe(
      "voa/2024-05/ba7816bf8f01cfea.txt",
    );
  });
});
