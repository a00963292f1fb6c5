import { describe, expect, it } from "vitest";
import { htmlText } from "../../src/text/html-text.js";

describe("htmlText", () => {
  it.each([
    ["plain", "plain"],
    ["  a \n b  ", "a b"],
    ["a<br>b", "a b"],
    ["<i>in</i>line", "inline"],
    ["x &lt;tag&gt; &#20013;", "x <tag> 中"],
    ["<style>p{}</style><noscript>n</noscript>t", "t"],
  ])("%j → %j", (html, text) => {
    expect(htmlText(html)).toBe(text);
  });
});
