import { readFile } from "node:fs/promises";
import { NewsmirrorError, readFailure } from "../errors.js";
import { plural } from "../text/plural.js";
import { formatIssues } from "./issues.js";
import { configSchema, type Config } from "./schema.js";

export { formatIssues } from "./issues.js";

/** Where a person reads what each field means: the README's config section. */
export const CONFIG_HELP =
  "the README's Config section (https://github.com/newsmirror/newsmirror#config) describes every field; `newsmirror config schema` prints the JSON Schema";

/** Validates a parsed config, reporting every problem at once, one line each. */
export function parseConfig(value: unknown, file: string): Config {
  const result = configSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const details = formatIssues(result.error.issues, configSchema, value);
  throw new NewsmirrorError(
    "E_CONFIG",
    `${file}: invalid config (${plural(details.length, "problem")}): ${details.join("; ")}`,
    { suggestion: `fix the fields named; ${CONFIG_HELP}`, details },
  );
}

/** Reads and validates a config file. `required` false: a missing file gives the empty config. */
export async function loadConfig(file: string, required: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT")
      return parseConfig({}, file);
    throw new NewsmirrorError("E_CONFIG", `${file}: cannot read config: ${readFailure(error)}`, {
      suggestion: "check the path given to --config",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NewsmirrorError("E_CONFIG", `${file}: not valid JSON: ${(error as Error).message}`, {
      suggestion: "check the file with a JSON validator",
    });
  }
  return parseConfig(json, file);
}
