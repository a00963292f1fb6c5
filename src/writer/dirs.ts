import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { NewsmirrorError } from "../errors.js";

/** Deeper than any real archive path; only there so that no loop here can run forever. */
const MAX_DEPTH = 256;

function errno(code: string, path: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, path, syscall });
}

async function kindOf(path: string): Promise<"dir" | "other" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "other";
  } catch (error) {
    // ENOTDIR: a file stands higher up; walking up finds it, and names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw error;
  }
}

/** A folder an option names for output (`--to`): a folder, or nothing yet; never a file. */
export async function checkOutputFolder(option: string, dir: string): Promise<void> {
  if ((await kindOf(resolve(dir))) === "other")
    throw new NewsmirrorError("E_NOT_A_FOLDER", `${option} ${dir} is a file, not a folder`, {
      suggestion: `${option} must name a folder, or a path that does not exist yet`,
    });
}

/**
 * mkdir -p, one level at a time. Node's `mkdir(…, { recursive: true })` spins forever where a
 * parent can be neither found nor made (`/proc/x`: ENOENT for ever); here each missing level is
 * made once, and the first refusal is thrown as Node's error with its path.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const kind = await kindOf(current);
    if (kind === "dir") break;
    if (kind === "other") throw errno("ENOTDIR", current, "mkdir");
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      // Another writer made it first: fine, as long as it is a folder.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || (await kindOf(level)) !== "dir")
        throw error;
    }
  }
}

/** Node's errors from writing a file (writeFile, a FileHandle) carry no path: give them one. */
export async function withPath<T>(path: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw Object.assign(e, { path: e.path ?? path, syscall: e.syscall ?? "write" });
  }
}

/** verify, index and rerender work on an archive that exists: a typo must not look empty. */
export async function assertArchive(out: string): Promise<void> {
  const kind = await kindOf(out);
  if (kind === "dir") return;
  if (kind === "other") throw errno("ENOTDIR", out, "opendir");
  throw new NewsmirrorError("E_NO_ARCHIVE", `no archive at ${out}`, {
    suggestion:
      "check --out (or the config's out); `newsmirror fetch` or `index --create` makes one",
  });
}
