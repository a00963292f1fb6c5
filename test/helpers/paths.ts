import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const fixture = (name: string) => join(repoRoot, "fixtures", name);
/** The team's shared inputs sit beside the checkout; tests that need them skip without them. */
export const sharedDir = resolve(repoRoot, "..", "shared");
export const hasShared = existsSync(join(sharedDir, "corpus", "feeds"));
export const seedFile = join(sharedDir, "seed", "000_140e6d3e3bb89824.txt");

export function noticeIfNoShared(what: string): void {
  if (!hasShared) console.warn(`NOTICE: ${sharedDir} is absent: skipping ${what}`);
}

/** A fresh temp folder per test, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "newsmirror-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
