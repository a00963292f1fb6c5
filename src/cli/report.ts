import { z } from "zod";
import { formatIssues } from "../config/load.js";
import { isNewsmirrorError, oneLine } from "../errors.js";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, problems: 1, usage: 2, locked: 75, internal: 70 } as const;

export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

/**
 * The one error reporter: the message, then the cause and a suggestion when there are any,
 * zod issues listed by field. Returns the exit code the error calls for.
 */
export function reportError(error: unknown, print: Printer): number {
  if (error instanceof z.ZodError) {
    print.err("newsmirror: invalid options");
    for (const line of formatIssues(error.issues)) print.err(`  ${line}`);
    print.err("  suggestion: see `newsmirror <command> --help`");
    return EXIT.usage;
  }
  if (isNewsmirrorError(error)) {
    print.err(`newsmirror: ${error.code}: ${oneLine(error.message)}`);
    const cause = error.cause instanceof Error ? oneLine(error.cause.message) : undefined;
    if (cause && !error.message.includes(cause)) print.err(`  cause: ${cause}`);
    if (error.suggestion) print.err(`  suggestion: ${error.suggestion}`);
    if (error.code === "E_LOCKED") return EXIT.locked;
    if (error.code === "E_USAGE" || error.code === "E_CONFIG") return EXIT.usage;
    return EXIT.problems;
  }
  const message = error instanceof Error ? error.message : String(error);
  print.err(`newsmirror: internal error: ${oneLine(message)}`);
  print.err("  suggestion: please report this with the command you ran");
  return EXIT.internal;
}
