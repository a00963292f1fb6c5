import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { open, readFile, rm, unlink, type FileHandle } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { mapLimit } from "../limit.js";
import { tmpName } from "./atomic.js";
import { metaPath } from "./layout.js";
import { readTextIfAny } from "./read-sync.js";
import { sha256 } from "../text/sha256.js";

/**
 * The run journal, {out}/.newsmirror/journal: while it exists, a run may have been interrupted
 * before what it wrote was complete and on disk. Why items need no fsync each, and a power cut
 * still never leaves a torn item that dedupe (which trusts file names) would keep forever:
 *
 * 1. Before an item file is created, its path and the SHA-256 of its bytes are appended to the
 *    journal and that append is fsynced (the journal's folder too, when the journal is new). So
 *    whenever an item this run wrote can exist on disk, a journal line naming it does too.
 * 2. Items are then written plainly: a temporary file, link() into place, no fsync. A killed
 *    process never leaves a partial file under an item's name (the bytes are in the kernel before
 *    the link); only a power cut or kernel crash can, when a name reached the disk before its data.
 * 3. Before the journal is removed, the run makes everything it wrote durable at once: one
 *    syncfs of the archive's file system (`sync -f`) for a large run, else fsyncs of every written
 *    file and its folders, issued in parallel. Only then is the feeds' state saved (its ETags say
 *    "you have this") and the journal removed. Losing that removal in a crash is harmless: the
 *    next run merely checks again.
 * 4. So a torn item can only exist while the journal does, and the journal names every candidate.
 *    The next run checks each listed file (see `recoverJournal`): absent is fine (never written);
 *    bytes that hash as recorded are kept; anything else is deleted, and the fetch writes it again
 *    because no file of that name exists. Index and lists, written under the journal too, are
 *    then rebuilt from the items.
 *
 * The cost is one fsync per feed that has new items, plus one sync per run, instead of one fsync
 * per item (5,000 on a first run of 50 feeds).
 */
const JOURNAL = "journal";
/** Written by versions before the journal: the same meaning, without a list of items. */
const LEGACY_MARKER = "dirty";
/** From this many items on, one syncfs beats fsyncs of each file (measured: 5,000 files, 0.3 s against 0.7–1.2 s). */
const SYNCFS_FROM = 200;
const FSYNCS_IN_FLIGHT = 16;

export interface ItemWrite {
  /** Relative to the archive root, with `/`. */
  path: string;
  text: string;
}

function sha256Hex(text: string | Uint8Array): string {
  return sha256(text).toString("hex");
}

/** Fsyncs a folder so the names created in it are durable; not possible everywhere (Windows). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "ENOENT")
      throw error;
  } finally {
    await handle?.close();
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * One syncfs(2) of the file system holding `dir`; false where `sync -f` is not available.
 * child_process is loaded here, by the runs that wrote items: a quiet run never compiles it.
 */
async function syncFileSystem(dir: string): Promise<boolean> {
  if (process.platform !== "linux") return false;
  const { execFile } = await import("node:child_process");
  return new Promise((resolve) => {
    execFile("sync", ["-f", dir], (error) => resolve(!error));
  });
}

/** Writes all of `text`; a short write goes on from where it stopped, none at all is a full disk. */
function writeAll(fd: number, text: string): void {
  let written = writeSync(fd, text, null, "utf8");
  const size = Buffer.byteLength(text, "utf8");
  if (written === size) return;
  const bytes = Buffer.from(text, "utf8");
  while (written < size) {
    const more = writeSync(fd, bytes, written, size - written);
    if (more === 0) throw Object.assign(new Error("no progress"), { code: "ENOSPC" });
    written += more;
  }
}

