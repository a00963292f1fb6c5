import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { NewsmirrorError } from "../errors.js";
import { DEFAULT_IFRAME_HOSTS } from "../converter/sanitize-rules.js";
import { articleCsp, renderArticlePage } from "../site/article-page.js";
import { STYLE, STYLE_FILE, SEARCH_JSON, SEARCH_PAGE, SEARCH_SCRIPT_DATA } from "../site/assets.js";
import { byDay, newestOf } from "../site/collect.js";
import {
  FEED_PAGE_LENGTH,
  frontFeeds,
  renderDayPage,
  renderDaysPage,
  renderFeedPage,
  renderFeedsPage,
  renderFrontPage,
  renderMonthPage,
} from "../site/list-pages.js";
import { hashText, type Incremental } from "../site/manifest.js";
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
import type { SiteOutput } from "../site/output.js";
import { renderSearchPage, searchJson, searchScript } from "../site/search-page.js";
import { ATOM_LENGTH, renderAtom, type AtomFeed } from "../writer/atom.js";
import { parseItem } from "../writer/item-file.js";
import { dateFormatter } from "../writer/lists.js";
import type { ArchiveSettings } from "./settings.js";
import type { SiteOptions, SiteResult } from "./site.js";

/** The Atom code's own text: a change to it remakes the feeds, as a template change would. */
const ATOM_CODE = hashText(String(renderAtom));

const ITEM_PATH = /^([^/\\]+)\/\d{4}-\d{2}\/[0-9a-f]{16}\.(?:txt|md)$/;

/**
 * One `site` run's writing: every page goes through `plan` (written only when what it is made
 * from changed) to `site`, and is counted in `result`.
 */
export class SiteRun {
  readonly result: SiteResult = { pages: 0, written: 0, removed: 0, itemsRead: 0, problems: [] };
  private readonly dates;
  private readonly csp: string;
  private readonly baseUrl: string | undefined;

  constructor(
    private readonly settings: ArchiveSettings,
    options: SiteOptions,
    private readonly site: SiteOutput,
    private readonly plan: Incremental,
  ) {
    // The lists' formatter, which asks Intl once per day (text/zoned-dates.ts).
    this.dates = { timezone: settings.timezone, full: dateFormatter(settings.timezone) };
    this.csp = articleCsp(settings.iframeHosts ?? DEFAULT_IFRAME_HOSTS);
    this.baseUrl = options.baseUrl;
  }

  /** The index lines the site may write pages for: one naming another place is refused. */
  itemEntries(entries: readonly IndexEntry[]): IndexEntry[] {
    return entries.filter((e) => {
      const feed = ITEM_PATH.exec(e.path)?.[1];
      if (feed !== undefined && feed === e.feed && feed !== "." && feed !== "..") return true;
      this.result.problems.push(
        `index line of ${JSON.stringify(e.path)}: not an item of feed "${e.feed}"`,
      );
      return false;
    });
  }

  articles(entries: readonly IndexEntry[], feeds: readonly SiteFeed[]): void {
    const feedOf = new Map(feeds.map((f) => [f.id, f]));
    for (const entry of entries) this.article(entry, feedOf.get(entry.feed) as SiteFeed);
  }

  /** A feed's page, its month pages and its Atom feed. */
  async feedPages(feed: SiteFeed, months: Map<string, IndexEntry[]>): Promise<void> {
    const { id, title, siteLink } = feed;
    const { dates, baseUrl } = this;
    this.put(
      feedPage(id),
      renderFeedPage(feed, newestOf(months, FEED_PAGE_LENGTH), dates, baseUrl),
    );
    for (const [month, list] of months)
      this.put(monthPage(id, month), renderMonthPage(feed, month, list, dates, baseUrl));
    const newest = newestOf(months, ATOM_LENGTH);
    await this.atom({ id: `urn:newsmirror:${id}`, title, dir: id, entries: newest, siteLink });
  }

