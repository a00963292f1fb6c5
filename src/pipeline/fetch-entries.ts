import type { ConvertOptions } from "../converter/convert.js";
import type { HttpClient } from "../fetcher/http/client.js";
import type { FeedEntry } from "../model.js";
import type { OpenArchive } from "../writer/archive.js";
import { knownProxies, type FeedJob, type FetchSettings } from "./settings.js";

// The fetch's steps for a feed's new entries that need no converter: an all-304 run loads this
// module, and the converter (entries.ts, with turndown and htmlparser2) only once it converts.

/** How a feed's new entries are converted: its proxy, the archive's past proxies, its rules. */
export function entryOptions(
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
export async function withFullText(
  entry: FeedEntry,
  job: FeedJob,
  client: HttpClient,
  loadedFrom: string,
): Promise<{ entry: FeedEntry; warning?: string }> {
  if (!job.config?.fullText) return { entry };
  const { entryWithFullText } = await import("../fetcher/fulltext.js");
  const feedUrls = job.source.kind === "url" ? [job.source.url, loadedFrom] : [];
  return entryWithFullText(entry, job.config.fullText, { client, label: job.id, feedUrls });
}
