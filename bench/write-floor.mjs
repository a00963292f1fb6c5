// References for the fetch benchmark: the item files a fetch wrote, written again to a fresh
// folder, and nothing else (no parsing, no converting): the disk's share of a fetch.
//   plain: open, write, close in place, one after another, no fsync: the least any writer does.
//   per-file-fsync: the writer's createFileAtomic (a temporary file, fsync, link into place),
//   `inFlight` at once: what a crash-safe fetch cost before the run journal.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createFileAtomic } from "../dist/writer/atomic.js";
import { itemFiles } from "./item-files.mjs";

const [from, to, mode, inFlight] = process.argv.slice(2);
const texts = [];
for (const rel of await itemFiles(from))
  texts.push({ rel, text: await readFile(join(from, rel), "utf8") });
const started = performance.now();
if (mode === "plain") {
  const made = new Set();
  for (const { rel, text } of texts) {
    const file = join(to, rel);
    if (!made.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
    made.add(dirname(file));
    const fd = openSync(file, "wx");
    writeSync(fd, text, null, "utf8");
    closeSync(fd);
  }
} else {
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(inFlight) }, async () => {
      while (next < texts.length) {
        const { rel, text } = texts[next++];
        await createFileAtomic(to, join(to, rel), text);
      }
    }),
  );
}
process.stdout.write(`${texts.length} ${Math.round(performance.now() - started)}\n`);
