import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOpml } from "../../src/config/opml.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const OPML = fixture("feeds.opml");

interface Feed {
  id: string;
  url: string;
  title?: string;
}

async function feedsOf(dir: string, name = "newsmirror.json"): Promise<Feed[]> {
  return (JSON.parse(await readFile(join(dir, name), "utf8")) as { feeds: Feed[] }).feeds;
}

describe("newsmirror feeds import", () => {
  it("adds every feed of a real-world OPML file and reports each outline it leaves out", () =>
    withTempDir(async (dir) => {
      const result = await runCli(["feeds", "import", OPML], { cwd: dir });
      const doc = parseOpml(await readFile(OPML, "utf8"), "feeds.opml");
      const feeds = await feedsOf(dir);
      const problems = result.stderr.split("\n");
      // Every outline that is a feed or nothing is added or named: none is silently dropped.
      expect(feeds.length + problems.length).toBe(doc.outlines.length);
      expect(feeds.length).toBeGreaterThan(250);
      expect(problems).toEqual([
        'E_OPML feeds.opml: outline 104 (line 119) "BBC World (again)": the same feed as outline 4 (line 13, feed bbc-news-world); skipped',
        'E_OPML feeds.opml: outline 136 (line 153) "VOA 中文 (again)": the same feed as outline 106 (line 123, feed 美国之音中文网); skipped',
        'E_OPML feeds.opml: outline 304 (line 341) "A note to self: check these later": no xmlUrl, so no feed to follow (an empty category, or a note); skipped',
        'E_OPML feeds.opml: outline 305 (line 342) "Old blog (no URL)": no xmlUrl, so no feed to follow (an empty category, or a note); skipped',
        'E_OPML feeds.opml: outline 306 (line 343) "Relative link": xmlUrl "/rss.xml" is not an http(s) URL; skipped',
        'E_OPML feeds.opml: outline 307 (line 344) "Click me": xmlUrl "javascript:alert(1)" is not an http(s) URL; skipped',
        'E_OPML feeds.opml: outline 308 (line 345) "Gopher hole": xmlUrl "gopher://gopher.floodgap.com/1/feed" is not an http(s) URL; skipped',
        'E_OPML feeds.opml: outline 309 (line 346) "OPML spec (a link, not a feed)": a link to http://opml.org/spec2.opml, not a feed (it has no xmlUrl); skipped',
        'E_OPML feeds.opml: outline 310 (line 347) "NPR News (again)": the same feed as outline 63 (line 75, feed npr-news); skipped',
        'E_OPML feeds.opml: outline 311 (line 348) "Le Monde à la une (again)": the same feed as outline 155 (line 174, feed le-monde-à-la-une); skipped',
        'E_OPML feeds.opml: outline 312 (line 349) "An empty folder": no xmlUrl, so no feed to follow (an empty category, or a note); skipped',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout.split("\n").at(-1)).toBe(
        `${doc.outlines.length} outlines: ${feeds.length} added, 11 skipped; newsmirror.json has ${feeds.length} feeds`,
      );
      const byUrl = new Map(feeds.map((f) => [f.url, f]));
      expect(byUrl.get("https://feeds.bbci.co.uk/zhongwen/simp/rss.xml")).toEqual({
        id: "bbc-news-中文",
        url: "https://feeds.bbci.co.uk/zhongwen/simp/rss.xml",
        title: "BBC News 中文",
      });
      // Two outlines titled "World": the second is told apart by its category.
      const worlds = feeds.filter((f) => f.title === "World").map((f) => f.id);
      expect(worlds).toEqual(["world", "unsorted-world"]);
      // A title too long for a folder name: the site's name; feed:// read as http://.
      expect(byUrl.get("https://www.tagesschau.de/xml/rss2/")?.id).toBe("tagesschau");
      expect(byUrl.get("http://feeds.simplecast.com/54nAGcIl")?.id).toBe("podcast-the-daily");
      expect(byUrl.get("https://www.aldaily.com/feed/")?.title).toBe("Arts & Letters Daily");
      // Devanagari's vowel signs are marks: they stay in the id, as in the title.
      expect(byUrl.get("https://feeds.bbci.co.uk/hindi/rss.xml")?.id).toBe("bbc-news-हिंदी");
      expect(byUrl.get("https://example.org/untitled.xml")?.id).toBe("example");
      expect(new Set(feeds.map((f) => f.id.toLowerCase())).size).toBe(feeds.length);
      const check = await runCli(["config", "check"], { cwd: dir });
      expect(check.stdout).toBe(`newsmirror.json: valid, ${feeds.length} feeds`);
    }));

  it("round-trips: export, then import into an empty config, gives the same feeds and bytes", () =>
    withTempDir(async (dir) => {
      await runCli(["feeds", "import", OPML, "--quiet"], { cwd: dir });
      const exported = await runCli(["feeds", "export"], { cwd: dir });
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0"/,
      );
      const toFile = await runCli(["feeds", "export", "--to", "out.opml"], { cwd: dir });
      expect(toFile.stdout).toMatch(/^out\.opml: \d+ feeds$/);
      expect(await readFile(join(dir, "out.opml"), "utf8")).toBe(`${exported.stdout}\n`);
      const again = await runCli(["feeds", "import", "out.opml", "--config", "copy.json"], {
        cwd: dir,
      });
      expect(again.stderr).toBe("");
      expect(again.code).toBe(0);
      expect(await feedsOf(dir, "copy.json")).toEqual(await feedsOf(dir));
      const second = await runCli(["feeds", "export", "--config", "copy.json"], { cwd: dir });
      expect(second.stdout).toBe(exported.stdout);
    }));

  it("exports titles with characters XML forbids as a readable document", () =>
    withTempDir(async (dir) => {
      const title = "Bell\u0007 & <b>, nul\u0000, \uffff and a\nline";
      const config = { feeds: [{ id: "a", url: "https://example.com/a.xml", title }] };
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const exported = await runCli(["feeds", "export"], { cwd: dir });
      expect(exported.code).toBe(0);
      // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids
      expect(exported.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      expect(exported.stdout).toContain('text="Bell &amp; &lt;b&gt;, nul,  and a&#10;line"');
      const [outline] = parseOpml(exported.stdout, "export").outlines;
      expect(outline?.title).toBe("Bell & <b>, nul,  and a\nline");
    }));

  it("keeps the config's other fields and feeds; ids and URLs it has already are not taken again", () =>
    withTempDir(async (dir) => {
      const config = {
        $schema: "./newsmirror.schema.json",
        out: "news",
        timezone: "Asia/Shanghai",
        feeds: [
          { id: "bbc-news-中文", url: "https://example.com/mine.xml" },
          { id: "npr", url: "https://feeds.npr.org/1001/rss.xml", title: "NPR" },
        ],
      };
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const result = await runCli(["feeds", "import", OPML], { cwd: dir });
      const json = JSON.parse(await readFile(join(dir, "newsmirror.json"), "utf8"));
      expect(json.out).toBe("news");
      expect(json.timezone).toBe("Asia/Shanghai");
      expect(json.feeds.slice(0, 2)).toEqual(config.feeds);
      const bbc = (json.feeds as Feed[]).find((f) => f.title === "BBC News 中文");
      expect(bbc?.id).toBe("中文-bbc-news-中文");
      expect(result.stderr).toContain(
        'outline 63 (line 75) "NPR: News": the same feed as feed npr of the config; skipped',
      );
    }));

  it.each<[string, string, RegExp]>([
    ["not OPML", "<rss><channel/></rss>", /^newsmirror: E_OPML: .*bad\.opml: not an OPML file/],
    ["no file", "", /^newsmirror: E_OPML: .*missing\.opml: cannot read OPML file/],
  ])("%s: one error, exit 2… and the config untouched", (_, text, message) =>
    withTempDir(async (dir) => {
      const name = text ? "bad.opml" : "missing.opml";
      if (text) await writeFile(join(dir, name), text);
      await writeFile(join(dir, "newsmirror.json"), '{"feeds":[]}');
      const result = await runCli(["feeds", "import", name], { cwd: dir });
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
      expect(await readFile(join(dir, "newsmirror.json"), "utf8")).toBe('{"feeds":[]}');
    }),
  );

  it("--dry-run says what it would add and writes nothing", () =>
    withTempDir(async (dir) => {
      const result = await runCli(["feeds", "import", OPML, "--dry-run"], { cwd: dir });
      expect(result.stdout).toMatch(/^would add bbc-news-world: https:\/\/feeds\.bbci\.co\.uk/);
      await expect(readFile(join(dir, "newsmirror.json"))).rejects.toThrow(/ENOENT/);
    }));
});
