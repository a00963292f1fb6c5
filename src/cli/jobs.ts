import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Config, FeedConfig } from "../config/schema.js";
import { feedIdProblem } from "../config/schema.js";
import { reservedIdReason } from "../config/reserved.js";
import { closest } from "../config/suggest.js";
import { NewsmirrorError } from "../errors.js";
import { parseSourceArg, type SourceRef } from "../fetcher/sources.js";
import { plural } from "../text/plural.js";
import type { FeedJob } from "../pipeline/settings.js";
import { slugForUrl } from "../writer/layout.js";

/** What the command line says to fetch. */
export interface JobRequest {
  /** Sources given as arguments: URLs, files, `-`. */
  sources: readonly string[];
  /** `--feed`: feeds of the config, by id. */
  only: readonly string[];
  /** `--id` and `--title`, one per source, in the sources' order. */
  ids: readonly string[];
  titles: readonly string[];
  /** Relative file paths are read from here. */
  cwd: string;
}

function usage(message: string, suggestion: string): NewsmirrorError {
  return new NewsmirrorError("E_USAGE", message, { suggestion });
}

function resolved(source: SourceRef, cwd: string): SourceRef {
  return source.kind === "file" ? { kind: "file", path: resolve(cwd, source.path) } : source;
}

/** Which feeds to fetch: the command-line sources, else the config's (narrowed by --feed). */
export function feedJobs(config: Config, request: JobRequest, imageProxy: string): FeedJob[] {
  if (request.sources.length > 0) return sourceJobs(config, request, imageProxy);
  if (request.ids.length > 0 || request.titles.length > 0)
    throw usage(
      "--id and --title name the feed of a source given on the command line",
      "give the source too: newsmirror fetch SOURCE --id ID, or use --feed ID for a feed of the config",
    );
  return configJobs(config, request, imageProxy);
}

function checkSources(request: JobRequest): void {
  const { sources, only, ids, titles } = request;
  if (only.length > 0)
    throw usage(
      "--feed selects feeds of the config, so it cannot be given with sources",
      "name the source's feed with --id ID, or leave out the sources to fetch the config's feeds",
    );
  const stdin = sources.filter((s) => s === "-").length;
  if (stdin > 1)
    throw usage(
      `- (standard input) is given ${stdin} times: it can be read only once`,
      "give - once",
    );
  for (const [option, values] of [
    ["--id", ids],
    ["--title", titles],
  ] as const) {
    if (values.length > 0 && values.length !== sources.length)
      throw usage(
        `${values.length} ${option} for ${plural(sources.length, "source")}: give one per source, in their order`,
        `e.g. newsmirror fetch - ${option} …, or one source per run`,
      );
  }
  for (const id of ids) {
    const problem = feedIdProblem(id);
    if (problem) throw usage(`--id ${problem}`, "choose another id");
  }
}

/** A readable id from the source itself; one the archive reserves gets `-feed` added. */
function derivedId(source: SourceRef): string {
  const id =
    source.kind === "file"
      ? slugForUrl(pathToFileURL(source.path).href)
      : source.kind === "url"
        ? slugForUrl(source.url)
        : "stdin";
  return reservedIdReason(id) ? `${id}-feed` : id;
}

function sourceJobs(config: Config, request: JobRequest, imageProxy: string): FeedJob[] {
  checkSources(request);
  return request.sources.map((arg, i) => {
    const source = resolved(parseSourceArg(arg), request.cwd);
    const url = source.kind === "url" ? source.url : undefined;
    const id = request.ids[i];
    const known = config.feeds.find((f) => (id ? f.id === id : f.url === url || f.url === arg));
    const title = request.titles[i];
    const base: FeedConfig | undefined =
      known ?? (title ? { id: id ?? derivedId(source), url: arg } : undefined);
    const feed = base && title ? { ...base, title } : base;
    return {
      id: feed?.id ?? id ?? derivedId(source),
      source,
      config: feed,
      imageProxy: feed?.imageProxy ?? imageProxy,
    };
  });
}

function configJobs(config: Config, request: JobRequest, imageProxy: string): FeedJob[] {
  const { only } = request;
  const unknown = only.filter((id) => !config.feeds.some((f) => f.id === id));
  if (unknown.length > 0) throw unknownFeeds(unknown, config.feeds);
  const feeds = only.length > 0 ? config.feeds.filter((f) => only.includes(f.id)) : config.feeds;
  if (feeds.length === 0)
    throw usage(
      "nothing to fetch: no sources given and no feeds in the config",
      "give a feed URL or file (newsmirror fetch URL), list feeds in newsmirror.json, or start one with newsmirror init URL",
    );
  return feeds.map((f) => ({
    id: f.id,
    source: resolved(parseSourceArg(f.url), request.cwd),
    config: f,
    imageProxy: f.imageProxy ?? imageProxy,
  }));
}

/** A config of a thousand feeds would make the suggestion a page long: ten, then where the rest are. */
const LISTED_IDS = 10;

function unknownFeeds(unknown: readonly string[], feeds: readonly FeedConfig[]): NewsmirrorError {
  const ids = feeds.map((f) => f.id);
  const near = unknown.map((id) => closest(id, ids)).filter((id) => id !== undefined);
  const guess = near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : "";
  const has =
    ids.length === 0
      ? ": no feeds"
      : ids.length <= LISTED_IDS * 2
        ? `: ${ids.join(", ")}`
        : ` ${ids.length} feeds: ${ids.slice(0, LISTED_IDS).join(", ")}, … (newsmirror feeds export lists them all)`;
  return usage(
    `--feed ${unknown.join(", ")}: no such feed in the config${guess}`,
    `the config has${has}`,
  );
}
