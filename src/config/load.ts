import { readFile } from "node:fs/promises";
import { z } from "zod";
import { NewsmirrorError } from "../errors.js";
import { configSchema, type Config } from "./schema.js";

/** Formats zod issues as `field.path: what was expected`, one per line. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join(".") : "(top level)";
    return `${path}: ${issue.message}`;
  });
}

export function parseConfig(value: unknown, file: string): Config {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  throw new NewsmirrorError("E_CONFIG", `${file}: invalid config: ${lines.join("; ")}`, {
    suggestion: "fix the fields named above; examples/newsmirror.json shows every field",
  });
}

/** Reads and validates a config file. `required` false: a missing file gives the empty config. */
export async function loadConfig(file: string, required: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT")
      return parseConfig({}, file);
    throw new NewsmirrorError(
      "E_CONFIG",
      `${file}: cannot read config: ${(error as Error).message}`,
      {
        suggestion: "check the path given to --config",
        cause: error,
      },
    );
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
