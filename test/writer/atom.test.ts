import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/fetcher/parse/index.js";
import { parseItem } from "../../src/writer/item-file.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const titles = [
  "普京抵达北京 & “quotes”",
  "A <b>bold</b> claim: 1 < 2 > 0",
  "*Stars*, [brackets] and `ticks`",
  "العربية نص",
  "Plain",
];

/** 60 entries (more than the 50 a mirror feed carries), bodies with images, links and a table. */
function sourceFeed(): string {
  const items = Array.from({ length: 60 }, (_, i) => {
    const title = titles[i % titles.length]!.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const body = `<p>Body ${i} 新闻 <a href="https://news.example/x">link</a></p><img src="https://news.example/${i}.jpg"><table><tr><td>a</td></tr></table>`;
    const date = new Date(Date.UTC(2024, 4, 1) + i * 3_600_000).toUTCString();
    return `<item><title>${title} ${i}</title><link>https://news.example/a/${i}</link><guid>g${i}</guid><pubDate>${date}</pubDate><description><![CDATA[${body}]]></description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

type Items = Map<string, { title: string; published: number; body: string }>;

/** Every item of an archive by its link. */
async function itemsByLink(out: string): Promise<Items> {
  const items: Items = new Map();
  for (const [path, text] of Object.entries(await snapshot(out))) {
    if (!/[0-9a-f]{16}\.(txt|md)$/.test(path)) continue;
    const { link, ...rest } = parseItem(text, path);
    items.set(link, rest);
  }
  return items;
}

describe("the mirror's Atom feeds", () => {
  it.each([
    { where: "feed", file: "ex/feed.xml", count: 50, title: "Example" },
    { where: "archive", file: "feed.xml", count: 50, title: "News archive" },
  ])(
    "the $where feed parses back with our parser: newest $count, full bodies",
    ({ file, count, title }) =>
      withTempDir(async (dir) => {
        await writeFile(join(dir, "ex.rss"), sourceFeed());
        const out = join(dir, "a");
        await runCli(["fetch", join(dir, "ex.rss"), fixture("voa-putin-raw.rss"), "--out", out]);
        const xml = await readFile(join(out, file));
        const parsed = await parseFeed(xml, {
          url: pathToFileURL(join(out, file)).href,
          label: file,
        });
        expect(parsed.format).toBe("atom");
        expect(parsed.warnings).toEqual([]);
        expect(parsed.title).toBe(title);
        expect(parsed.entries).toHaveLength(count);
        const published = parsed.entries.map((e) => e.published!);
        expect(published).toEqual([...published].sort((a, b) => b - a));
        expect(parsed.entries[0]!.content).toMatch(/^<div><i>/);
        // The same archive gives the same bytes.
        await runCli(["index", "--out", out]);
        expect(await readFile(join(out, file))).toEqual(xml);
      }),
  );

  it("round-trips: fetching the mirror's feed into a new archive gives the same items", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "ex.rss"), sourceFeed());
      const first = join(dir, "first");
      await runCli(["fetch", join(dir, "ex.rss"), "--out", first]);
      const second = join(dir, "second");
      const again = await runCli(["fetch", join(first, "ex", "feed.xml"), "--out", second]);
      expect(again.stderr).toBe("");
      expect(again.stdout).toContain("50 new");
      const original = await itemsByLink(first);
      const copied = await itemsByLink(second);
      expect(copied.size).toBe(50);
      for (const [link, item] of copied) expect(item).toEqual(original.get(link));
    }));

  it("the voa item round-trips too, CJK title and proxied images included", () =>
    withTempDir(async (dir) => {
      const first = join(dir, "first");
      await runCli(["fetch", fixture("voa-putin-raw.rss"), "--out", first]);
      const second = join(dir, "second");
      await runCli(["fetch", join(first, "feed.xml"), "--out", second]);
      const [link, item] = [...(await itemsByLink(second))][0]!;
      expect((await itemsByLink(first)).get(link!)).toEqual(item);
      expect(item!.body).toContain(
        readFileSync(fixture("voa-putin-raw.expected.txt"), "utf8").split("\n")[4]!.slice(0, 200),
      );
    }));
});
