import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { markdownTitleToText } from "../converter/title.js";
import { describeError } from "../errors.js";
import type { Item } from "../model.js";
import { makeIndexEntry, type IndexEntry } from "./index-file.js";
import { parseItem } from "./item-file.js";
import { isItemFileName } from "./layout.js";
import { listMonthFiles } from "./walk.js";
import { mapLimit } from "../map-limit.js";

export function indexEntryFor(item: Item, feed: string, hash: string, path: string): IndexEntry {
  return makeIndexEntry({
    id: hash,
    feed,
    title: markdownTitleToText(item.title),
    link: item.link,
    published: new Date(item.published).toISOString(),
    path,
  });
}

export interface StoredItem {
  feed: string;
  month: string;
  hash: string;
  /** Relative to the archive root, with `/`. */
  path: string;
  text: string;
  item: Item;
}

/**
 * Reads and parses every file of the given feeds' folders for one month, a few at a time, and
 * hands each item to `visit` as it is read: nothing is kept, so memory stays flat however large
 * the archive. Returns the problems: files that are no item, or that do not parse, one line each.
 */
export async function scanMonth(
  out: string,
  month: string,
  feeds: readonly string[],
  visit: (stored: StoredItem) => void | Promise<void>,
): Promise<string[]> {
  const problems: string[] = [];
  const jobs: { feed: string; name: string }[] = [];
  for (const feed of feeds) {
    for (const name of await listMonthFiles(out, feed, month)) {
      if (isItemFileName(name)) jobs.push({ feed, name });
      else problems.push(`${feed}/${month}/${name}: not an item file name ({16 hex digits}.txt)`);
    }
  }
  await mapLimit(jobs, 16, async ({ feed, name }) => {
    const path = `${feed}/${month}/${name}`;
    let stored: StoredItem;
    try {
      const text = await readFile(join(out, path), "utf8");
      stored = { feed, month, hash: name.slice(0, 16), path, text, item: parseItem(text, path) };
    } catch (error) {
      problems.push(describeError(error).message);
      return;
    }
    await visit(stored);
  });
  // Completion order varies; problems are reported in file order.
  return problems.sort();
}
