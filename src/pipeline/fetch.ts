import { describeError, isNewsmirrorError } from "../errors.js";
import { createHttpClient, type HttpClient } from "../fetcher/http/client.js";
import { addToIndex, type IndexEntry } from "../writer/index-file.js";
import { semaphore } from "../semaphore.js";
import { mapLimit } from "../map-limit.js";
import { writeLists } from "../writer/lists.js";
import {
  stateAfterFailure,
  stateAfterSuccess,
  type FeedState,
  type State,
} from "../writer/state.js";
import { openArchive, type OpenArchive } from "../writer/archive.js";
import type { FeedJob, FetchSettings } from "./settings.js";
import { describeSource, loadSource } from "../fetcher/sources.js";

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

export interface FetchDeps {
  readStdin: () => Promise<Uint8Array>;
  /** Monotonic milliseconds, for durations only (never written to the archive). */
  clock: () => number;
  onStart?: (jobs: readonly FeedJob[]) => void;
  onFeed?: (report: FeedReport) => void;
  client?: HttpClient;
}

export interface FeedContext {
  settings: FetchSettings;
  archive: OpenArchive | undefined;
  client: HttpClient;
  deps: FetchDeps;
  state: State;
  added: IndexEntry[];
  /** Holds the feeds being parsed and written; see PROCESSED_AT_ONCE. */
  processing: ReturnType<typeof semaphore>;
}

/**
 * Feeds parsed and written at once, while up to `concurrency` download. A parsed feed (its text,
 * parse tree and entries) weighs ten times its bytes and stays alive until its items are on
 * disk; parsing runs on the one main thread anyway, so more would only add memory, not speed.
 */
const PROCESSED_AT_ONCE = 2;

/** The whole fetch: every feed loaded, parsed, converted and written; then index and lists. */
export async function runFetch(settings: FetchSettings, deps: FetchDeps): Promise<FeedReport[]> {
  const archive = settings.dryRun ? undefined : await openArchive(settings);
  const client = deps.client ?? createHttpClient(settings.http);
  try {
    const context: FeedContext = {
      settings,
      archive,
      client,
      deps,
      state: archive?.state ?? {},
      added: [],
      processing: semaphore(PROCESSED_AT_ONCE),
    };
    const named = channelNames(context.state);
    deps.onStart?.(settings.jobs);
    const reports = await mapLimit(settings.jobs, settings.concurrency, async (job) => {
      const report = await fetchOne(job, context);
      deps.onFeed?.(report);
      return report;
    });
    if (archive) {
      if (context.added.length > 0) await addToIndex(settings.out, context.added);
      const changed = listsToRedo(context, named);
      if (changed.size > 0)
        await writeLists(settings.out, { ...settings, state: context.state }, changed);
      await archive.close(context.state);
    }
    return reports;
  } finally {
    if (!deps.client) await client.close();
    await archive?.release();
  }
}

/** Each feed's channel title and site as the state had them before the run. */
function channelNames(state: State): Map<string, string> {
  return new Map(Object.entries(state).map(([id, f]) => [id, `${f.title}\n${f.siteLink}`]));
}

/** Feeds whose lists change: those with new items, and those whose channel got a new name. */
function listsToRedo(context: FeedContext, before: Map<string, string>): Set<string> {
  const changed = new Set(context.added.map((e) => e.feed));
  for (const [id, name] of channelNames(context.state))
    if (before.get(id) !== name) changed.add(id);
  return changed;
}

async function fetchOne(job: FeedJob, context: FeedContext): Promise<FeedReport> {
  const { settings, deps } = context;
  const started = deps.clock();
  const report: FeedReport = {
    feed: job.id,
    source: describeSource(job.source),
    status: "ok",
    new: 0,
    existing: 0,
    filtered: 0,
    repeated: 0,
    durationMs: 0,
    warnings: [],
  };
  const previous: FeedState = context.state[job.id] ?? {};
  // The channel's title and site, remembered for the lists (kept when a feed drops them).
  const channel: Pick<FeedState, "title" | "siteLink"> = {};
  try {
    const loaded = await loadSource(job.source, {
      client: context.client,
      readStdin: deps.readStdin,
      label: job.id,
      state: previous,
    });
    report.httpStatus = loaded.httpStatus;
    if (loaded.status === 304) {
      report.status = "not-modified";
    } else {
      const { parseFeed } = await import("../fetcher/parse/index.js");
      const { archiveEntries } = await import("./archive-entries.js");
      await context.processing(async () => {
        const feed = await parseFeed(loaded.bytes, {
          url: loaded.url,
          contentType: loaded.contentType,
          label: job.id,
        });
        report.warnings.push(...feed.warnings);
        if (feed.title) channel.title = feed.title;
        if (feed.link && /^https?:/.test(feed.link)) channel.siteLink = feed.link;
        await archiveEntries(job, feed.entries, context, report);
      });
    }
    const answered = job.source.kind === "url" && loaded.status === 200;
    context.state[job.id] = stateAfterSuccess(
      { ...previous, ...channel },
      {
        url: answered ? describeSource(job.source) : undefined,
        etag: loaded.status === 200 ? loaded.etag : undefined,
        lastModified: loaded.status === 200 ? loaded.lastModified : undefined,
        newItems: report.new,
        now: settings.now,
      },
    );
  } catch (error) {
    report.status = "failed";
    const { code, message } = describeError(error);
    report.error = {
      code,
      message,
      suggestion: isNewsmirrorError(error) ? error.suggestion : undefined,
    };
    context.state[job.id] = stateAfterFailure(previous, { code, message }, settings.now);
  }
  report.durationMs = Math.round(deps.clock() - started);
  return report;
}
