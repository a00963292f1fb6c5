import type { FeedConfig } from "../config/schema.js";
import { DEFAULT_IMAGE_PROXY } from "../converter/images.js";
import type { HttpOptions } from "../fetcher/http/options.js";
import type { SourceRef } from "../fetcher/sources.js";
import type { ItemExtension } from "../writer/layout.js";
import type { Shard } from "./shard.js";

export type { SourceRef } from "../fetcher/sources.js";

/** One feed to fetch: its folder id, where it comes from, and its per-feed settings. */
export interface FeedJob {
  id: string;
  source: SourceRef;
  /** The feed as the config has it (absent for command-line sources). */
  config?: FeedConfig;
  imageProxy: string;
}

export interface ArchiveSettings {
  out: string;
  timezone: string;
  /** The config's itemExtension; absent: the archive's own (see writer/extension.ts). */
  itemExtension?: ItemExtension;
  /** Where the archive is published (config `baseUrl`): absolute links in its Atom feeds. */
  baseUrl?: string;
  /** The archive's default proxy template (or "none"). */
  imageProxy: string;
  feedTitles: ReadonlyMap<string, string>;
  /** Every proxy template the config names, per feed included. */
  configuredProxies: readonly string[];
  /** Iframe hosts to keep (the converter's default list when absent). */
  iframeHosts?: readonly string[];
  /** The config's feeds by id: their per-feed conversion rules apply on rerender too. */
  feeds: ReadonlyMap<string, FeedConfig>;
}

export interface FetchSettings extends ArchiveSettings {
  jobs: FeedJob[];
  dryRun: boolean;
  /** The run's start in ms: the date of entries that have none. */
  now: number;
  http: Partial<HttpOptions> & { userAgent: string };
  concurrency: number;
  /**
   * A shard's run (`--shard K/N`, `jobs` already its feeds): it writes only its feeds' files
   * (items, index, lists, state), never what every feed shares; `newsmirror index` does that.
   */
  shard?: Shard;
}

/** Proxy templates stored bodies may contain: the default, the archive's history, any others. */
export function knownProxies(history: readonly string[], more: readonly string[] = []): string[] {
  return [...new Set([DEFAULT_IMAGE_PROXY, ...history, ...more])];
}
