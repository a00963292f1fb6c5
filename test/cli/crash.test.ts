import { spawn } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/writer/lock.js";
import { cliPath, runCli, spawnCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";

const ITEMS = 1500;

function bigFeed(): string {
  const paragraph = "<p>Lorem ipsum dolor sit amet, 新闻 consectetur adipiscing elit.</p>\n".repeat(
    40,
  );
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = ["Jan", "Feb", "Mar", "Apr"][i % 4];
    return `<item><title>Item ${i}</title><link>https://example.com/news/${i}</link>
<pubDate>${day} ${month} 2024 10:00:00 GMT</pubDate><description><![CDATA[${paragraph}<img src="https://example.com/${i}.jpg">]]></description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>${items.join("\n")}</channel></rss>`;
}

async function countItems(out: string): Promise<number> {
  let count = 0;
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else if (/^[0-9a-f]{16}\.txt$/.test(entry.name)) count++;
    }
  };
  await walk(out);
  return count;
}

/**
 * Starts a fetch and SIGKILLs it once `after` item files exist. True when the kill hit a
 * running fetch; false when the fetch had ended first (then there was no crash to test).
 */
async function killWhileWriting(feed: string, out: string, after: number): Promise<boolean> {
  const child = spawn(process.execPath, [cliPath, "fetch", feed, "--out", out, "--quiet"], {
    stdio: "ignore",
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  let done = false;
  void exited.then(() => (done = true));
  while (!done && (await countItems(out)) < after) await new Promise((r) => setTimeout(r, 5));
  child.kill("SIGKILL");
  return (await exited) === "SIGKILL";
}

/** A fresh archive killed after `after` items; tried again (a few times) if the fetch won. */
async function crashedArchive(dir: string, feed: string, after: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const out = join(dir, `archive-${attempt}`);
    if (await killWhileWriting(feed, out, after)) return out;
  }
  throw new Error(`the fetch ended before ${after} items every time: nothing was killed`);
}

describe("a run killed with SIGKILL", { tags: ["slow"] }, () => {
  it.each([1, 200, 800, ITEMS])(
    "after %d items leaves nothing partial; the next run makes it whole",
    (after) =>
      withTempDir(async (dir) => {
        const feed = join(dir, "big.rss");
        await writeFile(feed, bigFeed());
        const out = await crashedArchive(dir, feed, after);
        const next = await runCli(["fetch", feed, "--out", out]);
        expect(next.code).toBe(0);
        expect(await countItems(out)).toBe(ITEMS);
        const verify = await runCli(["verify", "--out", out]);
        expect(verify.stderr).toBe("");
        expect(verify.stdout).toBe(`${ITEMS} items, 0 problems`);
      }),
  );
});

describe("two fetches at once on one archive", { tags: ["slow"] }, () => {
  it("a fetch while another run holds the lock exits 75 naming it, and writes nothing", () =>
    withTempDir(async (dir) => {
      const feed = join(dir, "big.rss");
      await writeFile(feed, bigFeed());
      const out = join(dir, "archive");
      const held = await acquireLock(out);
      try {
        const refused = await spawnCli(["fetch", feed, "--out", out]);
        expect(refused.code).toBe(75);
        expect(refused.stderr).toContain(`(pid ${process.pid}) holds the archive lock`);
        expect(await countItems(out)).toBe(0);
      } finally {
        await held.release();
      }
      expect((await spawnCli(["fetch", feed, "--out", out])).code).toBe(0);
      expect(await countItems(out)).toBe(ITEMS);
    }));

  it("never interleave, whichever runs first: the archive is whole, a refused run exits 75", () =>
    withTempDir(async (dir) => {
      const feed = join(dir, "big.rss");
      await writeFile(feed, bigFeed());
      const out = join(dir, "archive");
      const results = await Promise.all([
        spawnCli(["fetch", feed, "--out", out]),
        spawnCli(["fetch", feed, "--out", out]),
      ]);
      const codes = results.map((r) => r.code).sort();
      expect(codes[0]).toBe(0);
      expect([0, 75]).toContain(codes[1]);
      for (const r of results.filter((x) => x.code === 75))
        expect(r.stderr).toMatch(/holds the archive lock/);
      expect(await countItems(out)).toBe(ITEMS);
      expect((await runCli(["verify", "--out", out])).code).toBe(0);
    }));
});
