import { mkdirSync, rmSync } from "node:fs";
import { link, open, rename, unlink } from "node:fs/promises";
import { makeDirs, withPath } from "./dirs.js";
import { dirname, join } from "node:path";
import { META_DIR } from "./layout.js";

/**
 * Temporary files go to {out}/.newsmirror/tmp (same file system as the archive, so rename is
 * atomic) rather than beside their target: a run killed mid-write then leaves nothing partial
 * among the items, and the next run empties that one folder.
 */
export function tmpDir(out: string): string {
  return join(out, META_DIR, "tmp");
}

export async function clearTmp(out: string): Promise<void> {
  // Synchronous, as the reads of opening an archive (read-sync.ts says why): usually nothing
  // is there, and the promise-based rm walks even that through the thread pool.
  rmSync(tmpDir(out), { recursive: true, force: true });
  madeDirs.clear();
}

/**
 * Tells apart two runs that got the same pid (a container restarted). Math.random, seeded per
 * process, is enough for that, and needs no crypto at start (src/text/sha256.ts says why).
 */
const RUN = Math.floor(Math.random() * 0x1_0000_0000)
  .toString(16)
  .padStart(8, "0");

/** Folders this process made or saw: a run writing thousands of items asks for each once. */
const madeDirs = new Set<string>();
let counter = 0;

async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await makeDirs(dir);
  madeDirs.add(dir);
}

/** A fresh name in the temporary folder, which exists once this returns. */
export function tmpName(out: string): string {
  const dir = tmpDir(out);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  return join(dir, `${process.pid}-${RUN}-${counter++}`);
}

async function writeTmp(out: string, data: string): Promise<string> {
  const file = tmpName(out);
  const handle = await open(file, "wx");
  try {
    // The string itself, not a Buffer copy: bench/RESULTS.md, "Strings handed to the kernel".
    let written = (await handle.write(data, null, "utf8")).bytesWritten;
    const size = Buffer.byteLength(data, "utf8");
    let bytes: Buffer | undefined;
    while (written < size) {
      bytes ??= Buffer.from(data, "utf8");
      const more = (await handle.write(bytes, written)).bytesWritten;
      // A write that makes no progress would loop for ever: treat it as the full disk it is.
      if (more === 0) throw Object.assign(new Error("no progress"), { code: "ENOSPC" });
      written += more;
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    // A FileHandle's errors carry no path; the user needs to know which disk is full.
    return withPath(file, Promise.reject(error));
  }
  await handle.close();
  return file;
}

/** Replaces `target` with `data` in one step: readers see the old bytes or the new, never a mix. */
export async function writeFileAtomic(out: string, target: string, data: string): Promise<void> {
  const file = await writeTmp(out, data);
  await ensureDir(dirname(target));
  try {
    await rename(file, target);
  } catch (error) {
    await unlink(file).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `target` with `data` unless it exists: returns false then, and the existing file is
 * untouched. link() is atomic and refuses to replace, so two writers can never both win.
 */
export async function createFileAtomic(
  out: string,
  target: string,
  data: string,
): Promise<boolean> {
  const file = await writeTmp(out, data);
  await ensureDir(dirname(target));
  try {
    await link(file, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
