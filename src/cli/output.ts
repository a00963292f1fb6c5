import { withoutName } from "../text/named.js";
import type { FeedReport } from "../pipeline/fetch.js";
import type { FeedJob } from "../pipeline/settings.js";
import { plural } from "../text/plural.js";

export type OutputMode = "lines" | "progress" | "quiet" | "json";

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current status line (TTY only). */
  status?(line: string): void;
  /** Colour allowed: a terminal, and NO_COLOR unset (https://no-color.org). */
  color?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything (or TERM is dumb). */
export function colorAllowed(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && !env["NO_COLOR"] && env["TERM"] !== "dumb";
}

const ANSI = { red: "\x1b[31m", yellow: "\x1b[33m", bold: "\x1b[1m", reset: "\x1b[0m" } as const;

export function paint(terminal: Terminal, colour: keyof typeof ANSI, text: string): string {
  return terminal.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text;
}

/** One line per problem, naming the feed once; never a stack trace. */
export function problemLine(report: FeedReport): string | undefined {
  if (!report.error) return undefined;
  const hint = report.error.suggestion ? ` (${report.error.suggestion})` : "";
  return `${report.error.code} ${report.feed}: ${withoutName(report.feed, report.error.message)}${hint}`;
}

export function warningLine(report: FeedReport, warning: string): string {
  return `${report.feed}: warning: ${withoutName(report.feed, warning)}`;
}

/** The feed's line: what was archived (or, on a dry run, would be). */
export function summaryLine(report: FeedReport, dryRun = false): string {
  if (report.status === "failed") return `${report.feed}: failed`;
  if (report.status === "not-modified") return `${report.feed}: not modified`;
  const counts = [`${report.new} new`, `${report.existing} already archived`];
  if (report.filtered > 0) counts.push(`${report.filtered} filtered out`);
  if (report.repeated > 0) counts.push(`${report.repeated} repeated in the feed`);
  return `${report.feed}: ${dryRun ? "would archive " : ""}${counts.join(", ")}`;
}

/** The run's last line: feeds, new items, failures. */
export function totalLine(reports: readonly FeedReport[], dryRun = false): string {
  const failed = reports.filter((r) => r.status === "failed").length;
  const fresh = plural(
    reports.reduce((n, r) => n + r.new, 0),
    "new item",
  );
  const feeds = plural(reports.length, "feed");
  return dryRun
    ? `dry run, nothing written: ${feeds}, ${fresh} would be archived, ${failed} failed`
    : `${feeds}: ${fresh}, ${failed} failed`;
}

/**
 * Prints a fetch as it goes: on a TTY a live status line as feeds finish; the feeds' own lines
 * in the config's (or the command line's) order, each as soon as the feeds before it are done.
 */
export function fetchPrinter(mode: OutputMode, terminal: Terminal, dryRun = false) {
  let order: readonly FeedJob[] = [];
  const done: (FeedReport | undefined)[] = [];
  let printed = 0;
  let added = 0;
  let finished = 0;

  const print = (report: FeedReport) => {
    const problem = problemLine(report);
    if (problem) terminal.err(paint(terminal, "red", problem));
    if (mode === "quiet") return;
    for (const warning of report.warnings)
      terminal.err(paint(terminal, "yellow", warningLine(report, warning)));
    if (!problem) terminal.out(summaryLine(report, dryRun));
  };

  return {
    onStart(jobs: readonly FeedJob[]) {
      order = jobs;
      if (mode === "progress") terminal.status?.(`fetching ${plural(jobs.length, "feed")}…`);
    },
    onFeed(report: FeedReport) {
      finished++;
      added += report.new;
      // The first job of that id not yet reported: two sources may share a feed id.
      const at = order.findIndex((job, i) => job.id === report.feed && !done[i]);
      done[at < 0 ? done.length : at] = report;
      if (mode === "json") return;
      for (let next = done[printed]; next; next = done[++printed]) print(next);
      if (mode === "progress")
        terminal.status?.(`${finished}/${order.length} feeds done, ${plural(added, "new item")}`);
    },
    onEnd(reports: readonly FeedReport[]) {
      if (mode === "json") {
        terminal.out(JSON.stringify({ dryRun, feeds: reports }));
        return;
      }
      if (mode === "progress") terminal.status?.("");
      if (mode === "quiet") return;
      terminal.out(totalLine(reports, dryRun));
    },
  };
}

/** More lines than this of one kind (items missing from one index file) are said as one. */
const GROUP_OVER = 5;

/**
 * An archive's problems (verify, rerender, index), as printed: every problem, except that many
 * items missing from one index file are counted on one line; then the commands that fix them.
 */
export function archiveProblemLines(problems: readonly string[]): string[] {
  const missing = new Map<string, string[]>();
  const lines: string[] = [];
  for (const problem of problems) {
    const match = /^(.+): missing from (\S+)$/.exec(problem);
    if (match) missing.set(match[2]!, [...(missing.get(match[2]!) ?? []), match[1]!]);
    else lines.push(problem);
  }
  for (const [index, paths] of missing) {
    if (paths.length <= GROUP_OVER) lines.push(...paths.map((p) => `${p}: missing from ${index}`));
    else
      lines.push(
        `${index}: ${paths.length} item files are missing from it (${paths[0]} and ${paths.length - 1} more)`,
      );
  }
  return [...lines.sort(), ...fixLines(problems)];
}

/** An archive's problems as `--json` prints them: each with its path, and the fixes once. */
export function archiveProblemsJson(problems: readonly string[]): {
  problems: { path: string; problem: string }[];
  fixes: string[];
} {
  return {
    problems: problems.map((line) => {
      const at = line.indexOf(": ");
      return at < 0
        ? { path: "", problem: line }
        : { path: line.slice(0, at), problem: line.slice(at + 2) };
    }),
    fixes: fixLines(problems).map((line) => line.replace(/^fix: /, "")),
  };
}

/** The command that fixes each kind of problem, once. */
function fixLines(problems: readonly string[]): string[] {
  const fixes: string[] = [];
  if (problems.some((p) => /: not an item file/.test(p)))
    fixes.push(
      "fix: restore the files that are not item files from git, or delete them, then run `newsmirror index`",
    );
  if (
    problems.some((p) =>
      /(missing from|lists .*, which is not|does not match|out of order|listed twice|interrupted run)/.test(
        p,
      ),
    )
  )
    fixes.push("fix: run `newsmirror index` to rebuild the index and lists from the item files");
  return fixes;
}
