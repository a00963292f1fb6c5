import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { isNewsmirrorError } from "../../src/errors.js";

describe("fullText in the config schema", () => {
  it.each(["readability", { selector: "article .content" }])("accepts %j", (fullText) => {
    const config = parseConfig(
      { feeds: [{ id: "voa", url: "https://x/feed", fullText }] },
      "c.json",
    );
    expect(config.feeds[0]?.fullText).toEqual(fullText);
  });

  it.each<[unknown, RegExp]>([
    [
      "mercury",
      /feeds\.0\.fullText: expected "readability" or \{ "selector": "a CSS selector" \}, found "mercury"/,
    ],
    [{ selector: "div[" }, /feeds\.0\.fullText\.selector: expected a valid CSS selector/],
    [{ selector: "" }, /feeds\.0\.fullText\.selector: /],
    [{ selector: "p", extra: 1 }, /feeds\.0\.fullText\.extra: unknown field/],
  ])("refuses %j naming the field", (fullText, expected) => {
    try {
      parseConfig({ feeds: [{ id: "voa", url: "https://x/feed", fullText }] }, "c.json");
      expect.unreachable();
    } catch (error) {
      expect(isNewsmirrorError(error) && error.message).toMatch(expected);
    }
  });
});
