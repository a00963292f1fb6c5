import { z } from "zod";
import { plural } from "../../text/plural.js";
import { VERSION, type RegisterCommand } from "../command.js";
import { EXIT } from "../report.js";
import { DEFAULT_CONFIG } from "../settings.js";

const initSchema = z.strictObject({
  githubActions: z.boolean().default(false),
  force: z.boolean().default(false),
});

export const initCommand: RegisterCommand = (program, { ctx, setExit }) => {
  program
    .command("init")
    .description("start a mirror here: newsmirror.json for the feeds given (each fetched once)")
    .argument("[urls...]", "feed URLs: each is fetched once for its title and an id")
    .option("--github-actions", "also write the workflow of the README's recipe")
    .option("--force", "replace files that exist")
    .action(async (urls: string[], raw: unknown) => {
      const options = initSchema.parse(raw);
      const { runInit } = await import("../../pipeline/init.js");
      const result = await runInit({
        urls,
        dir: ctx.cwd,
        configFile: DEFAULT_CONFIG,
        githubActions: options.githubActions,
        force: options.force,
        userAgent: `newsmirror/${VERSION} (+https://github.com/newsmirror/newsmirror)`,
      });
      for (const problem of result.problems) ctx.err(problem);
      for (const feed of result.feeds)
        ctx.out(`${feed.id}: ${feed.url}${feed.title ? ` (${feed.title})` : ""}`);
      ctx.out(`wrote ${result.written.join(", ")}: ${plural(result.feeds.length, "feed")}`);
      ctx.out(
        result.feeds.length > 0
          ? "next: newsmirror fetch"
          : 'next: add feeds to newsmirror.json ({ "id": …, "url": … }), then newsmirror fetch',
      );
      if (result.problems.length > 0) setExit(EXIT.problems);
    });
};
