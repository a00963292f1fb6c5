/* eslint-disable no-control-regex -- control characters are exactly what these patterns look for */
import { mayTrack, stripTracking } from "./link.js";

/**
 * URL checks for attribute values (entities already decoded), done the way a browser reads
 * them so that no spelling of a dangerous scheme (`JaVaScRiPt:`, `jav&#x09;ascript:`, leading
 * control characters) slips by.
 */

/** What the WHATWG URL parser ignores: C0 controls and spaces at the edges, tabs and newlines anywhere. */
const EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Belt and braces: a scheme that could run, once every invisible character is gone. */
const SCRIPTY = /^(?:javascript|vbscript|livescript|mocha|data):/;
const INVISIBLE =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
/** Image types a data: URL may carry (SVG inside <img> runs no script). */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|apng|bmp|svg\+xml)[;,]/i;

export interface UrlShape {
  /** Lower-case scheme, or "" for a relative reference. */
  scheme: string;
  /** The value as a URL parser reads it. */
  clean: string;
}

export function urlShape(value: string): UrlShape {
  let clean = value;
  // Most URLs need no cleaning: skip the regular expressions for them.
  if (/[\u0000-\u0020]/.test(clean)) clean = clean.replace(EDGES, "").replace(TAB_OR_NEWLINE, "");
  const match = SCHEME.exec(clean);
  return { scheme: match ? (match[1] as string).toLowerCase() : "", clean };
}

export function looksLikeScript(value: string): boolean {
  return SCRIPTY.test(value.replace(INVISIBLE, "").toLowerCase());
}

export function isDataImage(clean: string): boolean {
  return DATA_IMAGE.test(clean);
}

/** A relative reference made absolute against the entry link (itself when it can't be). */
export function resolveRelative(clean: string, base: string): string {
  if (!base || clean.startsWith("#")) return clean;
  try {
    return new URL(clean, base).href;
  } catch {
    return clean;
  }
}

/** The URL without tracking parameters; the very same string when it has none. */
export function withoutTracking(url: string): string {
  if (!mayTrack(url)) return url;
  try {
    const parsed = new URL(url);
    const search = parsed.search;
    return stripTracking(parsed).search === search ? url : parsed.href;
  } catch {
    return url;
  }
}

/** The lower-case host of an absolute URL; "" when there is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return "";
  }
}

/** Whether `host` is one of `hosts` or a subdomain of one. */
export function hostMatches(host: string, hosts: readonly string[]): boolean {
  if (!host) return false;
  for (const h of hosts) {
    if (host === h || (host.endsWith(h) && host.charCodeAt(host.length - h.length - 1) === 46))
      return true;
  }
  return false;
}