export class Journal {
  private handle: FileHandle | undefined;
  private opening: Promise<void> | undefined;
  private pending = "";
  /** Appends are flushed one fsync at a time; appends made meanwhile share the next one. */
  private tail: Promise<void> = Promise.resolve();
  private failed: unknown;
  /** How many items this run created. */
  private created = 0;
  /**
   * The items created, relative to the archive root, while they are few; past SYNCFS_FROM the
   * journal file itself is the list (an import of 100,000 files would otherwise hold every path).
   */
  private written: string[] | undefined = [];
  /** The folders items went to (absolute): their names must be made durable too. */
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly out: string,
    /** The syncs, replaceable so that tests can see which files are made durable. */
    private readonly syncs = { fileSystem: syncFileSystem, file: syncFile },
  ) {}

  /** Creates the journal durably (also what a run that rewrites items with fsyncs needs). */
  open(): Promise<void> {
    // Shared: two feeds writing their first items at once must not open two handles.
    this.opening ??= (async () => {
      this.handle = await open(metaPath(this.out, JOURNAL), "a");
      await this.handle.sync();
      await syncDir(metaPath(this.out));
    })();
    return this.opening;
  }

  /** Resolves once `lines` are on disk: every append up to then is covered by one fsync. */
  private record(lines: string): Promise<void> {
    this.pending += lines;
    const flush = this.tail.then(async () => {
      if (this.failed !== undefined) throw this.failed;
      if (!this.pending) return;
      const text = this.pending;
      this.pending = "";
      try {
        await this.handle!.write(text);
        await this.handle!.datasync();
      } catch (error) {
        this.failed = error;
        throw error;
      }
    });
    this.tail = flush.catch(() => undefined);
    return flush;
  }

  /**
   * Lists `items` in the journal, durably, then creates each one plainly unless a file of that
   * name exists. Returns, per item, whether it was created.
   */
  async writeItems(items: readonly ItemWrite[]): Promise<boolean[]> {
    // A file that exists already is never listed: recovery would take it for this run's and
    // delete it. Nothing else creates items meanwhile (the archive is locked).
    const created = items.map((item) => !existsSync(join(this.out, item.path)));
    const fresh = items.filter((_, i) => created[i]);
    if (fresh.length === 0) return created;
    await this.open();
    await this.record(fresh.map((item) => `${sha256Hex(item.text)} ${item.path}\n`).join(""));
    // Synchronous on purpose: without fsyncs each call is a few microseconds of kernel work, and
    // the promise API's thread-pool hops cost several times that in CPU on a 2-core machine.
    for (const item of fresh) this.create(item);
    return created;
  }

  private create({ path, text }: ItemWrite): void {
    const target = join(this.out, path);
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = tmpName(this.out);
    const fd = openSync(temp, "wx");
    try {
      writeAll(fd, text);
    } catch (error) {
      // Errors from a descriptor carry no path; the user needs to know which disk is full.
      const e = error as NodeJS.ErrnoException;
      throw Object.assign(e, { path: e.path ?? temp, syscall: e.syscall ?? "write" });
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, target);
      this.created++;
      if (this.created >= SYNCFS_FROM) this.written = undefined;
      else this.written?.push(path);
    } finally {
      unlinkSync(temp);
    }
  }

  /** Makes every item written so far durable, with the folders that gained names (step 3). */
  async sync(): Promise<void> {
    if (this.created === 0) return;
    if (this.created >= SYNCFS_FROM && (await this.syncs.fileSystem(this.out))) return;
    const paths = this.written ?? (await this.listed());
    const root = resolve(this.out);
    const dirs = new Set<string>([root]);
    for (const made of this.madeDirs) {
      // {feed}/{month}/: the month and feed folders may be new, so their parents too.
      for (let dir = resolve(made); dir.startsWith(root + sep); dir = dirname(dir)) dirs.add(dir);
    }
    await mapLimit(paths, FSYNCS_IN_FLIGHT, (path) => this.syncs.file(join(this.out, path)));
    await mapLimit([...dirs], FSYNCS_IN_FLIGHT, syncDir);
  }

  /**
   * The paths this run listed, read back from the journal; a listed item whose creation then
   * failed may be absent, and an absent file needs no fsync.
   */
  private async listed(): Promise<string[]> {
    await this.tail;
    const text = await readFile(metaPath(this.out, JOURNAL), "utf8");
    const paths: string[] = [];
    for (const [path] of parseJournal(text)) {
      if (existsSync(join(this.out, path))) paths.push(path);
    }
    return paths;
  }

  /** The run is complete: call only after `sync` and after saving the feeds' state. */
  async remove(): Promise<void> {
    await this.close();
    await rm(metaPath(this.out, JOURNAL), { force: true });
    await rm(metaPath(this.out, LEGACY_MARKER), { force: true });
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    await this.tail;
    await this.handle?.close();
    this.handle = undefined;
    this.opening = undefined;
  }
}

/**
 * The journal's lines as path → SHA-256. A line cut short by a crash lists an item that was
 * never written (step 1): skipped.
 */
function parseJournal(text: string): Map<string, string> {
  const listed = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) (.+)$/.exec(line);
    if (match) listed.set(match[2]!, match[1]!);
  }
  return listed;
}

export interface Recovery {
  /** Journal-listed items found whole and kept. */
  kept: number;
  /** Journal-listed items found torn and deleted, relative paths. */
  dropped: string[];
}

/**
 * Step 4 of the argument above: after an interrupted run, deletes the journal-listed items whose
 * bytes are not the ones recorded. Undefined when no run was interrupted. The journal itself is
 * left for the caller to remove once index and lists are rebuilt.
 */
export async function recoverJournal(out: string): Promise<Recovery | undefined> {
  // Synchronous: every run opening its archive asks (read-sync.ts says why).
  const text = readTextIfAny(metaPath(out, JOURNAL));
  if (text === undefined)
    return readTextIfAny(metaPath(out, LEGACY_MARKER)) === undefined
      ? undefined
      : { kept: 0, dropped: [] };
  const recovery: Recovery = { kept: 0, dropped: [] };
  for (const [path, hash] of parseJournal(text)) {
    const bytes = await readFile(join(out, path)).catch(() => undefined);
    if (bytes === undefined) continue;
    if (sha256Hex(bytes) === hash) {
      recovery.kept++;
      continue;
    }
    await unlink(join(out, path));
    recovery.dropped.push(path);
  }
  for (const dir of new Set(recovery.dropped.map((path) => dirname(join(out, path)))))
    await syncDir(dir);
  return recovery;
}
