import { join } from "node:path";
import type { ConvertOptions } from "../converter/convert.js";
import { acceptEntry, compileFilters } from "../selection/filters.js";
import { entryHash } from "../selection/identity.js";
import { mapLimit } from "../map-limit.js";
import type { FeedEntry } from "../model.js";
import { createFileAtomic } from "../writer/atomic.js";
import { renderItem } from "../writer/item-file.js";
import { indexEntryFor } from "../writer/items.js";
import { itemRelPath } from "../writer/layout.js";
import { feedHashes } from "../writer/walk.js";
import { itemFromEntry } from "./entries.js";
import type { FeedContext, FeedReport } from "./fetch.js";
import { knownProxies, type FeedJob } from "./settings.js";

/**
 * Items of one feed written at once. Each write waits on the disk (fsync, then link), so a few
 * in flight overlap those waits; more only queue behind libuv's four file-system threads.
 */
const WRITES_IN_FLIGHT = 4;

/** An entry this feed has not archived yet, with the date and hash it is archived under. */
interface Fresh {
  entry: FeedEntry;
  published: number;
  hash: string;
}

/** Filters, dedupes, fetches full text for new entries only, converts and writes them. */
export async function archiveEntries(
  job: FeedJob,
  entries: readonly FeedEntry[],
  context: FeedContext,
  report: FeedReport,
): Promise<void> {
  const { settings } = context;
  const known = await feedHashes(settings.out, job.id);
  const filters = compileFilters(job.config?.filters, job.id);
  const fresh: Fresh[] = [];
  for (const entry of entries) {
    if (!acceptEntry(entry, filters)) {
      report.filtered++;
      continue;
    }
    const published = entry.published ?? settings.now;
    const hash = entryHash(entry);
    if (known.has(hash)) {
      report.existing++;
      continue;
    }
    known.add(hash);
    fresh.push({ entry, published, hash });
  }
  const options: ConvertOptions = {
    imageProxy: job.imageProxy,
    knownProxies: context.archive ? knownProxies(context.archive.proxyHistory) : [],
    iframeHosts: settings.iframeHosts,
    removeSelectors: job.config?.removeSelectors,
  };
  const outcomes = await mapLimit(fresh, WRITES_IN_FLIGHT, (one) =>
    archiveOne(job, one, options, context),
  );
  // Counted and reported in feed order, whatever order the writes finished in.
  for (const outcome of outcomes) {
    if (outcome.warning) report.warnings.push(outcome.warning);
    if (outcome.written) report.new++;
    else report.existing++;
  }
}

/** One new entry: full text if the feed asks for it, convert, write. False: it existed already. */
async function archiveOne(
  job: FeedJob,
  { entry: fromFeed, published, hash }: Fresh,
  options: ConvertOptions,
  context: FeedContext,
): Promise<{ written: boolean; warning?: string }> {
  const { settings, archive } = context;
  let entry = fromFeed;
  let warning: string | undefined;
  if (job.config?.fullText) {
    const { entryWithFullText } = await import("../fetcher/fulltext.js");
    const full = await entryWithFullText(entry, job.config.fullText, {
      client: context.client,
      label: job.id,
    });
    warning = full.warning;
    entry = full.entry;
  }
  const item = itemFromEntry(entry, published, options);
  if (archive) {
    const path = itemRelPath(job.id, published, hash, archive.itemExtension);
    await archive.markDirty();
    if (!(await createFileAtomic(settings.out, join(settings.out, path), renderItem(item)))) {
      return { written: false, warning };
    }
    context.added.push(indexEntryFor(item, job.id, hash, path));
  }
  return { written: true, warning };
}
