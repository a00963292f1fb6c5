import { describe, expect, it } from "vitest";
import { absolute, resolveSrcset } from "../../src/fetcher/page-urls.js";

describe("URL resolution", () => {
  const base = "https://example.com/news/2024/story.html";
  it.each<[string, string | undefined]>([
    ["photo.jpg", "https://example.com/news/2024/photo.jpg"],
    ["../a b.jpg", "https://example.com/news/a%20b.jpg"],
    ["//cdn.example.net/x.png", "https://cdn.example.net/x.png"],
    ["  /top  ", "https://example.com/top"],
    ["#frag", "https://example.com/news/2024/story.html#frag"],
    ["mailto:desk@example.com", undefined],
    ["data:image/png;base64,AAAA", undefined],
    ["javascript:alert(1)", undefined],
    ["", undefined],
  ])("absolute(%j)", (value, expected) => {
    expect(absolute(value, base)).toBe(expected);
  });

  it.each([
    [
      "a.jpg 1x, b.jpg 2x",
      "https://example.com/news/2024/a.jpg 1x, https://example.com/news/2024/b.jpg 2x",
    ],
    [
      "/i/a,b.jpg 100w,/i/c.jpg 200w",
      "https://example.com/i/a,b.jpg 100w, https://example.com/i/c.jpg 200w",
    ],
    [
      "a.jpg, b.jpg 2x",
      "https://example.com/news/2024/a.jpg, https://example.com/news/2024/b.jpg 2x",
    ],
    ["data:image/png;base64,AA 1x", "data:image/png;base64,AA 1x"],
  ])("resolveSrcset(%j)", (srcset, expected) => {
    expect(resolveSrcset(srcset, base)).toBe(expected);
  });
});
