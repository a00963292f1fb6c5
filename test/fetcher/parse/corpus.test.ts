import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/fetcher/parse/index.js";
import { hasShared, noticeIfNoShared, sharedDir } from "../../helpers/paths.js";

const corpus = join(sharedDir, "corpus", "feeds");

/** Per file: the format and entry count, a word the decoded text must hold, or the error. */
const CASES: [file: string, format: string, entries: number, word?: string][] = [
  ["feedjira__a10-prefix-bom.xml", "rss", 5],
  ["feedjira__atom-wrapped-in-xhtml.xml", "atom", 10],
  ["feedjira__feedburner-atom-xhtml-content.xml", "atom", 10],
  ["feedjira__google-alerts-html-titles.xml", "atom", 20, "<b>"],
  ["feedjira__hackernews-no-decl-comments.xml", "rss", 30],
  ["feedjira__invalid-date-format.xml", "rss", 2],
  ["feedjira__itunes-spaces-in-attributes.xml", "rss", 3],
  ["feedjira__lukedorny-jsonfeed-1.1-escaped.json", "json", 30],
  ["feedjira__permalinks-no-link.xml", "rss", 4],
  ["feedjira__techcrunch-feedburner.xml", "rss", 20],
  ["miniflux__bbc-urdu-rtl.xml", "rss", 26, "امریکی"],
  ["miniflux__bogus-encoding-name.xml", "atom", 1, "Café"],
  [
    "miniflux__cercle-psy-no-decl-latin1.xml",
    "rss",
    10,
    "Perturbateurs endocriniens : quels effets",
  ],
  ["miniflux__declared-cp1252-actually-utf8.xml", "rss", 0],
  ["miniflux__declared-latin1-actually-utf8.xml", "atom", 1, "Café"],
  ["miniflux__golem-iso8859-1.xml", "rss", 40, "für"],
  ["miniflux__heise-rss090-rdf.xml", "rdf", 60, "Vorsichtsmaßnahmen"],
  ["miniflux__ibash-windows-1251.xml", "rss", 50, "Цитата"],
  ["node-feedparser__atom-prefixed-ns.atom", "atom", 1],
  ["node-feedparser__dailymail-iso8859-media-dupes.xml", "rss", 1],
  ["node-feedparser__illegally-nested.xml", "rss", 10],
  ["node-feedparser__oren-ru-windows-1251.xml", "rss", 10, "Бузулуке"],
  ["node-feedparser__saxerror-item.xml", "rss", 3],
  ["node-feedparser__tpm-fragment-xml-base.atom", "atom", 20],
  ["node-feedparser__wapo-wellness.xml", "rss", 29],
  ["rsparser__3960-jsonfeed-1.1.json", "json", 20],
  ["rsparser__allthis-rss2-with-atom-ext.atom", "rss", 12],
  ["rsparser__biorxiv-rdf-no-decl.rdf", "rdf", 30],
  ["rsparser__daringfireball-jsonfeed-1.0.json", "json", 48],
  ["rsparser__donthitsave-utf8-bom.xml", "rss", 10],
  ["rsparser__fcutrecht-broken-phpxml-decl.rss", "rss", 20, "Gözübüyük"],
  ["rsparser__kc0011-gb2312-chinese.rss", "rss", 20, "建国35周年纪念"],
  ["rsparser__macworld-leading-ws-no-decl.rss", "rss", 30],
  ["rsparser__onefoottsunami-xmlbase.atom", "atom", 25],
  ["rsparser__scriptingnews-rss-as-json.json", "E_NOT_A_FEED", 0],
  ["rsparser__scriptingnews-untitled-items.rss", "rss", 50],
  ["rsparser__theomnishow-podcast.rss", "rss", 4],
  ["rss-parser__craigslist.rdf.rss", "rdf", 25],
  ["rss-parser__guardian-us.rss", "rss", 55],
  ["rss-parser__heise-developer.atom", "atom", 15],
  ["rss-parser__jn-pt-iso8859-1.rss", "rss", 40, "Mãe de utente"],
  ["rss-parser__medium-content-encoded.rss", "rss", 7],
  ["rss-parser__not-a-feed-html.rss", "E_NOT_A_FEED", 0],
  ["rss-parser__reddit-home-atom-with-rss-ext.rss", "atom", 24],
  ["rss-parser__rss092-example-iso8859-1.rss", "rss", 2],
  ["rss-parser__rss1-rdf-taxo-prism.rss", "rdf", 69],
  ["rss-parser__swr2-podcast-leading-space.rss", "rss", 1, "nächste"],
  ["rss-parser__uol-noticias-no-decl-latin1.rss", "rss", 15, "simulações"],
  ["rss-parser__varthabharathi-kannada.rss", "rss", 15],
];

describe("the shared corpus", { tags: ["slow"] }, () => {
  noticeIfNoShared("the parser corpus table");
  it.runIf(hasShared)("lists every corpus file in this table", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync(corpus).filter((f) => f !== "MANIFEST.tsv");
    expect(CASES.map((c) => c[0]).sort()).toEqual(files.sort());
  });

  it.runIf(hasShared).each(CASES)("%s → %s with %d entries", async (file, format, count, word) => {
    const path = join(corpus, file);
    const parsing = parseFeed(readFileSync(path), { url: pathToFileURL(path).href, label: file });
    if (format.startsWith("E_")) {
      await expect(parsing).rejects.toMatchObject({ code: format });
      await expect(parsing).rejects.toThrow(
        new RegExp(`^${file.replace(/\./g, "\\.")}: not a feed`),
      );
      return;
    }
    const feed = await parsing;
    expect(feed.format).toBe(format);
    expect(feed.entries).toHaveLength(count);
    const text = JSON.stringify(feed.entries) + (feed.title ?? "");
    expect(text).not.toContain("\ufffd");
    if (word) expect(text).toContain(word);
    for (const entry of feed.entries) {
      if (entry.link) expect(entry.link).toMatch(/^https?:\/\//);
      if (entry.published !== undefined) expect(Number.isFinite(entry.published)).toBe(true);
    }
  });
});
