import { contentAttrs, esc, hostOf, isWebLink, page } from "./html.js";
import {
  FRONT_PAGE,
  articlePage,
  feedPage,
  monthPage,
  type IndexEntry,
  type SiteDates,
} from "./model.js";
import type { Direction } from "./direction.js";

/**
 * The stored body is the converter's sanitized HTML, and this CSP is the second wall around
 * it: no script at all, images over https or inline (data:) only, media over https, our one
 * stylesheet and the body's own style attributes; nothing may be fetched or posted, and only
 * the video players the converter keeps (`frameHosts`, sandboxed iframes) may be framed.
 */
export function articleCsp(frameHosts: readonly string[] = []): string {
  const frames = frameHosts.flatMap((host) => [`https://${host}`, `https://*.${host}`]);
  return [
    "default-src 'none'",
    "script-src 'none'",
    "img-src https: data:",
    "media-src https: data:",
    ...(frames.length > 0 ? [`frame-src ${frames.join(" ")}`] : []),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

export const ARTICLE_CSP = articleCsp();

export interface ArticleInput {
  entry: IndexEntry;
  /** The stored body: one line of HTML. */
  body: string;
  feed: { id: string; title: string; dir: Direction; lang?: string };
}

export function renderArticlePage(
  a: ArticleInput,
  d: SiteDates,
  baseUrl?: string,
  csp = ARTICLE_CSP,
): string {
  const { entry, feed } = a;
  const path = articlePage(entry);
  const month = entry.path.split("/")[1] ?? "";
  const original = isWebLink(entry.link)
    ? `<a class="original" href="${esc(entry.link)}">Original article at ${esc(hostOf(entry.link))}</a>`
    : "";
  const main = [
    `<article class="item">`,
    `<h1${contentAttrs(feed)}>${esc(entry.title || "(untitled)")}</h1>`,
    `<p class="meta"><time dir="ltr" datetime="${esc(entry.published)}">${esc(d.full(entry.published))} (${esc(d.timezone)})</time> · <bdi>${esc(feed.title)}</bdi></p>`,
    original,
    `<div class="body"${contentAttrs(feed)}>${a.body}</div>`,
    `</article>`,
  ].join("\n");
  const trail = [
    ["All feeds", FRONT_PAGE],
    [feed.title, feedPage(feed.id)],
    [month, monthPage(feed.id, month)],
    // The page itself: the heading says its title; a phone has no room for it twice.
    ["", path],
  ] as const;
  return page({
    path,
    title: `${entry.title || "(untitled)"} · ${feed.title}`,
    csp,
    baseUrl,
    trail,
    main,
  });
}
