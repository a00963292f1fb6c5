import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";
import { snapshot } from "../helpers/archive.js";

const ETAG = '"v1"';
const MODIFIED = "Thu, 16 May 2024 01:00:00 GMT";
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === "/broken") return void res.writeHead(500).end();
    if (req.headers["if-none-match"] === ETAG) return void res.writeHead(304).end();
    res
      .writeHead(200, {
        "content-type": "application/rss+xml",
        etag: ETAG,
        "last-modified": MODIFIED,
      })
      .end(readFileSync(fixture("voa-putin-raw.rss")));
  });
});
afterAll(() => server.close());

describe("a cron run", () => {
  it("sends the validators of the last run, and a 304 writes nothing", () =>
    withTempDir(async (dir) => {
      const config = join(dir, "newsmirror.json");
      await writeConfig(config, [{ id: "voa", url: `${server.url}/feed` }]);
      const out = join(dir, "out");
      expect((await runCli(["fetch", "--config", config, "--out", out])).code).toBe(0);
      const state = JSON.parse(
        await readFile(join(out, ".newsmirror", "state", "voa.json"), "utf8"),
      );
      expect(state).toEqual({
        url: `${server.url}/feed`,
        etag: ETAG,
        lastModified: MODIFIED,
        title: "美国之音中文网",
        siteLink: "https://www.voachinese.com/",
        lastNews: "2026-01-01T00:00:00.000Z",
      });
      const before = await snapshot(out);
      const second = await runCli(["fetch", "--config", config, "--out", out, "--json"]);
      expect(JSON.parse(second.stdout).feeds).toMatchObject([
        { feed: "voa", status: "not-modified", httpStatus: 304, new: 0 },
      ]);
      const last = server.requests.at(-1);
      expect(last?.headers["if-none-match"]).toBe(ETAG);
      expect(last?.headers["if-modified-since"]).toBe(MODIFIED);
      // The state too: a quiet hour changes no byte, so there is nothing to commit.
      expect(await snapshot(out)).toEqual(before);
    }));

  it("keeps when a feed began failing, not a count, and keeps the other feeds going", () =>
    withTempDir(async (dir) => {
      const config = join(dir, "newsmirror.json");
      await writeConfig(config, [
        { id: "bad", url: `${server.url}/broken` },
        { id: "voa", url: `${server.url}/feed` },
      ]);
      const out = join(dir, "out");
      await writeFile(
        config,
        JSON.stringify({
          http: { retries: 0 },
          feeds: JSON.parse(await readFile(config, "utf8")).feeds,
        }),
      );
      const states: string[] = [];
      // Two runs an hour apart: the second may not change a byte of the state.
      for (const epoch of ["1767225600", "1767229200"]) {
        const result = await runCli(["fetch", "--config", config, "--out", out, "--quiet"], {
          sourceDateEpoch: epoch,
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^E_HTTP_STATUS bad: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/broken \(.+\)$/,
        );
        states.push(await readFile(join(out, ".newsmirror", "state", "bad.json"), "utf8"));
      }
      expect(JSON.parse(states[0] ?? "")).toEqual({
        failingSince: "2026-01-01T00:00:00.000Z",
        lastError: {
          code: "E_HTTP_STATUS",
          message: `bad: HTTP 500 from ${server.url}/broken`,
        },
      });
      expect(states[1]).toBe(states[0]);
    }));
});

async function writeConfig(file: string, feeds: { id: string; url: string }[]): Promise<void> {
  await writeFile(file, JSON.stringify({ feeds }));
}
