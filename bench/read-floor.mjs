// The floor of the archive benchmarks: read every item file once, 32 at a time.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const root = process.argv[2];
const files = [];
for (const feed of await readdir(root, { withFileTypes: true })) {
  if (!feed.isDirectory() || feed.name === "index" || feed.name.startsWith(".")) continue;
  for (const month of await readdir(join(root, feed.name), { withFileTypes: true })) {
    if (!month.isDirectory()) continue;
    for (const name of await readdir(join(root, feed.name, month.name)))
      files.push(join(root, feed.name, month.name, name));
  }
}
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < files.length) bytes += (await readFile(files[next++])).length;
  }),
);
process.stdout.write(`${files.length} ${bytes}\n`);
