import { readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemHash } from "../../src/writer/layout.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, hasShared, noticeIfNoShared, seedFile, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const GUID =
  "https://www.voachinese.com/a/russia-s-putin-arrives-in-china-for-state-visit-in-a-show-of-unity-between-the-authoritarian-allies-20240515/7613840.html";
const expectedRaw = readFileSync(fixture("voa-putin-raw.expected.txt"), "utf8");
const hash = itemHash(GUID);

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const name = (req.url ?? "/").slice(1);
    try {
      const body = readFileSync(fixture(name));
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(body);
    } catch {
      res.writeHead(404).end("not here");
    }
  });
});
afterAll(() => server.close());

describe("fetch reproduces the seed byte for byte", () => {
  noticeIfNoShared("the seed comparison");
  it.runIf(hasShared).each(["file", "http"])("from %s", (how) =>
    withTempDir(async (out) => {
      const source = how === "file" ? fixture("voa-putin.rss") : `${server.url}/voa-putin.rss`;
      const result = await runCli(["fetch", source, "--out", out]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const feed = how === "file" ? "voa-putin" : "127-0-0-1-voa-putin-rss";
      const text = await readFile(join(out, feed, "2024-05", `${hash}.txt`), "utf8");
      expect(text).toBe(readFileSync(seedFile, "utf8"));
    }),
  );
});

describe("fetch of the publisher's raw feed", () => {
  it.each(["file", "http"])("from %s equals the expected file", (how) =>
    withTempDir(async (out) => {
      const source =
        how === "file" ? fixture("voa-putin-raw.rss") : `${server.url}/voa-putin-raw.rss`;
      const result = await runCli(["fetch", source, "--out", out]);
      expect(result.code).toBe(0);
      const files = Object.entries(await snapshot(out)).filter(([p]) => p.endsWith(`${hash}.txt`));
      expect(files).toHaveLength(1);
      expect(files[0]?.[1]).toBe(expectedRaw);
    }),
  );
});

describe("an archive", () => {
  it("is written once: a second run adds nothing and changes no byte", () =>
    withTempDir(async (out) => {
      const first = await runCli(["fetch", fixture("voa-putin-raw.rss"), "--out", out]);
      expect(first.stdout).toContain("voa-putin-raw: 1 new, 0 already archived");
      const before = await snapshot(out);
      const second = await runCli(["fetch", fixture("voa-putin-raw.rss"), "--out", out]);
      expect(second.stdout).toContain("voa-putin-raw: 0 new, 1 already archived");
      expect(await snapshot(out)).toEqual(before);
    }));

  it("never writes an entry twice, even when it comes back with another date", () =>
    withTempDir(async (out) => {
      const feed = readFileSync(fixture("voa-putin-raw.rss"), "utf8");
      await writeFile(join(out, "a.rss"), feed);
      await runCli(["fetch", join(out, "a.rss"), "--out", join(out, "archive")]);
      await writeFile(join(out, "a.rss"), feed.replace("Thu, 16 May 2024", "Mon, 16 Sep 2024"));
      const again = await runCli(["fetch", join(out, "a.rss"), "--out", join(out, "archive")]);
      expect(again.stdout).toContain("a: 0 new, 1 already archived");
      const items = Object.keys(await snapshot(join(out, "archive"))).filter((p) =>
        p.endsWith(".txt"),
      );
      expect(items).toEqual([`a/2024-05/${hash}.txt`]);
    }));

  it("has an index and lists that `index` rebuilds to the same bytes, and verify finds it clean", () =>
    withTempDir(async (out) => {
      await runCli(["fetch", fixture("voa-putin-raw.rss"), fixture("voa-putin.rss"), "--out", out]);
      const fetched = await snapshot(out);
      // Each feed has its own index files, one per month.
      const lines = ["voa-putin-raw", "voa-putin"].flatMap((feed) =>
        (fetched[`index/${feed}/2024-05.jsonl`] ?? "")
          .trimEnd()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, string>),
      );
      expect(lines.map((l) => Object.keys(l))).toEqual([
        ["id", "feed", "title", "link", "published", "path"],
        ["id", "feed", "title", "link", "published", "path"],
      ]);
      expect(lines[0]).toMatchObject({
        title: "普京抵达北京，展示威权盟友的团结",
        published: "2024-05-16T00:15:21.000Z",
      });
      expect(fetched["README.md"]).toContain("voa-putin-raw");
      expect(fetched["voa-putin/README.md"]).toContain(
        `- 2024-05-16 00:39 [普京抵达北京，展示威权盟友的团结](2024-05/${hash}.txt)`,
      );
      for (const file of Object.keys(fetched).filter(
        (p) => !p.endsWith(".txt") && !p.startsWith(".newsmirror"),
      )) {
        await writeFile(join(out, file), "damaged\n");
      }
      const index = await runCli(["index", "--out", out]);
      expect(index.code).toBe(0);
      expect(await snapshot(out)).toEqual(fetched);
      const verify = await runCli(["verify", "--out", out]);
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
    }));

  it("gives entries without a date the run's SOURCE_DATE_EPOCH", () =>
    withTempDir(async (out) => {
      const feed = readFileSync(fixture("voa-putin-raw.rss"), "utf8").replace(
        /<pubDate>.*<\/pubDate>/,
        "",
      );
      const result = await runCli(["fetch", "-", "--out", out], {
        stdin: feed,
        sourceDateEpoch: "1700000000",
      });
      expect(result.code).toBe(0);
      const text = (await snapshot(out))[`stdin/2023-11/${hash}.txt`] ?? "";
      expect(text.startsWith("<!--1700000000000-->\n")).toBe(true);
      expect(text).toContain("<div><i>Tue, 14 Nov 2023 22:13:20 GMT</i></div>");
    }));

  it("judges dates by SOURCE_DATE_EPOCH's clock: a date past it by over a day is not kept", () =>
    withTempDir(async (out) => {
      // The fixture's entry is dated 16 May 2024; the run's clock says 14 November 2023.
      const result = await runCli(["fetch", "-", "--out", out], {
        stdin: readFileSync(fixture("voa-putin-raw.rss"), "utf8"),
        sourceDateEpoch: "1700000000",
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /^stdin: warning: date "Thu, 16 May 2024 00:15:21 GMT" of ".+" \(https:\/\/www\.voachinese\.com\/.+\) is more than a day after the run's time: archived under the run's time, 2023-11-14T22:13:20\.000Z$/,
      );
      const text = (await snapshot(out))[`stdin/2023-11/${hash}.txt`] ?? "";
      expect(text.startsWith("<!--1700000000000-->\n")).toBe(true);
      // The body's date line says the time archived, as line 1 does.
      expect(text).toContain("<div><i>Tue, 14 Nov 2023 22:13:20 GMT</i></div>");
    }));

  it("writes nothing on --dry-run", () =>
    withTempDir(async (out) => {
      const result = await runCli([
        "fetch",
        fixture("voa-putin.rss"),
        "--out",
        join(out, "a"),
        "--dry-run",
      ]);
      expect(result.stdout).toContain("voa-putin: would archive 1 new, 0 already archived");
      expect(await readdir(out)).toEqual([]);
    }));
});
