import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { git, repoWithRemote } from "../helpers/git.js";
import { fixture, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const feed = readFileSync(fixture("voa-putin-raw.rss"));
    // "/fresh-etag" sends the same items with a new ETag every time, as many servers do.
    if (req.url === "/etag" && req.headers["if-none-match"] === `"1"`)
      return void res.writeHead(304).end();
    if (req.url === "/etag") return void res.writeHead(200, { etag: '"1"' }).end(feed);
    if (req.url === "/fresh-etag")
      return void res.writeHead(200, { etag: `"${server.requests.length}"` }).end(feed);
    if (req.url === "/plain") return void res.end(feed);
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());

describe("a quiet hour is byte-for-byte quiet", () => {
  it("leaves `git status` empty after a second run against unchanged feeds, one of them dead", () =>
    withTempDir(async (dir) => {
      const { work } = await repoWithRemote(dir);
      const feeds = ["etag", "fresh-etag", "plain", "dead"].map((id) => ({
        id,
        url: `${server.url}/${id}`,
      }));
      await writeFile(
        join(work, "newsmirror.json"),
        JSON.stringify({ http: { retries: 0 }, feeds }),
      );
      const first = await runCli(["fetch", "--quiet"], {
        cwd: work,
        sourceDateEpoch: "1767225600",
      });
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(/^E_HTTP_STATUS dead: HTTP 404/);
      await git(work, "add", "-A");
      await git(work, "commit", "-qm", "first run");
      const second = await runCli(["fetch", "--quiet"], {
        cwd: work,
        sourceDateEpoch: "1767229200",
      });
      expect(second.code).toBe(1);
      expect(await git(work, "status", "--porcelain", "--untracked-files=all")).toBe("");
    }));
});

describe("every entry has an identity", () => {
  it("archives entries without guid, link or date once: the third run writes nothing", () =>
    withTempDir(async (dir) => {
      const feed = join(dir, "bare.rss");
      await writeFile(
        feed,
        `<rss version="2.0"><channel><title>t</title>
<item><title>Only a title</title><description>and a body</description></item>
<item><title>Only a title</title><description>another body</description></item>
<item><description>no title either</description></item>
</channel></rss>`,
      );
      const out = join(dir, "out");
      const runs = [];
      for (const epoch of ["1767225600", "1767229200", "1767232800"]) {
        runs.push(await runCli(["fetch", feed, "--out", out], { sourceDateEpoch: epoch }));
      }
      expect(runs.map((r) => r.stdout.split("\n")[0])).toEqual([
        "bare: 3 new, 0 already archived",
        "bare: 0 new, 3 already archived",
        "bare: 0 new, 3 already archived",
      ]);
    }));
});
