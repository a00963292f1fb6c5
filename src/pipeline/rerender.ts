import { join } from "node:path";
import { convert, type ConvertOptions } from "../converter/convert.js";
import { DEFAULT_IMAGE_PROXY } from "../config/schema.js";
import { writeFileAtomic } from "../writer/atomic.js";
import { renderItem } from "../writer/item-file.js";
import { readItem, scanMonth } from "../writer/items.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex } from "../writer/rebuild.js";
import { monthsAcrossFeeds } from "../writer/walk.js";
import { openArchive, readProxyHistory } from "./archive.js";
import type { ArchiveSettings } from "./settings.js";

export interface RerenderSettings extends ArchiveSettings {
  check: boolean;
}

export interface RerenderResult {
  items: number;
  /** Paths (relative to the archive) whose bytes change, or changed. */
  changed: string[];
  problems: string[];
}

/**
 * Keeps a few item writes in flight while the scan goes on: each is fsynced, and one at a time
 * they would take far longer than the reads. The first failure is thrown, as an awaited write
 * would have been.
 */
class WritePool {
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly out: string) {}

  async add(path: string, text: string): Promise<void> {
    while (this.pending.size >= WRITES_IN_FLIGHT) await Promise.race(this.pending);
    this.check();
    const write: Promise<void> = writeFileAtomic(this.out, join(this.out, path), text)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending);
    this.check();
  }

  private check() {
    if (this.failure) throw this.failure.error;
  }
}

const WRITES_IN_FLIGHT = 16;

/**
 * Re-renders every stored item with the current settings through the same convert() as
 * fetch: parse the file, convert, render, and write only what differs. Offline by design.
 */
export async function runRerender(settings: RerenderSettings): Promise<RerenderResult> {
  const { out } = settings;
  const archive = settings.check ? undefined : await openArchive(settings);
  try {
    const knownProxies = archive?.knownProxies ?? [
      ...new Set([
        DEFAULT_IMAGE_PROXY,
        ...(await readProxyHistory(out)),
        ...settings.configuredProxies,
      ]),
    ];
    const result: RerenderResult = { items: 0, changed: [], problems: [] };
    const writes = new WritePool(out);
    const optionsByFeed = new Map<string, ConvertOptions>();
    const optionsFor = (name: string): ConvertOptions => {
      let options = optionsByFeed.get(name);
      if (!options) {
        const feed = settings.feeds.get(name);
        const imageProxy = feed?.imageProxy ?? settings.imageProxy;
        options = {
          imageProxy,
          knownProxies: [...knownProxies, imageProxy].filter((t) => t !== "none"),
          iframeHosts: settings.iframeHosts,
          removeSelectors: feed?.removeSelectors,
        };
        optionsByFeed.set(name, options);
      }
      return options;
    };
    for (const [month, feeds] of await monthsAcrossFeeds(out)) {
      const problems = await scanMonth(out, month, feeds, readItem, (file, stored) => {
        result.items++;
        const { item } = stored;
        const next = convert(
          { ...item, titleFormat: "markdown", html: item.body },
          optionsFor(file.feed),
        );
        const text = renderItem(next);
        if (text === stored.text) return;
        result.changed.push(file.path);
        if (archive) return archive.markDirty().then(() => writes.add(file.path, text));
      });
      result.problems.push(...problems);
    }
    await writes.drain();
    result.changed.sort();
    if (archive) {
      await rebuildIndex(out);
      await writeLists(out, settings);
      await archive.close(archive.state);
    }
    return result;
  } finally {
    await archive?.release();
  }
}
