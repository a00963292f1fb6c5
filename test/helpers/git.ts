import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Environment for every git call of the tests: no user config, a fixed identity. */
export const gitEnv: NodeJS.ProcessEnv = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd, env: { ...process.env, ...gitEnv } });
  return stdout;
}

/** A bare repository as the remote, and a clone of it with one commit pushed: {dir}/work. */
export async function repoWithRemote(dir: string): Promise<{ work: string; remote: string }> {
  const remote = join(dir, "remote.git");
  const work = join(dir, "work");
  await git(dir, "init", "-q", "--bare", "-b", "main", remote);
  await mkdir(work);
  await git(work, "init", "-q", "-b", "main");
  await git(work, "remote", "add", "origin", remote);
  await git(work, "commit", "-q", "--allow-empty", "-m", "start");
  await git(work, "push", "-q", "-u", "origin", "main");
  return { work, remote };
}

export async function commitCount(repo: string, ref = "HEAD"): Promise<number> {
  return Number((await git(repo, "rev-list", "--count", ref)).trim());
}
