/**
 * The sanitizer's policy as data, modelled on Miniflux's internal/reader/sanitizer: an
 * allowlist of tags and, per tag, attributes with the kind of value each holds. Anything not
 * listed is unwrapped (its text kept); the elements in DROPPED go with everything inside them.
 */

/**
 * How attributes.ts checks a value:
 * - plain: kept as it is (text, numbers, enumerations);
 * - link: a URL to follow (http, https, mailto, relative, #fragment), tracking parameters removed;
 * - url: a URL that is only cited, or media to play (http, https, relative);
 * - image: an image URL (http, https, relative, data:image), through the image proxy;
 * - srcset: image candidates, each one like `image`;
 * - style: inline CSS, dropped when it could load or run anything (UNSAFE_STYLE);
 * - frame: an iframe source, kept only from the allowed video hosts;
 * - forced: set to the element's FORCED value.
 */
export type AttributeKind =
  "plain" | "link" | "url" | "image" | "srcset" | "style" | "frame" | "forced";

type Attributes = Readonly<Record<string, AttributeKind>>;

/** Allowed on every allowed element. */
export const GLOBAL_ATTRIBUTES: Attributes = {
  title: "plain",
  lang: "plain",
  dir: "plain",
  class: "plain",
  style: "style",
};

const plain = (...names: string[]): Attributes =>
  Object.fromEntries(names.map((name) => [name, "plain" as const]));
const cell = plain("colspan", "rowspan", "headers");

const TAGS: Record<string, Attributes> = {
  a: { href: "link", hreflang: "plain", rel: "forced" },
  abbr: {},
  address: {},
  article: {},
  aside: {},
  audio: { src: "url", controls: "forced", ...plain("preload", "loop", "muted") },
  b: {},
  bdi: {},
  bdo: {},
  blockquote: { cite: "url" },
  br: {},
  caption: {},
  center: {},
  cite: {},
  code: {},
  col: plain("span"),
  colgroup: plain("span"),
  dd: {},
  del: { cite: "url", datetime: "plain" },
  details: plain("open"),
  dfn: {},
  div: {},
  dl: {},
  dt: {},
  em: {},
  figcaption: {},
  figure: {},
  footer: {},
  h1: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  header: {},
  hr: {},
  i: {},
  iframe: {
    src: "frame",
    ...plain("width", "height", "allowfullscreen", "frameborder", "allow"),
    sandbox: "forced",
    loading: "forced",
  },
  img: {
    src: "image",
    srcset: "srcset",
    ...plain("sizes", "alt", "width", "height", "loading", "decoding"),
  },
  ins: { cite: "url", datetime: "plain" },
  kbd: {},
  li: plain("value"),
  main: {},
  mark: {},
  ol: plain("start", "type", "reversed"),
  p: {},
  picture: {},
  pre: {},
  q: { cite: "url" },
  rp: {},
  rt: {},
  ruby: {},
  s: {},
  samp: {},
  section: {},
  small: {},
  source: { src: "url", srcset: "srcset", ...plain("sizes", "type", "media") },
  span: {},
  strike: {},
  strong: {},
  sub: {},
  summary: {},
  sup: {},
  table: plain("summary"),
  tbody: {},
  td: cell,
  textarea: {},
  tfoot: {},
  th: { ...cell, ...plain("scope", "abbr") },
  thead: {},
  time: plain("datetime"),
  tr: {},
  tt: {},
  u: {},
  ul: {},
  var: {},
  video: {
    src: "url",
    poster: "image",
    controls: "forced",
    ...plain("width", "height", "preload", "loop", "muted", "playsinline"),
  },
  wbr: {},
};

/** Per allowed tag, its attributes (the global ones included). */
export const ALLOWED: ReadonlyMap<string, Attributes> = new Map(
  Object.entries(TAGS).map(([tag, attributes]) => [tag, { ...GLOBAL_ATTRIBUTES, ...attributes }]),
);

/** Values of `forced` attributes; `null` is a bare boolean attribute. Added when missing. */
export const FORCED: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  a: { rel: "noopener noreferrer" },
  iframe: {
    sandbox: "allow-scripts allow-same-origin allow-popups allow-presentation",
    loading: "lazy",
  },
  video: { controls: null },
  audio: { controls: null },
};

/** Dropped with their content: scripting, styling, embedding, forms, metadata, frames. */
export const DROPPED: ReadonlySet<string> = new Set([
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
  "plaintext",
  "noembed",
  "title",
]);

/**
 * The HTML start tags that end foreign content (`<svg>`, `<math>`) in a browser's parser (the
 * HTML standard, "parsing main inforeign"); `font` does too when it has color, face or size.
 */
export const BREAKS_OUT_OF_FOREIGN: ReadonlySet<string> = new Set(
  (
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img " +
    "li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
  ).split(" "),
);

/** Elements of foreign content inside which HTML is part of the drawing (names lower-cased). */
export const HTML_INTEGRATION_POINTS: ReadonlySet<string> = new Set(
  "foreignobject desc title mi mo mn ms mtext annotation-xml".split(" "),
);

/** Void elements: no content and no end tag, so dropping one drops just its tag. */
export const VOID: ReadonlySet<string> = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "frame",
  "hr",
  "image",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** Elements whose text keeps its line breaks, written `&#10;` so that the body stays one line. */
export const PREFORMATTED: ReadonlySet<string> = new Set(["pre", "textarea"]);

/** Video hosts whose players may stay as iframes (a host and its subdomains). */
export const DEFAULT_IFRAME_HOSTS: readonly string[] = [
  "youtube.com",
  "youtube-nocookie.com",
  "player.vimeo.com",
  "dailymotion.com",
  "player.bilibili.com",
  "open.spotify.com",
  "w.soundcloud.com",
  "embed.ted.com",
];

/** Hosts that serve tracking pixels and feed ads, never article images (and their subdomains). */
export const TRACKER_HOSTS: readonly string[] = [
  "feeds.feedburner.com",
  "feedproxy.google.com",
  "feedads.g.doubleclick.net",
  "stats.wordpress.com",
  "pixel.wp.com",
  "google-analytics.com",
  "pixel.quantserve.com",
  "feeds.feedblitz.com",
  "pixel.feedblitz.com",
  "feedsportal.com",
  "api.tinypass.com",
  "scorecardresearch.com",
  "pixel.facebook.com",
  "ad.doubleclick.net",
  "mc.yandex.ru",
  "counter.yadro.ru",
];

/** Where lazy-loading scripts keep the real image (src) and candidates (srcset), first wins. */
export const LAZY_SOURCES: readonly string[] = [
  "data-src",
  "data-original",
  "data-lazy-src",
  "data-lazy",
  "data-url",
];
export const LAZY_SRCSETS: readonly string[] = ["data-srcset", "data-lazy-srcset"];

/**
 * CSS that can load or run something, checked on the decoded value: the whole style attribute
 * goes. Escapes and comments are refused outright, so `u\72l(` and `url/**\/(` cannot hide.
 */
export const UNSAFE_STYLE =
  /(?:url|image|image-set|cross-fade|element|src|expression)\s*\(|@import|javascript:|behaviou?r\s*:|-moz-binding|\\|\/\*|<|>|&/i;
