// The item files of an archive ({feed}/{YYYY-MM}/{hash}.txt), as the floors walk it.
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Paths relative to `root`, folder by folder. */
export async function itemFiles(root) {
  const files = [];
  for (const feed of await readdir(root, { withFileTypes: true })) {
    if (!feed.isDirectory() || feed.name === "index" || feed.name.startsWith(".")) continue;
    for (const month of await readdir(join(root, feed.name), { withFileTypes: true })) {
      if (!month.isDirectory()) continue;
      for (const name of await readdir(join(root, feed.name, month.name)))
        files.push(join(feed.name, month.name, name));
    }
  }
  return files;
}
