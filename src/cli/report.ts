import { CommanderError } from "commander";
import { z } from "zod";
import { formatIssues } from "../config/issues.js";
import {
  fileSystemError,
  headline,
  isNewsmirrorError,
  NewsmirrorError,
  oneLine,
} from "../errors.js";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, problems: 1, usage: 2, locked: 75, internal: 70 } as const;

export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

/** A failure as `--json` prints it: `{ "error": ErrorReport }` on standard output. */
export interface ErrorReport {
  code: string;
  message: string;
  problems?: string[];
  cause?: string;
  suggestion?: string;
}

/** Every thrown value, as one NewsmirrorError-shaped report and the exit code it calls for. */
export function describeFailure(error: unknown): { report: ErrorReport; exit: number } {
  if (error instanceof CommanderError) {
    const message = oneLine(error.message.replace(/^error: /, "").replace("(Did you", "(did you"));
    return {
      report: { code: "E_USAGE", message, suggestion: "see `newsmirror --help`" },
      exit: EXIT.usage,
    };
  }
  if (error instanceof z.ZodError) {
    const problems = formatIssues(error.issues);
    const suggestion = "see `newsmirror <command> --help`";
    return {
      report: { code: "E_USAGE", message: "invalid options", problems, suggestion },
      exit: EXIT.usage,
    };
  }
  const known = isNewsmirrorError(error) ? error : fileSystemError(error);
  if (known) return { report: reportOf(known), exit: exitFor(known) };
  const message = error instanceof Error ? error.message : String(error);
  return {
    report: {
      code: "E_INTERNAL",
      message: oneLine(message),
      suggestion: "this is a bug in newsmirror: please report it with the command you ran",
    },
    exit: EXIT.internal,
  };
}

function reportOf(error: NewsmirrorError): ErrorReport {
  const cause = error.cause instanceof Error ? oneLine(error.cause.message) : undefined;
  return {
    code: error.code,
    message: oneLine(headline(error)),
    ...(error.details.length ? { problems: [...error.details] } : {}),
    ...(cause && !error.message.includes(cause) ? { cause } : {}),
    ...(error.suggestion ? { suggestion: error.suggestion } : {}),
  };
}

/** Errors that mean "fix the command or the set-up": exit 2, like a bad option. */
const USAGE_CODES: ReadonlySet<string> = new Set([
  "E_USAGE",
  "E_CONFIG",
  "E_PERMISSION",
  "E_READ_ONLY",
  "E_NOT_A_FOLDER",
  "E_NO_FOLDER",
  "E_NO_ARCHIVE",
  "E_OPML",
  // Thrown before a run (not a work tree, no git); after one, the command reports exit 1 itself.
  "E_GIT",
]);

function exitFor(error: NewsmirrorError): number {
  if (error.code === "E_LOCKED") return EXIT.locked;
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.problems;
}

/**
 * The one error reporter: the message, each problem on a line of its own, then the cause and a
 * suggestion when there are any; with `json`, the same as one JSON object on standard output.
 * Returns the exit code the error calls for.
 */
export function reportError(error: unknown, print: Printer, json = false): number {
  const { report, exit } = describeFailure(error);
  if (json) {
    print.out(JSON.stringify({ error: report }));
    return exit;
  }
  print.err(`newsmirror: ${report.code}: ${report.message}`);
  for (const problem of report.problems ?? []) print.err(`  ${problem}`);
  if (report.cause) print.err(`  cause: ${report.cause}`);
  if (report.suggestion) print.err(`  suggestion: ${report.suggestion}`);
  return exit;
}
