import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * When git first saw each file under `dir` (ms, by path relative to `dir`), or undefined when
 * `dir` is no git work tree or git is not installed. One `git log` for the whole folder:
 * a command per file would cost minutes on an archive of 100,000 articles.
 */
export async function gitFirstSeen(dir: string): Promise<Map<string, number> | undefined> {
  try {
    const inside = await run("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir });
    if (inside.stdout.trim() !== "true") return undefined;
    const { stdout } = await run(
      "git",
      [
        "-c",
        "core.quotePath=false",
        "log",
        "--diff-filter=A",
        "--no-renames",
        "--relative",
        "--format=%x00%ct",
        "--name-only",
        "--",
        ".",
      ],
      { cwd: dir, maxBuffer: 1024 * 1024 * 1024 },
    );
    const seen = new Map<string, number>();
    let time = 0;
    // Newest commit first: a path added again later is overwritten by its earlier addition.
    for (const line of stdout.split("\n")) {
      if (line.startsWith("\0")) time = Number(line.slice(1)) * 1000;
      else if (line && time > 0) seen.set(line, time);
    }
    return seen;
  } catch {
    return undefined;
  }
}
