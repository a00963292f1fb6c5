import { realpath, stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { withoutName } from "../text/named.js";
import { plural } from "../text/plural.js";
import { acquireLock } from "../writer/lock.js";
import { commitArchive, gitWorkTree, type CommitOutcome } from "../writer/git.js";
import type { FeedReport } from "./fetch.js";

export type { CommitOutcome } from "../writer/git.js";

/** Feeds named in the subject line; more are counted. */
const SUBJECT_FEEDS = 3;

/**
 * Before a `fetch --commit` fetches anything: the archive must be in a git work tree, and git
 * must be there. The archive folder may not exist yet: its nearest existing parent is asked.
 */
export async function checkCommitTarget(out: string): Promise<void> {
  let dir = resolve(out);
  while (
    !(await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  await gitWorkTree(dir);
}

/**
 * `fetch --commit` after the run: the archive's changes committed (and pushed) under the
 * archive's lock, so that a run starting meanwhile cannot slip half its writes into the commit.
 */
export async function runCommit(
  out: string,
  reports: readonly FeedReport[] | string,
  options: { push: boolean },
): Promise<CommitOutcome & { subject: string }> {
  const lock = await acquireLock(out);
  try {
    const top = await gitWorkTree(out);
    // git names the work tree by its real path; the archive's may go through a symlink.
    const archive =
      relative(top, await realpath(out))
        .split(sep)
        .join("/") || ".";
    const message = typeof reports === "string" ? reports : commitMessage(reports);
    const outcome = await commitArchive(top, archive, message, options.push);
    return { ...outcome, subject: message.split("\n")[0] ?? "" };
  } finally {
    await lock.release();
  }
}

/** `index --commit`: what the shards' runs leave to it, in `git log`. */
export const INDEX_COMMIT_MESSAGE = "news: index and lists rebuilt from the items\n";

/**
 * What a person wants to read in `git log`: how many new items from which feeds in the subject;
 * in the body one line per feed that brought news, and one per feed that failed and why.
 */
export function commitMessage(reports: readonly FeedReport[]): string {
  const fresh = reports.filter((r) => r.new > 0);
  const failed = reports.filter((r) => r.status === "failed");
  const total = fresh.reduce((n, r) => n + r.new, 0);
  const names = fresh.slice(0, SUBJECT_FEEDS).map((r) => r.feed);
  const more = fresh.length - names.length;
  const from = more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
  const failing = failed.length > 0 ? `${plural(failed.length, "feed")} failed` : "";
  const subject =
    total > 0
      ? `news: ${plural(total, "new item")} from ${from}${failing ? `; ${failing}` : ""}`
      : failing
        ? `news: no new items; ${failing}`
        : "news: feed state updated";
  const body = [
    ...fresh.map((r) => `${r.feed}: ${r.new} new`),
    ...failed.map((r) =>
      `failed: ${r.feed}: ${r.error?.code ?? "E_INTERNAL"} ${withoutName(r.feed, r.error?.message ?? "")}`.trim(),
    ),
  ];
  return body.length > 0 ? `${subject}\n\n${body.join("\n")}\n` : `${subject}\n`;
}
