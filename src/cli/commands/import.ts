import { resolve } from "node:path";
import { z } from "zod";
import type { ImportReport } from "../../pipeline/import.js";
import { archiveOptions, collect, withArchive, type RegisterCommand } from "../command.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";
import { feedIdProblem } from "../../config/schema.js";
import { NewsmirrorError } from "../../errors.js";
import { plural } from "../../text/plural.js";

const importSchema = z.strictObject({
  ...archiveOptions,
  feedMap: z.array(z.string().min(1)).default([]),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
});

/** `FOLDER=ID` pairs from --feed-map; the ID must be a usable feed folder name. */
export function parseFeedMap(pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    const folder = pair.slice(0, at).trim();
    const id = pair.slice(at + 1).trim();
    const problem = at < 1 ? "not FOLDER=ID" : feedIdProblem(id);
    if (problem) {
      throw new NewsmirrorError("E_USAGE", `--feed-map ${pair}: ${problem}`, {
        suggestion: "give the old folder's name and a feed id, e.g. --feed-map 德国之声=dw",
      });
    }
    map.set(folder, id);
  }
  return map;
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
    `${plural(report.files, "file")} read: ${report.imported} ${verb}, ${report.merged} merged as duplicates, ${report.existing} already archived, ${report.failed} failed`,
  ];
  if (times) out.push(`times from: ${times}`);
  const err = report.problems.map((p) => `E_IMPORT ${p.message}`);
  return { out, err };
}

/** `newsmirror import SOURCE_DIR...`: exit 1 when any file could not be imported. */
export const importCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("import"))
    .description("carry an older mirror's archive over (duty-machine, NodeBE4 and their forks)")
    .argument("<sources...>", "folders of the older archive (a repository, or its article folders)")
    .option("-m, --feed-map <folder=id>", "feed id for an old folder (repeatable)", collect)
    .option("-n, --dry-run", "report what would be imported, write nothing")
    .option("--json", "print the whole report as JSON")
    .action(async (sources: string[], raw: unknown) => {
      const options = importSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const { runImport } = await import("../../pipeline/import.js");
      const report = await runImport({
        ...archive,
        sources: sources.map((s) => resolve(ctx.cwd, s)),
        feedMap: parseFeedMap(options.feedMap),
        dryRun: options.dryRun,
        listArticles: options.json,
      });
      if (options.json) ctx.out(JSON.stringify(report));
      else {
        const lines = importLines(report, options.dryRun);
        for (const line of lines.err) ctx.err(line);
        for (const line of lines.out) ctx.out(line);
      }
      if (report.failed > 0) setExit(EXIT.problems);
    });
};
