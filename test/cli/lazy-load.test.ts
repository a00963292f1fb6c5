import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPath } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const run = promisify(execFile);

// What a run of the built CLI compiles is most of its start-up (bench/RESULTS.md, issue 11):
// a quiet run must not reach the parser, the converter, htmlparser2 or the lists, and markdown-
// it lives in a file of its own. The bundle keeps a `// src/…` or `node_modules/…` comment
// above each module it holds, so the files a run loaded tell which sources it compiled.
const FRESH_ONLY = [
  "// src/fetcher/parse/index.ts",
  "// src/converter/convert.ts",
  "// src/selection/filters.ts",
  "// src/writer/lists.ts",
  "node_modules/htmlparser2/",
  "node_modules/markdown-it/",
];

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>
<item><title>*Bold* claim &amp; [a link](https://x.example/l)</title><link>https://x.example/1</link>
<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Body&lt;/p&gt;</description></item>
</channel></rss>`;

/** An ESM loader hook that appends the URL of every module Node loads to $NEWSMIRROR_LOADS. */
const HOOKS = `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(process.env.NEWSMIRROR_LOADS, url + "\\n");
  return next(url, context);
}`;

/** Node's own modules a quiet HTTP run must not load: only paths it never takes call them. */
const NOT_QUIET_BUILTINS = ["http2", "tls", "child_process", "perf_hooks"];

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

/**
 * The built CLI's `fetch` in `dir`; returns the sources the files it loaded hold, and the Node
 * modules it loaded.
 */
async function fetchAndListSources(
  dir: string,
  loads: string,
): Promise<{ sources: string; builtins: string[] }> {
  await writeFile(loads, "");
  const register = pathToFileURL(join(dir, "register.mjs")).href;
  const builtins = join(dir, "builtins.txt");
  await run(
    process.execPath,
    ["--import", register, "--require", join(dir, "builtins.cjs"), cliPath, "fetch", "--quiet"],
    { cwd: dir, env: { ...process.env, NEWSMIRROR_LOADS: loads, NEWSMIRROR_BUILTINS: builtins } },
  );
  const urls = (await readFile(loads, "utf8")).split("\n").filter((u) => u.includes("/dist/"));
  expect(urls.length).toBeGreaterThan(3);
  const texts = await Promise.all(urls.map((u) => readFile(new URL(u), "utf8")));
  return { sources: texts.join("\n"), builtins: (await readFile(builtins, "utf8")).split("\n") };
}

describe("what the built CLI compiles", { tags: ["slow"] }, () => {
  it("a run with news loads the parser; a quiet one none of what only news needs", () =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "hooks.mjs"), HOOKS);
      await writeFile(join(dir, "builtins.cjs"), BUILTINS);
      await writeFile(
        join(dir, "register.mjs"),
        `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
      );
      await writeFile(
        join(dir, "newsmirror.json"),
        JSON.stringify({ feeds: [{ id: "x", url: `${server.url}/feed.xml` }] }),
      );
      const loads = join(dir, "loads.txt");

      const first = await fetchAndListSources(dir, loads);
      for (const marker of FRESH_ONLY.slice(0, 5)) expect(first.sources, marker).toContain(marker);
      // The item keeps the title as escaped Markdown (\*Bold\*); its Atom entry has it
      // rendered by markdown-it, required from dist/markdown-it.cjs.
      const atom = await readFile(join(dir, "archive", "x", "feed.xml"), "utf8");
      expect(atom).toContain(
        '<title type="html">*Bold* claim &amp;amp; [a link](https://x.example/l)</title>',
      );

      const quiet = await fetchAndListSources(dir, loads);
      for (const marker of FRESH_ONLY) expect(quiet.sources, marker).not.toContain(marker);
      expect(quiet.builtins).toContain("http");
      for (const name of NOT_QUIET_BUILTINS) expect(quiet.builtins, name).not.toContain(name);
    }));
});
