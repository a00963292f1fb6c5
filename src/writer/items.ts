import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { markdownTitleToText } from "../text/markdown-title.js";
import { describeError } from "../errors.js";
import { makeIndexEntry, type IndexEntry } from "./index-file.js";
import { parseItemHead, type ItemHead } from "./item-file.js";
import { LIST_FILE, isItemFileName, itemExtensionOf, type ItemExtension } from "./layout.js";
import { listMonthFiles } from "./walk.js";

export function indexEntryFor(
  item: ItemHead,
  feed: string,
  hash: string,
  path: string,
): IndexEntry {
  return makeIndexEntry({
    id: hash,
    feed,
    title: markdownTitleToText(item.title),
    link: item.link,
    published: new Date(item.published).toISOString(),
    path,
  });
}

export interface StoredFile {
  feed: string;
  month: string;
  hash: string;
  extension: ItemExtension;
  /** Relative to the archive root, with `/`. */
  path: string;
}

/** Turns a file's bytes into what a scan needs; the bytes are reused once `visit` is done. */
export type ItemParser<T> = (bytes: Uint8Array, path: string) => T;

/** The file's bytes as read: only valid until `visit` returns (or its promise settles). */
export const fileBytes: ItemParser<Uint8Array> = (bytes) => bytes;

/** What the index needs: the body is checked but never decoded. */
export const readItemHead: ItemParser<ItemHead> = parseItemHead;

/**
 * Reads whole files into one buffer that grows to the largest file. Synchronous on purpose:
 * bench/RESULTS.md, "Synchronous reads of item files".
 */
class FileReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  read(file: string): Uint8Array {
    const fd = openSync(file, "r");
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
          this.buffer.copy(bigger);
          this.buffer = bigger;
        }
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) return this.buffer.subarray(0, length);
        length += n;
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Reads and parses every file of the given feeds' folders for one month, one at a time, and
 * hands each parsed item to `visit` as it is read: nothing is kept, so memory stays flat however
 * large the archive. Returns the problems: files that are no item, or that do not parse, one
 * line each.
 */
export async function scanMonth<T>(
  out: string,
  month: string,
  feeds: readonly string[],
  parse: ItemParser<T>,
  visit: (file: StoredFile, parsed: T) => void | Promise<void>,
): Promise<string[]> {
  const problems: string[] = [];
  const reader = new FileReader();
  for (const feed of feeds) {
    for (const name of await listMonthFiles(out, feed, month)) {
      if (name === LIST_FILE) continue; // the month's list, beside its items
      const path = `${feed}/${month}/${name}`;
      if (!isItemFileName(name)) {
        problems.push(`${path}: not an item file name ({16 hex digits}.txt or .md)`);
        continue;
      }
      let parsed: T;
      try {
        parsed = parse(reader.read(join(out, path)), path);
      } catch (error) {
        // readSync's errors carry no path: the line names the file, relative like the others.
        const e = error as NodeJS.ErrnoException;
        if (e.syscall && e.path === undefined) e.path = path;
        problems.push(describeError(error).message);
        continue;
      }
      const visited = visit(
        { feed, month, hash: name.slice(0, 16), extension: itemExtensionOf(name), path },
        parsed,
      );
      if (visited) await visited;
    }
  }
  // In path order, the order verify and rerender have always printed: same archive, same lines.
  return problems.sort();
}
