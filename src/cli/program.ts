import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { z } from "zod";
import { fetchPrinter, type OutputMode, type Terminal } from "./output.js";
import { NewsmirrorError } from "../errors.js";
import { EXIT, reportError } from "./report.js";
import { archiveSettings, feedJobs, readConfig, runStart, type Environment } from "./settings.js";

export interface CliContext extends Environment, Terminal {
  isTTY: boolean;
  readStdin: () => Promise<Uint8Array>;
  wallClock: () => number;
  monotonic: () => number;
}

export const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

const archiveOptions = { config: z.string().min(1).optional(), out: z.string().min(1).optional() };
const fetchSchema = z.strictObject({
  ...archiveOptions,
  feed: z.array(z.string().min(1)).default([]),
  dryRun: z.boolean().default(false),
  quiet: z.boolean().default(false),
  json: z.boolean().default(false),
  userAgent: z.string().min(1).optional(),
});
const rerenderSchema = z.strictObject({ ...archiveOptions, check: z.boolean().default(false) });
const archiveSchema = z.strictObject(archiveOptions);
const migrateSchema = z.strictObject({ ...archiveOptions, to: z.enum(["txt", "md"]).optional() });

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function withArchive(command: Command): Command {
  return command
    .option("-c, --config <file>", "config file (default: ./newsmirror.json when it exists)")
    .option("-o, --out <dir>", "archive folder (default: the config's out, else ./archive)");
}

// Each command imports its pipeline when it runs: `--version`, `--help` and a run where every
// feed answers 304 never load the parsers, the converter or the full-text extractor.

/** Runs the CLI and returns the exit code; it never calls process.exit itself. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("newsmirror")
    .description("Mirror news feeds into a plain-text archive that lives in git.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.trimEnd()),
      writeErr: (s) => ctx.err(s.trimEnd()),
    });

  withArchive(program.command("fetch"))
    .description("fetch feeds and archive their new entries")
    .argument(
      "[sources...]",
      "feed URLs, local files, or - for stdin (default: the config's feeds)",
    )
    .option("-f, --feed <id>", "only this feed of the config (repeatable)", collect)
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
      const printer = fetchPrinter(mode, ctx);
      const userAgent =
        options.userAgent ??
        config.http?.userAgent ??
        `newsmirror/${VERSION} (+https://github.com/newsmirror/newsmirror)`;
      const { runFetch } = await import("../pipeline/fetch.js");
      const reports = await runFetch(
        {
          ...archive,
          jobs: feedJobs(config, sources, options.feed, archive.imageProxy),
          dryRun: options.dryRun,
          now: runStart(ctx, ctx.wallClock),
          http: { ...config.http, userAgent },
          concurrency: config.http?.concurrency ?? 8,
        },
        { readStdin: ctx.readStdin, clock: ctx.monotonic, ...printer },
      );
      printer.onEnd(reports);
      if (reports.some((r) => r.status === "failed")) code = EXIT.problems;
    });

  withArchive(program.command("rerender"))
    .description("re-render every stored item with the current settings (offline)")
    .option("--check", "write nothing; exit 1 when any file would change")
    .action(async (raw: unknown) => {
      const options = rerenderSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const { runRerender } = await import("../pipeline/rerender.js");
      const result = await runRerender({ ...archive, check: options.check });
      for (const problem of result.problems) ctx.err(problem);
      const verb = options.check ? "would change" : "changed";
      for (const path of options.check ? result.changed : []) ctx.out(`would change: ${path}`);
      ctx.out(`${result.items} item(s), ${result.changed.length} ${verb}`);
      if (result.problems.length > 0 || (options.check && result.changed.length > 0))
        code = EXIT.problems;
    });

  withArchive(program.command("index"))
    .description("rebuild the index and the lists from the item files")
    .action(async (raw: unknown) => {
      const options = archiveSchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { rebuildAndList } = await import("./index-command.js");
      const result = await rebuildAndList(archive);
      for (const problem of result.problems) ctx.err(problem);
      ctx.out(`indexed ${result.items} item(s)`);
      if (result.problems.length > 0) code = EXIT.problems;
    });

  withArchive(program.command("verify"))
    .description("check item files, their places, and the index; exit 1 on any problem")
    .action(async (raw: unknown) => {
      const options = archiveSchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { verifyArchive } = await import("../writer/verify.js");
      const { itemExtensionFor } = await import("../writer/extension.js");
      const extension = await itemExtensionFor(archive.out, archive.itemExtension);
      const result = await verifyArchive(archive.out, extension);
      for (const problem of result.problems) ctx.err(problem);
      ctx.out(`${result.items} item(s), ${result.problems.length} problem(s)`);
      if (result.problems.length > 0) code = EXIT.problems;
    });

  withArchive(program.command("migrate-extension"))
    .description("rename every item file to .txt or .md, index and lists with them")
    .addOption(
      new Option("--to <ext>", "the new extension (default: the config's itemExtension)").choices([
        "txt",
        "md",
      ]),
    )
    .action(async (raw: unknown) => {
      const options = migrateSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const to = options.to ?? config.itemExtension;
      if (!to || (config.itemExtension && config.itemExtension !== to)) {
        throw new NewsmirrorError(
          "E_USAGE",
          to
            ? `--to ${to}: the config says itemExtension "${config.itemExtension}"`
            : "migrate-extension: no target extension",
          { suggestion: 'set "itemExtension": "md" (or "txt") in the config, or pass --to md' },
        );
      }
      const { runMigrateExtension } = await import("../pipeline/migrate-extension.js");
      const result = await runMigrateExtension({ ...archive, itemExtension: to }, to);
      for (const problem of result.problems) ctx.err(problem);
      ctx.out(`${result.items} item(s), ${result.renamed} renamed to .${to}`);
      if (result.problems.length > 0) code = EXIT.problems;
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportError(error, ctx);
  }
}
