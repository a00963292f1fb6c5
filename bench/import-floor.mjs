// The floor of the import benchmark: read every source file once and write as many files of
// the same bytes through the writer's own journal (batches of 500, as import hands them over),
// then make them durable as a run does. No parsing, no converting, no duplicates found.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { openArchive } from "../dist/writer/archive.js";
import { itemHash } from "../dist/writer/layout.js";

const [from, to] = [process.argv[2], process.argv[3]];
// As src/pipeline/import.ts writes: one journal append a batch.
const BATCH = 250;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const archive = await openArchive({
  out: to,
  imageProxy: "none",
  configuredProxies: [],
  timezone: "UTC",
  feedTitles: new Map(),
});
const started = performance.now();
let files = 0;
let batch = [];
for await (const path of walk(from)) {
  const text = await readFile(path, "utf8");
  batch.push({ path: `floor/2020-01/${itemHash(path)}.txt`, text });
  files++;
  if (batch.length === BATCH) {
    await archive.writeItems(batch);
    batch = [];
  }
}
await archive.writeItems(batch);
await archive.complete(archive.state);
await archive.release();
process.stdout.write(`${files} ${Math.round(performance.now() - started)}\n`);
