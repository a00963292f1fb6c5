import type { ConvertOptions } from "../converter/convert.js";
import { acceptEntry, compileFilters } from "../selection/filters.js";
import { entryHash } from "../selection/identity.js";
import { mapLimit } from "../map-limit.js";
import type { FeedEntry } from "../model.js";
import { renderItem } from "../writer/item-file.js";
import type { IndexEntry } from "../writer/index-file.js";
import { indexEntryFor } from "../writer/items.js";
import { DEFAULT_ITEM_EXTENSION, itemRelPath } from "../writer/layout.js";
import { feedHashes } from "../writer/walk.js";
import { itemFromEntry } from "./entries.js";
import type { FeedContext, FeedReport } from "./fetch.js";
import { knownProxies, type FeedJob } from "./settings.js";

/** Entries of one feed whose full text is fetched at once (converting is synchronous). */
const FULL_TEXTS_IN_FLIGHT = 4;

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
  const seen = new Set<string>();
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
    if (seen.has(hash)) {
      report.repeated++;
      continue;
    }
    seen.add(hash);
    fresh.push({ entry, published, hash });
  }
  const options: ConvertOptions = {
    imageProxy: job.imageProxy,
    knownProxies: context.archive ? knownProxies(context.archive.proxyHistory) : [],
    iframeHosts: settings.iframeHosts,
    removeSelectors: job.config?.removeSelectors,
  };
  const prepared = await mapLimit(fresh, FULL_TEXTS_IN_FLIGHT, (one) =>
    prepareOne(job, one, options, context),
  );
  // One journal append (and fsync) for the feed's items, then plain writes: src/writer/journal.ts.
  const created = context.archive
    ? await context.archive.writeItems(prepared.map(({ path, text }) => ({ path, text })))
    : prepared.map(() => true);
  // Counted and reported in feed order, whatever order the full texts arrived in.
  prepared.forEach((one, i) => {
    if (one.warning) report.warnings.push(one.warning);
    if (created[i]) {
      report.new++;
      if (context.archive) context.added.push(one.indexEntry);
    } else report.existing++;
  });
}

interface Prepared {
  path: string;
  text: string;
  indexEntry: IndexEntry;
  warning?: string;
}

/** One new entry: full text if the feed asks for it, then convert and render. */
async function prepareOne(
  job: FeedJob,
  { entry: fromFeed, published, hash }: Fresh,
  options: ConvertOptions,
  context: FeedContext,
): Promise<Prepared> {
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
  // A dry run writes nothing: the name it would have does not matter.
  const extension = context.archive?.itemExtension ?? DEFAULT_ITEM_EXTENSION;
  const path = itemRelPath(job.id, published, hash, extension);
  const indexEntry = indexEntryFor(item, job.id, hash, path);
  return { path, text: renderItem(item), indexEntry, warning };
}
