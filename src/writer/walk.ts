import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { isFeedDirName, isItemFileName, isMonth } from "./layout.js";

async function dirNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export async function listFeeds(out: string): Promise<string[]> {
  return (await dirNames(out)).filter(isFeedDirName);
}

export async function listFeedMonths(out: string, feed: string): Promise<string[]> {
  return (await dirNames(join(out, feed))).filter(isMonth);
}

/** Every file name in one feed month folder (item files and anything else). */
export async function listMonthFiles(out: string, feed: string, month: string): Promise<string[]> {
  try {
    return (await readdir(join(out, feed, month))).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The hashes a feed already has, from file names alone: dedupe never opens an item file. */
export async function feedHashes(out: string, feed: string): Promise<Set<string>> {
  const hashes = new Set<string>();
  for (const month of await listFeedMonths(out, feed)) {
    for (const name of await listMonthFiles(out, feed, month)) {
      if (isItemFileName(name)) hashes.add(name.slice(0, 16));
    }
  }
  return hashes;
}

/** All months that hold items, across feeds: map month → feeds having it. */
export async function monthsAcrossFeeds(out: string): Promise<Map<string, string[]>> {
  const months = new Map<string, string[]>();
  for (const feed of await listFeeds(out)) {
    for (const month of await listFeedMonths(out, feed)) {
      months.set(month, [...(months.get(month) ?? []), feed]);
    }
  }
  return new Map([...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
