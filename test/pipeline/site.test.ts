import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/fetcher/parse/index.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";
import { siteArchive } from "../helpers/site.js";

/** The counts `newsmirror site` prints: pages, written, removed, item files read. */
async function site(dir: string, ...args: string[]) {
  const run = await runCli(["site", "--to", "site", ...args], { cwd: dir });
  const m = /^site: (\d+) files?, (\d+) written, (\d+) removed, (\d+) item files? read$/.exec(
    run.stdout,
  );
  return {
    ...run,
    pages: Number(m?.[1]),
    written: Number(m?.[2]),
    removed: Number(m?.[3]),
    read: Number(m?.[4]),
  };
}

const SEVEN_ITEMS = 7;
const NEW_ITEM =
  "<item><title>Late news</title><link>https://world.example/2024/05/late</link><guid>world-4</guid><pubDate>Thu, 16 May 2024 12:00:00 GMT</pubDate><description>late</description></item></channel>";

describe("newsmirror site", () => {
  it("makes every page once, then writes nothing and reads no item file", () =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      const first = await site(dir);
      expect(first.stderr).toBe("");
      expect(first.read).toBe(SEVEN_ITEMS);
      expect(first.written).toBe(first.pages);
      const files = await snapshot(join(dir, "site"));
      expect(Object.keys(files).filter((p) => /\/[0-9a-f]{16}\.html$/.test(p))).toHaveLength(
        SEVEN_ITEMS,
      );
      const again = await site(dir);
      expect([again.written, again.removed, again.read, again.code]).toEqual([0, 0, 0, 0]);
      expect(await snapshot(join(dir, "site"))).toEqual(files);
    }));

  it("gives the same bytes whatever the clock, into any folder", () =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      await runCli(["site", "--to", "a"], { cwd: dir, sourceDateEpoch: "1" });
      await runCli(["site", "--to", "b"], { cwd: dir, sourceDateEpoch: "2000000000" });
      expect(await snapshot(join(dir, "b"))).toEqual(await snapshot(join(dir, "a")));
    }));

  it.each([
    {
      name: "a fetch brings one item",
      change: async (dir: string) => {
        const feed = join(dir, "world.rss");
        await writeFile(feed, (await readFile(feed, "utf8")).replace("</channel>", NEW_ITEM));
        expect((await runCli(["fetch"], { cwd: dir })).code).toBe(0);
      },
      // the article, its feed and month pages, its day, the days, the front page, the search
      // data, its feed's Atom and the archive's
      written: 10,
      removed: 0,
      read: 1,
    },
    {
      name: "an item is rewritten in place (rerender)",
      change: async (dir: string, planted: string) => {
        const file = join(dir, "archive", planted);
        await writeFile(
          file,
          (await readFile(file, "utf8")).replace("A planted body.", "Rerendered."),
        );
      },
      // the article, and the two Atom feeds that carry its body
      written: 3,
      removed: 0,
      read: 1,
    },
    {
      name: "an item is touched, its bytes the same",
      change: async (dir: string, planted: string) => {
        const file = join(dir, "archive", planted);
        await writeFile(file, await readFile(file));
      },
      written: 0,
      removed: 0,
      read: 1,
    },
    {
      name: "an item goes (its month with it) and the index is rebuilt",
      change: async (dir: string, planted: string) => {
        await rm(join(dir, "archive", planted));
        expect((await runCli(["index"], { cwd: dir })).code).toBe(0);
      },
      // its feed page, its day, the days page, the front page, the search data, two Atom
      // feeds; the article, its month page and its day page go
      written: 7,
      removed: 3,
      read: 0,
    },
  ])("after $name: $written written, $removed removed", ({ change, written, removed, read }) =>
    withTempDir(async (dir) => {
      const { planted } = await siteArchive(dir);
      await site(dir);
      await change(dir, planted);
      const run = await site(dir);
      expect([run.written, run.removed, run.read, run.stderr]).toEqual([
        written,
        removed,
        read,
        "",
      ]);
      // And the result is what a fresh build makes.
      await runCli(["site", "--to", "fresh"], { cwd: dir });
      const [updated, fresh] = [
        await snapshot(join(dir, "site")),
        await snapshot(join(dir, "fresh")),
      ];
      const pages = (files: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(files).filter(([p]) => !p.startsWith(".newsmirror-site/")),
        );
      expect(pages(updated)).toEqual(pages(fresh));
    }),
  );

  it("removes an empty month folder with its last page", () =>
    withTempDir(async (dir) => {
      const { planted } = await siteArchive(dir);
      await site(dir);
      expect(existsSync(join(dir, "site", "world", "2024-04"))).toBe(true);
      await rm(join(dir, "archive", planted));
      await runCli(["index"], { cwd: dir });
      await site(dir);
      expect(existsSync(join(dir, "site", "world", "2024-04"))).toBe(false);
    }));

  it("rewrites every article when the timezone changes", () =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      await site(dir);
      const config = JSON.parse(await readFile(join(dir, "newsmirror.json"), "utf8"));
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify({ ...config, timezone: "UTC" }));
      const run = await site(dir);
      expect(run.read).toBe(SEVEN_ITEMS);
      expect(run.written).toBeGreaterThanOrEqual(SEVEN_ITEMS);
    }));

  it("names an item file it cannot read, makes the rest, and exits 1", () =>
    withTempDir(async (dir) => {
      const { planted } = await siteArchive(dir);
      await rm(join(dir, "archive", planted));
      const run = await site(dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `E_ITEM_PARSE ${planted}: the index lists it, but the file is missing (run \`newsmirror index\`)`,
      );
      expect(run.pages).toBeGreaterThan(SEVEN_ITEMS);
    }));

  it("refuses an index line that points outside the feed's folders, and makes the rest", () =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      const [shard] = (await readdir(join(dir, "archive", "index", "world"))).filter((n) =>
        n.endsWith(".jsonl"),
      );
      const file = join(dir, "archive", "index", "world", shard!);
      const line = {
        id: "0000000000000000",
        feed: "world",
        title: "x",
        link: "https://x.example/",
        published: "2024-05-01T00:00:00.000Z",
        path: "../escaped/2024-05/0000000000000000.txt",
      };
      await writeFile(file, `${await readFile(file, "utf8")}${JSON.stringify(line)}\n`);
      const run = await site(dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'E_ITEM_PARSE index line of "../escaped/2024-05/0000000000000000.txt": not an item of feed "world"',
      );
      expect(existsSync(join(dir, "escaped"))).toBe(false);
      expect(run.pages).toBeGreaterThan(SEVEN_ITEMS);
    }));

  it("writes canonical links under --base-url", () =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      await site(dir, "--base-url", "https://example.github.io/news");
      const front = await readFile(join(dir, "site", "index.html"), "utf8");
      expect(front).toContain(
        '<link rel="canonical" href="https://example.github.io/news/index.html">',
      );
    }));

  it.each([
    ["", "feed.xml", 7],
    ["", "world/feed.xml", 3],
    ["https://example.github.io/news/", "feed.xml", 7],
  ])(
    "writes Atom feeds of the mirror (base URL %j): %s parses back, its entries link the originals and the site's pages",
    (baseUrl, file, count) =>
      withTempDir(async (dir) => {
        await siteArchive(dir);
        await site(dir, ...(baseUrl ? ["--base-url", baseUrl] : []));
        const xml = await readFile(join(dir, "site", file), "utf8");
        const feed = await parseFeed(new TextEncoder().encode(xml), {
          url: `https://mirror.example/${file}`,
          label: file,
        });
        expect(feed.entries).toHaveLength(count);
        expect(
          feed.entries.every((e) => /^https:\/\/[a-z.]+\.example\/|voachinese/.test(e.link ?? "")),
        ).toBe(true);
        const related = [...xml.matchAll(/<link rel="related" href="([^"]+)"\/>/g)].map(
          (m) => m[1]!,
        );
        expect(related).toHaveLength(count);
        for (const href of related) {
          const rel = baseUrl ? href.slice(baseUrl.length) : join(file, "..", href);
          if (baseUrl) expect(href.startsWith(baseUrl)).toBe(true);
          expect(existsSync(join(dir, "site", decodeURIComponent(rel))), href).toBe(true);
        }
        const front = await readFile(join(dir, "site", "index.html"), "utf8");
        expect(front).toContain(
          '<link rel="alternate" type="application/atom+xml" href="feed.xml">',
        );
      }),
  );

  it.each([
    [["--to", "archive"], "E_USAGE"],
    [["--to", "."], "E_USAGE"],
    [["--to", "site", "--base-url", "ftp://x"], "E_USAGE"],
    [["--to", "site", "--out", "nowhere"], "E_NO_ARCHIVE"],
  ])("refuses %j with %s, exit 2, writing nothing", (args, code) =>
    withTempDir(async (dir) => {
      await siteArchive(dir);
      const before = await stat(join(dir, "archive", "index")).then((s) => s.mtimeMs);
      const run = await runCli(["site", ...args], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^newsmirror: ${code}: `));
      expect(existsSync(join(dir, "site"))).toBe(false);
      expect(await stat(join(dir, "archive", "index")).then((s) => s.mtimeMs)).toBe(before);
    }),
  );
});
