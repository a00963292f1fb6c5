import type { ConvertOptions } from "../converter/convert.js";
import type { HttpClient } from "../fetcher/http/client.js";
import { parseFeed } from "../fetcher/parse/index.js";
import type { LoadedBytes } from "../fetcher/sources.js";
import { mapLimit } from "../limit.js";
import type { FeedEntry } from "../model.js";
import { compileFilters } from "../selection/filters.js";
import { selectEntries, type FreshEntry } from "../selection/select.js";
import { htmlText } from "../text/html-text.js";
import type { OpenArchive } from "../writer/archive.js";
import { feedHashes } from "../writer/walk.js";
import { itemFromEntry } from "./entries.js";
import type { FeedOutcome, WithFullText } from "./fetch-report.js";
import { knownProxies, type FeedJob, type FetchSettings } from "./settings.js";

// A feed's steps after it loaded with news: parse → select → full text → convert → write.
// fetch.ts imports this module when the first feed of a run answers with a body, so a run where
// every feed says 304 compiles none of it: no parser, no filters, no converter, no htmlparser2.

/** Entries of one feed whose full text is fetched at once (converting is synchronous). */
const FULL_TEXTS_IN_FLIGHT = 4;

/** What the steps below share with the rest of the run. */
export interface FreshRun {
  settings: FetchSettings;
  client: HttpClient;
  /** Absent on a dry run: nothing is written. */
  archive: OpenArchive | undefined;
}

/** The feed's bytes through every step to its written items; throws what a step threw. */
export async function archiveFresh(
  job: FeedJob,
  loaded: LoadedBytes,
  run: FreshRun,
): Promise<Extract<FeedOutcome, { added: unknown }>> {
  const { settings, client, archive } = run;
  const { url, contentType } = loaded;
  const parsed = await parseFeed(loaded.bytes, { url, contentType, label: job.id });
  const selected = selectEntries(parsed.entries, {
    filters: compileFilters(job.config?.filters, job.id),
    known: await feedHashes(settings.out, job.id),
    now: settings.now,
  });
  const full = await mapLimit(selected.fresh, FULL_TEXTS_IN_FLIGHT, ({ entry }) =>
    withFullText(entry, job, client, url),
  );
  const options = entryOptions(job, settings, archive);
  const items = selected.fresh.map(({ published, hash }, i) => ({
    hash,
    item: itemFromEntry((full[i] as WithFullText).entry, published, options),
  }));
  // One journal append (and fsync) for the feed's items, then plain writes (writer/journal.ts).
  const added = archive
    ? await archive.addItems(job.id, items)
    : items.map(() => ({ created: true }));
  const dateWarnings = untrustedDates(job.id, selected.fresh, settings.now);
  return { loaded, parsed, selected, full, added, dateWarnings };
}

/** How a feed's new entries are converted: its proxy, the archive's past proxies, its rules. */
function entryOptions(
  job: FeedJob,
  settings: FetchSettings,
  archive: OpenArchive | undefined,
): ConvertOptions {
  return {
    imageProxy: job.imageProxy,
    knownProxies: archive ? knownProxies(archive.proxyHistory) : [],
    iframeHosts: settings.iframeHosts,
    removeSelectors: job.config?.removeSelectors,
  };
}

/**
 * The entry with the full text of its link when the feed asks for it; never throws. `loadedFrom`
 * is where the feed came from: with the configured URL, the one host and port where its links
 * may reach a private network.
 */
async function withFullText(
  entry: FeedEntry,
  job: FeedJob,
  client: HttpClient,
  loadedFrom: string,
): Promise<WithFullText> {
  if (!job.config?.fullText) return { entry };
  // Its own chunk (readability, a DOM): only feeds with fullText load it.
  const { entryWithFullText } = await import("../fetcher/fulltext.js");
  const feedUrls = job.source.kind === "url" ? [job.source.url, loadedFrom] : [];
  return entryWithFullText(entry, job.config.fullText, { client, label: job.id, feedUrls });
}

/** The longest title a warning quotes. */
const QUOTED_TITLE = 80;

/**
 * One line per new entry archived under the run's time because none of its dates could be
 * trusted (selection/dates.ts): the feed, the entry, the date as written and why.
 */
function untrustedDates(feed: string, fresh: readonly FreshEntry[], now: number): string[] {
  return fresh.flatMap(({ entry, untrustedDate }) => {
    if (!untrustedDate) return [];
    const title = [...htmlText(entry.title ?? "")];
    const quoted =
      title.length > QUOTED_TITLE ? `${title.slice(0, QUOTED_TITLE).join("")}…` : title.join("");
    const which = [quoted && JSON.stringify(quoted), entry.link && `(${entry.link})`]
      .filter(Boolean)
      .join(" ");
    return [
      `${feed}: date ${JSON.stringify(untrustedDate.text)} of ${which || "an entry without title or link"} ${untrustedDate.why}: archived under the run's time, ${new Date(now).toISOString()}`,
    ];
  });
}
