import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { NewsmirrorError } from "../../errors.js";
import { plural } from "../../text/plural.js";
import type { RegisterCommand } from "../command.js";
import { EXIT } from "../report.js";
import { DEFAULT_CONFIG, readConfig } from "../settings.js";

const importSchema = z.strictObject({
  config: z.string().min(1).optional(),
  dryRun: z.boolean().default(false),
  quiet: z.boolean().default(false),
});
const exportSchema = z.strictObject({
  config: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
});

export const feedsCommand: RegisterCommand = (program, { ctx, setExit }) => {
  const feeds = program
    .command("feeds")
    .description("the config's feeds as OPML 2.0, the list every feed reader imports and exports");
  feeds
    .command("import")
    .description("add the feeds of an OPML file to the config (ids from their titles)")
    .argument("<file>", "the .opml file")
    .option("-c, --config <file>", "config file to add to (default: ./newsmirror.json)")
    .option("-n, --dry-run", "report what would be added, change nothing")
    .option("-q, --quiet", "print problems only")
    .action(async (file: string, raw: unknown) => {
      const options = importSchema.parse(raw);
      const config = resolve(ctx.cwd, options.config ?? DEFAULT_CONFIG);
      const { runFeedsImport } = await import("../../pipeline/feeds.js");
      const result = await runFeedsImport({
        config,
        opml: resolve(ctx.cwd, file),
        dryRun: options.dryRun,
      });
      for (const problem of result.problems) ctx.err(`E_OPML ${problem}`);
      if (!options.quiet) {
        const verb = options.dryRun ? "would add" : "added";
        for (const f of result.added) ctx.out(`${verb} ${f.id}: ${f.url}`);
        ctx.out(
          `${plural(result.outlines, "outline")}: ${result.added.length} ${verb}, ${result.problems.length} skipped; ${options.config ?? DEFAULT_CONFIG} ${options.dryRun ? "would have" : "has"} ${plural(result.total, "feed")}`,
        );
      }
      if (result.problems.length > 0) setExit(EXIT.problems);
    });
  feeds
    .command("export")
    .description("print the config's feeds as OPML 2.0 (or write them --to a file)")
    .option("-c, --config <file>", "config file (default: ./newsmirror.json)")
    .option("--to <file>", "write the OPML to this file instead of standard output")
    .action(async (raw: unknown) => {
      const options = exportSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const { feedsOpml } = await import("../../pipeline/feeds.js");
      const text = feedsOpml(config.feeds);
      if (!options.to) return void ctx.out(text.trimEnd());
      const to = resolve(ctx.cwd, options.to);
      await writeFile(to, text).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "EISDIR") throw error;
        throw new NewsmirrorError("E_NOT_A_FOLDER", `--to ${to} is a folder, not a file`, {
          suggestion: "--to must name the OPML file to write, e.g. --to feeds.opml",
        });
      });
      ctx.out(`${options.to}: ${plural(config.feeds.length, "feed")}`);
    });
};
