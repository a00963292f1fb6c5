import { z } from "zod";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { plural } from "../../text/plural.js";
import { archiveProblemLines, archiveProblemsJson } from "../output.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const rerenderSchema = z.strictObject({
  ...archiveOptions,
  check: z.boolean().default(false),
  json: z.boolean().default(false),
});

export const rerenderCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("rerender"))
    .description("re-render every stored item with the current settings (offline)")
    .option("--check", "write nothing; exit 1 when any file would change")
    .option("--json", "print one JSON summary")
    .action(async (raw: unknown) => {
      const options = rerenderSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const { runRerender } = await import("../../pipeline/rerender.js");
      const result = await runRerender({ ...archive, check: options.check });
      if (result.problems.length > 0 || (options.check && result.changed.length > 0))
        setExit(EXIT.problems);
      if (options.json) {
        const { problems, fixes } = archiveProblemsJson(result.problems);
        const changed = { [options.check ? "wouldChange" : "changed"]: result.changed };
        if (options.check && result.changed.length > 0)
          fixes.push("run `newsmirror rerender` to rewrite them");
        return void ctx.out(JSON.stringify({ items: result.items, ...changed, problems, fixes }));
      }
      for (const line of archiveProblemLines(result.problems)) ctx.err(line);
      const verb = options.check ? "would change" : "changed";
      for (const path of options.check ? result.changed : []) ctx.out(`would change: ${path}`);
      ctx.out(`${plural(result.items, "item")}, ${result.changed.length} ${verb}`);
      if (options.check && result.changed.length > 0)
        ctx.out("fix: run `newsmirror rerender` to rewrite them");
    });
};
