import { isHttpUrl, parseSrcset, proxify, serializeSrcset, unproxify } from "./images.js";
import { stripTracking } from "./link.js";
import { IMAGE_ATTRIBUTES, URL_ATTRIBUTES, isDisallowedData, isScriptUrl } from "./rules.js";
import {
  IFRAME_SANDBOX,
  LAZY_SOURCES,
  LAZY_SRCSETS,
  SAFE_SCHEMES,
  TRACKER_HOSTS,
  UNSAFE_STYLE,
  allowedAttribute,
} from "./sanitize-rules.js";

export interface AttributeOptions {
  /** The entry link: the base of relative URLs. */
  base: string;
  imageProxy: string;
  knownProxies: readonly string[];
  iframeHosts: readonly string[];
}

export type Attributes = [name: string, value: string][];

function resolveUrl(value: string, base: string): string {
  const v = value.trim();
  // Absolute URLs keep their bytes; only relative ones are resolved.
  if (!v || v.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(v) || !isHttpUrl(base)) return value;
  try {
    return new URL(v, base).href;
  } catch {
    return value;
  }
}

function withoutTracking(value: string): string {
  if (!isHttpUrl(value.trim())) return value;
  try {
    const url = new URL(value.trim());
    const before = url.search;
    return stripTracking(url).search === before ? value : url.href;
  } catch {
    return value;
  }
}

function image(url: string, options: AttributeOptions): string {
  const original = unproxify(url, [...options.knownProxies, options.imageProxy]);
  return isHttpUrl(original) ? proxify(original, options.imageProxy) : url;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url.trim()).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The original image URL behind any proxy, for pixel and duplicate checks. */
export function imageKey(url: string, options: AttributeOptions): string {
  return unproxify(url, [...options.knownProxies, options.imageProxy]);
}

/** 1×1 and 0×0 images, and images from known tracker hosts. */
export function isTrackingPixel(
  attributes: Record<string, string>,
  options: AttributeOptions,
): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](px)?\s*$/i.test(v);
  if (tiny(attributes.width) && tiny(attributes.height)) return true;
  const host = attributes.src ? hostOf(imageKey(attributes.src, options)) : undefined;
  return host !== undefined && TRACKER_HOSTS.includes(host);
}

export function isAllowedIframe(
  attributes: Record<string, string>,
  options: AttributeOptions,
): boolean {
  const src = attributes.src?.trim() ?? "";
  const host =
    /^https:\/\//i.test(src) || src.startsWith("//")
      ? hostOf(src.startsWith("//") ? `https:${src}` : src)
      : undefined;
  return host !== undefined && options.iframeHosts.includes(host);
}

/** Lazy-loading pages keep the real image in data-* attributes: make it the src. */
function unlazy(tag: string, attributes: Record<string, string>): Record<string, string> {
  if (tag !== "img" && tag !== "source") return attributes;
  const lazy = LAZY_SOURCES.map((n) => attributes[n]).find((v) => v && v.trim());
  const lazySet = LAZY_SRCSETS.map((n) => attributes[n]).find((v) => v && v.trim());
  const placeholder = !attributes.src || /^data:/i.test(attributes.src.trim());
  if (!(lazy && placeholder) && !(lazySet && !attributes.srcset)) return attributes;
  const next = { ...attributes };
  if (lazy && placeholder) next.src = lazy;
  if (lazySet && !attributes.srcset) next.srcset = lazySet;
  return next;
}

function safeUrl(value: string, isImage: boolean): boolean {
  const v = value.trim();
  if (isScriptUrl(v) || isDisallowedData(v, isImage)) return false;
  if (/^data:/i.test(v)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(v) || SAFE_SCHEMES.test(v);
}

/**
 * The attributes an allowed tag keeps, in their order, URLs resolved, images proxied, plus the
 * ones the policy adds (rel on links, sandbox on iframes, controls on media).
 */
export function sanitizeAttributes(
  tag: string,
  source: Record<string, string>,
  options: AttributeOptions,
): Attributes {
  const attributes = unlazy(tag, source);
  const images = IMAGE_ATTRIBUTES[tag] ?? [];
  const kept: Attributes = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!allowedAttribute(tag, name)) continue;
    if (name === "style" && UNSAFE_STYLE.test(value)) continue;
    const isImage = images.includes(name);
    let next = value;
    if (URL_ATTRIBUTES.has(name)) {
      if (!safeUrl(value, isImage)) continue;
      next = resolveUrl(value, options.base);
      next = isImage ? image(next, options) : withoutTracking(next);
    } else if (name === "srcset") {
      const candidates = parseSrcset(value);
      if (candidates.some((c) => !safeUrl(c.url, true))) continue;
      const rewritten = candidates.map((c) => ({
        ...c,
        url: image(resolveUrl(c.url, options.base), options),
      }));
      if (serializeSrcset(rewritten) !== serializeSrcset(candidates))
        next = serializeSrcset(rewritten);
    }
    kept.push([name, next]);
  }
  const set = (name: string, value: string) => {
    const at = kept.findIndex(([n]) => n === name);
    if (at >= 0) kept[at] = [name, value];
    else kept.push([name, value]);
  };
  if (tag === "a" && kept.some(([n]) => n === "href")) set("rel", "noopener noreferrer");
  if ((tag === "video" || tag === "audio") && !kept.some(([n]) => n === "controls"))
    set("controls", "");
  if (tag === "iframe") {
    set("sandbox", IFRAME_SANDBOX);
    set("loading", "lazy");
  }
  return kept;
}
