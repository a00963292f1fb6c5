import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";

/**
 * The bundle's own module loader. scripts/bundle.mjs writes the program as CommonJS chunks
 * (dist/*.cjs) that require each other by `./name.cjs`; this compiles each one on its first
 * require, as Node's require() would, but through vm.Script, which can take V8's code cache
 * (compile-cache.ts): Node 20 offers no code cache for its own loaders (module.enableCompileCache
 * came with Node 22), and compiling is most of a short run's start-up (bench/RESULTS.md).
 */

/** What a chunk's compilation needs from the cache, and tells it. */
export interface ChunkCache {
  /** The code cache kept for the chunk, if any. */
  read(name: string): Buffer | undefined;
  /** The chunk was compiled; `accepted` when V8 took the cached code (else it compiled anew). */
  compiled(name: string, script: Script, accepted: boolean): void;
}

/** A chunk's name as the bundle requires it: `./chunk-ABC123.cjs`, `./cli-main.cjs`. */
const CHUNK = /^\.\/([\w-]+\.cjs)$/;

/**
 * Node's CommonJS wrapper, plus `import.meta`, whose `url` the bundle reads to find files beside
 * it (the rerender worker, markdown-it) and which the build defines as this parameter's.
 */
const WRAP = [
  "(function (exports, require, module, __filename, __dirname, __newsmirror_import_meta) {",
  "\n})",
] as const;

type Wrapped = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  meta: { readonly url: string },
) => void;

/** Runs the chunk `entry` of the bundle in `dir`, which loads the others as it needs them. */
export function runChunks(dir: string, entry: string, cache: ChunkCache | undefined): void {
  const nodeRequire = createRequire(join(dir, entry));
  const modules = new Map<string, { exports: unknown }>();
  const load = (name: string): unknown => {
    const known = modules.get(name);
    if (known) return known.exports;
    const file = join(dir, name);
    const cachedData = cache?.read(name);
    const script = new Script(`${WRAP[0]}${readFileSync(file, "utf8")}${WRAP[1]}`, {
      filename: file,
      cachedData,
    });
    cache?.compiled(name, script, cachedData !== undefined && !script.cachedDataRejected);
    const module = { exports: {} };
    // Listed before it runs, as require() does, so that a cycle sees the exports so far.
    modules.set(name, module);
    const wrapped = script.runInThisContext() as Wrapped;
    const meta = {
      get url() {
        return pathToFileURL(file).href;
      },
    };
    wrapped(module.exports, bundleRequire, module, file, dir, meta);
    return module.exports;
  };
  const bundleRequire = Object.assign(
    (id: string): unknown => {
      const chunk = CHUNK.exec(id);
      return chunk ? load(chunk[1] as string) : nodeRequire(id);
    },
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: undefined },
  ) as unknown as NodeJS.Require;
  load(entry);
}
