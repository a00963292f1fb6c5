import { z } from "zod";
import { NewsmirrorError } from "../../errors.js";
import { archiveOptions, withArchive, type RegisterCommand } from "../command.js";
import { EXIT } from "../report.js";
import { withoutName } from "../../text/named.js";
import { plural } from "../../text/plural.js";
import { archiveSettings, readConfig, runStart } from "../settings.js";

const statusSchema = z.strictObject({
  ...archiveOptions,
  json: z.boolean().default(false),
  maxAge: z.string().default("48h"),
});

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90m", "48h", "7d" as milliseconds. */
function parseAge(text: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  if (!match) {
    throw new NewsmirrorError("E_USAGE", `--max-age ${text}: not a duration`, {
      suggestion: "give minutes, hours or days: 90m, 48h, 7d",
    });
  }
  return Number(match[1]) * (UNITS[match[2] ?? "h"] ?? 0);
}

export const statusCommand: RegisterCommand = (program, { ctx, setExit }) => {
  withArchive(program.command("status"))
    .description(
      "per feed: last news, newest item, items, failures; exit 1 when one is past its age",
    )
    .option("--max-age <age>", "a feed failing or without news for longer is dead or stale", "48h")
    .option("--json", "print one JSON summary")
    .action(async (raw: unknown) => {
      const options = statusSchema.parse(raw);
      const config = await readConfig(options.config, ctx);
      const archive = archiveSettings(config, options.out, ctx);
      const { runStatus } = await import("../../pipeline/status.js");
      const feeds = await runStatus({
        out: archive.out,
        feeds: config.feeds.map((f) => f.id),
        now: runStart(ctx, ctx.wallClock),
        maxAgeMs: parseAge(options.maxAge),
      });
      if (feeds.some((f) => f.health === "dead" || f.health === "stale")) setExit(EXIT.problems);
      if (options.json) return void ctx.out(JSON.stringify({ feeds }));
      for (const f of feeds) {
        if (f.health === "new") {
          ctx.out(`${f.health.padEnd(7)} ${f.feed}: not fetched yet`);
          continue;
        }
        const failing = f.failingSince
          ? `; failing since ${f.failingSince}: ${f.lastError?.code ?? ""} ${withoutName(f.feed, f.lastError?.message ?? "")}`
          : "";
        ctx.out(
          `${f.health.padEnd(7)} ${f.feed}: last news ${f.lastNews ?? "never"}, newest item ${f.newest ?? "none"}, ${plural(f.items, "item")}${failing}`,
        );
      }
    });
};
