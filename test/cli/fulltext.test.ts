import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const paragraph = (text: string) =>
  `<p>${text} ${"More words of the article body follow here. ".repeat(8)}</p>`;
const article = (body: string) =>
  `<!doctype html><html><head><title>x</title></head><body><nav>menu</nav><article><h1>Title</h1>${body}</article><footer>footer</footer></body></html>`;

let server: TestServer;
beforeAll(async () => {
  // 中文全文 in GBK bytes: the page declares its charset only in a <meta> tag.
  const gbkBytes = Buffer.concat([
    Buffer.from('<html><head><meta charset="gbk"></head><body><div class="story"><p>'),
    Buffer.from("d6d0cec4c8abcec4", "hex"),
    Buffer.from(`${paragraph("")}</div></body></html>`),
  ]);
  const pages: Record<string, () => [number, string, Buffer | string]> = {
    "/full": () => [
      200,
      "text/html; charset=utf-8",
      article(paragraph("FULLTEXT-ONE") + paragraph("second")),
    ],
    "/gbk": () => [200, "text/html", gbkBytes],
    "/missing": () => [404, "text/html", "gone"],
    "/nostory": () => [200, "text/html", "<html><body><p>nothing here</p></body></html>"],
  };
  server = await startServer((req, res) => {
    const url = req.url ?? "/";
    const gone = /^\/gone-(\d)$/.exec(url);
    if (gone) {
      // The earlier an entry stands in its feed, the later its page answers.
      setTimeout(() => res.writeHead(404).end(), (6 - Number(gone[1])) * 40);
      return;
    }
    if (url.startsWith("/feed-")) {
      const links =
        url === "/feed-readability"
          ? ["/full", "/missing"]
          : url === "/feed-gone"
            ? ["/gone-1", "/gone-2", "/gone-3", "/gone-4", "/gone-5"]
            : ["/gbk", "/nostory"];
      const items = links
        .map(
          (l) =>
            `<item><title>${l}</title><link>${server.url}${l}</link><description>teaser of ${l}</description></item>`,
        )
        .join("");
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(`<rss version="2.0"><channel><title>f</title>${items}</channel></rss>`);
      return;
    }
    const page = pages[url];
    if (!page) return void res.writeHead(404).end();
    const [status, type, body] = page();
    res.writeHead(status, { "content-type": type }).end(body);
  });
});
afterAll(() => server.close());

async function bodies(out: string, feed: string): Promise<string[]> {
  const texts: string[] = [];
  for (const month of await readdir(join(out, feed))) {
    if (!/^\d{4}-\d\d$/.test(month)) continue; // README.md, feed.xml
    for (const name of await readdir(join(out, feed, month)))
      if (name !== "README.md") texts.push(await readFile(join(out, feed, month, name), "utf8"));
  }
  return texts.sort();
}

/** Fetches the given config feeds into {dir}/out, at a fixed clock. */
async function fetchFeeds(dir: string, feeds: unknown[]) {
  const config = join(dir, "newsmirror.json");
  await writeFile(config, JSON.stringify({ feeds }));
  return runCli(["fetch", "--config", config, "--out", join(dir, "out")], {
    sourceDateEpoch: "1700000000",
  });
}

describe("full text", () => {
  it("replaces teasers by the article, and falls back to the teaser with a warning", () =>
    withTempDir(async (dir) => {
      const result = await fetchFeeds(dir, [
        { id: "r", url: `${server.url}/feed-readability`, fullText: "readability" },
        { id: "s", url: `${server.url}/feed-selector`, fullText: { selector: ".story" } },
      ]);
      expect(result.code).toBe(0);
      const warnings = result.stderr.split("\n");
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^r: warning: .*\/missing.*HTTP 404/),
          expect.stringMatching(/^s: warning: .*\/nostory/),
        ]),
      );
      const [full, missing] = await bodies(join(dir, "out"), "r");
      const texts = [full, missing].join("\n");
      expect(texts).toContain("FULLTEXT-ONE");
      expect(texts).not.toContain("menu");
      expect(texts).toContain("teaser of /missing");
      const selector = (await bodies(join(dir, "out"), "s")).join("\n");
      expect(selector).toContain("中文全文");
      expect(selector).toContain("teaser of /nostory");
      expect((await runCli(["verify", "--out", join(dir, "out")])).code).toBe(0);
    }));

  it("reports warnings in feed order, however the pages' answers interleave", () =>
    withTempDir(async (dir) => {
      const result = await fetchFeeds(dir, [
        { id: "g", url: `${server.url}/feed-gone`, fullText: "readability" },
      ]);
      expect(result.code).toBe(0);
      const warned = result.stderr
        .split("\n")
        .map((line) => /^g: warning: .*\/gone-(\d)/.exec(line)?.[1])
        .filter(Boolean);
      expect(warned).toEqual(["1", "2", "3", "4", "5"]);
      expect(await bodies(join(dir, "out"), "g")).toHaveLength(5);
    }));
});

describe("full text never reaches a private network on a feed's say-so", () => {
  /** A feed file whose one entry links to the loopback server's article. */
  const feedFile = async (dir: string) => {
    const path = join(dir, "feed.rss");
    await writeFile(
      path,
      `<rss version="2.0"><channel><title>f</title><item><title>t</title><link>${server.url}/full</link><description>teaser of the article</description></item></channel></rss>`,
    );
    return path;
  };

  it("refuses a link to a loopback server, keeps the feed's content and says why", () =>
    withTempDir(async (dir) => {
      const before = server.requests.length;
      const result = await fetchFeeds(dir, [
        { id: "p", url: await feedFile(dir), fullText: "readability" },
      ]);
      expect(result.code).toBe(0);
      const warnings = result.stderr.split("\n").filter((line) => line.includes("warning"));
      expect(warnings).toEqual([
        `p: warning: full text of ${server.url}/full not used: E_PRIVATE_ADDRESS 127.0.0.1 is not a public address (loopback); kept the feed's content (set "http": { "allowPrivateNetworks": true } in the config if that network is yours and you trust the feed)`,
      ]);
      expect(server.requests.length).toBe(before);
      const [body] = await bodies(join(dir, "out"), "p");
      expect(body).toContain("teaser of the article");
      expect(body).not.toContain("FULLTEXT-ONE");
    }));

  it("fetches it with http.allowPrivateNetworks", () =>
    withTempDir(async (dir) => {
      const config = join(dir, "newsmirror.json");
      await writeFile(
        config,
        JSON.stringify({
          http: { allowPrivateNetworks: true },
          feeds: [{ id: "p", url: await feedFile(dir), fullText: "readability" }],
        }),
      );
      const result = await runCli(["fetch", "--config", config, "--out", join(dir, "out")], {
        sourceDateEpoch: "1700000000",
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      const [body] = await bodies(join(dir, "out"), "p");
      expect(body).toContain("FULLTEXT-ONE");
    }));
});
