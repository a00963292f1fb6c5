import type { Command } from "commander";
import { z } from "zod";
import type { ImportReport } from "../pipeline/import.js";
import type { Terminal } from "./output.js";
import { archiveSettings, readConfig, type Environment } from "./settings.js";

const importSchema = z.strictObject({
  config: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  feedMap: z.array(z.string().min(1)).default([]),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
});

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The report as lines: counts that add up, then every problem and every merge, one line each. */
export function importLines(
  report: ImportReport,
  dryRun: boolean,
): { out: string[]; err: string[] } {
  const verb = dryRun ? "would import" : "imported";
  const times = Object.entries(report.times)
    .map(([source, n]) => `${n} ${source}`)
    .join(", ");
  const out = [
    ...report.feeds.map(
      (f) => `${f.feed}: ${f.imported} ${verb}${f.folder === f.feed ? "" : ` (from ${f.folder})`}`,
    ),
    ...report.merges.map(
      (m) => `merged ${m.files.join(" + ")} → ${m.path} (body of ${m.kept}, time of ${m.timeFrom})`,
    ),
    `${report.files} file(s) read: ${report.imported} ${verb}, ${report.merged} merged as duplicates, ${report.existing} already archived, ${report.failed} failed`,
  ];
  if (times) out.push(`times from: ${times}`);
  const err = report.problems.map((p) => `E_IMPORT ${p.message}`);
  return { out, err };
}

/** `newsmirror import SOURCE_DIR...`; sets exit code 1 when any file could not be imported. */
export function registerImport(
  program: Command,
  ctx: Environment & Terminal,
  setCode: (code: number) => void,
): void {
  program
    .command("import")
    .description("carry an older mirror's archive over (duty-machine, NodeBE4 and their forks)")
    .argument("<sources...>", "folders of the older archive (a repository, or its article folders)")
    .option("-c, --config <file>", "config file (default: ./newsmirror.json when it exists)")
    .option("-o, --out <dir>", "archive folder (default: the config's out, else ./archive)")
    .option("-m, --feed-map <folder=id>", "feed id for an old folder (repeatable)", collect)
    .option("-n, --dry-run", "report what would be imported, write nothing")
    .option("--json", "print the whole report as JSON")
    .action(async (sources: string[], raw: unknown) => {
      const options = importSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const { parseFeedMap } = await import("../legacy/sources.js");
      const { runImport } = await import("../pipeline/import.js");
      const { resolve } = await import("node:path");
      const report = await runImport({
        ...archive,
        sources: sources.map((s) => resolve(ctx.cwd, s)),
        feedMap: parseFeedMap(options.feedMap),
        dryRun: options.dryRun,
      });
      if (options.json) ctx.out(JSON.stringify(report));
      else {
        const lines = importLines(report, options.dryRun);
        for (const line of lines.err) ctx.err(line);
        for (const line of lines.out) ctx.out(line);
      }
      if (report.failed > 0) setCode(1);
    });
}
