import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableId } from "../../src/pipeline/init.js";
import { WORKFLOW } from "../../src/pipeline/init-workflow.js";
import { runCli } from "../helpers/cli.js";
import { repoRoot, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const rss = (title: string) =>
  `<rss version="2.0"><channel><title>${title}</title><item><title>A</title><link>https://x.example/a</link><pubDate>Thu, 16 May 2024 00:15:21 GMT</pubDate></item></channel></rss>`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === "/hn") res.writeHead(200).end(rss("Hacker News"));
    else if (req.url === "/voa") res.writeHead(200).end(rss("美国之音"));
    else if (req.url === "/reset") req.socket.destroy();
    else res.writeHead(404).end("no");
  });
});
afterAll(() => server.close());

describe("newsmirror init", () => {
  it("writes a config that fetch accepts as it is", () =>
    withTempDir(async (dir) => {
      const urls = [`${server.url}/hn`, `${server.url}/voa`];
      const init = await runCli(["init", ...urls], { cwd: dir });
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      expect(init.stdout.split("\n")).toEqual([
        `hacker-news: ${urls[0]} (Hacker News)`,
        `feed: ${urls[1]} (美国之音)`,
        "wrote newsmirror.json, newsmirror.schema.json: 2 feeds",
        "next: newsmirror fetch",
      ]);
      expect(server.requests.filter((r) => r.url === "/hn")).toHaveLength(1);
      const config = JSON.parse(await readFile(join(dir, "newsmirror.json"), "utf8")) as object;
      expect(config).toEqual({
        $schema: "./newsmirror.schema.json",
        out: "archive",
        feeds: [
          { id: "hacker-news", url: urls[0], title: "Hacker News" },
          { id: "feed", url: urls[1], title: "美国之音" },
        ],
      });
      const schema = JSON.parse(
        await readFile(join(dir, "newsmirror.schema.json"), "utf8"),
      ) as object;
      expect(new Ajv2020().validate(schema, config)).toBe(true);
      const fetch = await runCli(["fetch"], { cwd: dir });
      expect(fetch.stderr).toBe("");
      expect(fetch.stdout.split("\n")).toEqual([
        "hacker-news: 1 new, 0 already archived",
        "feed: 1 new, 0 already archived",
        "2 feeds: 2 new items, 0 failed",
      ]);
      expect(await readFile(join(dir, "archive", "hacker-news", "README.md"), "utf8")).toMatch(
        /^# Hacker News\n/,
      );
    }));

  it("refuses to overwrite newsmirror.json without --force", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "newsmirror.json"), "{}\n");
      const refused = await runCli(["init"], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr.split("\n")).toEqual([
        "newsmirror: E_USAGE: newsmirror.json exists already: init leaves it as it is",
        "  suggestion: edit it, or run init with --force to replace it",
      ]);
      expect(await readFile(join(dir, "newsmirror.json"), "utf8")).toBe("{}\n");
      const forced = await runCli(["init", "--force"], { cwd: dir });
      expect(forced.code).toBe(0);
      expect(forced.stdout.split("\n").at(-1)).toBe(
        'next: add feeds to newsmirror.json ({ "id": …, "url": … }), then newsmirror fetch',
      );
    }));

  it.each([
    ["/gone", "E_HTTP_STATUS", "HTTP 404"],
    ["/reset", "E_NETWORK", "connection closed"],
  ])(
    "writes %s, which it cannot read, under an id from its URL, names it once, exits 1",
    (path, code, why) =>
      withTempDir(async (dir) => {
        const url = `${server.url}${path}`;
        const result = await runCli(["init", url], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `${code} ${url}: ${why} (written as "feed", without a title: check its URL)`,
        );
        const config = JSON.parse(await readFile(join(dir, "newsmirror.json"), "utf8")) as {
          feeds: unknown[];
        };
        expect(config.feeds).toEqual([{ id: "feed", url }]);
      }),
  );

  it("--github-actions writes the README's workflow", () =>
    withTempDir(async (dir) => {
      const result = await runCli(["init", "--github-actions"], { cwd: dir });
      expect(result.code).toBe(0);
      const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
      const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(await readFile(join(dir, ".github", "workflows", "news.yml"), "utf8")).toBe(block);
      expect(block).toBe(WORKFLOW);
    }));

  it.each<[string | undefined, string, string]>([
    ["Hacker News", "https://news.ycombinator.com/rss", "hacker-news"],
    ["BBC News 中文", "https://feeds.bbci.co.uk/zhongwen/simp/rss.xml", "bbci"],
    [undefined, "https://www.rfa.org/mandarin/RSS", "rfa"],
    ["美国之音", "https://www.voachinese.com/api/x", "voachinese"],
    [undefined, "http://127.0.0.1:8080/feed", "feed"],
  ])("takes a readable id from %s and %s: %s", (title, url, id) => {
    expect(readableId(title, url)).toBe(id);
  });
});
