import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  archiveProblemLines,
  colorAllowed,
  fetchPrinter,
  problemLine,
  summaryLine,
  totalLine,
  warningLine,
} from "../../src/cli/output.js";
import type { FeedReport } from "../../src/pipeline/fetch.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const ok: FeedReport = {
  feed: "voa",
  source: "https://x.example/feed",
  status: "ok",
  new: 2,
  existing: 5,
  filtered: 0,
  repeated: 0,
  durationMs: 1,
  warnings: [],
};

describe("a feed's line", () => {
  it.each<[string, Partial<FeedReport>, boolean, string]>([
    ["new and old", {}, false, "voa: 2 new, 5 already archived"],
    ["a dry run", {}, true, "voa: would archive 2 new, 5 already archived"],
    ["filtered", { filtered: 3 }, false, "voa: 2 new, 5 already archived, 3 filtered out"],
    [
      "repeated",
      { new: 1, existing: 0, repeated: 1 },
      false,
      "voa: 1 new, 0 already archived, 1 repeated in the feed",
    ],
    ["304", { status: "not-modified" }, false, "voa: not modified"],
  ])("%s", (_name, change, dryRun, line) => {
    expect(summaryLine({ ...ok, ...change }, dryRun)).toBe(line);
  });

  it("names the feed once in a problem and a warning", () => {
    const failed: FeedReport = {
      ...ok,
      status: "failed",
      error: { code: "E_XML", message: "voa: broken XML: x", suggestion: "tell the publisher" },
    };
    expect(problemLine(failed)).toBe("E_XML voa: broken XML: x (tell the publisher)");
    expect(warningLine(ok, "voa: the document is cut short")).toBe(
      "voa: warning: the document is cut short",
    );
    expect(warningLine(ok, "a page failed")).toBe("voa: warning: a page failed");
  });
});

describe("the run's last line", () => {
  const failed: FeedReport = { ...ok, status: "failed", new: 0 };
  it.each<[string, FeedReport[], boolean, string]>([
    ["one of each", [{ ...ok, new: 1 }], false, "1 feed: 1 new item, 0 failed"],
    ["plurals", [ok, failed], false, "2 feeds: 2 new items, 1 failed"],
    [
      "a dry run",
      [ok],
      true,
      "dry run, nothing written: 1 feed, 2 new items would be archived, 0 failed",
    ],
    ["nothing", [], false, "0 feeds: 0 new items, 0 failed"],
  ])("%s", (_name, reports, dryRun, line) => {
    expect(totalLine(reports, dryRun)).toBe(line);
  });
});

describe("the printer", () => {
  it("prints the feeds in the jobs' order, whatever order they finish in", () => {
    const out: string[] = [];
    const printer = fetchPrinter("lines", { out: (l) => out.push(l), err: (l) => out.push(l) });
    const job = (id: string) => ({ id, source: { kind: "stdin" as const }, imageProxy: "none" });
    printer.onStart([job("a"), job("b"), job("c")]);
    printer.onFeed({ ...ok, feed: "c" });
    printer.onFeed({ ...ok, feed: "b" });
    expect(out).toEqual([]);
    printer.onFeed({ ...ok, feed: "a" });
    expect(out.map((l) => l.split(":")[0])).toEqual(["a", "b", "c"]);
  });

  it("colours problems and warnings only when colour is allowed", () => {
    const lines: string[] = [];
    const failed: FeedReport = { ...ok, status: "failed", error: { code: "E_XML", message: "x" } };
    for (const color of [true, false]) {
      const printer = fetchPrinter("lines", { out: () => {}, err: (l) => lines.push(l), color });
      printer.onStart([]);
      printer.onFeed({ ...failed, warnings: ["w"] });
    }
    expect(lines).toEqual([
      "\x1b[31mE_XML voa: x\x1b[0m",
      "\x1b[33mvoa: warning: w\x1b[0m",
      "E_XML voa: x",
      "voa: warning: w",
    ]);
  });

  it.each<[boolean, Record<string, string>, boolean]>([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: "1" }, false],
    [true, { NO_COLOR: "" }, true],
    [true, { TERM: "dumb" }, false],
  ])("colour on a TTY %s with %j: %s", (isTTY, env, allowed) => {
    expect(colorAllowed(isTTY, env)).toBe(allowed);
  });
});

