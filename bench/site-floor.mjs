// The floor of the site benchmark: every file the site is made of, read once and written again
// plainly to a fresh folder (open, write, close; no fsync, no rename): the disk's share of
// making a site, with no parsing, no rendering and no bookkeeping.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const [from, to] = process.argv.slice(2);
const files = (await readdir(from, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile() && !e.parentPath.includes(".newsmirror-site"))
  .map((e) => join(e.parentPath, e.name).slice(from.length + 1));
const started = performance.now();
const made = new Set();
let bytes = 0;
for (const rel of files) {
  const text = await readFile(join(from, rel));
  const file = join(to, rel);
  if (!made.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
  made.add(dirname(file));
  const fd = openSync(file, "wx");
  writeSync(fd, text);
  closeSync(fd);
  bytes += text.length;
}
process.stdout.write(`${files.length} ${Math.round(performance.now() - started)} ${bytes}\n`);
