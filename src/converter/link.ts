/** Query parameters that only track the reader: removed from every link we store. */
const TRACKING_NAMES: ReadonlySet<string> = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "ttclid",
  "twclid",
  "igshid",
  "mc_eid",
  "mc_cid",
  "_hsenc",
  "_hsmi",
  "hsctatracking",
  "mkt_tok",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "vero_conv",
  "__s",
  "ref_src",
  "_ga",
  "_gl",
  "li_fat_id",
  "s_kwcid",
  "ef_id",
  "srsltid",
  "wickedid",
  "rb_clickid",
  "_openstat",
  "pk_campaign",
  "pk_kwd",
  "pk_source",
  "pk_medium",
  "pk_content",
]);
/** ...and whole families of them, by prefix. */
const TRACKING_PREFIXES: readonly string[] = ["utm_", "mtm_", "matomo_"];

/** Cheap first look: most links carry none of these, and need no parsing. */
const MAYBE_TRACKING = new RegExp(
  `[?&](?:${[...TRACKING_NAMES, ...TRACKING_PREFIXES].join("|")})|%`,
  "i",
);

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return TRACKING_NAMES.has(k) || TRACKING_PREFIXES.some((p) => k.startsWith(p));
}

function decodeKey(pair: string): string {
  const key = pair.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(key.replace(/\+/g, " "));
  } catch {
    return key;
  }
}

/** Whether the URL text may hold a tracking parameter (false means it surely holds none). */
export function mayTrack(url: string): boolean {
  return MAYBE_TRACKING.test(url);
}

/**
 * Drops tracking pairs from a query without re-encoding the others (URLSearchParams would
 * rewrite `%20` as `+` and change links that were fine).
 */
export function stripTracking(url: URL): URL {
  if (!url.search) return url;
  const pairs = url.search.slice(1).split("&");
  const kept = pairs.filter((pair) => !isTracking(decodeKey(pair)));
  if (kept.length !== pairs.length) url.search = kept.length ? `?${kept.join("&")}` : "";
  return url;
}

/** An absolute, WHATWG-serialized http(s) URL without tracking parameters; "" when unusable. */
export function normalizeLink(raw: string, base?: string): string {
  const text = raw.trim();
  if (!text) return "";
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return "";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "";
  return stripTracking(url).href;
}

/** The link as an identity: normalized, fragment dropped. */
export function linkIdentity(raw: string): string {
  const link = normalizeLink(raw);
  if (!link) return "";
  const url = new URL(link);
  url.hash = "";
  return url.href;
}
