import { Option, type Command } from "commander";
import { z } from "zod";
import { DEFAULT_HTTP_OPTIONS } from "../../fetcher/http/options.js";
import { archiveOptions, collect, VERSION, withArchive, type RegisterCommand } from "../command.js";
import { fetchPrinter, type OutputMode } from "../output.js";
import { EXIT, reportError } from "../report.js";
import { NewsmirrorError } from "../../errors.js";
import { feedJobs } from "../jobs.js";
import { archiveSettings, readConfig, runStart } from "../settings.js";
import { inShard, parseShard, type Shard } from "../../pipeline/shard.js";

const fetchSchema = z.strictObject({
  ...archiveOptions,
  feed: z.array(z.string().min(1)).default([]),
  id: z.array(z.string().min(1)).default([]),
  title: z.array(z.string().min(1)).default([]),
  dryRun: z.boolean().default(false),
  quiet: z.boolean().default(false),
  json: z.boolean().default(false),
  userAgent: z.string().min(1).optional(),
  commit: z.boolean().default(false),
  push: z.boolean().default(false),
  shard: z.string().optional(),
});

export const fetchCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withFetchOptions(withArchive(program.command("fetch"))).action(
    async (sources: string[], raw: unknown) => {
      const options = fetchSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const mode = outputMode(options, ctx.isTTY);
      const printer = fetchPrinter(mode, ctx, options.dryRun);
      // Before anything is fetched: a run that cannot commit should not leave work uncommitted.
      const git = commitWanted(options) ? await import("../../pipeline/commit.js") : undefined;
      await git?.checkCommitTarget(archive.out);
      const shard = options.shard === undefined ? undefined : shardOption(options.shard, sources);
      const jobs = feedJobs(
        config,
        { sources, only: options.feed, ids: options.id, titles: options.title, cwd: ctx.cwd },
        archive.imageProxy,
      ).filter((job) => !shard || inShard(job.id, shard));
      const titles = jobs.flatMap((j) =>
        j.config?.title ? [[j.id, j.config.title] as const] : [],
      );
      const { runFetch } = await import("../../pipeline/fetch.js");
      const reports = await runFetch(
        {
          ...archive,
          feedTitles: new Map([...archive.feedTitles, ...titles]),
          jobs,
          dryRun: options.dryRun,
          now: runStart(ctx, ctx.wallClock),
          http: { ...config.http, userAgent: userAgentOf(options.userAgent, config) },
          concurrency: config.http?.concurrency ?? DEFAULT_HTTP_OPTIONS.concurrency,
          shard,
        },
        { readStdin: ctx.readStdin, clock: ctx.monotonic, ...printer },
      );
      printer.onEnd(reports);
      if (reports.some((r) => r.status === "failed")) setExit(EXIT.problems);
      if (!git) return;
      try {
        const done = await git.runCommit(archive.out, reports, { push: options.push });
        if (mode !== "quiet" && mode !== "json") ctx.out(commitLine(done));
      } catch (error) {
        // The archive is written and intact; only git failed. One line, and exit 1.
        reportError(error, ctx, mode === "json");
        setExit(EXIT.problems);
      }
    },
  );
};

type FetchOptions = z.infer<typeof fetchSchema>;

function withFetchOptions(command: Command): Command {
  return command
    .description("fetch feeds and archive their new entries")
    .argument(
      "[sources...]",
      "feed URLs, local files, or - for stdin (default: the config's feeds)",
    )
    .option("-f, --feed <id>", "only this feed of the config (repeatable)", collect)
    .option("--id <id>", "the feed a source on the command line goes to (one per source)", collect)
    .option("--title <title>", "that feed's title in the lists (one per source)", collect)
    .option("-n, --dry-run", "report what would be archived, write nothing")
    .option("-q, --quiet", "print errors only")
    .option("--json", "print one JSON summary")
    .addOption(new Option("--user-agent <ua>", "the User-Agent header to send"))
    .option("--commit", "git-commit the archive's changes after the run (nothing new: no commit)")
    .option("--push", "--commit, then git push (also commits an earlier run could not push)")
    .option(
      "--shard <K/N>",
      "only the K-th of N parts of the config's feeds, writing only their files (then `index`)",
    );
}

function outputMode(options: FetchOptions, isTTY: boolean): OutputMode {
  if (options.json) return "json";
  if (options.quiet) return "quiet";
  return isTTY ? "progress" : "lines";
}

function userAgentOf(given: string | undefined, config: { http?: { userAgent?: string } }) {
  return (
    given ??
    config.http?.userAgent ??
    `newsmirror/${VERSION} (+https://github.com/newsmirror/newsmirror)`
  );
}

/** Whether the run ends with a commit; --dry-run writes nothing, so it cannot. */
function commitWanted(options: FetchOptions): boolean {
  const commit = options.commit || options.push;
  if (commit && options.dryRun)
    throw new NewsmirrorError(
      "E_USAGE",
      "--dry-run writes nothing, so there is nothing to commit",
      {
        suggestion: "drop --commit/--push, or --dry-run",
      },
    );
  return commit;
}

function commitLine(done: { commit?: string; pushed: boolean; subject?: string }): string {
  const pushed = done.pushed ? ", pushed" : "";
  return done.commit
    ? `committed ${done.commit}${pushed}: ${done.subject}`
    : `nothing changed: no commit${pushed}`;
}

/** `--shard K/N` splits the config's feeds; sources on the command line are no such list. */
function shardOption(text: string, sources: readonly string[]): Shard {
  if (sources.length > 0)
    throw new NewsmirrorError(
      "E_USAGE",
      "--shard splits the config's feeds, so it cannot be given with sources",
      { suggestion: "leave out the sources, or drop --shard" },
    );
  return parseShard(text);
}
