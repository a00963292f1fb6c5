import { execFileSync } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLines } from "../../src/cli/commands/import.js";
import type { ImportReport } from "../../src/pipeline/import.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const COMMITTED = "2020-09-30T12:00:00Z";
const SOURCES = ["news", "chinadigitaltimes", "oped", "plain"];

/** The fixtures of every older layout, committed to a real git repository. */
async function oldMirror(dir: string): Promise<string[]> {
  await cp(fixture("legacy"), dir, { recursive: true });
  const env = { ...process.env, GIT_AUTHOR_DATE: COMMITTED, GIT_COMMITTER_DATE: COMMITTED };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, stdio: "pipe" });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "old mirror");
  return SOURCES.map((s) => join(dir, s));
}

/** The live feed of 德国之声 bringing back an imported article: another guid, the same link. */
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>DW</title><link>https://www.dw.com/zh</link>
<item><guid isPermaLink="false">dw-90010</guid><title>德国之声报道：会谈结束</title>
<link>https://www.dw.com/zh/a-90010?utm_source=rss</link><pubDate>Fri, 25 Sep 2020 02:13:20 GMT</pubDate>
<description>&lt;p&gt;会谈在柏林结束。&lt;/p&gt;</description></item></channel></rss>`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(FEED);
  });
});
afterAll(() => server.close());

async function importJson(args: string[]): Promise<{ code: number; report: ImportReport }> {
  const result = await runCli(["import", ...args, "--json"]);
  return { code: result.code, report: JSON.parse(result.stdout) as ImportReport };
}

describe("newsmirror import, end to end", () => {
  it("imports every layout, then verify, rerender --check, fetch and re-import add nothing", () =>
    withTempDir(async (tmp) => {
      const sources = await oldMirror(join(tmp, "mirror"));
      const before = await snapshot(join(tmp, "mirror"));
      const out = join(tmp, "archive");

      const { code, report } = await importJson([...sources, "--out", out]);
      expect(code).toBe(1); // two files are no articles: listed, the rest imported
      expect(report).toMatchObject({ files: 16, imported: 12, merged: 2, existing: 0, failed: 2 });
      expect(report.imported + report.merged + report.existing + report.failed).toBe(report.files);
      expect(report.problems.map((p) => p.file)).toEqual([
        "news/articles/BBC/2005.md",
        "oped/_posts/2014-09-01-broken.md",
      ]);
      const times = Object.fromEntries(report.articles.map((a) => [a.file, a.time]));
      expect(times).toMatchObject({
        "news/articles/BBC/2001.md": "header",
        "news/articles/BBC/2003.md": "body-date",
        "news/articles/德国之声/3005.md": "git",
        "chinadigitaltimes/articles/399001_曹教授｜谢谢提醒.md": "date-line",
        "oped/_posts/2014-02-04-北风专栏：信息是如何泄漏的.md": "front-matter",
        "oped/_posts/2014-08-27-A Letter From a Shelter Cat.md": "front-matter",
      });
      const gitItem = report.articles.find((a) => a.time === "git");
      expect(gitItem?.path).toMatch(/^德国之声\/2020-09\//);
      expect(report.merges.map((m) => [m.kept, m.timeFrom])).toEqual([
        ["news/articles/德国之声/3001.md", "news/articles/德国之声/3001.md"],
        ["news/articles/德国之声/3004.md", "news/articles/德国之声/3004.md"],
      ]);
      expect(report.feeds.map((f) => f.feed)).toEqual([
        "bbc",
        "chinadigitaltimes",
        "notes",
        "oped",
        "德国之声",
      ]);
      expect(await snapshot(join(tmp, "mirror"))).toEqual(before); // the sources are only read

      const files = await snapshot(out);
      const bbc = files[report.articles.find((a) => a.file.endsWith("BBC/2001.md"))?.path ?? ""];
      expect(bbc).toContain(
        'src="https://images.weserv.nl?url=ichef.bbci.co.uk/news/640/test/one.jpg"',
      );
      expect(bbc).not.toContain("<script");
      expect(JSON.parse(files[".newsmirror/proxies.json"] ?? "[]")).toEqual(
        expect.arrayContaining([
          "https://images.weserv.nl?url={url}",
          "https://images.weserv.nl/?url={url}",
        ]),
      );

      expect(await runCli(["verify", "--out", out])).toMatchObject({ code: 0 });
      expect(await runCli(["rerender", "--check", "--out", out])).toMatchObject({ code: 0 });

      const config = join(tmp, "newsmirror.json");
      await writeFile(
        config,
        JSON.stringify({ out, feeds: [{ id: "德国之声", url: `${server.url}/dw.xml` }] }),
      );
      const fetched = await runCli(["fetch", "--config", config]);
      expect(fetched.stdout).toContain("德国之声: 0 new, 1 already archived");
      const afterFetch = await snapshot(out);
      const items = (s: Record<string, string>) => Object.keys(s).filter((p) => p.endsWith(".txt"));
      expect(items(afterFetch)).toEqual(items(files));

      const again = await importJson([...sources, "--out", out]);
      expect(again.report).toMatchObject({
        files: 16,
        imported: 0,
        merged: 0,
        existing: 14,
        failed: 2,
      });
      expect(await snapshot(out)).toEqual(afterFetch);
    }));

  it("moves every imported image to another proxy on rerender", () =>
    withTempDir(async (tmp) => {
      const sources = await oldMirror(join(tmp, "mirror"));
      const out = join(tmp, "archive");
      await importJson([sources[0] as string, "--out", out]);
      const config = join(tmp, "newsmirror.json");
      await writeFile(
        config,
        JSON.stringify({ out, imageProxy: "https://img.example/p?u={encoded}" }),
      );
      expect(await runCli(["rerender", "--config", config])).toMatchObject({ code: 0 });
      const all = Object.values(await snapshot(out)).join("\n");
      expect(all).toContain(
        `src="https://img.example/p?u=${encodeURIComponent("https://ichef.bbci.co.uk/news/640/test/one.jpg")}"`,
      );
      expect(all).not.toContain("weserv.nl?url=ichef");
    }));
});

