import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Item } from "../model.js";
import { clearTmp, createFileAtomic, writeFileAtomic } from "./atomic.js";
import type { IndexEntry } from "./index-file.js";
import { renderItem } from "./item-file.js";
import { indexEntryFor } from "./items.js";
import { itemRelPath, metaPath } from "./layout.js";
import { writeLists, type ListOptions } from "./lists.js";
import { acquireLock } from "./lock.js";
import { readStateFile, writeState, type State } from "./state.js";

/**
 * An archive opened for writing: locked, cleaned of what an interrupted run left, and made
 * whole again (index and lists rebuilt from the items) if that run died between writing items
 * and updating the index. The "index stale" marker (the file `.newsmirror/dirty`) brackets
 * exactly that window: set before the first item is written, cleared by `complete`.
 */
export interface OpenArchive {
  state: State;
  /** Proxy templates this archive has used (proxies.json): stored bodies may contain them. */
  proxyHistory: string[];
  /** Creates the item's file unless the feed has it already (then `created` is false). */
  addItem(feed: string, hash: string, item: Item): Promise<AddedItem>;
  /** Replaces a stored item's file (`path` relative to the archive) with `text`. */
  replaceItem(path: string, text: string): Promise<void>;
  /**
   * The run's writes are done and the index matches them: saves the state (only if its bytes
   * change), then clears the marker.
   */
  complete(state: State): Promise<void>;
  /** Frees the lock; call it whatever happened. */
  release(): Promise<void>;
}

/** What adding an item did; `entry` is the line the index gains when the file was created. */
export interface AddedItem {
  created: boolean;
  entry?: IndexEntry;
}

const INDEX_STALE = "dirty";
const PROXIES = "proxies.json";

export async function readProxyHistory(out: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(metaPath(out, PROXIES), "utf8"));
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export async function writeProxyHistory(out: string, templates: readonly string[]): Promise<void> {
  const old = await readProxyHistory(out);
  const all = [...new Set([...old, ...templates])].filter((t) => t !== "none").sort();
  if (all.length === old.length) return;
  await writeFileAtomic(out, metaPath(out, PROXIES), `${JSON.stringify(all, null, 2)}\n`);
}

export async function repairIfInterrupted(out: string, lists: ListOptions): Promise<boolean> {
  const marked = await stat(metaPath(out, INDEX_STALE)).then(
    () => true,
    () => false,
  );
  if (!marked) return false;
  const { rebuildIndex } = await import("./rebuild.js");
  await rebuildIndex(out);
  await writeLists(out, lists);
  await rm(metaPath(out, INDEX_STALE), { force: true });
  return true;
}

export async function openArchive(settings: {
  out: string;
  imageProxy: string;
  configuredProxies: readonly string[];
  timezone: string;
  feedTitles: ReadonlyMap<string, string>;
}): Promise<OpenArchive> {
  const { out } = settings;
  const lock = await acquireLock(out);
  try {
    await clearTmp(out);
    await repairIfInterrupted(out, settings);
    // Recorded before any body is written with them, so even a killed run leaves them known.
    const used = [settings.imageProxy, ...settings.configuredProxies];
    await writeProxyHistory(out, used);
    const history = await readProxyHistory(out);
    const stateFile = await readStateFile(out);
    let marked = false;
    const markIndexStale = async () => {
      if (marked) return;
      await mkdir(metaPath(out), { recursive: true });
      await writeFile(metaPath(out, INDEX_STALE), "");
      marked = true;
    };
    return {
      state: stateFile.state,
      proxyHistory: history,
      async addItem(feed, hash, item) {
        const path = itemRelPath(feed, item.published, hash);
        await markIndexStale();
        if (!(await createFileAtomic(out, join(out, path), renderItem(item))))
          return { created: false };
        return { created: true, entry: indexEntryFor(item, feed, hash, path) };
      },
      async replaceItem(path, text) {
        await markIndexStale();
        await writeFileAtomic(out, join(out, path), text);
      },
      async complete(state) {
        await writeState(out, state, stateFile);
        await rm(metaPath(out, INDEX_STALE), { force: true });
      },
      release: () => lock.release(),
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
