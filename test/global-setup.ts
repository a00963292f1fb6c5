import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
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
  for (const path of ["src", "tsconfig.json", "tsconfig.build.json", "package.json"])
    visit(join(repoRoot, path));
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(repoRoot, "dist", "cli.js")).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Tests that spawn the CLI run dist/: build it from the current sources first, unless it is
 * newer than every source (tsc rewrites every output, so dist/cli.js dates the build).
 */
export default function setup(): void {
  if (builtAt() > newestSource()) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}
