import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./helpers/paths.js";

/** Tests that spawn the CLI run dist/: build it from the current sources first, as npm does. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  execFileSync(process.execPath, [join(repoRoot, "scripts", "bundle.mjs")], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}
