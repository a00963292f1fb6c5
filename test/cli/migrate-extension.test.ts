import { mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";

const ITEMS = 600;

function feedOf(count: number, from = 0): string {
  const items = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const month = ["Jan", "Feb", "Mar"][i % 3];
    return `<item><title>Item ${i}</title><link>https://example.com/n/${i}</link>
<pubDate>0${1 + (i % 9)} ${month} 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;${"text ".repeat(200)}&lt;/p&gt;</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://example.com/</link>${items.join("\n")}</channel></rss>`;
}

async function namesByExtension(out: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      const ext = /^[0-9a-f]{16}\.(txt|md)$/.exec(entry.name)?.[1];
      if (ext) counts[ext] = (counts[ext] ?? 0) + 1;
    }
  };
  await walk(out);
  return counts;
}

/** Every path the index and the lists name, with the extension they give it. */
async function namedPaths(out: string): Promise<string[]> {
  const files = await snapshot(out);
  const text = Object.entries(files)
    .filter(([p]) => p.startsWith("index/") || p.endsWith("README.md"))
    .map(([, t]) => t)
    .join("\n");
  return [...new Set(text.match(/[0-9a-f]{16}\.(?:txt|md)/g) ?? [])];
}

async function archiveWith(dir: string, config: object, count = 30): Promise<string> {
  await writeFile(join(dir, "feed.rss"), feedOf(count));
  await writeFile(join(dir, "newsmirror.json"), JSON.stringify({ out: "archive", ...config }));
  const fetched = await runCli(["fetch", join(dir, "feed.rss")], { cwd: dir });
  expect(fetched.stderr).toBe("");
  return join(dir, "archive");
}

describe("itemExtension", () => {
  it.each([
    { config: {}, ext: "txt" },
    { config: { itemExtension: "txt" }, ext: "txt" },
    { config: { itemExtension: "md" }, ext: "md" },
  ])("$config names items .$ext, index and lists with them, and dedupes", ({ config, ext }) =>
    withTempDir(async (dir) => {
      const out = await archiveWith(dir, config);
      expect(await namesByExtension(out)).toEqual({ [ext]: 30 });
      expect((await namedPaths(out)).every((p) => p.endsWith(`.${ext}`))).toBe(true);
      const again = await runCli(["fetch", join(dir, "feed.rss")], { cwd: dir });
      expect(again.stdout).toContain("0 new, 30 already archived");
      expect((await runCli(["verify"], { cwd: dir })).stdout).toBe("30 items, 0 problems");
      const rerender = await runCli(["rerender", "--check"], { cwd: dir });
      expect(rerender.stdout).toBe("30 items, 0 would change");
    }),
  );

  it("verify names items of the other extension, and how to fix it", () =>
    withTempDir(async (dir) => {
      await archiveWith(dir, {});
      await writeFile(join(dir, "newsmirror.json"), '{"out":"archive","itemExtension":"md"}');
      const verify = await runCli(["verify"], { cwd: dir });
      expect(verify.code).toBe(1);
      expect(verify.stderr.split("\n")).toHaveLength(30);
      expect(verify.stderr).toMatch(
        /\.txt: named \.txt, but the archive's items are \.md \(run `newsmirror migrate-extension`\)/,
      );
      const fetched = await runCli(["fetch", join(dir, "feed.rss")], { cwd: dir });
      expect(fetched.stdout).toContain("0 new, 30 already archived");
    }));
});

describe("migrate-extension", () => {
  it.each([
    { from: {}, args: ["--to", "md"], to: "md" },
    { from: { itemExtension: "md" }, args: ["--to", "txt"], to: "txt", config: {} },
    { from: {}, args: [], to: "md", config: { itemExtension: "md" } },
  ])("renames $from → .$to: items, index, lists; verify is clean", ({ from, args, to, config }) =>
    withTempDir(async (dir) => {
      const out = await archiveWith(dir, from);
      if (config)
        await writeFile(
          join(dir, "newsmirror.json"),
          JSON.stringify({ out: "archive", ...config }),
        );
      const run = await runCli(["migrate-extension", ...args], { cwd: dir });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(`30 items, 30 renamed to .${to}`);
      expect(await namesByExtension(out)).toEqual({ [to]: 30 });
      expect((await namedPaths(out)).every((p) => p.endsWith(`.${to}`))).toBe(true);
      // A run with only --out keeps the archive's extension for new items.
      await writeFile(join(dir, "more.rss"), feedOf(5, 100));
      await runCli(["fetch", join(dir, "more.rss"), "--out", out]);
      expect(await namesByExtension(out)).toEqual({ [to]: 35 });
      expect((await runCli(["verify", "--out", out])).stdout).toBe("35 items, 0 problems");
    }),
  );

  it.each([
    { args: [], config: {}, error: /no target extension/ },
    { args: ["--to", "txt"], config: { itemExtension: "md" }, error: /the config says/ },
    { args: ["--to", "rtf"], config: {}, error: /Allowed choices are txt, md/ },
  ])("refuses $args with config $config", ({ args, config, error }) =>
    withTempDir(async (dir) => {
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const run = await runCli(["migrate-extension", ...args], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(error);
    }),
  );

  // The states a kill can leave, made exactly: the marker written, then some renames done.
  it.each([0, 7, ITEMS])(
    "killed after %d renames, is finished by the next command that opens the archive",
    (renamed) =>
      withTempDir(async (dir) => {
        const out = await archiveWith(dir, {}, ITEMS);
        const before = await snapshot(out);
        await mkdir(join(out, ".newsmirror"), { recursive: true });
        await writeFile(join(out, ".newsmirror", "migrating"), "md");
        const items = Object.keys(before).filter((p) => p.endsWith(".txt"));
        for (const path of items.slice(0, renamed))
          await rename(join(out, path), join(out, path.replace(/\.txt$/, ".md")));
        const fetched = await runCli(["fetch", join(dir, "feed.rss")], { cwd: dir });
        expect(fetched.stdout).toContain(`0 new, ${ITEMS} already archived`);
        expect(await namesByExtension(out)).toEqual({ md: ITEMS });
        const verify = await runCli(["verify", "--out", out]);
        expect(verify.stdout).toBe(`${ITEMS} items, 0 problems`);
        // Same bytes under the new names; index and lists name the new files.
        const after = await snapshot(out);
        for (const path of items) expect(after[path.replace(/\.txt$/, ".md")]).toBe(before[path]);
        expect(await namedPaths(out)).toHaveLength(ITEMS);
        expect((await namedPaths(out)).every((p) => p.endsWith(".md"))).toBe(true);
        expect(after[".newsmirror/migrating"]).toBeUndefined();
      }),
  );
});
