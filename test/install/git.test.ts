import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { git, gitEnv } from "../helpers/git.js";
import { fixture, repoRoot, withTempDir } from "../helpers/paths.js";

const run = promisify(execFile);
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  version: string;
};

/** The README's install-from-git line (the Install section's first `sh` block). */
function gitInstallLine(): string {
  const block = /## Install\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block.split("\n").find((line) => line.includes("npm pack github:")) ?? "";
}

/** Every line of the README's code blocks (sh, yaml, crontab…) that installs newsmirror from git. */
function gitInstallSteps(): string[] {
  const blocks = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  return blocks
    .flatMap((block) => block.split("\n"))
    .filter((line) => /npm (install|i|pack)\b.*github:newsmirror/.test(line));
}

describe("the README installs from git one way only", () => {
  it.each(gitInstallSteps().map((line) => [line.trim()]))(
    "%s: npm pack, then the tarball (npm install --global of a git URL cannot build)",
    (line) => {
      expect(line).toMatch(
        /npm pack github:newsmirror\/newsmirror && npm install --global \.\/newsmirror-\*\.tgz$/,
      );
    },
  );
});

describe("installed from a git URL", () => {
  it(
    "the README's line builds a clone (prepare) into a tarball that installs into an empty prefix",
    { tags: ["slow"], timeout: 300_000 },
    () =>
      withTempDir(async (dir) => {
        const line = gitInstallLine();
        expect(line).toMatch(/npm pack github:newsmirror\/newsmirror && npm install --global /);
        // The repository as GitHub would serve it: a bare clone of this one's last commit.
        const bare = join(dir, "newsmirror.git");
        await git(dir, "clone", "-q", "--bare", "--no-local", repoRoot, bare);
        const prefix = join(dir, "prefix");
        const env = {
          ...process.env,
          ...gitEnv,
          PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}`,
          // No network in tests: the build tools come from npm's cache (filled by `npm ci`),
          // at the lockfile's versions; installing the tarball needs nothing at all.
          npm_config_prefix: prefix,
          npm_config_offline: "true",
          npm_config_audit: "false",
          npm_config_fund: "false",
        };
        const sh = (script: string, cwd: string) =>
          run("bash", ["-e", "-c", script], { cwd, env }).then(
            (r) => ({ code: 0, ...r }),
            (e: { code: number; stdout: string; stderr: string }) => e,
          );
        const scratch = join(dir, "tmp");
        await mkdir(scratch);
        const installed = await sh(
          line
            .replace("cd /tmp", `cd ${JSON.stringify(scratch)}`)
            .replace("github:newsmirror/newsmirror", JSON.stringify(`git+file://${bare}`)),
          dir,
        );
        expect(installed.code, installed.stderr).toBe(0);

        const elsewhere = join(dir, "elsewhere");
        await mkdir(elsewhere);
        expect((await sh("newsmirror --version", elsewhere)).stdout.trim()).toBe(version);
        const fetched = await sh(
          `newsmirror fetch ${JSON.stringify(fixture("voa-putin.rss"))} --out archive && newsmirror verify --out archive`,
          elsewhere,
        );
        expect(fetched.stdout).toBe(
          "voa-putin: 1 new, 0 already archived\n1 feed: 1 new item, 0 failed\n1 item, 0 problems\n",
        );
        // What was installed is the package alone: the bundle needs no node_modules.
        const modules = await sh("ls lib/node_modules/newsmirror", prefix);
        expect(modules.stdout.split("\n").filter(Boolean).sort()).toEqual([
          "README.md",
          "dist",
          "package.json",
          "schema",
        ]);
      }),
  );
});
