import { join } from "node:path";
import { assertArchive } from "../writer/dirs.js";
import type { ConvertOptions } from "../converter/convert.js";
import { writeFileAtomic } from "../writer/atomic.js";
import { fileBytes, scanMonth } from "../writer/items.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex } from "../writer/rebuild.js";
import { monthsAcrossFeeds } from "../writer/walk.js";
import { WritePool } from "../writer/write-pool.js";
import { openArchive, readProxyHistory } from "../writer/archive.js";
import { rerenderFile, type Outcome } from "./rerender-file.js";
import { RerenderHelper } from "./rerender-helper.js";
import { knownProxies, type ArchiveSettings } from "./settings.js";

export interface RerenderSettings extends ArchiveSettings {
  check: boolean;
}

export interface RerenderResult {
  items: number;
  /** Paths (relative to the archive) whose bytes change, or changed. */
  changed: string[];
  problems: string[];
}

/** Files converted on the main thread alone before a worker is started to share the work. */
const WORKER_AFTER = 1000;

/**
 * Re-renders every stored item with the current settings through the same convert() as
 * fetch: parse the file, convert, render, and write only what differs. Offline by design.
 */
export async function runRerender(settings: RerenderSettings): Promise<RerenderResult> {
  const { out } = settings;
  await assertArchive(out);
  const archive = settings.check ? undefined : await openArchive(settings);
  try {
    const known = archive
      ? knownProxies(archive.proxyHistory)
      : knownProxies(await readProxyHistory(out), settings.configuredProxies);
    const result: RerenderResult = { items: 0, changed: [], problems: [] };
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
    const options = new Map([...settings.feeds.keys()].map((name) => [name, optionsFor(name)]));
    const fallback = optionsFor(undefined);
    const writes = new WritePool((path, text) => writeFileAtomic(out, join(out, path), text));
    let helper: RerenderHelper | undefined;
    let scanned = 0;
    try {
      for (const [month, feeds] of await monthsAcrossFeeds(out)) {
        const found: string[] = [];
        let toWrite: [path: string, text: string][] = [];
        const handle = (path: string, outcome: Outcome) => {
          if ("problem" in outcome) return void found.push(outcome.problem);
          result.items++;
          if (outcome.changed === undefined) return;
          result.changed.push(path);
          if (archive) toWrite.push([path, outcome.changed]);
        };
        const writeAll = async () => {
          const batch = toWrite;
          toWrite = [];
          if (!archive || batch.length === 0) return;
          await archive.markDirty();
          for (const [path, text] of batch) await writes.add(path, text);
        };
        const problems = await scanMonth(out, month, feeds, fileBytes, (file, bytes) => {
          // A worker costs ~0.15 s and ~25 MB to start: small archives are done sooner without.
          if (++scanned === WORKER_AFTER) helper = RerenderHelper.start(options, fallback);
          helper?.collect(handle);
          if (helper?.hasRoom()) {
            helper.send({ feed: file.feed, path: file.path, bytes: new Uint8Array(bytes) });
          } else {
            handle(file.path, rerenderFile(bytes, file.path, options.get(file.feed) ?? fallback));
          }
          if (toWrite.length > 0) return writeAll();
        });
        await helper?.drain(handle, (job) =>
          rerenderFile(job.bytes, job.path, options.get(job.feed) ?? fallback),
        );
        await writeAll();
        // Sorted as one list, wherever each file was converted: the same lines in the same order.
        result.problems.push(...[...problems, ...found].sort());
      }
    } finally {
      await helper?.close();
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
