// A second reference for the fetch benchmark: write the item files a fetch wrote, again, to a
// fresh folder the way any crash-safe writer must (a temporary file, fsync, then link into
// place), as many at once as a fetch has in flight. No parsing, no converting: the disk's share.
import { link, mkdir, open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { itemFiles } from "./item-files.mjs";

const [from, to, inFlight] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const texts = [];
for (const rel of await itemFiles(from))
  texts.push({ rel, text: await readFile(join(from, rel), "utf8") });
const tmp = join(to, "tmp");
await mkdir(tmp, { recursive: true });
const made = new Set();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < texts.length) {
      const i = next++;
      const file = join(tmp, String(i));
      const handle = await open(file, "wx");
      await handle.writeFile(texts[i].text, "utf8");
      await handle.sync();
      await handle.close();
      const target = join(to, texts[i].rel);
      const dir = join(target, "..");
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      await link(file, target);
      await unlink(file);
    }
  }),
);
process.stdout.write(`${texts.length} ${Math.round(performance.now() - started)}\n`);
