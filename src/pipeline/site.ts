import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { DEFAULT_IFRAME_HOSTS } from "../converter/sanitize-rules.js";
import { articleCsp, renderArticlePage } from "../site/article-page.js";
import { STYLE, STYLE_FILE, SEARCH_JSON, SEARCH_PAGE, SEARCH_SCRIPT_DATA } from "../site/assets.js";
import { cachedDates } from "../site/dates.js";
import { byDay, byFeedAndMonth, newestOf, siteFeeds, type FeedFacts } from "../site/collect.js";
import {
  FEED_PAGE_LENGTH,
  renderDayPage,
  renderDaysPage,
  frontFeeds,
  renderFeedPage,
  renderFeedsPage,
  renderFrontPage,
  renderMonthPage,
} from "../site/list-pages.js";
import { Incremental, hashText, parseManifest, renderManifest } from "../site/manifest.js";
import {
  DAYS_PAGE,
  FEEDS_PAGE,
  FRONT_PAGE,
  articlePage,
  atomFile,
  dayPage,
  feedPage,
  monthPage,
  type IndexEntry,
  type SiteFeed,
} from "../site/model.js";
import { MANIFEST_FILE, SiteOutput } from "../site/output.js";
import { renderSearchPage, searchJson, searchScript } from "../site/search-page.js";
import { ATOM_LENGTH, renderAtom, type AtomFeed } from "../writer/atom.js";
import { assertArchive, checkOutputFolder, withPath } from "../writer/dirs.js";
import { indexMonths, listIndex, readMonth } from "../writer/index-file.js";
import { parseItem } from "../writer/item-file.js";
import { dateFormatter } from "../writer/lists.js";
import { readState, type State } from "../writer/state.js";
import type { ArchiveSettings } from "./settings.js";

