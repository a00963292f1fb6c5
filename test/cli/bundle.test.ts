import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/paths.js";

const { version } = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as {
  version: string;
};

interface Case {
  args: string[];
  /** A line the built CLI prints on stdout. */
  prints: string | RegExp;
}

// The bundle (scripts/bundle.mjs) answers `--version` without loading the program, and carries
// the version in itself: both paths must agree with package.json.
const cases: Case[] = [
  { args: ["--version"], prints: version },
  { args: ["-V"], prints: version },
  { args: ["--help"], prints: /^\s+fetch \[options\] \[sources\.\.\.\]/m },
  { args: ["fetch", "--help"], prints: /--dry-run/ },
];

describe("the built CLI", () => {
  it.each(cases)("$args prints what the sources do", async ({ args, prints }) => {
    const run = await spawnCli(args);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    if (typeof prints === "string") expect(run.stdout).toBe(`${prints}\n`);
    else expect(run.stdout).toMatch(prints);
  });
});
