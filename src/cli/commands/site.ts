import { resolve } from "node:path";
import { z } from "zod";
import { NewsmirrorError } from "../../errors.js";
import { plural } from "../../text/plural.js";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { EXIT } from "../report.js";
import { archiveSettings, readConfig } from "../settings.js";

const siteSchema = z.strictObject({
  ...archiveOptions,
  to: z.string().min(1),
  baseUrl: z.string().optional(),
});

function checkBaseUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (/^https?:\/\/[^/\s]+(\/\S*)?$/i.test(url)) return url.replace(/\/*$/, "/");
  throw new NewsmirrorError("E_USAGE", `--base-url ${url}: not an http(s) URL`, {
    suggestion: "give the address the site is served from, e.g. https://example.github.io/news/",
  });
}

export const siteCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("site"))
    .description("make or update a static website of the archive (only changed pages are written)")
    .requiredOption("--to <dir>", "the site's folder")
    .option(
      "--base-url <url>",
      "where the site is served from (canonical links; absolute links in its Atom feeds)",
    )
    .action(async (raw: unknown) => {
      const options = siteSchema.parse(raw);
      const baseUrl = checkBaseUrl(options.baseUrl);
      const archive = archiveSettings(await readConfig(options.config, ctx), options.out, ctx);
      const { runSite } = await import("../../pipeline/site.js");
      const result = await runSite(archive, {
        to: resolve(ctx.cwd, options.to),
        ...(baseUrl ? { baseUrl } : {}),
      });
      for (const line of result.problems) ctx.err(`E_ITEM_PARSE ${line}`);
      ctx.out(
        `site: ${plural(result.pages, "file")}, ${result.written} written, ${result.removed} removed, ${plural(result.itemsRead, "item file")} read`,
      );
      if (result.problems.length > 0) setExit(EXIT.problems);
    });
};
