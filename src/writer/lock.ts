import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { makeDirs, withPath } from "./dirs.js";
import { NewsmirrorError } from "../errors.js";
import { metaPath } from "./layout.js";

export interface Lock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes {out}/.newsmirror/lock so two runs never interleave on one archive. A lock whose
 * holder is dead (killed, rebooted) is taken over; a live holder gives E_LOCKED (exit 75).
 */
export async function acquireLock(out: string, pid = process.pid): Promise<Lock> {
  const file = metaPath(out, "lock");
  const mine = metaPath(out, `lock.${pid}`);
  await makeDirs(metaPath(out));
  await withPath(mine, writeFile(mine, `${pid}\n`));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(mine, file);
        return { release: () => unlink(file).catch(() => undefined) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new NewsmirrorError(
          "E_LOCKED",
          `${out}: another newsmirror run (pid ${holder}) holds the archive lock`,
          {
            suggestion:
              "wait for it to finish, or try again later; once that process is gone, the next run takes the lock over",
          },
        );
      }
      // Stale: move it aside; of two runs doing this at once only one rename finds the file.
      await rename(file, `${file}.stale.${pid}`).then(
        () => unlink(`${file}.stale.${pid}`),
        () => undefined,
      );
    }
    throw new NewsmirrorError("E_LOCKED", `${out}: could not take the archive lock`, {
      suggestion: "try again",
    });
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}
