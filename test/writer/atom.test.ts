import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/fetcher/parse/index.js";
import { renderAtom } from "../../src/writer/atom.js";
import { readShard } from "../../src/writer/index-file.js";
import { parseItem, renderItem } from "../../src/writer/item-file.js";
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

/** Every `href` of a feed document, in order. */
const hrefs = (xml: string) => [
  ...xml.matchAll(/<link rel="([a-z]+)"(?: type="[^"]*")? href="([^"]*)"\/>/g),
];

describe("the mirror's Atom feeds under a base URL", () => {
  it.each([
    { base: undefined, self: "feed.xml" },
    {
      base: "https://me.github.io/news",
      self: "https://me.github.io/news/%E5%BE%B7%E5%A3%B0/feed.xml",
    },
    {
      base: "https://github.com/me/news/blob/main/",
      self: "https://github.com/me/news/blob/main/%E5%BE%B7%E5%A3%B0/feed.xml",
    },
  ])("baseUrl $base: self is $self, every mirror link names an item file", ({ base, self }) =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "ex.rss"), sourceFeed());
      const config = {
        ...(base ? { baseUrl: base } : {}),
        feeds: [{ id: "德声", url: join(dir, "ex.rss") }],
      };
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const out = join(dir, "a");
      const fetched = await runCli([
        "fetch",
        "--config",
        join(dir, "newsmirror.json"),
        "--out",
        out,
      ]);
      expect(fetched.code).toBe(0);
      for (const [file, folder] of [
        ["德声/feed.xml", "德声/"],
        ["feed.xml", ""],
      ] as const) {
        const xml = await readFile(join(out, file), "utf8");
        const links = hrefs(xml);
        const [selfLink, home] = links;
        expect(selfLink?.[1]).toBe("self");
        if (file !== "feed.xml") expect(selfLink?.[2]).toBe(self);
        expect(home?.[1]).toBe("alternate");
        const related = links.filter((l) => l[1] === "related").map((l) => l[2]!);
        expect(related).toHaveLength(50);
        for (const href of [selfLink![2]!, home![2]!, ...related]) {
          // Absolute under the base with one, else relative to the feed's folder.
          const rel = base
            ? decodeURIComponent(href.slice(base.replace(/\/?$/, "/").length))
            : `${folder}${href}`;
          if (base) expect(href.startsWith(base.replace(/\/?$/, "/"))).toBe(true);
          expect(existsSync(join(out, rel)), rel).toBe(true);
        }
        // The originals stay the alternate links: fetching the feed archives the same items.
        const parsed = await parseFeed(Buffer.from(xml), {
          url: pathToFileURL(join(out, file)).href,
          label: file,
        });
        expect(parsed.entries.every((e) => e.link?.startsWith("https://news.example/a/"))).toBe(
          true,
        );
      }
    }),
  );

  it("round-trips under a base URL too", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "ex.rss"), sourceFeed());
      const config = {
        baseUrl: "https://me.github.io/news/",
        feeds: [{ id: "ex", url: join(dir, "ex.rss") }],
      };
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const first = join(dir, "first");
      await runCli(["fetch", "--config", join(dir, "newsmirror.json"), "--out", first]);
      const second = join(dir, "second");
      await runCli(["fetch", join(first, "ex", "feed.xml"), "--out", second]);
      const original = await itemsByLink(first);
      const copied = await itemsByLink(second);
      expect(copied.size).toBe(50);
      for (const [link, item] of copied) expect(item).toEqual(original.get(link));
    }));

  it("a site's feed: pages and home of its own, under a sub-path", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "ex.rss"), sourceFeed());
      const out = join(dir, "a");
      await runCli(["fetch", join(dir, "ex.rss"), "--out", out]);
      const entries = (await readShard(out, "2024-05")).filter((e) => e.feed === "ex").reverse();
      const xml = await renderAtom(out, {
        id: "urn:newsmirror:ex",
        title: "Example",
        dir: "ex",
        entries,
        baseUrl: "https://mirror.example/sub/path/",
        home: { href: "index.html", type: "text/html" },
        pageOf: (e) => e.path.slice(3).replace(/\.(txt|md)$/, ".html"),
      });
      const links = hrefs(xml).map((l) => `${l[1]} ${l[2]}`);
      expect(links[0]).toBe("self https://mirror.example/sub/path/ex/feed.xml");
      expect(links[1]).toBe("alternate https://mirror.example/sub/path/ex/index.html");
      expect(xml).toContain(
        '<link rel="alternate" type="text/html" href="https://mirror.example/sub/path/ex/index.html"/>',
      );
      const related = links.filter((l) => l.startsWith("related "));
      expect(related).toHaveLength(50);
      for (const [i, link] of related.entries())
        expect(link).toBe(
          `related https://mirror.example/sub/path/${entries[i]!.path.replace(/\.txt$/, ".html")}`,
        );
    }));
});

describe("the mirror's Atom feeds escape what they carry", () => {
  const entry = {
    id: "0123456789abcdef",
    feed: "ex",
    title: "t",
    link: "https://news.example/a?x=1&y=2",
    published: "2024-05-01T00:00:00.000Z",
    path: "ex/2024-05/0123456789abcdef.txt",
  };
  const body = '<div><i>Wed, 01 May 2024</i></div><p class="x">a & b > c</p>';
  const read = async () =>
    Buffer.from(renderItem({ published: 0, title: "t", link: entry.link, body }));
  const render = (title: string) =>
    renderAtom("unused", { id: "urn:newsmirror:ex", title, dir: "ex", entries: [entry] }, read);

  it("escapes bodies and links", async () => {
    const xml = await render("t");
    expect(xml).toContain(
      '<content type="html">&lt;div&gt;&lt;i&gt;Wed, 01 May 2024&lt;/i&gt;&lt;/div&gt;&lt;p class=&quot;x&quot;&gt;a &amp; b &gt; c&lt;/p&gt;</content>',
    );
    expect(xml).toContain('<link rel="alternate" href="https://news.example/a?x=1&amp;y=2"/>');
  });

  // Each row: a feed title, and how the document must hold it.
  const titles: { name: string; title: string; escaped: string }[] = [
    {
      name: "markup characters",
      title: `a & b <i>"q"</i> > c`,
      escaped: "a &amp; b &lt;i&gt;&quot;q&quot;&lt;/i&gt; &gt; c",
    },
    {
      name: "controls XML forbids are dropped",
      title: "nul\u0000 bell\u0007 vt\u000b ff\u000c us\u001f",
      escaped: "nul bell vt ff us",
    },
    { name: "tab, LF and CR are kept", title: "a\tb\nc\rd", escaped: "a\tb\nc\rd" },
    { name: "non-characters are dropped", title: "x\ufffey\uffffz", escaped: "xyz" },
    { name: "nothing to escape", title: "普京 'single' quotes", escaped: "普京 'single' quotes" },
  ];
  it.each(titles)("a title: $name", async ({ title, escaped }) => {
    expect(await render(title)).toContain(`  <title>${escaped}</title>\n`);
  });
});
