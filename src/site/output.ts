import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { mkdir, open, readFile, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { mapLimit } from "../limit.js";

/** The site's own files that readers never need: the manifest and the temporary folder. */
export const SITE_META_DIR = ".newsmirror-site";
export const MANIFEST_FILE = `${SITE_META_DIR}/manifest.tsv`;

const RUN = `${process.pid}-${randomBytes(4).toString("hex")}`;
const FSYNCS_IN_FLIGHT = 16;

/**
 * Writes into the site folder, each file as a temporary file in the site's own folder (same
 * file system) renamed into place: a reader or a host syncing the folder sees a page whole or
 * not at all. Pages get no fsync each (the site is made from the archive and can be made
 * again); `sync()` makes everything durable at once before the manifest says it is done.
 */
export class SiteOutput {
  private readonly dirs = new Set<string>();
  /** The files to fsync one by one, kept only where the file system cannot be synced whole. */
  private written: string[] | undefined;
  private wrote = false;
  private counter = 0;

  constructor(readonly root: string) {}

  private tmp(): string {
    return join(this.root, SITE_META_DIR, "tmp");
  }

  async open(): Promise<void> {
    await rm(this.tmp(), { recursive: true, force: true });
    await mkdir(this.tmp(), { recursive: true });
    // Asked once, before anything is written: 100,000 paths kept for nothing cost 15 MB.
    if (!(await syncFileSystem(this.root))) this.written = [];
  }

  async read(path: string): Promise<string | undefined> {
    return readFile(join(this.root, path), "utf8").catch(() => undefined);
  }

  /**
   * Synchronous on purpose: a write of a page is a few microseconds of kernel work without an
   * fsync, and a page and the strings it was made from die young when nothing awaits between
   * (with awaits, 100,000 pages in flight in turn pushed the heap past 250 MB).
   */
  write(path: string, text: string | Iterable<string>): void {
    const target = join(this.root, path);
    const dir = dirname(target);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const file = join(this.tmp(), `${RUN}-${this.counter++}`);
    try {
      const fd = openSync(file, "wx");
      try {
        if (typeof text === "string") writeSync(fd, text, null, "utf8");
        else for (const chunk of text) writeSync(fd, chunk, null, "utf8");
      } finally {
        closeSync(fd);
      }
      renameSync(file, target);
    } catch (error) {
      try {
        unlinkSync(file);
      } catch {
        // never made, or already renamed
      }
      throw error;
    }
    this.wrote = true;
    this.written?.push(target);
  }

  /** Removes a page, then its folders as they become empty. */
  async remove(path: string): Promise<void> {
    await rm(join(this.root, path), { force: true });
    let dir = dirname(path);
    while (dir !== "." && dir !== "") {
      try {
        await rmdir(join(this.root, dir));
      } catch {
        break;
      }
      dir = dirname(dir);
    }
  }

  /** Everything written so far on disk: one syncfs, else an fsync per file. */
  async sync(): Promise<void> {
    if (!this.wrote) return;
    if (!this.written && (await syncFileSystem(this.root))) return;
    await mapLimit(this.written ?? [], FSYNCS_IN_FLIGHT, async (file) => {
      const handle = await open(file, "r");
      await handle.sync().finally(() => handle.close());
    });
  }

  async close(): Promise<void> {
    await rm(this.tmp(), { recursive: true, force: true });
  }
}

function syncFileSystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => execFile("sync", ["-f", dir], (error) => resolve(!error)));
}
