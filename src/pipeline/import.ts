import { escapeHtml } from "../text/html-text.js";
import type { ConvertOptions } from "../converter/convert.js";
import { feedIdProblem } from "../config/schema.js";
import { LegacyParseError } from "../legacy/parse.js";
import { listSourceFiles, type SourceFile } from "../legacy/sources.js";
import { addToIndex, type IndexEntry } from "../writer/index-file.js";
import { renderItem } from "../writer/item-file.js";
import { indexEntryFor } from "../writer/items.js";
import {
  DEFAULT_ITEM_EXTENSION,
  itemRelPath,
  monthOf,
  slugForName,
  type ItemExtension,
} from "../writer/layout.js";
import { writeLists } from "../writer/lists.js";
import {
  openArchive,
  readProxyHistory,
  writeProxyHistory,
  type OpenArchive,
} from "../writer/archive.js";
import { itemFromEntry } from "./entries.js";
import { readLegacy, scanSources, type ImportProblem } from "./import-scan.js";
import { summarize, type ImportReport, type Written } from "./import-report.js";

export type { ImportReport } from "./import-report.js";
import { groupDuplicates, splitArchived, type ArticleGroup } from "./import-select.js";
import { knownProxies, type ArchiveSettings } from "./settings.js";

export interface ImportSettings extends ArchiveSettings {
  /** Folders of older mirrors' archives (repositories, or any folder of their files). */
  sources: readonly string[];
  /** Old folder name → feed id (--feed-map); other folders get a readable slug. */
  feedMap: ReadonlyMap<string, string>;
  dryRun: boolean;
  /** Whether the report lists every imported article (for --json); the counts are always there. */
  listArticles: boolean;
}

/** The image proxies the older mirrors wrote into bodies, with and without the slash. */
export const LEGACY_PROXIES: readonly string[] = [
  "https://images.weserv.nl?url={url}",
  "https://images.weserv.nl/?url={url}",
];

/**
 * Articles converted before they are handed to the writer at once: one journal append (and
 * fsync) per batch, and at most a batch of rendered bodies held in memory (~4 MB of CJK text,
 * which strings hold as two bytes a character).
 */
const BATCH = 250;

/**
 * Carries older mirrors' archives over: every source file read once to find duplicates, the
 * fullest copy of each article read again, converted by the same convert() as fetch, and
 * written by the same writer. The sources are only read.
 */
export async function runImport(settings: ImportSettings): Promise<ImportReport> {
  const feedFor = (folder: string) => settings.feedMap.get(folder) ?? feedIdFor(folder);
  // Listed before the archive is opened: a source that is no folder then leaves no archive behind.
  const files = await listSourceFiles(settings.sources, { feedFor, out: settings.out });
  const archive = settings.dryRun ? undefined : await openArchive(settings);
  try {
    const { groups, problems } = await findArticles(files);
    const { fresh, archived } = await splitArchived(settings.out, groups);
    if (archive) await writeProxyHistory(settings.out, LEGACY_PROXIES);
    const options = await convertOptions(settings, archive);
    const extension = archive?.itemExtension ?? DEFAULT_ITEM_EXTENSION;
    const written = await writeArticles(fresh, options, extension, settings.out, archive, problems);
    const titles = feedTitles(settings, files);
    if (archive) {
      if (written.count > 0)
        await writeLists(
          settings.out,
          { ...settings, feedTitles: titles },
          new Set(fresh.map((g) => g.feed)),
        );
      await archive.complete(archive.state);
    }
    const pathOf = (g: ArticleGroup) => itemRelPath(g.feed, g.published, g.keep.hash, extension);
    return summarize(files, fresh, archived, written, pathOf, problems, settings.listArticles);
  } finally {
    await archive?.release();
  }
}

/**
 * The first pass, apart so that what only grouping needs (the title keys) is freed before the
 * writes: an async function keeps its locals alive until it returns.
 */
async function findArticles(
  files: readonly SourceFile[],
): Promise<{ groups: ArticleGroup[]; problems: ImportProblem[] }> {
  const { scanned, titleKeys, problems } = await scanSources(files);
  return { groups: groupDuplicates(scanned, titleKeys), problems };
}