describe("newsmirror import, options", () => {
  it("names feeds by --feed-map, and --dry-run writes nothing", () =>
    withTempDir(async (tmp) => {
      const sources = await oldMirror(join(tmp, "mirror"));
      const out = join(tmp, "archive");
      const dry = await runCli([
        "import",
        sources[0] as string,
        "--out",
        out,
        "--dry-run",
        "--feed-map",
        "BBC=bbc-zh",
      ]);
      expect(dry.stdout).toContain("bbc-zh: 4 would import (from BBC)");
      expect(dry.stdout).toContain(
        "10 files read: 7 would import, 2 merged as duplicates, 0 already archived, 1 failed",
      );
      expect(dry.stderr).toBe(
        "E_IMPORT news/articles/BBC/2005.md: no [title](link) line followed by ------",
      );
      expect(
        await snapshot(tmp).then((s) => Object.keys(s).some((p) => p.startsWith("archive/"))),
      ).toBe(false);
      const real = await runCli([
        "import",
        sources[0] as string,
        "--out",
        out,
        "--feed-map",
        "BBC=bbc-zh",
      ]);
      expect(real.code).toBe(1);
      expect(Object.keys(await snapshot(join(out, "bbc-zh"))).length).toBeGreaterThan(4);
      expect(await readFile(join(out, "README.md"), "utf8")).toContain("BBC");
    }));

  it.each([
    ["BBC", "not FOLDER=ID"],
    ["=x", "not FOLDER=ID"],
    ["BBC=a/b", "a feed id is"],
    ["BBC=.hidden", "choose another id"],
    ["BBC=index", "choose another id"],
  ])("refuses --feed-map %s", (pair, why) =>
    withTempDir(async (tmp) => {
      const result = await runCli(["import", tmp, "--out", join(tmp, "a"), "--feed-map", pair]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`E_USAGE: --feed-map ${pair}: `);
      expect(result.stderr).toContain(why);
    }),
  );

  it.each([
    {
      name: "a folder that does not exist",
      source: "old-news",
      setup: async () => {},
      lines: [
        "newsmirror: E_USAGE: {dir}/old-news: no such folder",
        "  suggestion: give the older mirror's folder (git clone it first), or its articles/ folder",
      ],
    },
    {
      name: "a file",
      source: "old.md",
      setup: (tmp: string) => writeFile(join(tmp, "old.md"), "x"),
      lines: [
        "newsmirror: E_USAGE: {dir}/old.md: a file, not a folder",
        "  suggestion: give the folder that holds the older mirror's files",
      ],
    },
  ])("refuses $name as a source: one line naming it, exit 2, nothing written", (c) =>
    withTempDir(async (tmp) => {
      await c.setup(tmp);
      const result = await runCli(["import", c.source, "--out", "archive"], { cwd: tmp });
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr.split("\n")).toEqual(c.lines.map((l) => l.replace("{dir}", tmp)));
      expect(Object.keys(await snapshot(tmp)).filter((p) => p.startsWith("archive"))).toEqual([]);
    }),
  );
});

describe("importLines: the summary line", () => {
  const report = (files: number, imported: number, failed: number): ImportReport => ({
    files,
    imported,
    merged: 0,
    existing: 0,
    failed,
    articles: [],
    times: {},
    merges: [],
    problems: [],
    feeds: [],
  });
  it.each([
    [
      "1 file read: 1 imported, 0 merged as duplicates, 0 already archived, 0 failed",
      report(1, 1, 0),
      false,
    ],
    [
      "2 files read: 1 would import, 0 merged as duplicates, 0 already archived, 1 failed",
      report(2, 1, 1),
      true,
    ],
    [
      "0 files read: 0 imported, 0 merged as duplicates, 0 already archived, 0 failed",
      report(0, 0, 0),
      false,
    ],
  ])("%s", (line, r, dryRun) => {
    expect(importLines(r, dryRun).out.at(-1)).toBe(line);
  });
});
