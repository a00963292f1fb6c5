import { resolve } from "node:path";
import { Option } from "commander";
import { z } from "zod";
import { FRONT_MATTER_STYLES } from "../../export/styles.js";
import { plural } from "../../text/plural.js";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { archiveProblemLines } from "../output.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const markdownSchema = z.strictObject({
  ...archiveOptions,
  to: z.string().min(1),
  frontMatter: z.enum(FRONT_MATTER_STYLES).default("jekyll"),
  json: z.boolean().default(false),
});

export const exportCommand: RegisterCommand = (program, { ctx, setExit }) => {
  const command = program
    .command("export")
    .description("the archive in another form: Markdown files for Jekyll or Hugo");
  withArchive(command.command("markdown"))
    .description("every article as a Markdown file with front matter (only changed files written)")
    .requiredOption("--to <dir>", "the folder to export into (a Jekyll or Hugo site)")
    .addOption(
      new Option("--front-matter <style>", "front matter and file layout")
        .choices(FRONT_MATTER_STYLES)
        .default("jekyll"),
    )
    .option("--json", "print one JSON summary")
    .action(async (raw: unknown) => {
      const options = markdownSchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { runExport } = await import("../../pipeline/export.js");
      const report = await runExport(archive, {
        to: resolve(ctx.cwd, options.to),
        style: options.frontMatter,
      });
      if (report.problems.length > 0) setExit(EXIT.problems);
      if (options.json) return void ctx.out(JSON.stringify(report));
      for (const line of archiveProblemLines(report.problems)) ctx.err(line);
      ctx.out(
        `${plural(report.articles, "article")} exported to ${options.to}: ${report.written} written, ${report.unchanged} unchanged, ${report.removed.length} removed, ${plural(report.problems.length, "problem")}`,
      );
    });
};
