import { z } from "zod";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { plural } from "../../text/plural.js";
import { archiveProblemLines, archiveProblemsJson } from "../output.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const verifySchema = z.strictObject({ ...archiveOptions, json: z.boolean().default(false) });

export const verifyCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("verify"))
    .description("check item files, their places, and the index; exit 1 on any problem")
    .option("--json", "print one JSON summary")
    .action(async (raw: unknown) => {
      const options = verifySchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { verifyArchive } = await import("../../writer/verify.js");
      const { itemExtensionFor } = await import("../../writer/extension.js");
      const extension = await itemExtensionFor(archive.out, archive.itemExtension);
      const result = await verifyArchive(archive.out, extension);
      if (result.problems.length > 0) setExit(EXIT.problems);
      if (options.json) {
        const { problems, fixes } = archiveProblemsJson(result.problems);
        return void ctx.out(JSON.stringify({ items: result.items, problems, fixes }));
      }
      for (const line of archiveProblemLines(result.problems)) ctx.err(line);
      ctx.out(`${plural(result.items, "item")}, ${plural(result.problems.length, "problem")}`);
    });
};
