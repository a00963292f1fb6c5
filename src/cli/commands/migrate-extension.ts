import { Option } from "commander";
import { z } from "zod";
import { NewsmirrorError } from "../../errors.js";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { plural } from "../../text/plural.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const migrateSchema = z.strictObject({ ...archiveOptions, to: z.enum(["txt", "md"]).optional() });

export const migrateExtensionCommand: RegisterCommand = (program, { ctx, setExit }) => {
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
      // The config names new items: a migration against it would be undone by the next fetch.
      if (!to || (config.itemExtension && config.itemExtension !== to)) {
        throw new NewsmirrorError(
          "E_USAGE",
          to
            ? `--to ${to}: the config says itemExtension "${config.itemExtension}"`
            : "migrate-extension: no target extension",
          { suggestion: 'set "itemExtension": "md" (or "txt") in the config, or pass --to md' },
        );
      }
      const { runMigrateExtension } = await import("../../pipeline/migrate-extension.js");
      const result = await runMigrateExtension({ ...archive, itemExtension: to }, to);
      for (const problem of result.problems) ctx.err(problem);
      ctx.out(`${plural(result.items, "item")}, ${result.renamed} renamed to .${to}`);
      if (result.problems.length > 0) setExit(EXIT.problems);
    });
};
