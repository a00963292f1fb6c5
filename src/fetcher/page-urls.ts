import { parseSrcset, serializeSrcset } from "../text/srcset.js";

/**
 * Makes every URL in an article page absolute before extraction, so that what is cut out of the
 * page still points where it pointed on the page (the converter resolves against the entry's
 * link, which can differ from the page URL after redirects or a `<base>`).
 */

/** Attributes holding one URL, per tag ("*": any tag). Lazy-image attributes are included. */
const URL_ATTRIBUTES: ReadonlyArray<[string, string]> = [
  ["a", "href"],
  ["area", "href"],
  ["img", "src"],
  ["img", "longdesc"],
  ["source", "src"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["track", "src"],
  ["iframe", "src"],
  ["blockquote", "cite"],
  ["q", "cite"],
  ["ins", "cite"],
  ["del", "cite"],
  ["*", "data-src"],
  ["*", "data-original"],
  ["*", "data-lazy-src"],
];

/** Attributes holding a srcset (a list of URL candidates). */
const SRCSET_ATTRIBUTES: ReadonlyArray<[string, string]> = [
  ["img", "srcset"],
  ["source", "srcset"],
  ["*", "data-srcset"],
  ["*", "data-lazy-srcset"],
];

/** The minimal DOM this needs; linkedom's document satisfies it. */
export interface UrlDocument {
  querySelector(selector: string): UrlElement | null;
  querySelectorAll(selector: string): Iterable<UrlElement>;
}
export interface UrlElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

/** The base of the document: its `<base href>` resolved against the page URL, else the page URL. */
export function documentBase(document: UrlDocument, pageUrl: string): string {
  const href = document.querySelector("base[href]")?.getAttribute("href");
  return (href && absolute(href, pageUrl)) || pageUrl;
}

export function resolveDocumentUrls(document: UrlDocument, base: string): void {
  for (const [tag, attribute] of URL_ATTRIBUTES) {
    for (const element of document.querySelectorAll(`${tag}[${attribute}]`)) {
      const value = element.getAttribute(attribute) ?? "";
      const resolved = absolute(value, base);
      if (resolved !== undefined && resolved !== value) element.setAttribute(attribute, resolved);
    }
  }
  for (const [tag, attribute] of SRCSET_ATTRIBUTES) {
    for (const element of document.querySelectorAll(`${tag}[${attribute}]`)) {
      const value = element.getAttribute(attribute) ?? "";
      const resolved = resolveSrcset(value, base);
      if (resolved !== value) element.setAttribute(attribute, resolved);
    }
  }
}

/**
 * Resolves a URL against the base; undefined for values left alone: empty ones and other schemes
 * (mailto:, data:, javascript: stay as written and the converter decides about them).
 */
export function absolute(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

/** Resolves each candidate of a srcset; URLs with commas inside survive (see text/srcset.ts). */
export function resolveSrcset(srcset: string, base: string): string {
  return serializeSrcset(
    parseSrcset(srcset).map(({ url, descriptor }) => ({
      url: absolute(url, base) ?? url,
      descriptor,
    })),
  );
}
