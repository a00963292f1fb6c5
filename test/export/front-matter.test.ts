import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import {
  articleStem,
  localTimeFormatter,
  renderArticle,
  slugFor,
} from "../../src/export/article.js";
import { renderFrontMatter } from "../../src/export/front-matter.js";
import { FRONT_MATTER_STYLES } from "../../src/export/styles.js";

/** Titles that break hand-made YAML: quotes, colons, newlines, indicators, YAML 1.1 scalars. */
const HOSTILE = [
  'He said "no": yes',
  "It's a 'test'",
  "key: value",
  "---",
  "...",
  "- a bullet",
  "? a question",
  "# a comment",
  "@handle and `tick`",
  "&anchor *alias !tag %directive",
  "| block > folded",
  "[flow, sequence]",
  "{flow: map}",
  "yes",
  "No",
  "on",
  "~",
  "null",
  "1.0",
  "0o17",
  "1_000",
  "2024-05-16",
  "12:30:45",
  "line one\nline two",
  "trailing colon:",
  "  leading and trailing spaces  ",
  "tab\there",
  "bell\u0007 and nul\u0000",
  "普京抵达北京，展示威权盟友的团结：“团结”",
  "العربية: نص",
  "emoji 🎉🇨🇳",
  "back\\slash \\n not a newline",
  "",
];

describe("front matter", () => {
  it.each(FRONT_MATTER_STYLES.flatMap((style) => HOSTILE.map((title) => ({ style, title }))))(
    "$style: $title parses back as the same title",
    ({ style, title }) => {
      const text = renderFrontMatter(style, {
        title,
        date: "2024-05-16T08:39:03+08:00",
        link: "https://news.example/a?b=1&c=2#x",
        feed: "voa",
      });
      expect(text.startsWith("---\n")).toBe(true);
      expect(text.endsWith("\n---\n")).toBe(true);
      const yaml = text.slice(4, -4);
      // One document, and the same values under YAML 1.2 and 1.1 (Ruby's Psych, for Jekyll).
      expect(parseAllDocuments(yaml)).toHaveLength(1);
      for (const version of ["1.2", "1.1"] as const) {
        const data = parse(yaml, { version }) as Record<string, unknown>;
        expect(data.title).toBe(title);
        expect(data.categories).toEqual(["voa"]);
        const source = style === "jekyll" ? data.from : (data.params as { source: string }).source;
        expect(source).toBe("https://news.example/a?b=1&c=2#x");
      }
      // YAML 1.1 reads the date as a time, as Jekyll and Hugo do.
      const date = (parse(yaml, { version: "1.1", customTags: ["timestamp"] }) as { date: Date })
        .date;
      expect(date.toISOString()).toBe("2024-05-16T00:39:03.000Z");
    },
  );

  it("keys as each style has them", () => {
    const facts = { title: "T", date: "2024-05-16T08:39:03+08:00", link: "https://x/", feed: "f" };
    expect(renderFrontMatter("jekyll", facts)).toBe(
      '---\nlayout: "post"\ntitle: "T"\ndate: 2024-05-16T08:39:03+08:00\nfrom: "https://x/"\ncategories:\n  - "f"\n---\n',
    );
    expect(renderFrontMatter("hugo", facts)).toBe(
      '---\ntitle: "T"\ndate: 2024-05-16T08:39:03+08:00\ncategories:\n  - "f"\nparams:\n  source: "https://x/"\n---\n',
    );
    expect(renderFrontMatter("jekyll", { ...facts, link: "" })).not.toContain("from:");
  });

  it("line separators that YAML 1.1 breaks lines at become spaces", () => {
    const text = renderFrontMatter("jekyll", {
      title: "a\u2028b\u2029c\u0085d",
      date: "2024-05-16T00:00:00+00:00",
      link: "",
      feed: "f",
    });
    expect((parse(text.slice(4, -4), { version: "1.1" }) as { title: string }).title).toBe(
      "a b c d",
    );
  });
});

describe("dates and names", () => {
  it.each([
    { tz: "UTC", ms: Date.UTC(2024, 4, 16, 0, 39, 3), local: "2024-05-16T00:39:03+00:00" },
    {
      tz: "Asia/Shanghai",
      ms: Date.UTC(2024, 4, 16, 20, 0, 0),
      local: "2024-05-17T04:00:00+08:00",
    },
    {
      tz: "America/New_York",
      ms: Date.UTC(2024, 0, 1, 3, 0, 0),
      local: "2023-12-31T22:00:00-05:00",
    },
    { tz: "Asia/Kolkata", ms: Date.UTC(2024, 4, 16, 0, 0, 0), local: "2024-05-16T05:30:00+05:30" },
  ])("$tz: $local", ({ tz, ms, local }) => {
    expect(localTimeFormatter(tz)(ms)).toBe(local);
  });

  const hash = "c2d19f767b6e6410";
  it.each([
    { title: "Putin Arrives in Beijing", slug: "putin-arrives-in-beijing" },
    { title: "Ça va? Élections à Zürich — 2024!", slug: "ca-va-elections-a-zurich-2024" },
    { title: "  --Dashes--  ", slug: "dashes" },
    { title: "普京抵达北京，展示威权盟友的团结", slug: hash },
    { title: "普京抵达北京 G20", slug: hash },
    { title: "G20 summit: 普京", slug: "g20-summit" },
    { title: "Путин прибыл в Пекин", slug: hash },
    { title: "وصول بوتين إلى بكين", slug: hash },
    { title: "", slug: hash },
    { title: "!!!", slug: hash },
    {
      title:
        "A very long title that goes on and on well past the sixty characters a file name keeps",
      slug: "a-very-long-title-that-goes-on-and-on-well-past-the-sixty",
    },
    { title: "x".repeat(100), slug: "x".repeat(60) },
  ])("slug of $title", ({ title, slug }) => {
    expect(slugFor(title, hash)).toBe(slug);
    expect(slugFor(title, hash)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each([
    { style: "jekyll" as const, stem: "_posts/voa/2024-05-17-s" },
    { style: "hugo" as const, stem: "content/voa/2024-05/2024-05-17-s" },
  ])("$style files go to $stem.md", ({ style, stem }) => {
    expect(articleStem(style, "voa", "2024-05-17T04:00:00+08:00", "s")).toBe(stem);
  });

  it("an article: front matter, the link to the original, the body", () => {
    const text = renderArticle(
      "jekyll",
      {
        feed: "voa",
        title: "T",
        link: "https://www.voachinese.com/a/(x).html",
        published: 0,
        body: "<div><i>date</i></div><p>Body</p>",
      },
      "1970-01-01T00:00:00+00:00",
    );
    expect(text).toBe(
      '---\nlayout: "post"\ntitle: "T"\ndate: 1970-01-01T00:00:00+00:00\nfrom: "https://www.voachinese.com/a/(x).html"\ncategories:\n  - "voa"\n---\n\nSource: [www.voachinese.com](https://www.voachinese.com/a/\\(x\\).html)\n\nBody\n',
    );
  });
});
