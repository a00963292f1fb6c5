import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

describe("exit codes and one-line errors", () => {
  it.each([
    [["fetch", "--bogus"], 2, /unknown option/],
    [["frobnicate"], 2, /unknown command/],
    [
      ["fetch", "--config", "/nonexistent/newsmirror.json"],
      2,
      /E_CONFIG: .*nonexistent\/newsmirror\.json: cannot read config/,
    ],
    [["fetch", "gopher://x/feed"], 2, /E_USAGE: gopher:\/\/x\/feed: only http\(s\) URLs/],
    [["fetch", "--out", "/tmp/newsmirror-none"], 2, /nothing to fetch/],
  ])("%j exits %d", async (args, code, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a bad config with the field path and writes nothing", () =>
    withTempDir(async (dir) => {
      const config = join(dir, "c.json");
      await writeFile(config, JSON.stringify({ feeds: [{ id: "x", url: 3 }], imageProxy: "nope" }));
      const result = await runCli(["fetch", "--config", config, "--out", join(dir, "out")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/feeds\.0\.url: /);
      expect(result.stderr).toMatch(/imageProxy: /);
    }));

  it("archives the good feeds and exits 1 with one line naming the bad one", () =>
    withTempDir(async (dir) => {
      const result = await runCli([
        "fetch",
        fixture("voa-putin.rss"),
        join(dir, "missing.rss"),
        "--out",
        dir,
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("voa-putin: 1 new");
      const lines = result.stderr.split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^E_SOURCE missing: cannot read .*missing\.rss: ENOENT/);
    }));

  it("exits 75 when another live run holds the archive", () =>
    withTempDir(async (dir) => {
      await mkdir(join(dir, ".newsmirror"), { recursive: true });
      await writeFile(join(dir, ".newsmirror", "lock"), `${process.ppid}\n`);
      const result = await runCli(["fetch", fixture("voa-putin.rss"), "--out", dir]);
      expect(result.code).toBe(75);
      expect(result.stderr).toContain(`pid ${process.ppid}`);
      expect(result.stderr.split("\n").at(-1)).toBe(
        "  suggestion: wait for it to finish, or try again later; once that process is gone, the next run takes the lock over",
      );
    }));

  it("prints one JSON summary with --json", () =>
    withTempDir(async (dir) => {
      const result = await runCli(["fetch", fixture("voa-putin.rss"), "--out", dir, "--json"]);
      const summary = JSON.parse(result.stdout) as {
        feeds: { feed: string; status: string; new: number }[];
      };
      expect(summary.feeds).toMatchObject([{ feed: "voa-putin", status: "ok", new: 1 }]);
    }));

  it("reports every verify problem, one per line, and exits 1", () =>
    withTempDir(async (dir) => {
      await runCli(["fetch", fixture("voa-putin.rss"), "--out", dir]);
      await mkdir(join(dir, "voa-putin", "2024-05"), { recursive: true });
      await writeFile(join(dir, "voa-putin", "2024-05", "0000000000000000.txt"), "garbage\n");
      await writeFile(join(dir, "voa-putin", "2024-05", "notes.md"), "hi\n");
      const result = await runCli(["verify", "--out", dir]);
      expect(result.code).toBe(1);
      expect(result.stderr.split("\n")).toEqual([
        "voa-putin/2024-05/0000000000000000.txt: not an item file: it has 1 line, not 5",
        "voa-putin/2024-05/notes.md: not an item file name ({16 hex digits}.txt or .md)",
        "fix: restore the files that are not item files from git, or delete them, then run `newsmirror index`",
      ]);
    }));
});
