import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The fixtures' and the shared corpus's files whose names match, as `[label, path]` rows for
 * `it.each` (the label relative to the repository or to ../shared); the corpus is left out, with a
 * notice naming `what`, where ../shared is absent.
 */
export function feedDocuments(names: RegExp, what: string): [string, string][] {
  noticeIfNoShared(what);
  const corpus = join(sharedDir, "corpus", "feeds");
  return [...filesUnder(join(repoRoot, "fixtures")), ...(hasShared ? filesUnder(corpus) : [])]
    .filter((path) => names.test(path))
    .map((path) => [relative(path.startsWith(repoRoot) ? repoRoot : sharedDir, path), path]);
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
