import { spawn } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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

/** Starts a fetch and SIGKILLs it once `after` item files exist (or lets it end). */
async function killWhileWriting(feed: string, out: string, after: number): Promise<void> {
  const child = spawn(process.execPath, [cliPath, "fetch", feed, "--out", out, "--quiet"], {
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  let done = false;
  void exited.then(() => (done = true));
  while (!done && (await countItems(out)) < after) await new Promise((r) => setTimeout(r, 5));
  child.kill("SIGKILL");
  await exited;
}

describe("a run killed with SIGKILL", () => {
  it.each([1, 200, 800, ITEMS])(
    "after %d items leaves nothing partial; the next run makes it whole",
    (after) =>
      withTempDir(async (dir) => {
        const feed = join(dir, "big.rss");
        await writeFile(feed, bigFeed());
        const out = join(dir, "archive");
        await killWhileWriting(feed, out, after);
        const next = await runCli(["fetch", feed, "--out", out]);
        expect(next.code).toBe(0);
        expect(await countItems(out)).toBe(ITEMS);
        const verify = await runCli(["verify", "--out", out]);
        expect(verify.stderr).toBe("");
        expect(verify.stdout).toBe(`${ITEMS} items, 0 problems`);
      }),
  );
});

describe("two fetches at once on one archive", () => {
  it("never interleave: the second waits its turn or exits 75, and the archive is whole", () =>
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
