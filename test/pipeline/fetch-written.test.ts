import { rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { snapshot } from "../helpers/archive.js";
import { runCli, spawnCli } from "../helpers/cli.js";
import { repoRoot, withTempDir } from "../helpers/paths.js";
import { lists, twoFeeds } from "../helpers/written.js";

// The lists a fetch makes take the items and index files it wrote from memory (writer/written.ts).

/**
 * Runs of a then b, each `[items in both, newer items in a]`; what the last run read back, and
 * how many items it created. bench/count-opens.mjs counts every open of an item file, and under
 * 200 new items (SYNCFS_FROM in writer/journal.ts) each one is opened once more, for its fsync.
 */
const RUNS = [
  { what: "a first run", runs: [[60, 0]], read: 0, created: 120 },
  // Feed a's Atom feed and the archive's: 10 new from memory, the 40 next newest from disk each.
  {
    what: "a second run with 10 new items",
    runs: [
      [60, 0],
      [60, 10],
    ],
    read: 80,
    created: 10,
  },
];

describe("the lists of a fetch, from what it wrote", () => {
  it.each(RUNS)("$what: the same bytes as made from the files alone", ({ runs }) =>
    withTempDir(async (dir) => {
      let out = "";
      for (const [count, newer] of runs) {
        out = await twoFeeds(dir, count!, newer);
        const run = await runCli(["fetch", join(dir, "a.rss"), join(dir, "b.rss"), "--out", out]);
        expect(run.stderr).toBe("");
      }
      const fetched = await snapshot(out);
      // `index` makes index and lists again from the item files alone.
      for (const path of Object.keys(lists(fetched))) await rm(join(out, path));
      expect((await runCli(["index", "--out", out])).code).toBe(0);
      const rebuilt = await snapshot(out);
      expect(Object.keys(lists(fetched)).length).toBeGreaterThan(10);
      for (const [path, text] of Object.entries(fetched))
        if (!path.startsWith(".newsmirror/")) expect(rebuilt[path], path).toBe(text);
    }),
  );

  it.each(RUNS)(
    "$what reads $read item files back",
    { tags: ["slow"] },
    ({ runs, read, created }) =>
      withTempDir(async (dir) => {
        const counter = join(repoRoot, "bench", "count-opens.mjs");
        let stderr = "";
        for (const [count, newer] of runs) {
          const out = await twoFeeds(dir, count!, newer);
          const args = ["fetch", join(dir, "a.rss"), join(dir, "b.rss"), "--out", out];
          const run = await spawnCli(args, { NODE_OPTIONS: `--import ${counter}` });
          expect(run.code).toBe(0);
          stderr = run.stderr;
        }
        expect(stderr).toContain(`item-files-read ${read + created}\n`);
      }),
  );
});
