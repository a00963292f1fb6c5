import { resolve } from "node:path";
import { z } from "zod";
import { plural } from "../../text/plural.js";
import type { RegisterCommand } from "../command.js";
import { DEFAULT_CONFIG } from "../settings.js";

const checkSchema = z.strictObject({ config: z.string().min(1).optional() });

export const configCommand: RegisterCommand = (program, { ctx }) => {
  const config = program
    .command("config")
    .description("the config file: its JSON Schema, or a check of it");
  config
    .command("schema")
    .description('print the config\'s JSON Schema (for editors: "$schema" in newsmirror.json)')
    .action(async () => {
      const { configJsonSchema } = await import("../../config/json-schema.js");
      ctx.out(JSON.stringify(configJsonSchema(), null, 2));
    });
  config
    .command("check")
    .description("check the config and say what it holds; exit 2 when it is invalid")
    .option("-c, --config <file>", "config file (default: ./newsmirror.json)")
    .action(async (raw: unknown) => {
      const options = checkSchema.parse(raw);
      const file = options.config ?? DEFAULT_CONFIG;
      const { loadConfig } = await import("../../config/load.js");
      const loaded = await loadConfig(resolve(ctx.cwd, file), true);
      ctx.out(`${file}: valid, ${plural(loaded.feeds.length, "feed")}`);
    });
};