describe("an archive's problem list", () => {
  const missing = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `a/2024-05/${String(i).padStart(16, "0")}.txt: missing from index/a/2024-05.jsonl`,
    );

  it.each<[string, string[], string[]]>([
    ["none", [], []],
    [
      "a few missing from the index",
      missing(2),
      [
        ...missing(2),
        "fix: run `newsmirror index` to rebuild the index and lists from the item files",
      ],
    ],
    [
      "many missing, counted on one line",
      missing(632),
      [
        "index/a/2024-05.jsonl: 632 item files are missing from it (a/2024-05/0000000000000000.txt and 631 more)",
        "fix: run `newsmirror index` to rebuild the index and lists from the item files",
      ],
    ],
    [
      "a broken item",
      ["a/2024-05/0000000000000000.txt: not an item file: it is empty"],
      [
        "a/2024-05/0000000000000000.txt: not an item file: it is empty",
        "fix: restore the files that are not item files from git, or delete them, then run `newsmirror index`",
      ],
    ],
  ])("%s", (_name, problems, lines) => {
    expect(archiveProblemLines(problems)).toEqual(lines);
  });
});

let server: TestServer;
beforeAll(async () => {
  // /slow answers after /fast has been answered: completion order is the reverse of the config's.
  let release: () => void = () => {};
  const fastDone = new Promise<void>((resolve) => (release = resolve));
  server = await startServer((req, res) => {
    const send = () =>
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(
          `<rss version="2.0"><channel><title>t</title><item><title>${req.url}</title><link>https://x.example${req.url}</link></item></channel></rss>`,
        );
    if (req.url === "/slow") void fastDone.then(send);
    else {
      send();
      release();
    }
  });
});
afterAll(() => server.close());

describe("fetch output", () => {
  it("gives one line per feed in the config's order, then the total", () =>
    withTempDir(async (dir) => {
      const feeds = [
        { id: "slow", url: `${server.url}/slow` },
        { id: "fast", url: `${server.url}/fast` },
      ];
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify({ feeds }));
      const result = await runCli(["fetch"], { cwd: dir });
      expect(result.stdout.split("\n")).toEqual([
        "slow: 1 new, 0 already archived",
        "fast: 1 new, 0 already archived",
        "2 feeds: 2 new items, 0 failed",
      ]);
    }));

  it.each<[string, (dir: string) => Promise<string>, string]>([
    [
      "a directory",
      async (dir) => {
        await mkdir(join(dir, "feeds"));
        return "feeds";
      },
      "E_SOURCE feeds: cannot read {dir}/feeds: it is a directory, not a feed file (give the path of a feed file inside it)",
    ],
    [
      "an empty file",
      async (dir) => {
        await writeFile(join(dir, "empty.xml"), "");
        return "empty.xml";
      },
      "E_NOT_A_FEED empty: not a feed (the document is empty) (newsmirror reads RSS, RDF, Atom and JSON Feed)",
    ],
    [
      "a binary file",
      async (dir) => {
        await writeFile(
          join(dir, "feed.gz"),
          Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]),
        );
        return "feed.gz";
      },
      "E_NOT_A_FEED feed: not a feed (binary data, not text) (newsmirror reads RSS, RDF, Atom and JSON Feed)",
    ],
  ])("words %s as such", (_name, make, line) =>
    withTempDir(async (dir) => {
      const source = await make(dir);
      const result = await runCli(["fetch", source, fixture("voa-putin.rss"), "--out", "out"], {
        cwd: dir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(line.replace("{dir}", dir));
      expect(result.stdout.split("\n")).toEqual([
        "voa-putin: 1 new, 0 already archived",
        "2 feeds: 1 new item, 1 failed",
      ]);
    }),
  );

  it("says would on a dry run, and --json says dryRun", () =>
    withTempDir(async (dir) => {
      const args = ["fetch", fixture("voa-putin.rss"), "--out", dir, "--dry-run"];
      const result = await runCli(args);
      expect(result.stdout.split("\n")).toEqual([
        "voa-putin: would archive 1 new, 0 already archived",
        "dry run, nothing written: 1 feed, 1 new item would be archived, 0 failed",
      ]);
      const json = JSON.parse((await runCli([...args, "--json"])).stdout) as object;
      expect(json).toMatchObject({ dryRun: true, feeds: [{ feed: "voa-putin", new: 1 }] });
    }));

  it("counts an entry the feed carries twice as repeated, not as already archived", () =>
    withTempDir(async (dir) => {
      const item = "<item><title>A</title><link>https://x.example/a</link></item>";
      const rss = `<rss version="2.0"><channel><title>t</title>${item}${item}</channel></rss>`;
      const result = await runCli(["fetch", "-", "--out", dir], { stdin: rss });
      expect(result.stdout.split("\n")[0]).toBe(
        "stdin: 1 new, 0 already archived, 1 repeated in the feed",
      );
    }));
});
