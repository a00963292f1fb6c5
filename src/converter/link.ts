/** Query parameters that only track the reader; removed from every link we store. */
const TRACKING_PARAMS: readonly (string | RegExp)[] = [
  /^utm_/i,
  "fbclid",
  "gclid",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "mc_eid",
  "mc_cid",
  "igshid",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "__s",
  "ref_src",
];

function isTracking(key: string): boolean {
  return TRACKING_PARAMS.some((p) =>
    typeof p === "string" ? p === key.toLowerCase() : p.test(key),
  );
}

function decodeKey(pair: string): string {
  const key = pair.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(key.replace(/\+/g, " "));
  } catch {
    return key;
  }
}

/**
 * Drops tracking pairs from a query without re-encoding the others (URLSearchParams would
 * rewrite `%20` as `+` and change links that were fine).
 */
export function stripTracking(url: URL): URL {
  if (!url.search) return url;
  const pairs = url.search.slice(1).split("&");
  const kept = pairs.filter((pair) => pair !== "" && !isTracking(decodeKey(pair)));
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
