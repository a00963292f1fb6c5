import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Script } from "node:vm";
import type { ChunkCache } from "./chunks.js";

/**
 * V8's code cache of the bundle's chunks, kept between runs: with it, a run neither parses nor
 * compiles the code it ran last time (bench/RESULTS.md, "the compile cache").
 *
 * - Where: $NEWSMIRROR_COMPILE_CACHE, else $XDG_CACHE_HOME/newsmirror, else ~/.cache/newsmirror;
 *   `NEWSMIRROR_COMPILE_CACHE=off` keeps none. A folder per build of newsmirror, Node version,
 *   architecture and Node options: V8 refuses code made under other flags, and checks a code
 *   cache against its source's length only, so the build's hash must be in the name.
 * - Safe: cached code is code that runs, so the folders must be the user's own and writable by
 *   no one else; otherwise there is no cache. Files are written whole and renamed into place.
 * - Never in the way: any failure to read or write it means compiling as without it.
 * - Written at exit, when the run compiled a chunk that had no cache, or is the first of its
 *   command: V8 then includes every function this run compiled, not only the top level, so
 *   each command's code is cached once it has run once.
 */

/** Folders of other builds not written for this long are removed when a new one is made. */
const STALE_MS = 30 * 24 * 3600 * 1000;
/**
 * Temporary files older than this were left by a run killed while writing them (writing takes
 * milliseconds); newer ones may be another run's, being written now. Removed when writing.
 */
const LEFT_OVER_MS = 3600 * 1000;

export interface CacheSetting {
  /** The bundle's hash, set by scripts/bundle.mjs. */
  build: string;
  env: NodeJS.ProcessEnv;
  /** What the run is (its command): the cache is rewritten on the first run of each. */
  command: string;
}

export function openCompileCache(setting: CacheSetting): ChunkCache | undefined {
  try {
    const root = cacheRoot(setting.env);
    if (!root) return undefined;
    const folder = join(
      root,
      `${setting.build}-${process.version}-${process.arch}-${flags(setting.env)}`,
    );
    mkdirSync(root, { recursive: true, mode: 0o700 });
    if (!ownFolder(root)) return undefined;
    const made = !existsSync(folder);
    if (made) mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!ownFolder(folder)) return undefined;
    if (made) removeOlder(root, STALE_MS, (path) => path !== folder);
    return new CompileCache(folder, setting.command);
  } catch {
    return undefined;
  }
}

function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  const set = env.NEWSMIRROR_COMPILE_CACHE;
  if (set === "off") return undefined;
  if (set) return resolve(set);
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "newsmirror");
}

/** The options that change how V8 compiles, as a short hash for the folder's name. */
function flags(env: NodeJS.ProcessEnv): string {
  const text = `${process.execArgv.join(" ")}\0${env.NODE_OPTIONS ?? ""}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** A real folder of this user's, which no one else may write to. */
function ownFolder(path: string): boolean {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return false;
  if (process.platform === "win32") return true;
  return stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
}

/** Removes the entries of `dir` last written over `ms` ago that `which` picks. */
function removeOlder(dir: string, ms: number, which: (path: string) => boolean): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (which(path) && now - statSync(path).mtimeMs > ms)
      rmSync(path, { recursive: true, force: true });
  }
}

class CompileCache implements ChunkCache {
  private readonly scripts = new Map<string, Script>();
  private missed = false;

  constructor(
    private readonly folder: string,
    command: string,
  ) {
    const marker = join(folder, `ran-${command}`);
    if (!existsSync(marker)) this.missed = true;
    process.once("exit", () => {
      if (this.missed) this.write(marker);
    });
  }

  read(name: string): Buffer | undefined {
    try {
      return readFileSync(join(this.folder, `${name}.v8`));
    } catch {
      return undefined;
    }
  }

  compiled(name: string, script: Script, accepted: boolean): void {
    this.scripts.set(name, script);
    if (!accepted) this.missed = true;
  }

  private write(marker: string): void {
    try {
      removeOlder(this.folder, LEFT_OVER_MS, (path) => path.endsWith(".tmp"));
      for (const [name, script] of this.scripts)
        writeWhole(join(this.folder, `${name}.v8`), script.createCachedData());
      writeWhole(marker, "");
    } catch {
      // A cache not written is compiled again next time, nothing more.
    }
  }
}

/** A file written beside its place, then renamed into it: a reader sees all of it or none. */
function writeWhole(path: string, data: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
