import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "./atomic.js";
import { metaPath } from "./layout.js";

/**
 * What a run remembers of each feed for the next one: {out}/.newsmirror/state.json. It is
 * committed with the archive, so it holds only what stays the same while nothing happens: a
 * quiet hour (every feed answering 304, or the same content, or the same dead feed failing the
 * same way) leaves its bytes as they were. Hence no "last success" and no failure count.
 */
export interface FeedState {
  /** The URL the validators belong to: a changed feed URL is fetched unconditionally. */
  url?: string;
  etag?: string;
  lastModified?: string;
  /** The feed's own title and site (its channel's), for the lists when the config names none. */
  title?: string;
  siteLink?: string;
  /** When the feed last brought a new item (ISO 8601). */
  lastNews?: string;
  /** When the failures going on now began (ISO 8601); absent while the feed works. */
  failingSince?: string;
  /** The latest failure's code and message; absent while the feed works. */
  lastError?: { code: string; message: string };
}

export type State = Record<string, FeedState>;

/** The state and the exact text it was read from, so an unchanged state is never rewritten. */
export interface StateFile {
  state: State;
  text: string | undefined;
}

export function serializeState(state: State): string {
  const sorted = Object.fromEntries(
    Object.entries(state)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, feed]) => [id, cleanFeedState(feed)]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

export async function readStateFile(out: string): Promise<StateFile> {
  let text: string | undefined;
  try {
    text = await readFile(metaPath(out, "state.json"), "utf8");
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { state: {}, text };
    const state: State = {};
    for (const [id, feed] of Object.entries(parsed as Record<string, unknown>)) {
      if (feed && typeof feed === "object") state[id] = fromStored(feed as StoredFeedState);
    }
    return { state, text };
  } catch {
    // A missing or damaged state only costs one unconditional fetch per feed.
    return { state: {}, text };
  }
}

export async function readState(out: string): Promise<State> {
  return (await readStateFile(out)).state;
}

/** Writes the state when its bytes differ from what is on disk; true when it wrote. */
export async function writeState(out: string, state: State, old?: StateFile): Promise<boolean> {
  const text = serializeState(state);
  const previous = old ?? (await readStateFile(out));
  if (text === previous.text) return false;
  if (previous.text === undefined && Object.keys(state).length === 0) return false;
  await writeFileAtomic(out, metaPath(out, "state.json"), text);
  return true;
}

/** A feed answered (200 or 304): failures end; validators and lastNews move only with news. */
export function stateAfterSuccess(
  previous: FeedState,
  answer: { url?: string; etag?: string; lastModified?: string; newItems: number; now: number },
): FeedState {
  const next: FeedState = { ...previous, failingSince: undefined, lastError: undefined };
  if (answer.newItems > 0) next.lastNews = new Date(answer.now).toISOString();
  if (answer.url === undefined) return next;
  // Many servers send a new ETag every hour for the same items (a fresh lastBuildDate):
  // keeping those would make every hour a commit. They are refreshed when the entry changes
  // anyway; until then the old ones only cost a parse of a feed that brought nothing.
  const changed =
    serializeState({ f: next }) !== serializeState({ f: previous }) || previous.url !== answer.url;
  if (changed) {
    next.url = answer.url;
    next.etag = answer.etag;
    next.lastModified = answer.lastModified;
  }
  return next;
}

/** A feed failed: the failure's start stays put, only a different error changes the entry. */
export function stateAfterFailure(
  previous: FeedState,
  error: { code: string; message: string },
  now: number,
): FeedState {
  return {
    ...previous,
    failingSince: previous.failingSince ?? new Date(now).toISOString(),
    lastError: { code: error.code, message: error.message },
  };
}

/** The keys in one order, undefined ones dropped: the same state always gives the same bytes. */
function cleanFeedState(feed: FeedState): FeedState {
  const clean: FeedState = {};
  if (feed.url !== undefined) clean.url = feed.url;
  if (feed.etag !== undefined) clean.etag = feed.etag;
  if (feed.lastModified !== undefined) clean.lastModified = feed.lastModified;
  if (feed.title !== undefined) clean.title = feed.title;
  if (feed.siteLink !== undefined) clean.siteLink = feed.siteLink;
  if (feed.lastNews !== undefined) clean.lastNews = feed.lastNews;
  if (feed.failingSince !== undefined) clean.failingSince = feed.failingSince;
  if (feed.lastError !== undefined)
    clean.lastError = { code: feed.lastError.code, message: feed.lastError.message };
  return clean;
}

/** What older versions wrote: lastSuccess and a failure count, the error with its time. */
interface StoredFeedState extends Omit<FeedState, "lastError"> {
  lastError?: { at?: string; code: string; message: string };
  failures?: number;
}

function fromStored(stored: StoredFeedState): FeedState {
  const { failures, lastError, ...rest } = stored;
  delete (rest as { lastSuccess?: unknown }).lastSuccess;
  const feed: FeedState = { ...rest };
  if (lastError && (failures === undefined || failures > 0)) {
    feed.lastError = { code: lastError.code, message: lastError.message };
    feed.failingSince ??= lastError.at;
  }
  return cleanFeedState(feed);
}
