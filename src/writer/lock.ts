import { linkSync, renameSync, unlinkSync } from "node:fs";
import { unlink, writeFile } from "node:fs/promises";
import { makeDirs, withPath } from "./dirs.js";
import { NewsmirrorError } from "../errors.js";
import { metaPath } from "./layout.js";
import { readTextIfAny } from "./read-sync.js";

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
  // Written with the promise API for the path that its error then names (a full disk);
  // the rest is synchronous, as the reads of opening an archive (read-sync.ts says why).
  await withPath(mine, writeFile(mine, `${pid}\n`));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, file);
        return { release: () => unlink(file).catch(() => undefined) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = Number.parseInt(readTextIfAny(file) ?? "", 10);
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
      const aside = `${file}.stale.${pid}`;
      try {
        renameSync(file, aside);
      } catch {
        continue; // The other run moved it first: try the link again.
      }
      unlinkSync(aside);
    }
    throw new NewsmirrorError("E_LOCKED", `${out}: could not take the archive lock`, {
      suggestion: "try again",
    });
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // Already gone.
    }
  }
}
