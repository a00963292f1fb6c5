import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./helpers/paths.js";

/** The newest modification time among the files the build reads. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of ["src", "scripts", "tsconfig.json", "tsconfig.build.json", "package.json"])
    visit(join(repoRoot, path));
  return newest;
}

/** When the last build ended: the bundle is its last step. */
function builtAt(): number {
  try {
    return statSync(join(repoRoot, "dist", "newsmirror.cjs")).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Tests that spawn the CLI run dist/: build it from the current sources first, as npm does,
 * unless the build is newer than every source (then it was built from these very files).
 */
export default function setup(): () => void {
  // The built CLI keeps V8's code cache in the user's cache folder (src/launch/compile-cache.ts);
  // the tests' runs keep theirs here, and share it, as runs of one user do.
  const cache = mkdtempSync(join(tmpdir(), "newsmirror-compile-cache-"));
  process.env.NEWSMIRROR_COMPILE_CACHE = cache;
  const teardown = () => rmSync(cache, { recursive: true, force: true });
  if (builtAt() > newestSource()) return teardown;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  execFileSync(process.execPath, [join(repoRoot, "scripts", "bundle.mjs")], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  return teardown;
}
