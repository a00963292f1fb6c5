import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_CSP, articleCsp, renderArticlePage } from "../../src/site/article-page.js";
import { SEARCH_SCRIPT, cspHash } from "../../src/site/assets.js";
import {
  LIST_CSP,
  renderDayPage,
  renderDaysPage,
  renderFeedPage,
  renderFeedsPage,
  renderFrontPage,
  renderMonthPage,
} from "../../src/site/list-pages.js";
import { articlePage, type IndexEntry, type SiteFeed } from "../../src/site/model.js";
import {
  SEARCH_CSP,
  renderSearchPage,
  searchJson,
  searchScript,
  type SearchIndex,
} from "../../src/site/search-page.js";
import { dateFormatter } from "../../src/writer/lists.js";

const HOSTILE = `<script>alert("t")</script> & "q" 'a'`;
const dates = { timezone: "Asia/Shanghai", full: dateFormatter("Asia/Shanghai") };

const entry = (feed: string, hash: string, published: string, title: string): IndexEntry => ({
  id: hash,
  feed,
  title,
  link: `https://news.example/${hash}`,
  published,
  path: `${feed}/${published.slice(0, 7)}/${hash}.txt`,
});

const voaEntries = [
  entry("voa", "0000000000000001", "2024-04-30T23:30:00.000Z", HOSTILE),
  entry("voa", "0000000000000002", "2024-05-16T00:39:03.000Z", "普京抵达北京"),
];
const faEntries = [entry("fa", "0000000000000003", "2024-05-16T06:00:00.000Z", "بارش باران")];

const voa: SiteFeed = {
  id: "voa",
  title: `VOA ${HOSTILE}`,
  dir: "ltr",
  siteLink: "https://www.voachinese.com/",
  url: "javascript:alert(1)",
  count: 2,
  latest: "2024-05-16T00:39:03.000Z",
  months: new Map([
    ["2024-04", 1],
    ["2024-05", 1],
  ]),
};
const fa: SiteFeed = {
  id: "fa",
  title: "اخبار",
  dir: "rtl",
  lang: "fa",
  count: 1,
  latest: "2024-05-16T06:00:00.000Z",
  months: new Map([["2024-05", 1]]),
};
const feedOf = (id: string) => (id === "voa" ? voa : id === "fa" ? fa : undefined);

/** Every page the inputs above make: what relative links may point to. */
const SITE = new Set([
  "index.html",
  "search.html",
  "style.css",
  "feed.xml",
  "voa/feed.xml",
  "days/index.html",
  "days/2024-05-01.html",
  "days/2024-05-16.html",
  "voa/index.html",
  "voa/2024-04/index.html",
  "voa/2024-05/index.html",
  "fa/index.html",
  "fa/2024-05/index.html",
  ...[...voaEntries, ...faEntries].map(articlePage),
]);

const PAGES = [
  {
    name: "front",
    path: "index.html",
    csp: LIST_CSP,
    html: renderFrontPage(
      [fa, voa],
      [
        { day: "2024-05-16", count: 2 },
        { day: "2024-05-01", count: 1 },
      ],
      dates,
    ),
  },
  {
    name: "feed",
    path: "voa/index.html",
    csp: LIST_CSP,
    html: renderFeedPage(voa, [...voaEntries].reverse(), dates),
  },
  {
    name: "month",
    path: "voa/2024-05/index.html",
    csp: LIST_CSP,
    html: renderMonthPage(voa, "2024-05", voaEntries.slice(1), dates),
  },
  {
    name: "day",
    path: "days/2024-05-16.html",
    csp: LIST_CSP,
    html: renderDayPage("2024-05-16", [voaEntries[1]!, faEntries[0]!], feedOf, dates),
  },
  {
    name: "days",
    path: "days/index.html",
    csp: LIST_CSP,
    html: renderDaysPage([{ day: "2024-05-16", count: 2 }], dates),
  },
  {
    name: "article",
    path: articlePage(voaEntries[0]!),
    csp: ARTICLE_CSP,
    html: renderArticlePage({ entry: voaEntries[0]!, feed: voa, body: "<p>body</p>" }, dates),
  },
  {
    name: "rtl article",
    path: articlePage(faEntries[0]!),
    csp: ARTICLE_CSP,
    html: renderArticlePage({ entry: faEntries[0]!, feed: fa, body: "<p>متن</p>" }, dates),
  },
  { name: "search", path: "search.html", csp: SEARCH_CSP, html: renderSearchPage() },
];

