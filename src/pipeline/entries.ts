import { escapeHtml } from "../text/html-text.js";
import { convert, type ConvertOptions } from "../converter/convert.js";
import type { HttpClient } from "../fetcher/http/client.js";
import type { FeedEntry, Item } from "../model.js";
import type { OpenArchive } from "../writer/archive.js";
import { knownProxies, type FeedJob, type FetchSettings } from "./settings.js";

const TITLE_FROM_TEXT = 100;

/** Untitled entries (common in microblogs) are named by the start of their text, else their link. */
export function fallbackTitle(entry: FeedEntry): string {
  const text = (entry.content ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text) {
    const cut = [...text];
    return cut.length > TITLE_FROM_TEXT ? `${cut.slice(0, TITLE_FROM_TEXT).join("")}…` : text;
  }
  return escapeHtml(entry.link ?? "(untitled)");
}

/** Turns a fetched entry into an item: the same convert() that rerender uses. */
export function itemFromEntry(entry: FeedEntry, published: number, options: ConvertOptions): Item {
  const title = entry.title?.trim() ? entry.title : fallbackTitle(entry);
  return convert(
    {
      published,
      title,
      titleFormat: "html",
      link: entry.link ?? "",
      html: entry.content ?? "",
      base: entry.base,
    },
    options,
  );
}

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
