import { join } from "node:path";
import { convert } from "../converter/convert.js";
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
    for (const [month, feeds] of await monthsAcrossFeeds(out)) {
      const problems = await scanMonth(out, month, feeds, readItem, async (file, stored) => {
        result.items++;
        const feed = settings.feeds.get(file.feed);
        const imageProxy = feed?.imageProxy ?? settings.imageProxy;
        const { item } = stored;
        const next = convert(
          { ...item, titleFormat: "markdown", html: item.body },
          {
            imageProxy,
            knownProxies: [...knownProxies, imageProxy].filter((t) => t !== "none"),
            iframeHosts: settings.iframeHosts,
            removeSelectors: feed?.removeSelectors,
          },
        );
        const text = renderItem(next);
        if (text === stored.text) return;
        result.changed.push(file.path);
        if (!archive) return;
        await archive.markDirty();
        await writeFileAtomic(out, join(out, file.path), text);
      });
      result.problems.push(...problems);
    }
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
