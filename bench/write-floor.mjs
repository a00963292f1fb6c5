// A second reference for the fetch benchmark: write the item files a fetch wrote, again, to a
// fresh folder with the writer's own crash-safe write (a temporary file, fsync, then link into
// place), as many at once as a fetch has in flight. No parsing, no converting: the disk's share.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createFileAtomic } from "../dist/writer/atomic.js";
import { itemFiles } from "./item-files.mjs";

const [from, to, inFlight] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const texts = [];
for (const rel of await itemFiles(from))
  texts.push({ rel, text: await readFile(join(from, rel), "utf8") });
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < texts.length) {
      const { rel, text } = texts[next++];
      await createFileAtomic(to, join(to, rel), text);
    }
  }),
);
process.stdout.write(`${texts.length} ${Math.round(performance.now() - started)}\n`);
