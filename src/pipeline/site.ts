import { relative, resolve } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { byFeedAndMonth, siteFeeds, type FeedFacts } from "../site/collect.js";
import { Incremental, parseManifest, renderManifest } from "../site/manifest.js";
import type { IndexEntry } from "../site/model.js";
import { MANIFEST_FILE, SiteOutput } from "../site/output.js";
import { assertArchive, checkOutputFolder, withPath } from "../writer/dirs.js";
import { indexMonths, listIndex, readMonth } from "../writer/index-file.js";
import { readState, type State } from "../writer/state.js";
import type { ArchiveSettings } from "./settings.js";
import { SiteRun } from "./site-run.js";

export interface SiteOptions {
  /** The site's folder. */
  to: string;
  /** Where the site will be served from, for canonical links. */
  baseUrl?: string;
}

export interface SiteResult {
  /** Files the site is made of (pages, stylesheet, search data). */
  pages: number;
  written: number;
  removed: number;
  /** Item files read (unchanged ones are only stat'ed). */
  itemsRead: number;
  /** One line per item that could not be made into a page: the file and why. */
  problems: string[];
}

/**
 * `newsmirror site`: a static website of the archive. Reads the index (never the item files
 * whose stat is unchanged since the last run), writes only the pages whose inputs changed,
 * removes the pages nothing makes any more, and records what each page was made from.
 */
export async function runSite(
  settings: ArchiveSettings,
  options: SiteOptions,
): Promise<SiteResult> {
  await assertArchive(settings.out);
  checkTarget(settings.out, options.to);
  await checkOutputFolder("--to", options.to);
  const site = new SiteOutput(options.to);
  await withPath(options.to, site.open());
  const plan = new Incremental(parseManifest(await site.read(MANIFEST_FILE)));
  const run = new SiteRun(settings, options, site, plan);
  const entries = run.itemEntries(await readIndex(settings.out));
  const grouped = byFeedAndMonth(entries);
  const feeds = siteFeeds(grouped, factsOf(settings, await readState(settings.out)));
  run.articles(entries, feeds);
  for (const feed of feeds) await run.feedPages(feed, grouped.get(feed.id) ?? new Map());
  await run.archivePages(feeds, entries);
  for (const path of plan.stale()) {
    await site.remove(path);
    run.result.removed++;
  }
  await site.sync();
  site.write(MANIFEST_FILE, renderManifest(plan.next));
  await site.close();
  return { ...run.result, pages: plan.next.size };
}

/** Every index entry, oldest month first (each month sorted), through the writer's readers. */
async function readIndex(out: string): Promise<IndexEntry[]> {
  const files = await listIndex(out);
  const entries: IndexEntry[] = [];
  // One push per entry: spreading a month of 100,000 lines as arguments overflows the stack.
  for (const month of indexMonths(files))
    for (const entry of await readMonth(out, files, month)) entries.push(entry);
  return entries;
}

function factsOf(settings: ArchiveSettings, state: State): (id: string) => FeedFacts {
  return (id) => {
    const s = state[id] ?? {};
    const language = settings.feeds.get(id)?.language;
    return {
      title: settings.feedTitles.get(id) ?? s.title ?? id,
      ...(language ? { lang: language } : {}),
      ...(s.siteLink ? { siteLink: s.siteLink } : {}),
      ...(s.url ? { url: s.url } : {}),
    };
  };
}

/** The site is written beside the archive, never over it nor around it. */
function checkTarget(out: string, to: string): void {
  const inside = relative(resolve(out), resolve(to));
  const around = relative(resolve(to), resolve(out));
  if (inside === "" || around === "" || !around.startsWith("..")) {
    throw new NewsmirrorError(
      "E_USAGE",
      `--to ${to} ${inside === "" ? "is" : "contains"} the archive ${out}`,
      { suggestion: "give the site a folder of its own, e.g. --to site" },
    );
  }
}
