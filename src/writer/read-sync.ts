import { readFileSync, readdirSync } from "node:fs";

/**
 * The small reads of opening an archive (lock, state, proxy history, journal, markers), done
 * synchronously. A run opens its archive before its first request, with nothing to do beside
 * it, and a promise-based read is four thread-pool round trips (open, stat, read, close), each
 * file's after the one before: with them, opening a 7-feed archive took ~20 ms of an all-304
 * run's ~290 ms (bench/RESULTS.md, "Opening the archive").
 */

/** A file's text, or undefined where it cannot be read (most often: it does not exist). */
export function readTextIfAny(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A folder's entries, or none where it cannot be listed. */
export function namesIfAny(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
