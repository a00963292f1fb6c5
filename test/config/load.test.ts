import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { reservedIdReason, RESERVED_FEED_IDS } from "../../src/config/reserved.js";
import { closest, editDistance } from "../../src/config/suggest.js";
import { isNewsmirrorError, type NewsmirrorError } from "../../src/errors.js";

function refusal(value: unknown): NewsmirrorError {
  try {
    parseConfig(value, "newsmirror.json");
  } catch (error) {
    if (isNewsmirrorError(error)) return error;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

const feed = { id: "voa", url: "https://x.example/feed" };

describe("parseConfig", () => {
  it("accepts the empty config, and $schema", () => {
    expect(parseConfig({}, "x.json").feeds).toEqual([]);
    expect(parseConfig({ $schema: "./newsmirror.schema.json" }, "x.json").feeds).toEqual([]);
  });

  it.each([
    "UTC",
    "Asia/Shanghai",
    "America/Argentina/Buenos_Aires",
    "Etc/GMT+5",
    "Asia/Calcutta",
    "asia/shanghai",
    "utc",
    "GMT",
    "Mars/Olympus",
    "Asia",
    "",
  ])("accepts time zone %j exactly when Intl does", (timezone) => {
    let intl = true;
    try {
      new Intl.DateTimeFormat("en", { timeZone: timezone });
    } catch {
      intl = false;
    }
    const accepted = (() => {
      try {
        parseConfig({ timezone }, "x.json");
        return true;
      } catch {
        return false;
      }
    })();
    expect(accepted).toBe(intl);
  });

  it.each<[string, unknown, string[]]>([
    ["an unknown key", { bogus: 1 }, ["bogus: unknown field"]],
    [
      "a key at the wrong level",
      { fulltext: "readability", feeds: [{ ...feed, userAgent: "x" }] },
      [
        'fulltext: unknown field ("fullText" belongs in feeds.*)',
        'feeds.0.userAgent: unknown field ("userAgent" belongs in http)',
      ],
    ],
    [
      "a near key",
      { imagProxy: "none" },
      ['imagProxy: unknown field (did you mean "imageProxy"?)'],
    ],
    [
      "a key in the wrong case",
      { feeds: [{ ...feed, fulltext: "readability" }] },
      ['feeds.0.fulltext: unknown field (did you mean "fullText"?)'],
    ],
    [
      "a near enum value",
      { feeds: [{ ...feed, filters: { keep: [{ field: "titel", pattern: "a" }] } }] },
      [
        'feeds.0.filters.keep.0.field: expected one of "title", "link", "content", found "titel" (did you mean "title"?)',
      ],
    ],
    [
      "a near literal in a union",
      { feeds: [{ ...feed, fullText: "readabilty" }] },
      [
        'feeds.0.fullText: expected "readability" or { "selector": "a CSS selector" }, found "readabilty" (did you mean "readability"?)',
      ],
    ],
    ["a missing field", { feeds: [{ id: "a" }] }, ["feeds.0.url: missing; expected a string"]],
    [
      "a wrong type",
      { feeds: [{ ...feed, title: 3 }] },
      ["feeds.0.title: expected a string, found 3"],
    ],
    [
      "an ftp:// feed",
      { feeds: [{ id: "a", url: "ftp://x" }] },
      ['feeds.0.url: expected an http(s) URL or a local file path, found "ftp://x"'],
    ],
    [
      "a bad feed id",
      { feeds: [{ id: "a b", url: "u" }] },
      [
        `feeds.0.id: "a b": a feed id is 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or digit (it names a folder)`,
      ],
    ],
    [
      "a reserved feed id",
      { feeds: [{ id: "index", url: "u" }] },
      [`feeds.0.id: "index" is reserved: it is the archive's index folder; choose another id`],
    ],
    [
      "a reserved id in another case",
      { feeds: [{ id: "ReadMe.md", url: "u" }] },
      [`feeds.0.id: "ReadMe.md" is reserved: it is the archive's front page; choose another id`],
    ],
    [
      "a hidden feed id",
      { feeds: [{ id: ".git", url: "u" }] },
      [
        `feeds.0.id: ".git" starts with ".": such names are kept for tools (.git, .newsmirror); choose another id`,
      ],
    ],
    [
      "a base URL that is not http(s)",
      { baseUrl: "ftp://me.example/news" },
      [
        'baseUrl: expected an http(s) URL without query or fragment, such as https://me.github.io/news/, found "ftp://me.example/news"',
      ],
    ],
    [
      "a base URL with a query",
      { baseUrl: "https://me.example/news?x=1" },
      [
        'baseUrl: expected an http(s) URL without query or fragment, such as https://me.github.io/news/, found "https://me.example/news?x=1"',
      ],
    ],
    [
      "a bad proxy scheme",
      { imageProxy: "ftp://x" },
      [
        'imageProxy: expected an http(s) URL template such as "https://images.weserv.nl?url={url}", or "none", found "ftp://x"',
      ],
    ],
    [
      "an unknown placeholder",
      { imageProxy: "https://proxy.example/{bogus}" },
      [
        'imageProxy: "https://proxy.example/{bogus}": unknown placeholder {bogus}; a template takes {url} or {encoded}',
      ],
    ],
    [
      "a near placeholder, in a feed",
      { feeds: [{ ...feed, imageProxy: "https://p.example/?u={ulr}" }] },
      [
        'feeds.0.imageProxy: "https://p.example/?u={ulr}": unknown placeholder {ulr} (did you mean {url}?); a template takes {url} or {encoded}',
      ],
    ],
    [
      "two placeholders",
      { imageProxy: "https://p.example/{url}?{encoded}" },
      [
        'imageProxy: "https://p.example/{url}?{encoded}": 2 placeholders; a template takes one, {url} or {encoded}',
      ],
    ],
    [
      "a bad time zone",
      { timezone: "Mars/Olympus" },
      ['timezone: expected an IANA time zone such as UTC or Asia/Shanghai, found "Mars/Olympus"'],
    ],
    [
      "numbers out of range",
      { http: { concurrency: 100, retries: -1, connectTimeoutMs: 1.5 } },
      [
        "http.concurrency: expected a number at most 64, found 100",
        "http.retries: expected a number at least 0, found -1",
        "http.connectTimeoutMs: expected a whole number, found 1.5",
      ],
    ],
    ["a duplicate id", { feeds: [feed, feed] }, ['feeds.1.id: duplicate feed id "voa"']],
    [
      "every mistake at once, in the file's order",
      { feeds: [{ id: "a", url: "ftp://x" }], imagProxy: "x", imageProxy: "https://p/{bogus}" },
      [
        'feeds.0.url: expected an http(s) URL or a local file path, found "ftp://x"',
        'imagProxy: unknown field (did you mean "imageProxy"?)',
        'imageProxy: "https://p/{bogus}": unknown placeholder {bogus}; a template takes {url} or {encoded}',
      ],
    ],
  ])("refuses %s: one line per problem", (_name, value, lines) => {
    const error = refusal(value);
    expect(error.code).toBe("E_CONFIG");
    expect(error.details).toEqual(lines);
    const count = `${lines.length} problem${lines.length === 1 ? "" : "s"}`;
    expect(error.message).toBe(`newsmirror.json: invalid config (${count}): ${lines.join("; ")}`);
    expect(error.suggestion).toContain("https://github.com/newsmirror/newsmirror#config");
  });
});

describe("reserved feed ids", () => {
  it.each(RESERVED_FEED_IDS.map((row) => row.name))("refuses %s", (name) => {
    expect(reservedIdReason(name)).toMatch(/is reserved: it is /);
    expect(reservedIdReason(name.toUpperCase())).toBeDefined();
  });

  it.each(["voa", "index2", "my.index", "days-of-week", "readme"])("accepts %s", (name) => {
    expect(reservedIdReason(name)).toBeUndefined();
  });

  it.each(["con", "NUL.txt", "com1"])("refuses the Windows device name %s", (name) => {
    expect(reservedIdReason(name)).toMatch(/device name on Windows/);
  });
});

describe("did you mean", () => {
  it.each<[string, string, number]>([
    ["imagProxy", "imageProxy", 1],
    ["fulltext", "fullText", 0],
    ["titel", "title", 1],
    ["", "url", 3],
  ])("%s is %d from %s", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it.each<[string, string | undefined]>([
    ["imagProxy", "imageProxy"],
    ["ttle", "title"],
    ["bogus", undefined],
    ["x", undefined],
  ])("suggests for %s: %s", (word, match) => {
    expect(closest(word, ["imageProxy", "title", "timezone", "url"])).toBe(match);
  });
});
