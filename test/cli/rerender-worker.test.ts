import { cp, mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PROXY } from "../../src/config/schema.js";
import { convert } from "../../src/converter/convert.js";
import { renderItem } from "../../src/writer/item-file.js";
import { itemHash, itemRelPath } from "../../src/writer/layout.js";
import { snapshot } from "../helpers/archive.js";
import { runCli, spawnCli } from "../helpers/cli.js";
import { repoRoot, withTempDir } from "../helpers/paths.js";
import type { RerenderResult, RerenderSettings } from "../../src/pipeline/rerender.js";

const PROXY = "https://proxy.example/i?u={encoded}";

/** The built rerender (its worker file exists only in dist/), run in this process. */
async function builtRerender(out: string): Promise<RerenderResult> {
  const url = pathToFileURL(join(repoRoot, "dist", "pipeline", "rerender.js")).href;
  const { runRerender } = (await import(url)) as {
    runRerender: (settings: RerenderSettings) => Promise<RerenderResult>;
  };
  return runRerender({
    out,
    timezone: "UTC",
    imageProxy: PROXY,
    feedTitles: new Map(),
    configuredProxies: [PROXY],
    feeds: new Map(),
    check: true,
  });
}

/** Enough items over months and feeds that the built CLI starts its worker (after 1000 files). */
async function archiveOf(out: string, count: number) {
  for (let i = 0; i < count; i++) {
    const published = Date.UTC(2024, 0, 20) + i * 3_600_000;
    const item = convert(
      {
        published,
        title: `Item ${i}`,
        titleFormat: "html",
        link: `https://news.example.com/${i}.html`,
        html: `<p>Text ${i}</p>${i % 3 === 0 ? `<img src="https://img.example.com/${i}.jpg">` : ""}`,
      },
      { imageProxy: DEFAULT_IMAGE_PROXY },
    );
    const path = join(out, itemRelPath(`f${i % 3}`, published, itemHash(`item-${i}`), "txt"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderItem(item));
  }
  await writeFile(join(out, "f1/2024-01/00000000000000aa.txt"), "broken\n");
  await writeFile(join(out, "f2/2024-02/notes.txt"), "mine\n");
}

describe(
  "rerender with a worker thread (the built CLI) and without (in process)",
  { tags: ["slow"] },
  () => {
    it("reports the same files, problems and counts, and writes the same bytes", () =>
      withTempDir(async (dir) => {
        const inProcess = join(dir, "a");
        await archiveOf(inProcess, 1600);
        const built = join(dir, "b");
        await cp(inProcess, built, { recursive: true });
        const config = join(dir, "newsmirror.json");
        await writeFile(config, JSON.stringify({ imageProxy: PROXY }));

        const check = ["rerender", "--check", "--config", config, "--out"];
        const here = await runCli([...check, inProcess]);
        const there = await spawnCli([...check, built]);
        // The comparison means something only if the worker did convert files.
        const direct = await builtRerender(built);
        if (availableParallelism() >= 2) expect(direct.byWorker).toBeGreaterThan(0);
        else console.warn("NOTICE: one core: rerender starts no worker; compared without one");
        expect(direct.changed).toHaveLength(534);
        expect(here.stdout).toContain("1600 items, 534 would change");
        expect(here.stderr.split("\n")).toEqual([
          expect.stringMatching(/^f1\/2024-01\/00000000000000aa\.txt: not an item file: /),
          expect.stringMatching(/^f2\/2024-02\/notes\.txt: not an item file name/),
          "fix: restore the files that are not item files from git, or delete them, then run `newsmirror index`",
        ]);
        expect(there.code).toBe(here.code);
        expect(there.stdout.trimEnd()).toBe(here.stdout);
        expect(there.stderr.trimEnd()).toBe(here.stderr);

        await runCli(["rerender", "--config", config, "--out", inProcess]);
        await spawnCli(["rerender", "--config", config, "--out", built]);
        expect(await snapshot(built)).toEqual(await snapshot(inProcess));
      }));
  },
);
