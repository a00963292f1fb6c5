import type { ConvertOptions } from "../converter/convert.js";
import { openArchive, readProxyHistory } from "../writer/archive.js";
import { assertArchive } from "../writer/dirs.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex } from "../writer/rebuild.js";
import { monthsAcrossFeeds } from "../writer/walk.js";
import { rerenderMonths, type FeedOptions } from "./rerender-months.js";
import { knownProxies, type ArchiveSettings } from "./settings.js";

export interface RerenderSettings extends ArchiveSettings {
  check: boolean;
}

export interface RerenderResult {
  items: number;
  /** Paths (relative to the archive) whose bytes change, or changed. */
  changed: string[];
  problems: string[];
  /** Files converted by the worker thread (0 when none was started). */
  byWorker: number;
}

/**
 * Re-renders every stored item with the current settings through the same convert() as fetch,
 * top to bottom: options → each month: read, convert, write what differs → index, lists →
 * report. Offline by design; with `check`, nothing is written and no lock is taken.
 */
export async function runRerender(settings: RerenderSettings): Promise<RerenderResult> {
  const { out } = settings;
  await assertArchive(out);
  const archive = settings.check ? undefined : await openArchive(settings);
  try {
    const history = archive?.proxyHistory ?? [
      ...(await readProxyHistory(out)),
      ...settings.configuredProxies,
    ];
    const options = rerenderOptions(settings, knownProxies(history));
    const { months, byWorker } = await rerenderMonths(
      out,
      await monthsAcrossFeeds(out),
      options,
      archive,
    );
    if (archive) {
      await rebuildIndex(out);
      await writeLists(out, settings);
      await archive.complete(archive.state);
    }
    return {
      items: months.reduce((n, month) => n + month.items, 0),
      changed: months.flatMap((month) => month.changed).sort(),
      // Each month's problems are sorted: the same lines in the same order, run after run.
      problems: months.flatMap((month) => month.problems),
      byWorker,
    };
  } finally {
    await archive?.release();
  }
}

/** Each feed's conversion options (its proxy and rules), and those of folders the config lacks. */
function rerenderOptions(settings: ArchiveSettings, known: readonly string[]): FeedOptions {
  const optionsFor = (feedName: string | undefined): ConvertOptions => {
    const feed = feedName === undefined ? undefined : settings.feeds.get(feedName);
    const imageProxy = feed?.imageProxy ?? settings.imageProxy;
    return {
      imageProxy,
      knownProxies: [...known, imageProxy].filter((t) => t !== "none"),
      iframeHosts: settings.iframeHosts,
      removeSelectors: feed?.removeSelectors,
    };
  };
  return {
    byFeed: new Map([...settings.feeds.keys()].map((name) => [name, optionsFor(name)])),
    fallback: optionsFor(undefined),
  };
}