  /** What spans every feed: the archive's Atom feed, the days, the front page, search, style. */
  async archivePages(feeds: readonly SiteFeed[], entries: readonly IndexEntry[]): Promise<void> {
    const { dates, baseUrl } = this;
    const feedOf = new Map(feeds.map((f) => [f.id, f]));
    const newest = entries.slice(-ATOM_LENGTH).reverse();
    await this.atom({
      id: "urn:newsmirror:archive",
      title: "News archive",
      dir: "",
      entries: newest,
    });
    const days = byDay(entries, (iso) => dates.full(iso).slice(0, 10));
    for (const { day } of days.days) {
      const list = days.entries.get(day) ?? [];
      this.put(
        dayPage(day),
        renderDayPage(day, list, (id) => feedOf.get(id), dates, baseUrl),
      );
    }
    this.put(DAYS_PAGE, renderDaysPage(days.days, dates, baseUrl));
    this.put(FRONT_PAGE, renderFrontPage(feeds, days.days, dates, baseUrl));
    if (frontFeeds(feeds).length < feeds.length)
      this.put(FEEDS_PAGE, renderFeedsPage(feeds, dates, baseUrl));
    const json = () => searchJson(feeds, entries, dates);
    this.put(SEARCH_PAGE, renderSearchPage(baseUrl));
    this.put(SEARCH_JSON, json);
    this.put(SEARCH_SCRIPT_DATA, () => searchScript(json()));
    this.put(STYLE_FILE, STYLE);
    // GitHub Pages would otherwise run Jekyll, which hides folders starting with "_" or ".".
    this.put(".nojekyll", "");
  }

  /** `make` is called again to write what it made: a long page need not be held whole. */
  private put(path: string, text: string | (() => Iterable<string>)): void {
    if (this.plan.page(path, typeof text === "string" ? text : text())) {
      this.site.write(path, typeof text === "string" ? text : text());
      this.result.written++;
    }
  }

  /**
   * A feed of the mirror, linking the site's pages: remade only when its entries, their item
   * files (their rows in the manifest) or the Atom code change, since it reads 50 items.
   */
  private async atom(feed: AtomFeed): Promise<void> {
    const { plan, baseUrl } = this;
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
      this.site.write(
        path,
        await renderAtom(this.settings.out, { ...atom, pageOf, baseUrl, home }),
      );
      this.result.written++;
    } catch (error) {
      plan.drop(path);
      this.result.problems.push(`${path}: ${problemOf(error)}`);
    }
  }

  /** Synchronous, as the site's writes are (site/output.ts says why). */
  private article(entry: IndexEntry, feed: SiteFeed): void {
    const { plan, dates, baseUrl, csp } = this;
    const path = articlePage(entry);
    const key = hashText(renderArticlePage({ entry, feed, body: "" }, dates, baseUrl, csp));
    let body: string;
    try {
      const file = join(this.settings.out, entry.path);
      const info = statSync(file);
      const statKey = `${info.size}:${Math.trunc(info.mtimeMs)}`;
      if (plan.articleUnchanged(path, key, statKey)) return;
      const bytes = readFileSync(file);
      this.result.itemsRead++;
      if (!plan.article(path, key, statKey, hashText(bytes))) return;
      body = parseItem(bytes.toString("utf8"), entry.path).body;
    } catch (error) {
      // The item is not readable: no page for it (an old one goes), the others are made.
      plan.drop(path);
      this.result.problems.push(`${entry.path}: ${problemOf(error)}`);
      return;
    }
    this.site.write(path, renderArticlePage({ entry, feed, body }, dates, baseUrl, csp));
    this.result.written++;
  }
}

function problemOf(error: unknown): string {
  if (error instanceof NewsmirrorError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return "the index lists it, but the file is missing (run `newsmirror index`)";
  return error instanceof Error ? error.message : String(error);
}