describe("page builders", () => {
  it.each(PAGES)("$name: a whole document, its CSP first in the head", ({ html, csp }) => {
    expect(
      html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'),
    ).toBe(true);
    const metas = [
      ...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g),
    ];
    expect(metas.map((m) => m[1]!.replace(/&#39;/g, "'"))).toEqual([csp]);
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<title>"));
    expect(html.endsWith("</html>\n")).toBe(true);
  });

  it.each(PAGES)("$name: every relative link is a page of the site", ({ html, path }) => {
    const targets = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(2);
    for (const target of targets) {
      if (/^https:\/\//.test(target)) continue;
      expect(target, `${path} → ${target}`).not.toMatch(/^(?:\/|[a-z]+:)/i);
      const resolved = posix.normalize(
        posix.join(posix.dirname(path), decodeURIComponent(target.split("?")[0]!)),
      );
      expect(SITE.has(resolved), `${path} → ${target}`).toBe(true);
    }
  });

  it.each(PAGES)("$name: feed text is escaped, never markup", ({ html }) => {
    const scripts = [...html.matchAll(/<script/g)].length;
    expect(scripts).toBe(html.includes(SEARCH_SCRIPT) ? 1 : 0);
    expect(html).not.toContain('alert("t")');
    expect(html).not.toContain("javascript:");
  });

  it("the article shows the original's link, the date in the timezone and the stored body", () => {
    const html = PAGES.find((p) => p.name === "article")!.html;
    expect(html).toContain(
      '<a class="original" href="https://news.example/0000000000000001">Original article at news.example</a>',
    );
    expect(html).toContain(">2024-05-01 07:30 (Asia/Shanghai)</time>");
    expect(html).toContain('<div class="body" lang="" dir="auto"><p>body</p></div>');
    expect(html).toContain(
      '<h1 lang="" dir="auto">&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;</h1>',
    );
  });

  it("a right-to-left feed's titles and body are marked rtl, the site's words stay ltr", () => {
    const article = PAGES.find((p) => p.name === "rtl article")!.html;
    expect(article).toContain('<h1 lang="fa" dir="rtl">بارش باران</h1>');
    expect(article).toContain('<div class="body" lang="fa" dir="rtl"><p>متن</p></div>');
    expect(article).toContain('<html lang="en">');
    const day = PAGES.find((p) => p.name === "day")!.html;
    expect(day).toContain('<ul class="items" lang="fa" dir="rtl">');
  });

  it.each([
    [3, 3, false],
    [500, 500, false],
    [501, 500, true],
    [3000, 500, true],
  ])("%d feeds: the front page lists %d, links the A to Z page: %s", (count, shown, more) => {
    const many: SiteFeed[] = Array.from({ length: count }, (_, i) => ({
      ...voa,
      id: `f${String(i).padStart(4, "0")}`,
      title: `Feed ${i}`,
      latest: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    }));
    const front = renderFrontPage(many, [], dates);
    expect(front.match(/<tr><td>/g)).toHaveLength(shown);
    expect(front.includes('href="feeds.html"')).toBe(more);
    // The newest feed is always on the front page; past the limit, the oldest is not.
    expect(front).toContain(`>Feed ${count - 1}<`);
    expect(front.includes(">Feed 0<")).toBe(!more);
    expect(renderFeedsPage(many, dates).match(/<tr><td>/g)).toHaveLength(count);
  });

  it("the feed page links its source but not a feed URL that is no web link", () => {
    const html = PAGES.find((p) => p.name === "feed")!.html;
    expect(html).toContain('Source: <a href="https://www.voachinese.com/">www.voachinese.com</a>');
    expect(html).toContain("2 items, newest first; by month at the end");
  });

  it.each([
    [
      [],
      "default-src 'none'; script-src 'none'; img-src https: data:; media-src https: data:; style-src 'self'; style-src-attr 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    ],
    [
      ["youtube.com", "player.vimeo.com"],
      "default-src 'none'; script-src 'none'; img-src https: data:; media-src https: data:; frame-src https://youtube.com https://*.youtube.com https://player.vimeo.com https://*.player.vimeo.com; style-src 'self'; style-src-attr 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    ],
  ])("an article's CSP with video hosts %j", (hosts, csp) => {
    expect(articleCsp(hosts)).toBe(csp);
    const html = renderArticlePage(
      { entry: voaEntries[1]!, feed: voa, body: "" },
      dates,
      undefined,
      csp,
    );
    expect(html).toContain(`content="${csp.replace(/'/g, "&#39;")}"`);
  });

  it("the search page's CSP allows its own script by hash and no inline script else", () => {
    expect(SEARCH_CSP).toContain(`script-src ${cspHash(SEARCH_SCRIPT)} 'self'`);
    expect(SEARCH_CSP).not.toContain("unsafe-inline");
    expect(ARTICLE_CSP).toContain("script-src 'none'");
    expect(ARTICLE_CSP).toContain("img-src https: data:");
  });

  it.each([1, 999, 1000, 1001, 2500])(
    "the search index of %d items lists titles newest first, as JSON and as a script that cannot close a script",
    (count) => {
      const many = Array.from({ length: count }, (_, i) =>
        entry(
          "voa",
          i.toString(16).padStart(16, "0"),
          new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
          `${HOSTILE} ${i}`,
        ),
      );
      const all = [...voaEntries, ...faEntries, ...many].sort((a, b) =>
        a.published < b.published ? -1 : 1,
      );
      const json = [...searchJson([fa, voa], all, dates)].join("");
      const index = JSON.parse(json) as SearchIndex;
      expect(index.feeds).toEqual(["اخبار", voa.title]);
      expect(index.items).toHaveLength(all.length);
      expect(index.items.map((i) => i[0])).toEqual([...all].reverse().map((e) => e.title));
      const fa0 = index.items.find((i) => i[0] === "بارش باران");
      expect(fa0).toEqual([
        "بارش باران",
        0,
        "fa/2024-05/0000000000000003.html",
        "2024-05-16 14:00",
      ]);
      expect(json).not.toContain("</script");
      const script = [...searchScript(searchJson([fa, voa], all, dates))].join("");
      expect(script).not.toContain("</script");
      expect(script.startsWith("window.newsmirrorSearch = ")).toBe(true);
      expect(script.endsWith("]};\n")).toBe(true);
      expect(JSON.parse(script.slice(script.indexOf("=") + 1, -2))).toEqual(index);
    },
  );
});
