import { z } from "zod";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { plural } from "../../text/plural.js";
import { archiveProblemLines } from "../output.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const indexSchema = z.strictObject({ ...archiveOptions, create: z.boolean().default(false) });

export const indexCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("index"))
    .description("rebuild the index and the lists from the item files")
    .option("--create", "make the archive folder when there is none yet")
    .action(async (raw: unknown) => {
      const options = indexSchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { runIndex } = await import("../../pipeline/reindex.js");
      const result = await runIndex(archive, { create: options.create });
      for (const line of archiveProblemLines(result.problems)) ctx.err(line);
      ctx.out(`indexed ${plural(result.items, "item")}`);
      if (result.problems.length > 0) setExit(EXIT.problems);
    });
};
