import { describeError, isNewsmirrorError } from "../errors.js";
import { describeSource, type LoadedBytes, type NotModified } from "../fetcher/sources.js";
import type { FeedEntry, ParsedFeed } from "../model.js";
import type { Selected } from "../selection/select.js";
import type { AddedItem } from "../writer/archive.js";
import type { IndexEntry } from "../writer/index-file.js";
import { stateAfterFailure, stateAfterSuccess, type FeedState } from "../writer/state.js";
import type { FeedJob } from "./settings.js";

export interface FeedReport {
  feed: string;
  source: string;
  status: "ok" | "not-modified" | "failed";
  new: number;
  existing: number;
  /** Entries left out by the feed's keep/block filters. */
  filtered: number;
  /** Entries the feed carries more than once (same identity): archived once. */
  repeated: number;
  httpStatus?: number;
  durationMs: number;
  error?: { code: string; message: string; suggestion?: string };
  warnings: string[];
}

/** A new entry after the full-text step: the entry to convert, and why the feed's was kept. */
export interface WithFullText {
  entry: FeedEntry;
  warning?: string;
}

/** What the steps of one feed returned, as far as they got. */
export type FeedOutcome =
  | { error: unknown; loaded?: LoadedBytes }
  | { loaded: NotModified }
  | {
      loaded: LoadedBytes;
      parsed: ParsedFeed;
      selected: Selected;
      /** In the order of `selected.fresh`, as is `added`. */
      full: WithFullText[];
      added: AddedItem[];
      /** One line per new entry archived under the run's time: its dates were not trusted. */
      dateWarnings: string[];
    };

/** One feed's result: the report, the index lines it adds, the state it leaves for next time. */
export interface FetchedFeed {
  report: FeedReport;
  added: IndexEntry[];
  state: FeedState;
}

/** The report, index lines and state, built from the values the feed's steps returned. */
export function fetchedFeed(
  job: FeedJob,
  previous: FeedState,
  outcome: FeedOutcome,
  run: { now: number; durationMs: number },
): FetchedFeed {
  const report = (fields: Partial<FeedReport>): FeedReport => ({
    feed: job.id,
    source: describeSource(job.source),
    status: "ok",
    new: 0,
    existing: 0,
    filtered: 0,
    repeated: 0,
    durationMs: run.durationMs,
    warnings: [],
    ...fields,
  });
  if ("error" in outcome) {
    return {
      report: report({
        status: "failed",
        httpStatus: outcome.loaded?.httpStatus,
        error: errorReport(outcome.error),
      }),
      added: [],
      state: failedState(previous, outcome.error, run.now),
    };
  }
  if (!("added" in outcome)) {
    return {
      report: report({ status: "not-modified", httpStatus: outcome.loaded.httpStatus }),
      added: [],
      state: stateAfterSuccess(previous, { newItems: 0, now: run.now }),
    };
  }
  const { loaded, added } = outcome;
  const created = added.filter((a) => a.created).length;
  return {
    report: report({
      new: created,
      existing: outcome.selected.existing + added.length - created,
      filtered: outcome.selected.filtered,
      repeated: outcome.selected.repeated,
      warnings: [
        ...outcome.parsed.warnings,
        ...outcome.dateWarnings,
        ...outcome.full.flatMap((f) => f.warning ?? []),
      ],
      httpStatus: loaded.httpStatus,
    }),
    added: added.flatMap((a) => a.entry ?? []),
    state: loadedState(withChannel(previous, outcome.parsed), job, loaded, {
      newItems: created,
      now: run.now,
    }),
  };
}

function errorReport(error: unknown): NonNullable<FeedReport["error"]> {
  const { code, message } = describeError(error);
  return { code, message, suggestion: isNewsmirrorError(error) ? error.suggestion : undefined };
}

/** A feed that loaded and was archived: its validators (URLs only) for the next request. */
function loadedState(
  previous: FeedState,
  job: FeedJob,
  loaded: LoadedBytes,
  news: { newItems: number; now: number },
): FeedState {
  return stateAfterSuccess(previous, {
    url: job.source.kind === "url" ? job.source.url : undefined,
    etag: loaded.etag,
    lastModified: loaded.lastModified,
    ...news,
  });
}

function failedState(previous: FeedState, error: unknown, now: number): FeedState {
  const { code, message } = describeError(error);
  return stateAfterFailure(previous, { code, message }, now);
}

/**
 * The channel's title and site, remembered for the lists (kept when a feed drops them). Copied:
 * V8 keeps a substring as a slice of the whole feed's text, and the state lives for the run, so
 * 10,000 feeds' titles would otherwise keep 10,000 feeds' texts in memory.
 */
function withChannel(previous: FeedState, parsed: ParsedFeed): FeedState {
  const next = { ...previous };
  if (parsed.title) next.title = detached(parsed.title);
  if (parsed.link && /^https?:/.test(parsed.link)) next.siteLink = detached(parsed.link);
  return next;
}

/** A copy of the string that shares no memory with the text it was cut from. */
function detached(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
