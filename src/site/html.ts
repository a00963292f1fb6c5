/**
 * HTML text and attribute escaping, relative hrefs, and the page shell every site page shares.
 * Titles, feed names and URLs come from feeds: every one of them goes through `esc`.
 */

// HTML forbids C0 controls but tab, LF, FF and CR in text; a stray one would be shown as a box.
// eslint-disable-next-line no-control-regex -- matching those controls is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes for text and for double- or single-quoted attribute values alike. */
export function esc(text: string): string {
  return text.replace(CONTROLS, "").replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/**
 * A relative href from the page at `from` to the file at `to` (both site-relative, "/"
 * separated, e.g. "voa/2024-05/abc.html"). Each segment is percent-encoded, so feed ids with
 * spaces, "#" or "?" stay one path; relative links work from file:// and from any sub-path.
 */
export function hrefFrom(from: string, to: string): string {
  let up = "";
  for (let i = from.indexOf("/"); i >= 0; i = from.indexOf("/", i + 1)) up += "../";
  return up + (SAFE_PATH.test(to) ? to : to.split("/").map(encodeURIComponent).join("/"));
}

/** Paths that percent-encoding leaves as they are (most: ids, months, hashes). */
const SAFE_PATH = /^[\w.~/-]*$/;

/** Only http(s) links leave the site; anything else (javascript:, data:) is shown as text. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

export interface Shell {
  /** This page's path in the site ("index.html", "voa/2024-05/abc.html"). */
  path: string;
  title: string;
  /** The page's Content-Security-Policy. */
  csp: string;
  /** Absolute URL of the site's root (`--base-url`), for the canonical link. */
  baseUrl?: string;
  /** The breadcrumb trail: [label, site path] pairs, the last is this page (no link). */
  trail: readonly (readonly [string, string])[];
  main: string;
  /** The site path of the Atom feed of what the page lists, for feed readers to find. */
  atom?: string;
  /** Extra markup at the end of <body> (the search page's script). */
  tail?: string;
}

export function page(s: Shell): string {
  const href = (to: string) => hrefFrom(s.path, to);
  const shown = s.trail.filter(([label]) => label !== "");
  // Each label isolated: a right-to-left feed's title does not reorder the trail around it.
  const crumbs = shown.map(([label, to], i) =>
    i === shown.length - 1 && to === s.path
      ? `<bdi>${esc(label)}</bdi>`
      : `<a href="${href(to)}"><bdi>${esc(label)}</bdi></a>`,
  );
  const canonical = s.baseUrl
    ? `<link rel="canonical" href="${esc(s.baseUrl.replace(/\/*$/, "/") + s.path.split("/").map(encodeURIComponent).join("/"))}">\n`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(s.csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.title)}</title>
${canonical}${s.atom ? `<link rel="alternate" type="application/atom+xml" href="${href(s.atom)}">\n` : ""}<link rel="stylesheet" href="${href("style.css")}">
</head>
<body>
<header class="top"><nav aria-label="breadcrumb">${crumbs.join(' <span aria-hidden="true">/</span> ')}</nav><a class="search-link" href="${href("search.html")}">Search</a></header>
<main>
${s.main}
</main>
<footer>Mirrored by newsmirror. <a href="${href("index.html")}">All feeds</a> · <a href="${href("days/index.html")}">All days</a></footer>
${s.tail ?? ""}</body>
</html>
`;
}

/**
 * The site's own words are English, left to right; a feed's titles and bodies carry their
 * language (unknown: `lang=""`) and direction on the elements that hold them.
 */
export function contentAttrs(feed: { lang?: string; dir: "rtl" | "ltr" }): string {
  return ` lang="${esc(feed.lang ?? "")}"${feed.dir === "rtl" ? ' dir="rtl"' : ' dir="auto"'}`;
}
