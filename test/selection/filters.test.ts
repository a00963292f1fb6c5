import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import type { FiltersConfig } from "../../src/config/schema.js";
import { isNewsmirrorError } from "../../src/errors.js";
import { acceptEntry, compileFilters } from "../../src/selection/filters.js";
import type { FeedEntry } from "../../src/model.js";

const entry: FeedEntry = {
  guid: "g1",
  link: "https://news.example.com/world/2024/putin-visit?id=7",
  title: "Putin &amp; Xi <b>meet</b> in Beijing",
  content:
    "<p>Leaders met.</p><script>var sponsored = 1</script><p>Trade &eacute;tait discussed.</p>",
};

describe("acceptEntry", () => {
  it.each<[string, FiltersConfig | undefined, boolean]>([
    ["no filters", undefined, true],
    ["empty lists", { keep: [], block: [] }, true],
    [
      "keep on title text (entity decoded, tags gone)",
      { keep: [{ field: "title", pattern: "Putin & Xi meet" }] },
      true,
    ],
    ["keep that does not match", { keep: [{ field: "title", pattern: "^Biden" }] }, false],
    [
      "keep is case-sensitive without flags",
      { keep: [{ field: "title", pattern: "putin" }] },
      false,
    ],
    ["keep with flag i", { keep: [{ field: "title", pattern: "putin", flags: "i" }] }, true],
    [
      "one of several keep rules suffices",
      {
        keep: [
          { field: "title", pattern: "nothing" },
          { field: "link", pattern: "/world/" },
        ],
      },
      true,
    ],
    ["block on link", { block: [{ field: "link", pattern: "/world/" }] }, false],
    ["block that does not match", { block: [{ field: "link", pattern: "/sport/" }] }, true],
    [
      "block wins over keep",
      {
        keep: [{ field: "title", pattern: "Putin" }],
        block: [{ field: "content", pattern: "Trade" }],
      },
      false,
    ],
    [
      "content is text: entities decoded",
      { keep: [{ field: "content", pattern: "Trade était" }] },
      true,
    ],
    [
      "content is text: script text invisible",
      { block: [{ field: "content", pattern: "sponsored" }] },
      true,
    ],
    [
      "content is text: markup not matched",
      { block: [{ field: "content", pattern: "<p>" }] },
      true,
    ],
    [
      "paragraphs do not run together",
      { keep: [{ field: "content", pattern: "met\\. Trade" }] },
      true,
    ],
    [
      "multiline flag",
      { keep: [{ field: "title", pattern: "^Putin.*Beijing$", flags: "m" }] },
      true,
    ],
  ])("%s", (_name, filters, expected) => {
    expect(acceptEntry(entry, compileFilters(filters))).toBe(expected);
  });

  it("treats a missing field as the empty string", () => {
    const bare: FeedEntry = { guid: "x" };
    expect(acceptEntry(bare, compileFilters({ keep: [{ field: "link", pattern: "^$" }] }))).toBe(
      true,
    );
    expect(acceptEntry(bare, compileFilters({ keep: [{ field: "title", pattern: "." }] }))).toBe(
      false,
    );
  });

  it("gives the same answer for every entry in a row (no stateful regexes)", () => {
    const filters = compileFilters({ keep: [{ field: "title", pattern: "Putin", flags: "i" }] });
    expect([1, 2, 3].map(() => acceptEntry(entry, filters))).toEqual([true, true, true]);
  });

  it("refuses an invalid pattern that bypassed the schema, naming the rule", () => {
    try {
      compileFilters({ block: [{ field: "title", pattern: "(" }] }, "voa");
      expect.unreachable();
    } catch (error) {
      expect(isNewsmirrorError(error) && error.code).toBe("E_CONFIG");
      expect((error as Error).message).toMatch(
        /^voa: filters\.block\.0\.pattern: not a valid regular expression/,
      );
    }
  });
});

function configError(filters: unknown): string {
  try {
    parseConfig({ feeds: [{ id: "voa", url: "https://x/feed", filters }] }, "newsmirror.json");
  } catch (error) {
    if (isNewsmirrorError(error)) return error.message;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("filters in the config schema", () => {
  it("accepts keep and block rules", () => {
    const filters = {
      keep: [{ field: "title", pattern: "^\\[Live\\]", flags: "iu" }],
      block: [{ field: "link", pattern: "/sport/" }],
    };
    const config = parseConfig(
      { feeds: [{ id: "voa", url: "https://x/feed", filters }] },
      "c.json",
    );
    expect(config.feeds[0]?.filters).toEqual(filters);
  });

  it.each([
    [
      { keep: [{ field: "title", pattern: "(" }] },
      /feeds\.0\.filters\.keep\.0\.pattern: not a valid regular expression/,
    ],
    [
      { block: [{ field: "link", pattern: "[a-" }] },
      /feeds\.0\.filters\.block\.0\.pattern: not a valid regular expression/,
    ],
    [
      { block: [{ field: "title", pattern: "a", flags: "uv" }] },
      /feeds\.0\.filters\.block\.0\.pattern: not a valid regular expression/,
    ],
    [{ keep: [{ field: "body", pattern: "a" }] }, /feeds\.0\.filters\.keep\.0\.field: /],
    [{ keep: [{ field: "title", pattern: "" }] }, /feeds\.0\.filters\.keep\.0\.pattern: /],
    [
      { keep: [{ field: "title", pattern: "a", flags: "g" }] },
      /feeds\.0\.filters\.keep\.0\.flags: expected RegExp flags/,
    ],
    [
      { keep: [{ field: "title", pattern: "a", extra: 1 }] },
      /feeds\.0\.filters\.keep\.0\.extra: unknown field/,
    ],
    [{ allow: [] }, /feeds\.0\.filters\.allow: unknown field/],
  ])("refuses %j naming the field", (filters, expected) => {
    const message = configError(filters);
    expect(message).toMatch(/^newsmirror\.json: invalid config \(1 problem\): /);
    expect(message).toMatch(expected);
  });
});
