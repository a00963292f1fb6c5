import { readFile } from "node:fs/promises";
import { clearTmp, writeFileAtomic } from "./atomic.js";
import { Journal, recoverJournal, type ItemWrite, type Recovery } from "./journal.js";
import { itemExtensionFor, migrationUnderWay } from "./extension.js";
import { metaPath, type ItemExtension } from "./layout.js";
import { writeLists, type ListOptions } from "./lists.js";
import { acquireLock } from "./lock.js";
import { readStateFile, writeState, type State } from "./state.js";

/**
 * An archive opened for writing: locked, cleaned of what an interrupted run left, and made
 * whole again (torn items dropped, index and lists rebuilt from the items) if that run died
 * before it was complete. The run journal (src/writer/journal.ts, where the argument is written
 * down) brackets exactly that window.
 */
export interface OpenArchive {
  state: State;
  /** Proxy templates this archive has used (proxies.json): stored bodies may contain them. */
  proxyHistory: string[];
  /** What new item files are named with. */
  itemExtension: ItemExtension;
  /** What the start found of an interrupted run, if there was one. */
  recovered: Recovery | undefined;
  /** Opens the journal: for a run that rewrites items itself, durably, one by one. */
  markDirty(): Promise<void>;
  /** Creates new items (listed in the journal first); per item, false if it existed. */
  writeItems(items: readonly ItemWrite[]): Promise<boolean[]>;
  /** Makes what the run wrote durable, saves the feeds' state (only if its bytes change), then removes the journal. */
  close(state: State): Promise<void>;
  release(): Promise<void>;
}

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

/** Drops the torn items an interrupted run left, then rebuilds index and lists from the rest. */
export async function repairIfInterrupted(
  out: string,
  lists: ListOptions,
): Promise<Recovery | undefined> {
  // A migration killed half way is finished first: it rebuilds index and lists too.
  const migrating = await migrationUnderWay(out);
  if (migrating) {
    const { completeMigration } = await import("./migrate.js");
    await completeMigration(out, lists, migrating);
  }
  const recovery = await recoverJournal(out);
  if (!recovery) return undefined;
  const { rebuildIndex } = await import("./rebuild.js");
  await rebuildIndex(out);
  await writeLists(out, lists);
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
}): Promise<OpenArchive> {
  const { out } = settings;
  const lock = await acquireLock(out);
  try {
    await clearTmp(out);
    const recovered = await repairIfInterrupted(out, settings);
    // Recorded before any body is written with them, so even a killed run leaves them known.
    const used = [settings.imageProxy, ...settings.configuredProxies];
    await writeProxyHistory(out, used);
    const history = await readProxyHistory(out);
    const journal = new Journal(out);
    const stateFile = await readStateFile(out);
    return {
      state: stateFile.state,
      proxyHistory: history,
      itemExtension: await itemExtensionFor(out, settings.itemExtension),
      recovered,
      markDirty: () => journal.open(),
      writeItems: (items) => journal.writeItems(items),
      async close(state) {
        // In this order (journal.ts, step 3): state saved before the items are durable could
        // answer 304 for an item a power cut tore, and it would never be fetched again.
        await journal.sync();
        await writeState(out, state, stateFile);
        await journal.remove();
      },
      async release() {
        await journal.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
