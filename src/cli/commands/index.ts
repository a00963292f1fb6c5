import { z } from "zod";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { plural } from "../../text/plural.js";
import { archiveProblemLines } from "../output.js";
import { EXIT, reportError } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const indexSchema = z.strictObject({
  ...archiveOptions,
  create: z.boolean().default(false),
  commit: z.boolean().default(false),
  push: z.boolean().default(false),
});

export const indexCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("index"))
    .description("rebuild the index and the lists from the item files")
    .option("--create", "make the archive folder when there is none yet")
    .option("--commit", "git-commit what changed (the last step after `fetch --shard` runs)")
    .option("--push", "--commit, then git push")
    .action(async (raw: unknown) => {
      const options = indexSchema.parse(raw);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const commit = options.commit || options.push;
      const git = commit ? await import("../../pipeline/commit.js") : undefined;
      await git?.checkCommitTarget(archive.out);
      const { runIndex } = await import("../../pipeline/reindex.js");
      const result = await runIndex(archive, { create: options.create });
      for (const line of archiveProblemLines(result.problems)) ctx.err(line);
      ctx.out(`indexed ${plural(result.items, "item")}`);
      if (result.problems.length > 0) setExit(EXIT.problems);
      if (!git) return;
      try {
        const done = await git.runCommit(archive.out, git.INDEX_COMMIT_MESSAGE, {
          push: options.push,
        });
        const pushed = done.pushed ? ", pushed" : "";
        ctx.out(
          done.commit
            ? `committed ${done.commit}${pushed}: ${done.subject}`
            : `nothing changed: no commit${pushed}`,
        );
      } catch (error) {
        reportError(error, ctx);
        setExit(EXIT.problems);
      }
    });
};
