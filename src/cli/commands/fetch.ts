import { Option } from "commander";
import { z } from "zod";
import { archiveOptions, collect, VERSION, withArchive, type RegisterCommand } from "../command.js";
import { fetchPrinter, type OutputMode } from "../output.js";
import { EXIT } from "../report.js";
import { feedJobs } from "../jobs.js";
import { archiveSettings, readConfig, runStart } from "../settings.js";

const fetchSchema = z.strictObject({
  ...archiveOptions,
  feed: z.array(z.string().min(1)).default([]),
  id: z.array(z.string().min(1)).default([]),
  title: z.array(z.string().min(1)).default([]),
  dryRun: z.boolean().default(false),
  quiet: z.boolean().default(false),
  json: z.boolean().default(false),
  userAgent: z.string().min(1).optional(),
});

export const fetchCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("fetch"))
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
    .action(async (sources: string[], raw: unknown) => {
      const options = fetchSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const mode: OutputMode = options.json
        ? "json"
        : options.quiet
          ? "quiet"
          : ctx.isTTY
            ? "progress"
            : "lines";
      const printer = fetchPrinter(mode, ctx, options.dryRun);
      const userAgent =
        options.userAgent ??
        config.http?.userAgent ??
        `newsmirror/${VERSION} (+https://github.com/newsmirror/newsmirror)`;
      const jobs = feedJobs(
        config,
        { sources, only: options.feed, ids: options.id, titles: options.title, cwd: ctx.cwd },
        archive.imageProxy,
      );
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
          http: { ...config.http, userAgent },
          concurrency: config.http?.concurrency ?? 8,
        },
        { readStdin: ctx.readStdin, clock: ctx.monotonic, ...printer },
      );
      printer.onEnd(reports);
      if (reports.some((r) => r.status === "failed")) setExit(EXIT.problems);
    });
};
