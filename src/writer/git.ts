import { execFile } from "node:child_process";
import { NewsmirrorError, oneLine } from "../errors.js";

/** A push over a slow network may take a while; it may not hang a cron job for ever. */
const GIT_TIMEOUT_MS = 5 * 60_000;
/** Used only when git knows no identity at all (a fresh CI runner): git would refuse to commit. */
const FALLBACK_IDENTITY = ["-c", "user.name=newsmirror", "-c", "user.email=newsmirror@localhost"];

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real git, as a child process; never a prompt for a password (it would wait for ever). */
function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      {
        cwd,
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
          return reject(
            new NewsmirrorError("E_GIT", "git is not installed (no `git` on PATH)", {
              suggestion: "install git, or run without --commit/--push",
            }),
          );
        }
        if (error?.killed) {
          return reject(
            new NewsmirrorError("E_GIT", `git ${args[0]} timed out after ${GIT_TIMEOUT_MS} ms`, {
              suggestion:
                "check the network and the remote; the commit stays and is pushed next time",
            }),
          );
        }
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** git's own words, on one line: its `fatal:`/`error:` lines and rejected refs, else all it said. */
function gitSays(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim());
  const telling = lines.filter((l) => /^(fatal|error):|\[(remote )?rejected\]/.test(l));
  return oneLine((telling.length > 0 ? telling : lines).join("; ")).replace(/;\s*$/, "");
}

function failed(what: string, result: GitResult, suggestion: string): NewsmirrorError {
  return new NewsmirrorError(
    "E_GIT",
    `${what}: ${gitSays(result.stderr) || `exit ${result.code}`}`,
    {
      suggestion,
    },
  );
}

/** The work tree holding `dir` (which must exist); E_GIT when it is in none. */
export async function gitWorkTree(dir: string): Promise<string> {
  const result = await git(dir, ["rev-parse", "--show-toplevel"]);
  if (result.code !== 0) {
    throw new NewsmirrorError("E_GIT", `${dir} is not inside a git work tree`, {
      suggestion: "run `git init` (or clone the archive's repository) there, or drop --commit",
    });
  }
  return result.stdout.trim();
}

/** What a run leaves in the archive that is no news: never committed. */
const NOT_COMMITTED = [
  ".newsmirror/tmp",
  ".newsmirror/lock*",
  ".newsmirror/dirty",
  ".newsmirror/journal*",
];

export interface CommitOutcome {
  /** The new commit's short hash; absent when nothing under the archive changed. */
  commit?: string;
  pushed: boolean;
}

/**
 * Stages exactly the archive's files (`archive` relative to the work tree `top`, "." for all of
 * it) and commits them alone, whatever else is staged; then pushes when asked, also commits an
 * earlier run could not push.
 */
export async function commitArchive(
  top: string,
  archive: string,
  message: string,
  push: boolean,
): Promise<CommitOutcome> {
  const prefix = archive === "." ? "" : `${archive}/`;
  const excludes = NOT_COMMITTED.map((p) => `:(exclude,glob)${prefix}${p}`);
  const added = await git(top, ["add", "-A", "--", archive, ...excludes]);
  if (added.code !== 0) throw failed("git add", added, "check the repository (git status)");
  const staged = await git(top, ["diff", "--cached", "--quiet", "--", archive]);
  let commit: string | undefined;
  if (staged.code === 1) {
    const args = ["commit", "-q", "--no-verify", "-m", message, "--", archive, ...excludes];
    let result = await git(top, args);
    if (result.code !== 0 && /tell me who you are|auto-detect email/i.test(result.stderr))
      result = await git(top, [...FALLBACK_IDENTITY, ...args]);
    if (result.code !== 0) throw failed("git commit", result, "check the repository (git status)");
    commit = (await git(top, ["rev-parse", "--short", "HEAD"])).stdout.trim();
  } else if (staged.code !== 0) {
    throw failed("git diff", staged, "check the repository (git status)");
  }
  if (!push) return { commit, pushed: false };
  const ahead = await git(top, ["rev-list", "--count", "@{upstream}..HEAD"]);
  if (!commit && ahead.code === 0 && ahead.stdout.trim() === "0") return { commit, pushed: false };
  return pushRebasing(top, commit);
}

/** Pushes tried after the first is rejected because the remote moved on. */
const PUSH_ATTEMPTS = 5;

/** The remote has commits this clone has not: another shard (or runner) pushed first. */
function remoteMovedOn(result: GitResult): boolean {
  return /\[rejected\]|fetch first|non-fast-forward|failed to update ref|cannot lock ref/i.test(
    result.stderr,
  );
}

/** What to do about a push git refused, by what git said (the first row that matches). */
const PUSH_FIXES: readonly [RegExp, string][] = [
  [
    /has no upstream branch/i,
    "tell git once where this branch goes: `git push -u origin HEAD`; the next --push then goes there",
  ],
  [
    /no configured push destination/i,
    "add the remote first: `git remote add origin URL`, then `git push -u origin HEAD` once",
  ],
  [
    /could not read username|authentication failed|permission denied|returned error: 403/i,
    "check the credentials for the remote (a token or key with write access); the commit stays here and goes out with the next --push",
  ],
];
/** Any other refusal: the remote moved on, or the network failed. */
const PUSH_FIX_OTHERWISE =
  "the commit stays here and goes out with the next --push; if the remote moved on, `git pull --rebase` first";

function pushFix(result: GitResult): string {
  return PUSH_FIXES.find(([pattern]) => pattern.test(result.stderr))?.[1] ?? PUSH_FIX_OTHERWISE;
}

/**
 * Pushes; when the remote moved on (a shard that pushed first), `git pull --rebase` puts this
 * commit on top and the push is tried again. Shards write disjoint files, so the rebase never
 * conflicts; if it does (someone edited the same file), it is undone and the push error stands.
 */
async function pushRebasing(top: string, made: string | undefined): Promise<CommitOutcome> {
  let commit = made;
  for (let attempt = 0; ; attempt++) {
    const pushed = await git(top, ["push", "-q"]);
    if (pushed.code === 0) return { commit, pushed: true };
    const what = commit ? `committed ${commit}, but git push failed` : "git push failed";
    const suggestion = pushFix(pushed);
    if (!remoteMovedOn(pushed) || attempt >= PUSH_ATTEMPTS) throw failed(what, pushed, suggestion);
    const args = ["pull", "--rebase", "-q", "--no-verify"];
    let pulled = await git(top, args);
    if (pulled.code !== 0 && /tell me who you are|auto-detect email/i.test(pulled.stderr)) {
      await git(top, ["rebase", "--abort"]);
      pulled = await git(top, [...FALLBACK_IDENTITY, ...args]);
    }
    if (pulled.code !== 0) {
      await git(top, ["rebase", "--abort"]);
      throw failed(`${what}, and git pull --rebase could not put it on top`, pulled, suggestion);
    }
    if (commit) commit = (await git(top, ["rev-parse", "--short", "HEAD"])).stdout.trim();
  }
}