/** A readable slug of the old folder's name; one that is a reserved name gets "-feed" added. */
function feedIdFor(folder: string): string {
  const slug = slugForName(folder);
  return feedIdProblem(slug) === undefined ? slug : `${slug}-feed`;
}

async function convertOptions(
  settings: ImportSettings,
  archive: OpenArchive | undefined,
): Promise<(feed: string) => ConvertOptions> {
  const history = archive?.proxyHistory ?? (await readProxyHistory(settings.out));
  const known = knownProxies(history, [...LEGACY_PROXIES, ...settings.configuredProxies]);
  return (feed) => {
    const config = settings.feeds.get(feed);
    const imageProxy = config?.imageProxy ?? settings.imageProxy;
    return {
      imageProxy,
      knownProxies: [...known, imageProxy].filter((t) => t !== "none"),
      iframeHosts: settings.iframeHosts,
      removeSelectors: config?.removeSelectors,
    };
  };
}

/**
 * Writes the new articles a batch at a time (converted, then handed to the writer's journal
 * together), and adds each month to the index once its batches are done. Groups come in time
 * order, so months come one after another; memory holds one batch of bodies at most.
 */
async function writeArticles(
  groups: readonly ArticleGroup[],
  optionsFor: (feed: string) => ConvertOptions,
  extension: ItemExtension,
  out: string,
  archive: OpenArchive | undefined,
  problems: ImportProblem[],
): Promise<Written> {
  const written: Written = { count: 0, existed: new Set(), failed: new Set() };
  const options = new Map<string, ConvertOptions>();
  let pending: IndexEntry[] = [];
  let month = "";
  for (let start = 0; start < groups.length; start += BATCH) {
    const batch = groups.slice(start, start + BATCH).flatMap((group) => {
      if (!options.has(group.feed)) options.set(group.feed, optionsFor(group.feed));
      const one = prepareOne(group, options.get(group.feed) as ConvertOptions, extension);
      if (!("problem" in one)) return [{ group, ...one }];
      problems.push(one.problem);
      written.failed.add(group);
      return [];
    });
    const created = archive ? await archive.writeItems(batch) : batch.map(() => true);
    for (const [i, { group, entry }] of batch.entries()) {
      if (archive && monthOf(group.published) !== month && pending.length > 0) {
        await addToIndex(out, pending);
        pending = [];
      }
      month = monthOf(group.published);
      if (created[i]) {
        written.count++;
        pending.push(entry);
      } else written.existed.add(group);
    }
  }
  if (archive && pending.length > 0) await addToIndex(out, pending);
  return written;
}

/** The kept file read again, converted by the same convert() as fetch, rendered. */
function prepareOne(
  group: ArticleGroup,
  options: ConvertOptions,
  extension: ItemExtension,
): { path: string; text: string; entry: IndexEntry } | { problem: ImportProblem } {
  const { file } = group.keep;
  let article;
  try {
    article = readLegacy(file);
  } catch (error) {
    // Changed since the first pass, or gone: said so, and the run goes on.
    if (!(error instanceof LegacyParseError)) throw error;
    return { problem: { file: file.label, message: error.message } };
  }
  const dated = article.dateText !== undefined && !article.html.startsWith("<div><i>");
  const html = dated
    ? `<div><i>${escapeHtml(article.dateText ?? "")}</i></div>${article.html}`
    : article.html;
  const entry = { link: article.link, title: escapeHtml(article.title), content: html };
  const item = itemFromEntry(entry, group.published, options);
  const path = itemRelPath(group.feed, group.published, group.keep.hash, extension);
  return {
    path,
    text: renderItem(item),
    entry: indexEntryFor(item, group.feed, group.keep.hash, path),
  };
}

/** The lists name a feed by its old folder where the slug had to change it (BBC → bbc). */
function feedTitles(settings: ImportSettings, files: readonly SourceFile[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const file of files) if (file.folder !== file.feed) titles.set(file.feed, file.folder);
  for (const [feed, title] of settings.feedTitles) titles.set(feed, title);
  return titles;
}
