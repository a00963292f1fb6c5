/**
 * The sanitizer's policy as data, modelled on Miniflux's internal/reader/sanitizer: an
 * allowlist of tags and, per tag, attributes. Anything not listed is unwrapped (its text kept);
 * the elements in DROPPED go with everything inside them.
 */

const GLOBAL = ["title", "lang", "dir", "class", "style"];

export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: ["href", "hreflang", "rel"],
  abbr: [],
  address: [],
  article: [],
  aside: [],
  audio: ["src", "controls", "preload", "loop", "muted"],
  b: [],
  bdi: [],
  bdo: [],
  blockquote: ["cite"],
  br: [],
  caption: [],
  center: [],
  cite: [],
  code: [],
  col: ["span"],
  colgroup: ["span"],
  dd: [],
  del: ["cite", "datetime"],
  details: ["open"],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  footer: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  header: [],
  hr: [],
  i: [],
  iframe: [
    "src",
    "width",
    "height",
    "allowfullscreen",
    "frameborder",
    "sandbox",
    "loading",
    "allow",
  ],
  img: ["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"],
  ins: ["cite", "datetime"],
  kbd: [],
  li: ["value"],
  main: [],
  mark: [],
  ol: ["start", "type", "reversed"],
  p: [],
  picture: [],
  pre: [],
  q: ["cite"],
  rp: [],
  rt: [],
  ruby: [],
  s: [],
  samp: [],
  section: [],
  small: [],
  source: ["src", "srcset", "sizes", "type", "media"],
  span: [],
  strike: [],
  strong: [],
  sub: [],
  summary: [],
  sup: [],
  table: ["summary"],
  tbody: [],
  td: ["colspan", "rowspan", "headers"],
  textarea: [],
  tfoot: [],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"],
  thead: [],
  time: ["datetime"],
  tr: [],
  track: ["src", "kind", "srclang", "label", "default"],
  tt: [],
  u: [],
  ul: [],
  var: [],
  video: [
    "src",
    "poster",
    "controls",
    "width",
    "height",
    "preload",
    "loop",
    "muted",
    "playsinline",
  ],
  wbr: [],
};

export function allowedAttribute(tag: string, name: string): boolean {
  return GLOBAL.includes(name) || (ALLOWED[tag]?.includes(name) ?? false);
}

/** Dropped with their content: scripting, styling, embedding, forms, metadata, frames. */
export const DROPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "object",
  "embed",
  "applet",
  "param",
  "base",
  "meta",
  "link",
  "frame",
  "frameset",
  "noframes",
  "iframe",
  "svg",
  "math",
  "input",
  "button",
  "select",
  "option",
  "optgroup",
  "datalist",
  "keygen",
  "output",
  "dialog",
  "portal",
  "xmp",
  "noembed",
  "title",
  "head",
]);

/** Void elements: no closing tag to find, so nothing to drop after them. */
export const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** Video hosts whose players may stay as iframes (sandboxed, lazy). */
export const DEFAULT_IFRAME_HOSTS: readonly string[] = [
  "www.youtube.com",
  "youtube.com",
  "www.youtube-nocookie.com",
  "player.vimeo.com",
  "www.dailymotion.com",
  "geo.dailymotion.com",
  "player.bilibili.com",
  "open.spotify.com",
  "w.soundcloud.com",
  "embed.ted.com",
];

export const IFRAME_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation";

/** Hosts that serve tracking pixels and feed ads, never article images. */
export const TRACKER_HOSTS = [
  "feeds.feedburner.com",
  "feedproxy.google.com",
  "feedads.g.doubleclick.net",
  "stats.wordpress.com",
  "pixel.wp.com",
  "www.google-analytics.com",
  "pixel.quantserve.com",
  "feeds.feedblitz.com",
  "pixel.feedblitz.com",
  "rss.feedsportal.com",
  "da.feedsportal.com",
  "api.tinypass.com",
  "sb.scorecardresearch.com",
];

/** Attributes where lazy-loading scripts keep the real image URL. */
export const LAZY_SOURCES = ["data-src", "data-original", "data-lazy-src", "data-lazy", "data-url"];
export const LAZY_SRCSETS = ["data-srcset", "data-lazy-srcset"];

/** Schemes a link or media URL may have (relative URLs are fine too). */
export const SAFE_SCHEMES = /^(https?|mailto):/i;

/** CSS that can load or run something: the whole style attribute goes. */
export const UNSAFE_STYLE =
  /url\s*\(|expression|@import|javascript:|behaviou?r\s*:|-moz-binding|\\|\/\*|<|>|&/i;
