// `npm run build`, second step: the CLI and the rerender worker bundled from what tsc has checked,
// as chunks (dist/cli-main.cjs, dist/worker-main.cjs and the dist/chunk-*.cjs they share), their
// launchers (dist/newsmirror.cjs, the command; dist/rerender-worker.cjs), and markdown-it apart
// (below). Node resolves and reads ~150 module files and package.json scopes at start otherwise.
// Each `await import()` in the sources becomes a chunk of its own, loaded on first use: compiling
// one 3.7 MB bundle cost more than all the resolving it saved, and `--version`, the CLI's parsing
// or an all-304 run need little of it. The chunks are CommonJS, compiled by the launcher's loader
// with V8's code cache (src/launch/). Chunks sit beside the launchers, not in a folder, because
// the sources find the worker relative to their own module (import.meta.url).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { build, transform } from "esbuild";

const root = new URL("..", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
// Chunk names are content hashes: a build leaves no chunk of an earlier one behind (nor the
// ES module files that builds before the loader wrote: newsmirror.js, rerender-worker.js).
const dist = new URL("dist/", root);
for (const name of readdirSync(dist, { withFileTypes: true }).map((e) => e.name))
  if (/^(?:chunk-.*\.c?js|newsmirror\.js|rerender-worker\.js)$/.test(name))
    rmSync(new URL(name, dist));

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

// The program and the worker, split into chunks (one per lazy import) as ES modules, then each
// chunk turned into CommonJS for the bundle's own loader (src/launch/chunks.ts), which can
// compile it with V8's code cache. `import()` becomes require(): that loader has none.
const program = await build({
  absWorkingDir: root.pathname,
  entryPoints: { "cli-main": "src/cli.ts", "worker-main": "src/pipeline/rerender-worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  splitting: true,
  chunkNames: "chunk-[hash]",
  target: "node20.19",
  // A getter (src/launch/chunks.ts): the first file URL made costs ~5 ms, and few need one.
  define: {
    NEWSMIRROR_VERSION: JSON.stringify(version),
    "import.meta.url": "__newsmirror_import_meta.url",
  },
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [leftOut, deferred, markdownApart],
});
const chunks = [];
for (const file of program.outputFiles) {
  const { code } = await transform(file.text, {
    format: "cjs",
    loader: "js",
    target: "node20.19",
    supported: { "dynamic-import": false },
    legalComments: "none",
    logLevel: "warning",
  });
  // Checked without comments (JSDoc writes `import('…')` types): no import() may be left.
  const bare = (await transform(code, { minify: true, loader: "js", logLevel: "silent" })).code;
  if (/\bimport\(/.test(bare)) throw new Error(`${file.path}: an import() is left`);
  // esbuild escapes what is not ASCII in strings, not in comments or in some regular
  // expressions (Readability's). Escaped there too, which in a regular expression means the same
  // (a character outside the BMP as its two halves: the same with or without the u flag), a chunk
  // is ASCII: Node reads it without decoding and V8 keeps it at one byte a character (a single
  // "—" made it two).
  const ascii = code.replace(
    /[^\0-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  chunks.push({ path: file.path, code: ascii });
}
chunks.sort((a, b) => (a.path < b.path ? -1 : 1));
const hash = createHash("sha256");
for (const { path, code } of chunks) {
  hash.update(`${basename(path)}\0${code}\0`);
  writeFileSync(path, code);
}

// Which sources each chunk holds, for tests (test/cli/lazy-load.test.ts) and for reading the
// bundle: the chunks, as CommonJS, keep no `// src/…` comment above each module. Not shipped.
const sources = Object.fromEntries(
  Object.entries(program.metafile.outputs).map(([path, { inputs }]) => [
    basename(path),
    Object.keys(inputs),
  ]),
);
writeFileSync(new URL("chunks.json", dist), `${JSON.stringify(sources, null, 1)}\n`);

// The launchers, which Node runs: V8's flags, then the loader with the compile cache, whose
// folder is named by this hash of the chunks (V8 checks a cache against its source's length only).
await build({
  absWorkingDir: root.pathname,
  entryPoints: { newsmirror: "src/launch/cli.ts", "rerender-worker": "src/launch/worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20.19",
  define: { NEWSMIRROR_BUILD: JSON.stringify(hash.digest("hex").slice(0, 16)) },
  legalComments: "none",
  logLevel: "warning",
});
