// `npm run build`, second step: the CLI and the rerender worker, each bundled into one file
// (dist/newsmirror.js, dist/rerender-worker.js) from what tsc has checked. Node resolves and reads
// ~150 module files at start otherwise; a bundle is one read and one compile. Commands still load
// lazily: esbuild keeps each `await import()` of a bundled module as code that runs on first use.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));

await build({
  absWorkingDir: root.pathname,
  entryPoints: { newsmirror: "src/cli.ts", "rerender-worker": "src/pipeline/rerender-worker.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  // CommonJS dependencies (commander, undici, rss-parser…) call require() for Node's own
  // modules; an ES module has none unless it makes one.
  banner: {
    js: 'import { createRequire as __newsmirrorRequire } from "node:module"; const require = __newsmirrorRequire(import.meta.url);',
  },
  define: { NEWSMIRROR_VERSION: JSON.stringify(version) },
  legalComments: "none",
  logLevel: "warning",
});