/** The Atom code's own text: a change to it remakes the feeds, as a template change would. */
const ATOM_CODE = hashText(String(renderAtom));

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
  const dates = cachedDates(settings.timezone, dateFormatter(settings.timezone));
  const { baseUrl } = options;
  const csp = articleCsp(settings.iframeHosts ?? DEFAULT_IFRAME_HOSTS);
  const result: SiteResult = { pages: 0, written: 0, removed: 0, itemsRead: 0, problems: [] };
  /** `make` is called again to write what it made: a long page need not be held whole. */
  const put = (path: string, text: string | (() => Iterable<string>)) => {
    if (plan.page(path, typeof text === "string" ? text : text())) {
      site.write(path, typeof text === "string" ? text : text());
      result.written++;
    }
  };

  const entries = (await readIndex(settings.out)).filter((e) => {
    // The site writes where the index says: a line naming another place is refused.
    if (isItemPath(e)) return true;
    result.problems.push(
      `index line of ${JSON.stringify(e.path)}: not an item of feed "${e.feed}"`,
    );
    return false;
  });
  const grouped = byFeedAndMonth(entries);
  const feeds = siteFeeds(grouped, factsOf(settings, await readState(settings.out)));
  const feedOf = new Map(feeds.map((f) => [f.id, f]));

  for (const entry of entries) writeArticle(entry, feedOf.get(entry.feed) as SiteFeed);
  for (const feed of feeds) {
    const { id, title, siteLink } = feed;
    const months = grouped.get(id) as Map<string, IndexEntry[]>;
    put(feedPage(id), renderFeedPage(feed, newestOf(months, FEED_PAGE_LENGTH), dates, baseUrl));
    for (const [month, list] of months)
      put(monthPage(id, month), renderMonthPage(feed, month, list, dates, baseUrl));
    const newest = newestOf(months, ATOM_LENGTH);
    await putAtom({ id: `urn:newsmirror:${id}`, title, dir: id, entries: newest, siteLink });
  }
  const newest = entries.slice(-ATOM_LENGTH).reverse();
  await putAtom({ id: "urn:newsmirror:archive", title: "News archive", dir: "", entries: newest });
  const days = byDay(entries, (iso) => dates.full(iso).slice(0, 10));
  for (const { day } of days.days)
    put(
      dayPage(day),
      renderDayPage(day, days.entries.get(day) ?? [], (id) => feedOf.get(id), dates, baseUrl),
    );
  put(DAYS_PAGE, renderDaysPage(days.days, dates, baseUrl));
  put(FRONT_PAGE, renderFrontPage(feeds, days.days, dates, baseUrl));
  if (frontFeeds(feeds).length < feeds.length)
    put(FEEDS_PAGE, renderFeedsPage(feeds, dates, baseUrl));
  const json = () => searchJson(feeds, entries, dates);
  put(SEARCH_PAGE, renderSearchPage(baseUrl));
  put(SEARCH_JSON, json);
  put(SEARCH_SCRIPT_DATA, () => searchScript(json()));
  put(STYLE_FILE, STYLE);
  // GitHub Pages would otherwise run Jekyll, which hides folders starting with "_" or ".".
  put(".nojekyll", "");

  for (const path of plan.stale()) {
    await site.remove(path);
    result.removed++;
  }
  await site.sync();
  site.write(MANIFEST_FILE, renderManifest(plan.next));
  await site.close();
  result.pages = plan.next.size;
  return result;

  /**
   * A feed of the mirror, linking the site's pages: remade only when its entries, their item
   * files (their rows in the manifest) or the Atom code change, since it reads 50 items.
   */
  async function putAtom(feed: AtomFeed): Promise<void> {
    const path = atomFile(feed.dir);
    // Only items that made a page (an unreadable one is reported once, with its file).
    const entries = feed.entries.filter((e) => plan.row(articlePage(e)) !== undefined);
    const atom = { ...feed, entries: entries.slice(0, ATOM_LENGTH) };
    // Each entry's page key and item hash; not the stat, a touched file is the same item.
    const rows = atom.entries.map((e) =>
      (plan.row(articlePage(e)) ?? "").replace(/\t[^\t]*\t/, "\t"),
    );
    const inputs = [atom, rows, baseUrl ?? "", ATOM_CODE];
    if (!plan.keyed(path, hashText(JSON.stringify(inputs)))) return;
    const pageOf = (e: IndexEntry) => articlePage(e).slice(atom.dir ? atom.dir.length + 1 : 0);
    try {
      const home = { href: FRONT_PAGE, type: "text/html" };
      site.write(path, await renderAtom(settings.out, { ...atom, pageOf, baseUrl, home }));
      result.written++;
    } catch (error) {
      plan.drop(path);
      result.problems.push(`${path}: ${problemOf(error)}`);
    }
  }

  /** Synchronous, as the site's writes are (site/output.ts says why). */
  function writeArticle(entry: IndexEntry, feed: SiteFeed): void {
    const path = articlePage(entry);
    const key = hashText(renderArticlePage({ entry, feed, body: "" }, dates, baseUrl, csp));
    let body: string;
    try {
      const file = join(settings.out, entry.path);
      const info = statSync(file);
      const statKey = `${info.size}:${Math.trunc(info.mtimeMs)}`;
      if (plan.articleUnchanged(path, key, statKey)) return;
      const bytes = readFileSync(file);
      result.itemsRead++;
      if (!plan.article(path, key, statKey, hashText(bytes))) return;
      body = parseItem(bytes.toString("utf8"), entry.path).body;
    } catch (error) {
      // The item is not readable: no page for it (an old one goes), the others are made.
      plan.drop(path);
      result.problems.push(`${entry.path}: ${problemOf(error)}`);
      return;
    }
    site.write(path, renderArticlePage({ entry, feed, body }, dates, baseUrl, csp));
    result.written++;
  }
}

const ITEM_PATH = /^([^/\\]+)\/\d{4}-\d{2}\/[0-9a-f]{16}\.(?:txt|md)$/;

function isItemPath(e: IndexEntry): boolean {
  const feed = ITEM_PATH.exec(e.path)?.[1];
  return feed !== undefined && feed === e.feed && feed !== "." && feed !== "..";
}

/** Every index entry, oldest month first (each month sorted), through the writer's readers. */
async function readIndex(out: string): Promise<IndexEntry[]> {
  const files = await listIndex(out);
  const entries: IndexEntry[] = [];
  for (const month of indexMonths(files)) entries.push(...(await readMonth(out, files, month)));
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

function problemOf(error: unknown): string {
  if (error instanceof NewsmirrorError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return "the index lists it, but the file is missing (run `newsmirror index`)";
  return error instanceof Error ? error.message : String(error);
}
