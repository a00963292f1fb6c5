// The floor of the archive benchmarks: read every item file once, 32 at a time.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { itemFiles } from "./item-files.mjs";

const root = process.argv[2];
const files = (await itemFiles(root)).map((rel) => join(root, rel));
let next = 0;
let bytes = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < files.length) {
      const text = await readFile(files[next++]);
      bytes += text.length; // after the await: `bytes +=` across it would lose updates
    }
  }),
);
process.stdout.write(`${files.length} ${bytes}\n`);
