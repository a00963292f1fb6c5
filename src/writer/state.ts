import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "./atomic.js";
import { metaPath } from "./layout.js";

/** What a run remembers of each feed for the next one: {out}/.newsmirror/state.json. */
export interface FeedState {
  url?: string;
  etag?: string;
  lastModified?: string;
  lastSuccess?: string;
  lastError?: { at: string; code: string; message: string };
  failures?: number;
}

export type State = Record<string, FeedState>;

export async function readState(out: string): Promise<State> {
  try {
    const parsed: unknown = JSON.parse(await readFile(metaPath(out, "state.json"), "utf8"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as State) : {};
  } catch {
    // A missing or damaged state only costs one unconditional fetch per feed.
    return {};
  }
}

export async function writeState(out: string, state: State): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(state).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFileAtomic(out, metaPath(out, "state.json"), `${JSON.stringify(sorted, null, 2)}\n`);
}
