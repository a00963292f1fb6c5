import { rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import { META_DIR, metaPath } from "./layout.js";
import { namesIfAny, readTextIfAny } from "./read-sync.js";

/**
 * What a run remembers of each feed for the next one: {out}/.newsmirror/state/{feed}.json. It is
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

/**
 * The state as read, with the exact text of each feed's file, so an unchanged feed's file is
 * never rewritten. `legacy`: the archive still has the single state.json of older versions.
 */
export interface StateFile {
  state: State;
  texts: ReadonlyMap<string, string>;
  legacy: boolean;
}

/** One file per feed, so that runs of different feeds (shards) never write the same file. */
export const STATE_DIR = "state";
const LEGACY_STATE = "state.json";

export function stateRelPath(feed: string): string {
  return `${META_DIR}/${STATE_DIR}/${feed}.json`;
}

export function serializeFeedState(feed: FeedState): string {
  return `${JSON.stringify(cleanFeedState(feed), null, 2)}\n`;
}

/** The whole state as one text: what compares two states (and what state.json was). */
export function serializeState(state: State): string {
  const sorted = Object.fromEntries(
    Object.entries(state)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, feed]) => [id, cleanFeedState(feed)]),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

function asFeedState(value: unknown): FeedState | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  return fromStored(value as StoredFeedState);
}

/** Older versions' state.json: every feed in one object. */
function readLegacyState(out: string): State | undefined {
  const text = readTextIfAny(metaPath(out, LEGACY_STATE));
  if (text === undefined) return undefined;
  const state: State = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      for (const [id, feed] of Object.entries(parsed as Record<string, unknown>)) {
        const clean = asFeedState(feed);
        if (clean) state[id] = clean;
      }
  } catch {
    // A damaged state only costs one unconditional fetch per feed.
  }
  return state;
}

/**
 * Every feed's file under .newsmirror/state/, and for the feeds that have none yet, what an
 * older state.json says (a migration half done, or a shard's run, migrates only some feeds).
 */
export async function readStateFile(out: string): Promise<StateFile> {
  const state: State = {};
  const texts = new Map<string, string>();
  const dir = metaPath(out, STATE_DIR);
  const names = namesIfAny(dir);
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const id = name.slice(0, -5);
    const text = readTextIfAny(join(dir, name));
    if (text === undefined) continue;
    texts.set(id, text);
    try {
      const feed = asFeedState(JSON.parse(text));
      if (feed) state[id] = feed;
    } catch {
      // A damaged file only costs this feed one unconditional fetch.
    }
  }
  const legacy = readLegacyState(out);
  for (const [id, feed] of Object.entries(legacy ?? {})) if (!texts.has(id)) state[id] = feed;
  return { state, texts, legacy: legacy !== undefined };
}

export async function readState(out: string): Promise<State> {
  return (await readStateFile(out)).state;
}

/**
 * Writes each feed's file whose bytes differ from what is on disk (`only`: just those feeds'),
 * true when it wrote. A run over every feed then drops the older state.json; a shard's run
 * leaves it, as every shard reads it and none may write what another writes.
 */
export async function writeState(
  out: string,
  state: State,
  old?: StateFile,
  only?: ReadonlySet<string>,
): Promise<boolean> {
  const previous = old ?? (await readStateFile(out));
  let wrote = false;
  for (const id of Object.keys(state).sort()) {
    if (only && !only.has(id)) continue;
    const text = serializeFeedState(state[id] as FeedState);
    if (previous.texts.get(id) === text) continue;
    await writeFileAtomic(out, join(out, stateRelPath(id)), text);
    wrote = true;
  }
  if (previous.legacy && !only) {
    await rm(metaPath(out, LEGACY_STATE), { force: true });
    wrote = true;
  }
  return wrote;
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
