import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { markdownTitleToText } from "../converter/title.js";
import { describeError } from "../errors.js";
import type { Item } from "../model.js";
import { makeIndexEntry, type IndexEntry } from "./index-file.js";
import { parseItem } from "./item-file.js";
import { isItemFileName } from "./layout.js";
import { listMonthFiles } from "./walk.js";

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

export interface MonthScan {
  items: StoredItem[];
  /** Files that are no item, or that do not parse: one line each. */
  problems: string[];
}

/** Reads and parses every file of the given feeds' folders for one month, a few at a time. */
export async function scanMonth(
  out: string,
  month: string,
  feeds: readonly string[],
): Promise<MonthScan> {
  const scan: MonthScan = { items: [], problems: [] };
  const jobs: { feed: string; name: string }[] = [];
  for (const feed of feeds) {
    for (const name of await listMonthFiles(out, feed, month)) {
      if (isItemFileName(name)) jobs.push({ feed, name });
      else
        scan.problems.push(`${feed}/${month}/${name}: not an item file name ({16 hex digits}.txt)`);
    }
  }
  const results = await mapLimit(jobs, 32, async ({ feed, name }) => {
    const path = `${feed}/${month}/${name}`;
    try {
      const text = await readFile(join(out, path), "utf8");
      return { feed, month, hash: name.slice(0, 16), path, text, item: parseItem(text, path) };
    } catch (error) {
      return describeError(error).message;
    }
  });
  for (const result of results) {
    if (typeof result === "string") scan.problems.push(result);
    else scan.items.push(result);
  }
  return scan;
}

/** Runs `fn` over `inputs` with at most `limit` at once, keeping the order of the inputs. */
export async function mapLimit<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (input: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await fn(inputs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
