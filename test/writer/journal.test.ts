import { appendFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PROXY } from "../../src/converter/images.js";
import { openArchive } from "../../src/writer/archive.js";
import { Journal } from "../../src/writer/journal.js";
import { metaPath } from "../../src/writer/layout.js";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";

const ITEMS = 12;
const EPOCH = "1767225600";

/** Items of ~12 KiB each, so that a 4 KiB block can be zeroed in the middle of one. */
function feedXml(): string {
  const paragraph = "<p>Lorem ipsum dolor sit amet, 新闻 consectetur adipiscing elit.</p>".repeat(
    160,
  );
  const items = Array.from(
    { length: ITEMS },
    (_, i) => `<item><title>Item ${i}</title><link>https://example.com/news/${i}</link>
<pubDate>${String(1 + i).padStart(2, "0")} Mar 2024 10:00:00 GMT</pubDate><description><![CDATA[${paragraph}]]></description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join("\n")}</channel></rss>`;
}

/**
 * Every file of an archive but its temporary folder and its state, relative path → bytes. The
 * state records when a run last found news: after a crash that was the interrupted run, whose
 * items the next one finds already there.
 */
async function snapshot(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = relative(out, join(entry.parentPath, entry.name));
    if (rel.startsWith(".newsmirror/tmp") || rel.startsWith(".newsmirror/state/")) continue;
    files.set(rel, await readFile(join(out, rel), "latin1"));
  }
  return files;
}

type Damage = (bytes: Buffer) => Buffer | undefined;

interface Case {
  name: string;
  /** What a power cut left of three of the run's items (undefined: the file is absent). */
  damage: Damage;
  /** Whether the start of the next run reports those three as dropped. */
  dropped?: boolean;
  /** Text the crash left at the journal's end: a line it cut short. */
  journalTail?: string;
}

const cases: Case[] = [
  { name: "truncated to half", damage: (b) => b.subarray(0, b.length >> 1), dropped: true },
  { name: "truncated to nothing", damage: () => Buffer.alloc(0), dropped: true },
  { name: "zeroed at full length", damage: (b) => Buffer.alloc(b.length), dropped: true },
  {
    name: "a 4 KiB block zeroed in the middle",
    damage: (b) => Buffer.concat([b.subarray(0, 4096), Buffer.alloc(4096), b.subarray(8192)]),
    dropped: true,
  },
  { name: "absent (never written)", damage: () => undefined, dropped: false },
  {
    name: "whole, the journal ending in a cut line",
    damage: (b) => b,
    dropped: false,
    journalTail: "3f2a9c",
  },
];

describe("an interrupted run's journal", () => {
  it.each(cases)(
    "items $name: dropped, fetched again, the archive as a clean run makes it",
    ({ damage, dropped, journalTail }) =>
      withTempDir(async (dir) => {
        const feed = join(dir, "feed.rss");
        await writeFile(feed, feedXml());
        const clean = join(dir, "clean");
        const fetch = (out: string) =>
          runCli(["fetch", feed, "--out", out, "--quiet"], { sourceDateEpoch: EPOCH });
        expect((await fetch(clean)).code).toBe(0);
        const want = await snapshot(clean);
        const items = [...want.keys()].filter((p) => p.endsWith(".txt")).sort();
        expect(items).toHaveLength(ITEMS);

        // A run that wrote every item and then lost power: the journal is still there.
        const out = join(dir, "crashed");
        const settings = {
          out,
          imageProxy: DEFAULT_IMAGE_PROXY,
          configuredProxies: [DEFAULT_IMAGE_PROXY],
          timezone: "UTC",
          feedTitles: new Map<string, string>(),
        };
        const crashed = await openArchive(settings);
        const texts = items.map((path) => ({ path, text: Buffer.from(want.get(path)!, "latin1") }));
        await crashed.writeItems(texts.map(({ path, text }) => ({ path, text: text.toString() })));
        await crashed.release();
        if (journalTail) await appendFile(metaPath(out, "journal"), journalTail);
        const torn = [items[0]!, items[5]!, items[ITEMS - 1]!];
        for (const path of torn) {
          const left = damage(texts.find((t) => t.path === path)!.text);
          if (left) await writeFile(join(out, path), left);
          else await rm(join(out, path));
        }

        const reopened = await openArchive(settings);
        await reopened.release();
        expect(reopened.recovered?.dropped).toEqual(dropped ? torn : []);
        await expect(readFile(metaPath(out, "journal"))).rejects.toThrow(/ENOENT/);

        expect((await fetch(out)).code).toBe(0);
        expect(await snapshot(out)).toEqual(want);
        const verify = await runCli(["verify", "--out", out]);
        expect(verify.stdout).toBe(`${ITEMS} items, 0 problems`);
      }),
  );

  it("is gone after a run that completes, and an item written before is never listed", () =>
    withTempDir(async (dir) => {
      const feed = join(dir, "feed.rss");
      await writeFile(feed, feedXml());
      const out = join(dir, "archive");
      expect((await runCli(["fetch", feed, "--out", out, "--quiet"])).code).toBe(0);
      await expect(readFile(metaPath(out, "journal"))).rejects.toThrow(/ENOENT/);
      const archive = await openArchive({
        out,
        imageProxy: DEFAULT_IMAGE_PROXY,
        configuredProxies: [],
        timezone: "UTC",
        feedTitles: new Map(),
      });
      const [path] = [...(await snapshot(out)).keys()].filter((p) => p.endsWith(".txt"));
      expect(await archive.writeItems([{ path: path!, text: "other bytes\n" }])).toEqual([false]);
      await archive.release();
      await expect(readFile(metaPath(out, "journal"))).rejects.toThrow(/ENOENT/);
    }));
});

describe("making a run's items durable", () => {
  const item = (i: number) => ({
    path: `f/2024-03/${String(i).padStart(16, "0")}.txt`,
    text: `${i}\n`,
  });

  it.each([
    { case: "a few items: each fsynced", items: 3, syncfs: true, fsyncs: 3 },
    { case: "many items: one syncfs", items: 250, syncfs: true, fsyncs: 0 },
    // Past 200 items the paths are not kept in memory: the journal itself lists them.
    {
      case: "many items, no syncfs: each fsynced, read from the journal",
      items: 250,
      syncfs: false,
      fsyncs: 250,
    },
  ])("$case", ({ items, syncfs, fsyncs }) =>
    withTempDir(async (out) => {
      await mkdir(metaPath(out), { recursive: true });
      const synced: string[] = [];
      const journal = new Journal(out, {
        fileSystem: () => Promise.resolve(syncfs),
        file: (file) => Promise.resolve(void synced.push(relative(out, file))),
      });
      const all = Array.from({ length: items }, (_, i) => item(i));
      expect(await journal.writeItems(all)).toEqual(all.map(() => true));
      await journal.sync();
      await journal.close();
      expect(synced.sort()).toEqual(fsyncs === 0 ? [] : all.map((i) => i.path).sort());
    }),
  );
});
