// `npm run build`, second step: the CLI and the rerender worker bundled from what tsc has checked,
// an entry file each (dist/newsmirror.js, dist/rerender-worker.js) plus the chunks they share,
// and markdown-it apart (below).
// Node resolves and reads ~150 module files and package.json scopes at start otherwise. Each
// `await import()` in the sources becomes a chunk of its own (dist/chunk-*.js), loaded on first
// use: compiling one 3.7 MB bundle cost more than all the resolving it saved, and `--version`, the
// CLI's parsing or an all-304 run need little of it. Chunks sit beside the entries, not in a
// folder, because the sources find the worker relative to their own module (import.meta.url).
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
// Chunk names are content hashes: a build leaves no chunk of an earlier one behind.
const dist = new URL("dist/", root);
for (const name of readdirSync(dist, { withFileTypes: true }).map((e) => e.name))
  if (/^chunk-.*\.js$/.test(name)) rmSync(new URL(name, dist));

/**
 * Parts of dependencies that newsmirror never runs, left out of the bundle so that no run loads
 * or compiles them (bench/RESULTS.md, "Issue 11 again"): zod's translations of its messages into 63
 * other languages (half of zod's code; `z.locales` is never used, English stays the default),
 * and the http/https clients rss-parser loads for its parseURL (it only parses strings here;
 * loading them pulled Node's whole HTTP and TLS stack into every run that parses a feed).
 */
const leftOut = {
  name: "left-out",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:classic|core)[\\/]/.test(args.importer)
        ? { path: "zod-locales", namespace: "left-out" }
        : undefined,
    );
    build.onResolve({ filter: /^https?$/ }, (args) =>
      /[\\/]rss-parser[\\/]lib[\\/]parser\.js$/.test(args.importer)
        ? { path: args.path, namespace: "left-out" }
        : undefined,
    );
    build.onLoad({ filter: /^zod-locales$/, namespace: "left-out" }, () => ({
      contents: "export {};",
      loader: "js",
    }));
    build.onLoad({ filter: /^https?$/, namespace: "left-out" }, (args) => ({
      contents: `const refuse = () => { throw new Error("newsmirror's bundle has no ${args.path} client for rss-parser: parse strings only"); };\nmodule.exports = { get: refuse, request: refuse };`,
      loader: "js",
    }));
  },
};

/**
 * Modules that a dependency requires at its start but calls only on paths newsmirror never
 * takes, loaded on their first call instead: undici's HTTP/2 client (it loads Node's http2 and
 * tls; newsmirror never sets `allowH2`) and commander's child_process (for executable
 * subcommands; newsmirror has none). Each would load and compile Node modules at every start
 * (bench/RESULTS.md, "Issue 11, 2026-12-03, evening"). A call still works: the module loads then.
 */
const DEFERRED = [
  {
    importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/,
    path: "./client-h2.js",
    exports: "function",
  },
  { importer: /[\\/]commander[\\/]lib[\\/]command\.js$/, path: "node:child_process" },
];

const deferred = {
  name: "deferred",
  setup(build) {
    for (const [index, { importer, path }] of DEFERRED.entries())
      build.onResolve({ filter: new RegExp(`^${path.replace(/[.]/g, "\\.")}$`) }, (args) =>
        importer.test(args.importer)
          ? {
              path: `${index}`,
              namespace: "deferred",
              pluginData: path.startsWith(".") ? join(args.resolveDir, path) : path,
            }
          : undefined,
      );
    build.onLoad({ filter: /.*/, namespace: "deferred" }, (args) => {
      const load = `let loaded; const load = () => (loaded ??= require(${JSON.stringify(args.pluginData)}));`;
      const exported =
        DEFERRED[Number(args.path)].exports === "function"
          ? "module.exports = function (...args) { return load().apply(this, args); };"
          : "module.exports = new Proxy({}, { get: (_, key) => load()[key] });";
      return {
        contents: `${load}\n${exported}`,
        loader: "js",
        resolveDir: dirname(args.pluginData),
      };
    });
  },
};

/**
 * markdown-it, 270 kB, is needed only for the few titles with Markdown syntax (text/markdown-
 * title.ts requires it on first use), but its chunk would be the one of the index and the lists,
 * which every run loads: it is built as a file of its own (dist/markdown-it.cjs) that the
 * bundle's require() reads when a title needs it.
 */
const markdownApart = {
  name: "markdown-apart",
  setup(build) {
    build.onResolve({ filter: /^markdown-it$/ }, (args) =>
      /[\\/]src[\\/]text[\\/]markdown-title\.ts$/.test(args.importer)
        ? { path: "./markdown-it.cjs", external: true }
        : undefined,
    );
  },
};

await build({
  absWorkingDir: root.pathname,
  stdin: { contents: 'module.exports = require("markdown-it");', resolveDir: root.pathname },
  outfile: "dist/markdown-it.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20.19",
  legalComments: "none",
  logLevel: "warning",
});

await build({
  absWorkingDir: root.pathname,
  entryPoints: { newsmirror: "src/cli.ts", "rerender-worker": "src/pipeline/rerender-worker.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  splitting: true,
  chunkNames: "chunk-[hash]",
  target: "node20.19",
  // CommonJS dependencies (commander, undici, rss-parser…) call require() for Node's own
  // modules; an ES module has none unless it makes one.
  banner: {
    js: 'import { createRequire as __newsmirrorRequire } from "node:module"; const require = __newsmirrorRequire(import.meta.url);',
  },
  define: { NEWSMIRROR_VERSION: JSON.stringify(version) },
  legalComments: "none",
  logLevel: "warning",
  plugins: [leftOut, deferred, markdownApart],
});
