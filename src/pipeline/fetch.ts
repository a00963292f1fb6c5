import { createHttpClient, type HttpClient } from "../fetcher/http/client.js";
import { loadSource } from "../fetcher/sources.js";
import { limiter, mapLimit, type Limiter } from "../limit.js";
import { openArchive, type OpenArchive } from "../writer/archive.js";
import { addToIndex } from "../writer/index-file.js";
import type { FeedState, State } from "../writer/state.js";
import {
  fetchedFeed,
  type FeedOutcome,
  type FeedReport,
  type FetchedFeed,
} from "./fetch-report.js";
import type { FeedJob, FetchSettings } from "./settings.js";

export type { FeedReport } from "./fetch-report.js";

export interface FetchDeps {
  readStdin: () => Promise<Uint8Array>;
  /** Monotonic milliseconds, for durations only (never written to the archive). */
  clock: () => number;
  onStart?: (jobs: readonly FeedJob[]) => void;
  onFeed?: (report: FeedReport) => void;
  /** The HTTP client to use (tests pass a fake); by default one made from `settings.http`. */
  client?: HttpClient;
}

/**
 * Feeds parsed and written at once, while up to `concurrency` download. A parsed feed (its text,
 * parse tree and entries) weighs ten times its bytes and stays alive until its items are on
 * disk. Parsing runs on the one main thread, so a second feed in memory helps only while the
 * first waits on the network for its articles' full text; without such feeds it adds memory,
 * not speed (bench/RESULTS.md, "Feeds in memory").
 */
function feedsInMemory(jobs: readonly FeedJob[]): number {
  return jobs.some((job) => job.config?.fullText) ? 2 : 1;
}

/** What every feed of a run shares; none of it changes while the run goes on. */
interface Run {
  settings: FetchSettings;
  deps: FetchDeps;
  client: HttpClient;
  /** Absent on a dry run: nothing is written. */
  archive: OpenArchive | undefined;
  state: Readonly<State>;
  /** Holds the feeds being parsed and written; see feedsInMemory. */
  inMemory: Limiter;
}

/** The whole fetch: every feed through `fetchFeed`, then the index, the lists and the state. */
export async function runFetch(settings: FetchSettings, deps: FetchDeps): Promise<FeedReport[]> {
  const own = settings.shard ? new Set(settings.jobs.map((job) => job.id)) : undefined;
  const archive = settings.dryRun ? undefined : await openArchive({ ...settings, own });
  const client = deps.client ?? createHttpClient(settings.http);
  try {
    const state = archive?.state ?? {};
    const run: Run = {
      settings,
      deps,
      client,
      archive,
      state,
      inMemory: limiter(feedsInMemory(settings.jobs)),
    };
    deps.onStart?.(settings.jobs);
    // Each feed's index lines go to its own files as soon as its items are written, so memory
    // keeps per feed only its report and state, never its items (10,000 feeds hold).
    const indexed = new Set<string>();
    const indexing = new Map<string, Promise<unknown>>();
    const feeds = await mapLimit(settings.jobs, settings.concurrency, async (job) => {
      const feed = await fetchFeed(job, run);
      deps.onFeed?.(feed.report);
      if (archive && feed.added.length > 0) {
        indexed.add(job.id);
        // Two sources may go to one feed (--id): its files are then written one after the other.
        const after = (indexing.get(job.id) ?? Promise.resolve()).then(() =>
          addToIndex(settings.out, feed.added, archive.written),
        );
        indexing.set(job.id, after);
        await after;
      }
      return { report: feed.report, state: feed.state };
    });
    if (archive) {
      const next: State = { ...state, ...Object.fromEntries(feeds.map(feedState)) };
      // Lists change with new items, and when a channel's title or site changed (headings).
      const changed = new Set(indexed);
      for (const id of Object.keys(next))
        if (channelName(next[id]) !== channelName(state[id])) changed.add(id);
      // A shard writes its feeds' pages only; `index` writes what every feed shares.
      // `written`: the items and index files just written, so the lists need not read them back.
      const lists = { ...settings, state: next, written: archive.written };
      if (changed.size > 0) {
        // Loaded only then, like the steps of a feed with news: a quiet run writes no list.
        const { writeLists } = await import("../writer/lists.js");
        await writeLists(settings.out, lists, changed, own !== undefined);
      }
      await archive.complete(next, own);
    }
    return feeds.map((feed) => feed.report);
  } finally {
    if (!deps.client) await client.close();
    await archive?.release();
  }
}

/** One feed, top to bottom: load, then parse → … → write (fetch-fresh.ts), then report. */
async function fetchFeed(job: FeedJob, run: Run): Promise<FetchedFeed> {
  const { settings, client } = run;
  const started = run.deps.clock();
  const previous = run.state[job.id] ?? {};
  const done = (outcome: FeedOutcome) =>
    fetchedFeed(job, previous, outcome, {
      now: settings.now,
      durationMs: Math.round(run.deps.clock() - started),
    });
  const loaded = await loadSource(job.source, {
    client,
    readStdin: run.deps.readStdin,
    label: job.id,
    last: previous,
  }).catch((error: unknown) => ({ error }));
  if ("error" in loaded) return done(loaded);
  if (loaded.kind === "not-modified") return done({ loaded });
  // Loaded on the first feed with news: an all-304 run never compiles parser or converter.
  const { archiveFresh } = await import("./fetch-fresh.js");
  return run
    .inMemory(async () => done(await archiveFresh(job, loaded, run)))
    .catch((error: unknown) => done({ error, loaded }));
}

function feedState(feed: Omit<FetchedFeed, "added">): [string, FetchedFeed["state"]] {
  return [feed.report.feed, feed.state];
}

/** A feed's channel title and site as the lists show them. */
function channelName(feed: FeedState | undefined): string {
  return `${feed?.title}\n${feed?.siteLink}`;
}
