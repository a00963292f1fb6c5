import { readFileSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Parser } from "htmlparser2";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { htmlText } from "../../src/text/html-text.js";
import { markdownTitleToText } from "../../src/text/markdown-title.js";
import { parseItem } from "../../src/writer/item-file.js";
import type { ExportReport } from "../../src/pipeline/export.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

/** A feed of titles that break hand-made YAML, two of them the same title on the same day. */
const TITLES = [
  'He said "no": yes',
  "---",
  "- a bullet: # and a comment",
  "yes",
  "Table, ~~struck~~ and an image",
  "普京抵达北京：团结",
  "Same title",
  "Same title",
];

function hostileFeed(): string {
  const items = TITLES.map((title, i) => {
    const body = `<p>Paragraph ${i} 新闻 <del>old</del></p><img src="https://news.example/${i}.jpg" alt="pic ${i}"><table><tr><th>h</th></tr><tr><td>cell ${i}</td></tr></table>`;
    const date = new Date(Date.UTC(2024, 4, 1, 1) + i * 60_000).toUTCString();
    const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return `<item><title>${escaped}</title><link>https://news.example/a/${i}</link><guid>g${i}</guid><pubDate>${date}</pubDate><description><![CDATA[${body}]]></description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

const gfm = new MarkdownIt({ html: true });

/** What in rendered HTML could run script: script elements, on* attributes, javascript: URLs. */
function runnable(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag: (name, attributes) => {
      if (name === "script") found.push("<script>");
      for (const [key, value] of Object.entries(attributes))
        if (/^on/i.test(key) || /^\s*(?:java|vb)script:/i.test(value))
          found.push(`${key}=${value}`);
    },
  });
  parser.end(html);
  return found;
}

/** An archive fetched from the fixtures: voa-putin, its raw twin, the XSS vectors, hostile titles. */
async function fetchedArchive(dir: string): Promise<string> {
  const out = join(dir, "archive");
  await writeFile(join(dir, "hostile.rss"), hostileFeed());
  const sources = [
    fixture("voa-putin.rss"),
    fixture("voa-putin-raw.rss"),
    fixture("xss-vectors.rss"),
    join(dir, "hostile.rss"),
  ];
  const fetched = await runCli(["fetch", ...sources, "--out", out]);
  expect(fetched.code).toBe(0);
  return out;
}

async function exportJson(args: string[]): Promise<{ code: number; report: ExportReport }> {
  const result = await runCli(["export", "markdown", ...args, "--json"]);
  return { code: result.code, report: JSON.parse(result.stdout) as ExportReport };
}

/** Every item of the archive, by feed and hash. */
async function items(out: string) {
  const found = new Map<string, ReturnType<typeof parseItem>>();
  for (const [path, text] of Object.entries(await snapshot(out))) {
    const m = /^([^/]+)\/\d{4}-\d{2}\/([0-9a-f]{16})\.(?:txt|md)$/.exec(path);
    if (m) found.set(`${m[1]}/${m[2]}`, parseItem(text, path));
  }
  return found;
}

/** The exported files as front matter and body. */
function splitExport(text: string): { data: Record<string, unknown>; body: string } {
  const end = text.indexOf("\n---\n", 4);
  return {
    data: parse(text.slice(4, end + 1), { version: "1.1" }) as Record<string, unknown>,
    body: text.slice(end + 5),
  };
}

describe("newsmirror export markdown", () => {
  it.each([
    { style: "jekyll", pattern: /^_posts\/[^/]+\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/ },
    { style: "hugo", pattern: /^content\/[^/]+\/\d{4}-\d{2}\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/ },
  ])("$style: every article, front matter parsed back, body rendered back", ({ style, pattern }) =>
    withTempDir(async (dir) => {
      const out = await fetchedArchive(dir);
      const site = join(dir, "site");
      const { code, report } = await exportJson([
        "--out",
        out,
        "--to",
        site,
        "--front-matter",
        style,
      ]);
      expect(code).toBe(0);
      expect(report.problems).toEqual([]);
      const stored = await items(out);
      expect(report.articles).toBe(stored.size);
      expect(report.written).toBe(stored.size);
      const files = Object.entries(await snapshot(site)).filter(([p]) => p.endsWith(".md"));
      expect(files).toHaveLength(stored.size);
      const manifest = JSON.parse(
        readFileSync(join(site, ".newsmirror", "export.json"), "utf8"),
      ) as { files: Record<string, { path: string }> };
      expect(Object.keys(manifest.files).sort()).toEqual([...stored.keys()].sort());
      for (const [key, { path }] of Object.entries(manifest.files)) {
        expect(path).toMatch(pattern);
        const item = stored.get(key)!;
        const { data, body } = splitExport(await readFile(join(site, path), "utf8"));
        expect(data.title).toBe(markdownTitleToText(item.title));
        expect(data.categories).toEqual([key.split("/")[0]]);
        expect(style === "jekyll" ? data.from : (data.params as { source: string }).source).toBe(
          item.link,
        );
        expect(new Date(data.date as string).getTime()).toBe(item.published);
        const html = gfm.render(body);
        expect(html).toContain(`href="${item.link.replace(/&/g, "&amp;")}"`);
        // The body's text and images survive the round trip through Markdown.
        const text = htmlText(item.body.replace(/^<div><i>[^<]*<\/i><\/div>/, ""));
        const words = text.split(/\s+/).filter((w) => w.length > 3 && !/[<>&*_`~[\]\\]/.test(w));
        for (const word of words.slice(0, 20)) expect(htmlText(html)).toContain(word);
        for (const [, src] of item.body.matchAll(/<img [^>]*src="(https:[^"]+)"/g))
          expect(html).toContain(`src="${src}`);
        // Nothing that runs script comes back, whatever the stored body's markup was.
        expect(runnable(html)).toEqual([]);
      }
    }),
  );

  it("hostile titles: the two same titles of a day get distinct, stable names", () =>
    withTempDir(async (dir) => {
      const out = await fetchedArchive(dir);
      const site = join(dir, "site");
      await exportJson(["--out", out, "--to", site]);
      const names = Object.keys(await snapshot(site)).filter((p) => p.startsWith("_posts/hostile"));
      const same = names.filter((p) => p.includes("same-title")).sort();
      expect(same).toHaveLength(2);
      expect(same).toContain("_posts/hostile/2024-05-01-same-title.md");
      expect(same[0]).toMatch(/^_posts\/hostile\/2024-05-01-same-title-[0-9a-f]{8}\.md$/);
      expect(names).toContain("_posts/hostile/2024-05-01-he-said-no-yes.md");
      // The CJK title is named by its item's hash.
      expect(names.filter((p) => /\/2024-05-01-[0-9a-f]{16}\.md$/.test(p))).toHaveLength(2);
      const titles = await Promise.all(
        names.map(async (p) => splitExport(await readFile(join(site, p), "utf8")).data.title),
      );
      expect(titles.sort()).toEqual([...TITLES].sort());
      // A second export into a fresh folder gives the same bytes; into the same one, no write.
      const again = join(dir, "again");
      await exportJson(["--out", out, "--to", again]);
      expect(await snapshot(again)).toEqual(await snapshot(site));
    }));

  it("incremental: unchanged files are not rewritten, removed items' files go, others stay", () =>
    withTempDir(async (dir) => {
      const out = await fetchedArchive(dir);
      const site = join(dir, "site");
      const first = await exportJson(["--out", out, "--to", site]);
      const mine = join(site, "_posts", "mine.md");
      await writeFile(mine, "my own post\n");
      await writeFile(join(site, "_config.yml"), "title: mine\n");
      const voa = "_posts/voa-putin/2024-05-16-c2d19f767b6e6410.md";
      const before = await stat(join(site, voa));

      const second = await runCli(["export", "markdown", "--out", out, "--to", site]);
      expect(second.stdout).toBe(
        `${first.report.articles} articles exported to ${site}: 0 written, ${first.report.articles} unchanged, 0 removed, 0 problems`,
      );
      expect((await stat(join(site, voa))).mtimeMs).toBe(before.mtimeMs);

      // A file deleted by hand comes back; an item the archive lost takes its file along.
      await rm(join(site, voa));
      const rawPath = Object.keys(await snapshot(out)).find((p) =>
        /^voa-putin-raw\/\d{4}-\d{2}\/[0-9a-f]{16}\.txt$/.test(p),
      );
      await rm(join(out, rawPath!));
      const third = await exportJson(["--out", out, "--to", site]);
      expect(third.report.written).toBe(1);
      expect(third.report.removed).toEqual([
        expect.stringMatching(/^_posts\/voa-putin-raw\/2024-05-16-[0-9a-f]{16}\.md$/),
      ]);
      const after = await snapshot(site);
      expect(Object.keys(after).some((p) => p.startsWith("_posts/voa-putin-raw/"))).toBe(false);
      expect(after["_posts/mine.md"]).toBe("my own post\n");
      expect(after["_config.yml"]).toBe("title: mine\n");
      expect(after[voa]).toBeDefined();
      expect(Object.keys(after).some((p) => p.startsWith(".newsmirror/tmp/"))).toBe(false);

      // Another front matter style: the other layout, and the first one's files removed.
      const hugo = await exportJson(["--out", out, "--to", site, "--front-matter", "hugo"]);
      expect(hugo.report.removed).toHaveLength(first.report.articles - 1);
      expect(Object.keys(await snapshot(site)).filter((p) => p.startsWith("_posts/"))).toEqual([
        "_posts/mine.md",
      ]);
    }));

  it("a bad item file: one line naming it, exit 1, every other article exported", () =>
    withTempDir(async (dir) => {
      const out = await fetchedArchive(dir);
      const bad = Object.keys(await snapshot(out)).find((p) =>
        /^voa-putin\/\d{4}-\d{2}\/[0-9a-f]{16}\.txt$/.test(p),
      )!;
      const site = join(dir, "site");
      const first = await exportJson(["--out", out, "--to", site]);
      const total = (await items(out)).size;
      await writeFile(join(out, bad), "not an\nitem\n");
      await mkdir(join(out, "voa-putin", "2024-06"));
      await writeFile(join(out, "voa-putin", "2024-06", "notes.txt"), "x\n");
      const result = await runCli(["export", "markdown", "--out", out, "--to", site]);
      expect(result.code).toBe(1);
      const lines = result.stderr.split("\n");
      expect(lines).toContain(`${bad}: not an item file: it has 2 lines, not 5`);
      expect(lines).toContain(
        "voa-putin/2024-06/notes.txt: not an item file name ({16 hex digits}.txt or .md)",
      );
      expect(result.stdout).toMatch(
        new RegExp(`^${total - 1} articles exported .* 0 removed, 2 problems$`),
      );
      // The article's file from the export before stays: a damaged item loses nothing.
      const after = await snapshot(site);
      expect(after["_posts/voa-putin/2024-05-16-c2d19f767b6e6410.md"]).toBeDefined();
      expect(Object.keys(after).filter((p) => p.endsWith(".md"))).toHaveLength(
        first.report.articles,
      );
    }));

  it.each([
    { to: (out: string) => out, why: "the archive itself", says: "is inside the archive" },
    {
      to: (out: string) => join(out, "site"),
      why: "a folder inside it",
      says: "is inside the archive",
    },
    {
      to: (out: string) => join(out, "..", "other"),
      why: "another archive",
      says: "is a newsmirror archive",
    },
  ])("refuses to export into $why", ({ to, says }) =>
    withTempDir(async (dir) => {
      const out = await fetchedArchive(dir);
      await runCli(["fetch", fixture("voa-putin.rss"), "--out", join(dir, "other")]);
      const result = await runCli(["export", "markdown", "--out", out, "--to", to(out)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`E_USAGE: --to ${to(out)} ${says}`);
      expect(result.stdout).toBe("");
    }),
  );

  it("an unknown front matter style is a usage error", async () => {
    const result = await runCli(["export", "markdown", "--to", "x", "--front-matter", "toml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("toml");
  });
});
