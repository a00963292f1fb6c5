import { execFile } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPath } from "../helpers/cli.js";
import { repoRoot, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const run = promisify(execFile);

// What a run of the built CLI compiles is most of its start-up (bench/RESULTS.md, issue 11):
// a quiet run must not reach the parser, the converter, htmlparser2 or the lists, and markdown-
// it lives in a file of its own. The bundle's loader compiles a chunk on its first require and,
// with a compile cache folder that starts empty, leaves one code cache file per chunk it
// compiled; dist/chunks.json says which sources each chunk holds.
const FRESH_ONLY = [
  "src/fetcher/parse/index.ts",
  "src/converter/convert.ts",
  "src/selection/filters.ts",
  "src/writer/lists.ts",
  "node_modules/htmlparser2/",
  "node_modules/markdown-it/",
];

/** Node's own modules a quiet HTTP run must not load: only paths it never takes call them. */
const NOT_QUIET_BUILTINS = ["http2", "tls", "child_process", "perf_hooks", "crypto"];

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>
<item><title>*Bold* claim &amp; [a link](https://x.example/l)</title><link>https://x.example/1</link>
<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Body&lt;/p&gt;</description></item>
</channel></rss>`;

/** A preload that writes, at exit, the Node modules the process loaded to $NEWSMIRROR_BUILTINS. */
const BUILTINS = `process.on("exit", () => require("node:fs").writeFileSync(process.env.NEWSMIRROR_BUILTINS,
  process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13)).join("\\n")));`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.headers["if-none-match"] === '"1"') return void res.writeHead(304).end();
    res.writeHead(200, { etag: '"1"', "content-type": "application/rss+xml" }).end(FEED);
  });
});
afterAll(() => server.close());

/** The sources each file of dist/ holds that the loader compiles. */
async function chunkSources(): Promise<Map<string, string[]>> {
  const map = JSON.parse(await readFile(join(repoRoot, "dist", "chunks.json"), "utf8")) as Record<
    string,
    string[]
  >;
  return new Map([...Object.entries(map), ["markdown-it.cjs", ["node_modules/markdown-it/"]]]);
}

/**
 * The built CLI's `fetch` in `dir`, with compile cache folder `cache` (new); returns the sources
 * it compiled, and the Node modules it loaded.
 */
async function fetchAndListSources(
  dir: string,
  cache: string,
): Promise<{ sources: string[]; builtins: string[] }> {
  const builtins = join(dir, "builtins.txt");
  await run(
    process.execPath,
    ["--require", join(dir, "builtins.cjs"), cliPath, "fetch", "--quiet"],
    {
      cwd: dir,
      env: { ...process.env, NEWSMIRROR_COMPILE_CACHE: cache, NEWSMIRROR_BUILTINS: builtins },
    },
  );
  const [folder, ...others] = await readdir(cache);
  expect(others).toEqual([]);
  const compiled = (await readdir(join(cache, folder ?? ""))).filter((f) => f.endsWith(".v8"));
  expect(compiled.length).toBeGreaterThan(3);
  const sources = await chunkSources();
  return {
    sources: compiled.flatMap((file) => {
      const held = sources.get(file.slice(0, -".v8".length));
      expect(held, file).toBeDefined();
      return held ?? [];
    }),
    builtins: (await readFile(builtins, "utf8")).split("\n"),
  };
}

const holds = (sources: string[], marker: string) => sources.some((s) => s.startsWith(marker));

describe("what the built CLI compiles", { tags: ["slow"] }, () => {
  it("a run with news loads the parser; a quiet one none of what only news needs", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "builtins.cjs"), BUILTINS);
      await writeFile(
        join(dir, "newsmirror.json"),
        JSON.stringify({ feeds: [{ id: "x", url: `${server.url}/feed.xml` }] }),
      );

      const first = await fetchAndListSources(dir, join(dir, "cache-first"));
      for (const marker of FRESH_ONLY) expect(holds(first.sources, marker), marker).toBe(true);
      // The item keeps the title as escaped Markdown (\*Bold\*); its Atom entry has it
      // rendered by markdown-it, required from dist/markdown-it.cjs.
      const atom = await readFile(join(dir, "archive", "x", "feed.xml"), "utf8");
      expect(atom).toContain(
        '<title type="html">*Bold* claim &amp;amp; [a link](https://x.example/l)</title>',
      );

      const quiet = await fetchAndListSources(dir, join(dir, "cache-quiet"));
      expect(holds(quiet.sources, "src/fetcher/http/client.ts")).toBe(true);
      for (const marker of FRESH_ONLY) expect(holds(quiet.sources, marker), marker).toBe(false);
      expect(quiet.builtins).toContain("http");
      for (const name of NOT_QUIET_BUILTINS) expect(quiet.builtins, name).not.toContain(name);
    }));
});
