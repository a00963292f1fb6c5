import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";
import { snapshot } from "../helpers/archive.js";

async function archiveOf(dir: string): Promise<string> {
  const out = join(dir, "archive");
  const result = await runCli([
    "fetch",
    fixture("voa-putin.rss"),
    fixture("voa-putin-raw.rss"),
    "--out",
    out,
  ]);
  expect(result.code).toBe(0);
  return out;
}

async function useProxy(dir: string, imageProxy: string | undefined): Promise<string> {
  const file = join(dir, "newsmirror.json");
  await writeFile(file, JSON.stringify(imageProxy ? { imageProxy } : {}));
  return file;
}

describe("rerender", () => {
  it("changes nothing on a fresh archive, and --check agrees", () =>
    withTempDir(async (dir) => {
      const out = await archiveOf(dir);
      const before = await snapshot(out);
      const check = await runCli(["rerender", "--out", out, "--check"]);
      expect(check.stdout).toContain("2 items, 0 would change");
      expect(check.code).toBe(0);
      const run = await runCli(["rerender", "--out", out]);
      expect(run.code).toBe(0);
      expect(await snapshot(out)).toEqual(before);
    }));

  it("moves images to another proxy and back to the original bytes", () =>
    withTempDir(async (dir) => {
      const out = await archiveOf(dir);
      const before = await snapshot(out);
      const other = await useProxy(dir, "https://proxy.example/img?u={encoded}");

      const check = await runCli(["rerender", "--out", out, "--config", other, "--check"]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain("2 would change");
      expect(await snapshot(out)).toEqual(before);

      expect((await runCli(["rerender", "--out", out, "--config", other])).code).toBe(0);
      const moved = await snapshot(out);
      const items = Object.entries(moved).filter(([p]) => p.endsWith(".txt"));
      for (const [, text] of items) {
        expect(text).toContain('src="https://proxy.example/img?u=https%3A%2F%2Fgdb.voanews.com%2F');
        expect(text).not.toContain("images.weserv.nl");
      }
      expect((await runCli(["verify", "--out", out])).code).toBe(0);

      const none = await useProxy(dir, "none");
      expect((await runCli(["rerender", "--out", out, "--config", none])).code).toBe(0);
      for (const [path] of items) {
        expect((await snapshot(out))[path]).toContain('src="https://gdb.voanews.com/01000000');
      }

      const back = await useProxy(dir, undefined);
      expect((await runCli(["rerender", "--out", out, "--config", back])).code).toBe(0);
      expect(await snapshot(out)).toEqual({
        ...before,
        ".newsmirror/proxies.json": expect.any(String),
      });
    }));
});
