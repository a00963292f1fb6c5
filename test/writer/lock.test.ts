import { spawn } from "node:child_process";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../../src/writer/lock.js";
import { withTempDir } from "../helpers/paths.js";

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid as number;
}

describe("archive lock", () => {
  it("refuses a second holder while the first lives, naming its pid", () =>
    withTempDir(async (out) => {
      const first = await acquireLock(out);
      await expect(acquireLock(out, process.pid + 1)).rejects.toMatchObject({ code: "E_LOCKED" });
      await expect(acquireLock(out, process.pid + 1)).rejects.toThrow(`pid ${process.pid}`);
      await first.release();
      const again = await acquireLock(out);
      await again.release();
    }));

  it("takes over a lock whose holder is dead", () =>
    withTempDir(async (out) => {
      await mkdir(join(out, ".newsmirror"), { recursive: true });
      await writeFile(join(out, ".newsmirror", "lock"), `${await deadPid()}\n`);
      const lock = await acquireLock(out);
      expect(await readFile(join(out, ".newsmirror", "lock"), "utf8")).toBe(`${process.pid}\n`);
      await lock.release();
    }));
});
