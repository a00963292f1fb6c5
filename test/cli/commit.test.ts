import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitMessage } from "../../src/pipeline/commit.js";
import type { FeedReport } from "../../src/pipeline/fetch.js";
import { runCli } from "../helpers/cli.js";
import { commitCount, git, gitEnv, repoWithRemote } from "../helpers/git.js";
import { fixture, withTempDir } from "../helpers/paths.js";

// runCli runs in this process: git gets the tests' identity and no user config through env.
const saved = { ...process.env };
beforeAll(() => void Object.assign(process.env, gitEnv));
afterAll(() => {
  for (const key of Object.keys(gitEnv)) delete process.env[key];
  Object.assign(process.env, saved);
});

const FEED = fixture("voa-putin.rss");

describe("fetch --commit", () => {
  it("commits the archive alone, leaves other staged work out, and makes no empty commit", () =>
    withTempDir(async (dir) => {
      const { work } = await repoWithRemote(dir);
      await writeFile(join(work, "notes.txt"), "mine\n");
      await git(work, "add", "notes.txt");
      const first = await runCli(["fetch", FEED, "--commit"], { cwd: work });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^committed [0-9a-f]+: news: 1 new item from voa-putin$/m);
      expect(await git(work, "show", "--stat", "--format=%B", "HEAD")).not.toContain("notes.txt");
      expect(await git(work, "status", "--porcelain")).toBe("A  notes.txt\n");
      const second = await runCli(["fetch", FEED, "--commit"], { cwd: work });
      expect(second.stdout).toMatch(/^nothing changed: no commit$/m);
      expect(await commitCount(work)).toBe(2);
    }));

  it.each<[string, (dir: string) => Promise<string[]>, RegExp, number]>([
    [
      "not a git work tree: refused before fetching",
      async (dir) => ["fetch", FEED, "--out", join(dir, "archive"), "--commit"],
      /^newsmirror: E_GIT: \/.* is not inside a git work tree\n {2}suggestion: /,
      2,
    ],
    [
      "--dry-run with --commit",
      async (dir) => ["fetch", FEED, "--out", dir, "--dry-run", "--push"],
      /^newsmirror: E_USAGE: --dry-run writes nothing/,
      2,
    ],
    [
      "a push the remote refuses: committed, one line, exit 1",
      async (dir) => {
        const { work, remote } = await repoWithRemote(dir);
        await writeFile(join(remote, "hooks", "pre-receive"), "#!/bin/sh\nexit 1\n", {
          mode: 0o755,
        });
        return ["fetch", FEED, "--out", join(work, "archive"), "--push"];
      },
      /^newsmirror: E_GIT: committed [0-9a-f]+, but git push failed: .*\[remote rejected\].*\n {2}suggestion: the commit stays here/,
      1,
    ],
    [
      "a branch with no upstream: committed, and how to set one",
      async (dir) => {
        const { work } = await repoWithRemote(dir);
        await git(work, "checkout", "-q", "-b", "news");
        return ["fetch", FEED, "--out", join(work, "archive"), "--push"];
      },
      /^newsmirror: E_GIT: committed [0-9a-f]+, but git push failed: .*has no upstream branch.*\n {2}suggestion: tell git once where this branch goes: `git push -u origin HEAD`/,
      1,
    ],
    [
      "a repository with no remote: committed, and how to add one",
      async (dir) => {
        const work = join(dir, "alone");
        await git(dir, "init", "-q", work);
        return ["fetch", FEED, "--out", join(work, "archive"), "--push"];
      },
      /^newsmirror: E_GIT: committed [0-9a-f]+, but git push failed: .*\n {2}suggestion: add the remote first: `git remote add origin URL`/,
      1,
    ],
    [
      "the remote moved on with the same file changed: the rebase is undone, one line, exit 1",
      async (dir) => {
        const { work, remote } = await repoWithRemote(dir);
        const other = join(dir, "other");
        await git(dir, "clone", "-q", remote, other);
        await mkdir(join(other, "archive"));
        await writeFile(join(other, "archive", "README.md"), "theirs\n");
        await git(other, "add", "-A");
        await git(other, "commit", "-q", "-m", "theirs");
        await git(other, "push", "-q");
        return ["fetch", FEED, "--out", join(work, "archive"), "--push"];
      },
      /^newsmirror: E_GIT: committed [0-9a-f]+, but git push failed, and git pull --rebase could not put it on top: .*\n {2}suggestion: the commit stays here/,
      1,
    ],
  ])("%s", (_, setup, message, exit) =>
    withTempDir(async (dir) => {
      const result = await runCli(await setup(dir), { cwd: dir });
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split("\n")).toHaveLength(2);
      expect(result.code).toBe(exit);
    }),
  );

  it("puts its commit on top of what another runner pushed meanwhile, and pushes", () =>
    withTempDir(async (dir) => {
      const { work, remote } = await repoWithRemote(dir);
      const other = join(dir, "other");
      await git(dir, "clone", "-q", remote, other);
      await writeFile(join(other, "theirs.txt"), "theirs\n");
      await git(other, "add", "-A");
      await git(other, "commit", "-q", "-m", "theirs");
      await git(other, "push", "-q");
      const result = await runCli(["fetch", FEED, "--push"], { cwd: work });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const hash = /^committed ([0-9a-f]+), pushed: /m.exec(result.stdout)?.[1];
      expect(await git(remote, "rev-parse", "--short", "main")).toBe(`${hash}\n`);
      expect(await git(remote, "log", "--format=%s", "main")).toBe(
        "news: 1 new item from voa-putin\ntheirs\nstart\n",
      );
      expect(await git(work, "status", "--porcelain")).toBe("");
    }));

  it("without git on PATH: one line, exit 2, nothing fetched", () =>
    withTempDir(async (dir) => {
      await mkdir(join(dir, "bin"));
      const path = process.env.PATH;
      process.env.PATH = join(dir, "bin");
      try {
        const result = await runCli(["fetch", FEED, "--out", join(dir, "a"), "--commit"]);
        expect(result.stderr).toMatch(/^newsmirror: E_GIT: git is not installed/);
        expect(result.code).toBe(2);
      } finally {
        process.env.PATH = path;
      }
    }));
});

describe("commitMessage", () => {
  const report = (feed: string, differs: Partial<FeedReport>): FeedReport => ({
    feed,
    source: `https://example.com/${feed}`,
    status: "ok",
    new: 0,
    existing: 0,
    filtered: 0,
    repeated: 0,
    durationMs: 1,
    warnings: [],
    ...differs,
  });
  const dead = report("dead", {
    status: "failed",
    error: { code: "E_DNS", message: "dead: host not found: https://x/" },
  });
  it.each<[string, FeedReport[], string]>([
    ["one item", [report("a", { new: 1 })], "news: 1 new item from a\n\na: 1 new\n"],
    [
      "many feeds, one failed",
      ["a", "b", "c", "d", "e"].map((f, i) => report(f, { new: i + 1 })).concat(dead),
      "news: 15 new items from a, b, c and 2 more; 1 feed failed\n\na: 1 new\nb: 2 new\nc: 3 new\nd: 4 new\ne: 5 new\nfailed: dead: E_DNS host not found: https://x/\n",
    ],
    [
      "only a failure",
      [report("a", {}), dead],
      "news: no new items; 1 feed failed\n\nfailed: dead: E_DNS host not found: https://x/\n",
    ],
    ["nothing but state", [report("a", {})], "news: feed state updated\n"],
  ])("%s", (_, reports, expected) => {
    expect(commitMessage(reports)).toBe(expected);
  });
});
