import { join } from "node:path";
import type { ConvertOptions } from "../converter/convert.js";
import { acceptEntry, compileFilters } from "../fetcher/filters.js";
import type { FeedEntry } from "../model.js";
import { createFileAtomic } from "../writer/atomic.js";
import { renderItem } from "../writer/item-file.js";
import { indexEntryFor } from "../writer/items.js";
import { itemRelPath } from "../writer/layout.js";
import { feedHashes } from "../writer/walk.js";
import { entryHash, itemFromEntry } from "./entries.js";
import type { FeedContext, FeedReport } from "./fetch.js";
import type { FeedJob } from "./settings.js";

/** Filters, dedupes, fetches full text for new entries only, converts and writes them. */
export async function archiveEntries(
  job: FeedJob,
  entries: readonly FeedEntry[],
  context: FeedContext,
  report: FeedReport,
): Promise<void> {
  const { settings, archive } = context;
  const known = await feedHashes(settings.out, job.id);
  const filters = compileFilters(job.config?.filters, job.id);
  const fullText = job.config?.fullText;
  const options: ConvertOptions = {
    imageProxy: job.imageProxy,
    knownProxies: archive?.knownProxies ?? [],
    iframeHosts: settings.iframeHosts,
    removeSelectors: job.config?.removeSelectors,
  };
  for (const fromFeed of entries) {
    if (!acceptEntry(fromFeed, filters)) {
      report.filtered++;
      continue;
    }
    const published = fromFeed.published ?? settings.now;
    const hash = entryHash(fromFeed, published);
    if (known.has(hash)) {
      report.existing++;
      continue;
    }
    known.add(hash);
    let entry = fromFeed;
    if (fullText) {
      const { entryWithFullText } = await import("../fetcher/fulltext.js");
      const full = await entryWithFullText(entry, fullText, {
        client: context.client,
        label: job.id,
      });
      if (full.warning) report.warnings.push(full.warning);
      entry = full.entry;
    }
    const item = itemFromEntry(entry, published, options);
    const path = itemRelPath(job.id, published, hash);
    if (archive) {
      await archive.markDirty();
      if (!(await createFileAtomic(settings.out, join(settings.out, path), renderItem(item)))) {
        report.existing++;
        continue;
      }
      context.added.push(indexEntryFor(item, job.id, hash, path));
    }
    report.new++;
  }
}
