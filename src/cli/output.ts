import type { FeedReport } from "../pipeline/fetch.js";
import type { FeedJob } from "../pipeline/settings.js";

export type OutputMode = "lines" | "progress" | "quiet" | "json";

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current status line (TTY only). */
  status?(line: string): void;
}

function named(feed: string, message: string): string {
  return message.startsWith(`${feed}:`) ? message : `${feed}: ${message}`;
}

/** One line per problem, each naming the feed; never a stack trace. */
export function problemLine(report: FeedReport): string | undefined {
  if (!report.error) return undefined;
  const hint = report.error.suggestion ? ` (${report.error.suggestion})` : "";
  return `${report.error.code} ${named(report.feed, report.error.message)}${hint}`;
}

export function summaryLine(report: FeedReport): string {
  if (report.status === "failed") return `${report.feed}: failed`;
  if (report.status === "not-modified") return `${report.feed}: not modified`;
  const filtered = report.filtered > 0 ? `, ${report.filtered} filtered out` : "";
  return `${report.feed}: ${report.new} new, ${report.existing} already archived${filtered}`;
}

/** Prints a fetch as it goes: a live line on a TTY, one line per feed otherwise. */
export function fetchPrinter(mode: OutputMode, terminal: Terminal) {
  let total = 0;
  let done = 0;
  let added = 0;
  return {
    onStart(jobs: readonly FeedJob[]) {
      total = jobs.length;
      if (mode === "progress") terminal.status?.(`fetching ${total} feed(s)…`);
    },
    onFeed(report: FeedReport) {
      done++;
      added += report.new;
      const problem = problemLine(report);
      if (mode === "json") return;
      if (problem) terminal.err(problem);
      if (mode === "quiet") return;
      for (const warning of report.warnings)
        terminal.err(`${named(report.feed, `warning: ${warning}`)}`);
      if (mode === "progress") {
        if (!problem) terminal.out(summaryLine(report));
        terminal.status?.(`${done}/${total} feeds done, ${added} new item(s)`);
      } else if (!problem) terminal.out(summaryLine(report));
    },
    onEnd(reports: readonly FeedReport[]) {
      if (mode === "json") {
        terminal.out(JSON.stringify({ feeds: reports }));
        return;
      }
      if (mode === "progress") terminal.status?.("");
      if (mode === "quiet") return;
      const failed = reports.filter((r) => r.status === "failed").length;
      const fresh = reports.reduce((n, r) => n + r.new, 0);
      terminal.out(`${reports.length} feed(s): ${fresh} new item(s), ${failed} failed`);
    },
  };
}
