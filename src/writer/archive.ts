import { readFile, rm, stat, writeFile, mkdir } from "node:fs/promises";
import { clearTmp, writeFileAtomic } from "./atomic.js";
import { itemExtensionFor, migrationUnderWay } from "./extension.js";
import { metaPath, type ItemExtension } from "./layout.js";
import { writeLists, type ListOptions } from "./lists.js";
import { acquireLock } from "./lock.js";
import { readStateFile, writeState, type State } from "./state.js";

/**
 * An archive opened for writing: locked, cleaned of what an interrupted run left, and made
 * whole again (index and lists rebuilt from the items) if that run died between writing items
 * and updating the index. The `dirty` marker brackets exactly that window.
 */
export interface OpenArchive {
  state: State;
  /** Proxy templates this archive has used (proxies.json): stored bodies may contain them. */
  proxyHistory: string[];
  /** What new item files are named with. */
  itemExtension: ItemExtension;
  markDirty(): Promise<void>;
  /** Saves the feeds' state (only if its bytes change), then clears the dirty marker. */
  close(state: State): Promise<void>;
  release(): Promise<void>;
}

const DIRTY = "dirty";
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
  // A migration killed half way is finished first: it rebuilds index and lists too.
  const migrating = await migrationUnderWay(out);
  if (migrating) {
    const { completeMigration } = await import("./migrate.js");
    await completeMigration(out, lists, migrating);
  }
  const marked = await stat(metaPath(out, DIRTY)).then(
    () => true,
    () => false,
  );
  if (!marked) return false;
  const { rebuildIndex } = await import("./rebuild.js");
  await rebuildIndex(out);
  await writeLists(out, lists);
  await rm(metaPath(out, DIRTY), { force: true });
  return true;
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
    await repairIfInterrupted(out, settings);
    // Recorded before any body is written with them, so even a killed run leaves them known.
    const used = [settings.imageProxy, ...settings.configuredProxies];
    await writeProxyHistory(out, used);
    const history = await readProxyHistory(out);
    let dirty = false;
    const stateFile = await readStateFile(out);
    return {
      state: stateFile.state,
      proxyHistory: history,
      itemExtension: await itemExtensionFor(out, settings.itemExtension),
      async markDirty() {
        if (dirty) return;
        await mkdir(metaPath(out), { recursive: true });
        await writeFile(metaPath(out, DIRTY), "");
        dirty = true;
      },
      async close(state) {
        await writeState(out, state, stateFile);
        await rm(metaPath(out, DIRTY), { force: true });
      },
      release: () => lock.release(),
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
