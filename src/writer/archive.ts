import { join } from "node:path";
import type { Item } from "../model.js";
import { clearTmp, writeFileAtomic } from "./atomic.js";
import { splitLegacyIndex, type IndexEntry } from "./index-file.js";
import { renderItem } from "./item-file.js";
import { indexEntryFor } from "./items.js";
import { Journal, recoverJournal, type ItemWrite, type Recovery } from "./journal.js";
import { itemExtensionFor, migrationUnderWay } from "./extension.js";
import { itemRelPath, metaPath, type ItemExtension } from "./layout.js";
import type { ListOptions } from "./lists.js";
import { acquireLock } from "./lock.js";
import { readTextIfAny } from "./read-sync.js";
import { readStateFile, writeState, type State } from "./state.js";
import { listFeeds } from "./walk.js";
import { WrittenFiles } from "./written.js";

/**
 * An archive opened for writing: locked, cleaned of what an interrupted run left, and made
 * whole again (torn items dropped, index and lists rebuilt from the items) if that run died
 * before it was complete. The run journal (src/writer/journal.ts, where the argument is written
 * down) brackets exactly that window: opened before the first item is written, removed by
 * `complete`.
 */
export interface OpenArchive {
  state: State;
  /** Proxy templates this archive has used (proxies.json): stored bodies may contain them. */
  proxyHistory: string[];
  /** What new item files are named with. */
  itemExtension: ItemExtension;
  /** What the start found of an interrupted run, if there was one. */
  recovered: Recovery | undefined;
  /** What `addItems` created (and the index files the run writes), for the lists at its end. */
  written: WrittenFiles;
  /** Creates a feed's new items, in order; for each, whether it was created and its index line. */
  addItems(feed: string, items: readonly NewItem[]): Promise<AddedItem[]>;
  /** Creates item files as given (listed in the journal first); per item, false if it existed. */
  writeItems(items: readonly ItemWrite[]): Promise<boolean[]>;
  /** Replaces a stored item's file (`path` relative to the archive) with `text`, durably. */
  replaceItem(path: string, text: string): Promise<void>;
  /**
   * The run's writes are done and the index matches them: makes them durable, saves the state
   * (each feed's file only if its bytes change; `only`: just those feeds', as a shard does),
   * then removes the journal.
   */
  complete(state: State, only?: ReadonlySet<string>): Promise<void>;
  /** Frees the lock; call it whatever happened. */
  release(): Promise<void>;
}

/** An item to add, with the hash of its entry (its file name). */
export interface NewItem {
  hash: string;
  item: Item;
}

/** What adding an item did; `entry` is the line the index gains when the file was created. */
export interface AddedItem {
  created: boolean;
  entry?: IndexEntry;
}

const PROXIES = "proxies.json";

export async function readProxyHistory(out: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(readTextIfAny(metaPath(out, PROXIES)) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

/** Adds templates to proxies.json; returns the history as the file now has it. */
export async function writeProxyHistory(
  out: string,
  templates: readonly string[],
): Promise<string[]> {
  const old = await readProxyHistory(out);
  const all = [...new Set([...old, ...templates])].filter((t) => t !== "none").sort();
  if (all.length === old.length) return old;
  await writeFileAtomic(out, metaPath(out, PROXIES), `${JSON.stringify(all, null, 2)}\n`);
  return all;
}

/**
 * Drops the torn items an interrupted run left, then rebuilds index and lists from the rest
 * (`feedsOnly`, in a shard's run: the feeds' pages, not what every feed shares).
 */
export async function repairIfInterrupted(
  out: string,
  lists: ListOptions,
  feedsOnly = false,
): Promise<Recovery | undefined> {
  // A migration killed half way is finished first: it rebuilds index and lists too.
  const migrating = await migrationUnderWay(out);
  if (migrating) {
    const { completeMigration } = await import("./migrate.js");
    await completeMigration(out, lists, migrating);
  }
  const recovery = await recoverJournal(out);
  if (!recovery) return undefined;
  // Loaded only here, after a crash: a run that finds its archive whole compiles neither.
  const [{ rebuildIndex }, { writeLists }] = await Promise.all([
    import("./rebuild.js"),
    import("./lists.js"),
  ]);
  await rebuildIndex(out);
  if (feedsOnly) await writeLists(out, lists, new Set(await listFeeds(out)), true);
  else await writeLists(out, lists);
  await new Journal(out).remove();
  return recovery;
}

export async function openArchive(settings: {
  out: string;
  imageProxy: string;
  configuredProxies: readonly string[];
  timezone: string;
  feedTitles: ReadonlyMap<string, string>;
  itemExtension?: ItemExtension;
  /**
   * A shard's feeds: the run writes only their files. Without it, an older version's files
   * across feeds (the index of every feed by month) are split first.
   */
  own?: ReadonlySet<string>;
}): Promise<OpenArchive> {
  const { out } = settings;
  const lock = await acquireLock(out);
  try {
    await clearTmp(out);
    const recovered = await repairIfInterrupted(out, settings, settings.own !== undefined);
    if (!settings.own) await splitLegacyIndex(out);
    // Recorded before any body is written with them, so even a killed run leaves them known.
    const used = [settings.imageProxy, ...settings.configuredProxies];
    // What it returns is what reading the file back would give.
    const history = await writeProxyHistory(out, used);
    const stateFile = await readStateFile(out);
    const itemExtension = await itemExtensionFor(out, settings.itemExtension);
    const opened = { stateFile, history, itemExtension, recovered };
    return archiveHandle(out, lock, new Journal(out), opened);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** What an opened archive offers: items written through the journal, then state and release. */
function archiveHandle(
  out: string,
  lock: { release(): Promise<void> },
  journal: Journal,
  opened: {
    stateFile: Awaited<ReturnType<typeof readStateFile>>;
    history: Awaited<ReturnType<typeof readProxyHistory>>;
    itemExtension: ItemExtension;
    recovered: OpenArchive["recovered"];
  },
): OpenArchive {
  const { stateFile, itemExtension } = opened;
  const written = new WrittenFiles();
  return {
    state: stateFile.state,
    proxyHistory: opened.history,
    itemExtension,
    recovered: opened.recovered,
    written,
    async addItems(feed, items) {
      const writes = items.map(({ hash, item }) => ({
        path: itemRelPath(feed, item.published, hash, itemExtension),
        text: renderItem(item),
      }));
      const created = await journal.writeItems(writes);
      return items.map(({ hash, item }, i) => {
        if (!created[i]) return { created: false };
        const { path, text } = writes[i] as ItemWrite;
        written.addItem(feed, { published: item.published, hash, path }, text);
        return { created: true, entry: indexEntryFor(item, feed, hash, path) };
      });
    },
    writeItems: (items) => journal.writeItems(items),
    async replaceItem(path, text) {
      await journal.open();
      await writeFileAtomic(out, join(out, path), text);
    },
    async complete(state, only) {
      // In this order (journal.ts, step 3): state saved before the items are durable could
      // answer 304 for an item a power cut tore, and it would never be fetched again.
      await journal.sync();
      await writeState(out, state, stateFile, only);
      await journal.remove();
    },
    async release() {
      await journal.close();
      await lock.release();
    },
  };
}
