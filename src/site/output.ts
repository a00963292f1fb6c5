import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, rmdir, unlink } from "node:fs/promises";
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
  private readonly written: string[] = [];
  private counter = 0;

  constructor(readonly root: string) {}

  private tmp(): string {
    return join(this.root, SITE_META_DIR, "tmp");
  }

  async open(): Promise<void> {
    await rm(this.tmp(), { recursive: true, force: true });
    await mkdir(this.tmp(), { recursive: true });
  }

  async read(path: string): Promise<string | undefined> {
    return readFile(join(this.root, path), "utf8").catch(() => undefined);
  }

  async write(path: string, text: string): Promise<void> {
    const target = join(this.root, path);
    const dir = dirname(target);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const file = join(this.tmp(), `${RUN}-${this.counter++}`);
    try {
      await writeNew(file, text);
      await rename(file, target);
    } catch (error) {
      await unlink(file).catch(() => undefined);
      throw error;
    }
    this.written.push(target);
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
    if (this.written.length === 0) return;
    if (await syncFileSystem(this.root)) return;
    await mapLimit(this.written, FSYNCS_IN_FLIGHT, async (file) => {
      const handle = await open(file, "r");
      await handle.sync().finally(() => handle.close());
    });
  }

  async close(): Promise<void> {
    await rm(this.tmp(), { recursive: true, force: true });
  }
}

async function writeNew(file: string, text: string): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

function syncFileSystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => execFile("sync", ["-f", dir], (error) => resolve(!error)));
}
