import { decodeHTMLAttribute } from "entities";
import { proxify, unproxify } from "./images.js";
import {
  ALLOWED,
  FORCED,
  LAZY_SOURCES,
  LAZY_SRCSETS,
  TRACKER_HOSTS,
  UNSAFE_STYLE,
  type AttributeKind,
} from "./sanitize-rules.js";
import {
  hostMatches,
  hostOf,
  isDataImage,
  looksLikeScript,
  resolveRelative,
  urlShape,
  withoutTracking,
} from "./attribute-urls.js";
import { parseSrcset, serializeSrcset } from "../text/srcset.js";
import { isHttpUrl } from "../text/urls.js";

/** One attribute as the tokenizer saw it. */
export interface SourceAttribute {
  /** Lower-case. */
  name: string;
  /** The value's bytes between its quotes, entities undecoded; undefined when it has none. */
  raw: string | undefined;
  /** Whether the value was written in double quotes. */
  doubleQuoted: boolean;
}

export interface TagContext {
  /** The entry link: the base of relative URLs ("" when there is none). */
  base: string;
  imageProxy: string;
  /** Every template a stored image URL may already use (the current one included). */
  proxies: readonly string[];
  iframeHosts: readonly string[];
}

export type TagOutcome =
  | { action: "keep"; image?: string }
  | { action: "rewrite"; text: string; image?: string }
  | { action: "drop" };

/** `undefined`: the attribute goes; `null`: it keeps its bytes; a string: its new value. */
type Value = string | null | undefined;

const decode = (raw: string): string => (raw.includes("&") ? decodeHTMLAttribute(raw) : raw);

function escapeAttribute(value: string): string {
  if (!/[&"]/.test(value)) return value;
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

/** A followed link (`a href`) may be mailto: and loses its tracking parameters; a cited URL not. */
function link(value: string, base: string, followed: boolean): string | undefined {
  const { scheme, clean } = urlShape(value);
  if (scheme === "") {
    if (looksLikeScript(clean)) return undefined;
    const absolute = resolveRelative(clean, base);
    return followed && isHttpUrl(absolute) ? withoutTracking(absolute) : absolute;
  }
  if (scheme === "http" || scheme === "https") return followed ? withoutTracking(clean) : clean;
  return scheme === "mailto" && followed ? clean : undefined;
}

/** The image's original URL (behind any proxy, resolved), or undefined when it is not allowed. */
function imageOriginal(value: string, context: TagContext): string | undefined {
  const { scheme, clean } = urlShape(value);
  if (scheme === "data") return isDataImage(clean) ? clean : undefined;
  if (scheme === "") {
    if (looksLikeScript(clean)) return undefined;
    return unproxify(resolveRelative(clean, context.base), context.proxies);
  }
  if (scheme === "http" || scheme === "https") return unproxify(clean, context.proxies);
  return undefined;
}

function proxied(original: string, context: TagContext): string {
  return isHttpUrl(original) ? proxify(original, context.imageProxy) : original;
}

function srcset(value: string, context: TagContext): string | undefined {
  const candidates = parseSrcset(value);
  const kept = [];
  for (const candidate of candidates) {
    const original = imageOriginal(candidate.url, context);
    if (original !== undefined) kept.push({ ...candidate, url: proxied(original, context) });
  }
  if (kept.length === 0) return undefined;
  const same =
    kept.length === candidates.length && kept.every((c, i) => c.url === candidates[i]?.url);
  return same ? value : serializeSrcset(kept);
}

function frame(value: string, context: TagContext): string | undefined {
  const { scheme, clean } = urlShape(value);
  const url = scheme === "" ? resolveRelative(clean, context.base) : clean;
  return isHttpUrl(url) && hostMatches(hostOf(url), context.iframeHosts) ? url : undefined;
}

const tiny = (raw: string | undefined): boolean =>
  raw !== undefined && /^\s*[01](?:px)?\s*$/i.test(raw);

function valueOf(attributes: readonly SourceAttribute[], names: readonly string[]) {
  for (const name of names) {
    const raw = attributes.find((a) => a.name === name)?.raw;
    if (raw?.trim()) return decode(raw);
  }
  return undefined;
}

const NO_LAZY: { src?: string; srcset?: string } = {};

/**
 * Lazy-loading pages keep the real image in data-* attributes while src and srcset hold a
 * placeholder (a data: image, a blank gif): the data-* values win whenever they are there.
 */
function lazySources(tag: string, attributes: readonly SourceAttribute[]) {
  if ((tag !== "img" && tag !== "source") || !attributes.some((a) => a.name.startsWith("data-")))
    return NO_LAZY;
  return {
    src: tag === "img" ? valueOf(attributes, LAZY_SOURCES) : undefined,
    srcset: valueOf(attributes, LAZY_SRCSETS),
  };
}

/**
 * Checks an allowed element's start tag against the policy. Most tags pass unchanged and keep
 * their bytes; a changed tag is written anew from its attributes, in their order, unchanged
 * values with their original text; `odd` asks for that even when nothing changed (attributes
 * not separated by white space).
 */
export function sanitizeTag(
  tag: string,
  attributes: readonly SourceAttribute[],
  selfClosing: boolean,
  odd: boolean,
  context: TagContext,
): TagOutcome {
  const allowed = ALLOWED.get(tag) ?? {};
  const forced = FORCED[tag];
  const lazy = lazySources(tag, attributes);
  const values: Value[] = [];
  const seen: string[] = [];
  let image: string | undefined;
  let dirty = odd;
  for (const { name, raw } of attributes) {
    // A repeated attribute means nothing to a browser (the first wins): it goes.
    const kind: AttributeKind | undefined =
      seen.includes(name) || !Object.hasOwn(allowed, name) ? undefined : allowed[name];
    seen.push(name);
    let value: Value = null;
    const replacement = name === "src" ? lazy.src : name === "srcset" ? lazy.srcset : undefined;
    if (kind === undefined) value = undefined;
    else if (kind === "forced") {
      const wanted = forced?.[name];
      if (wanted !== null && wanted !== undefined && (raw === undefined || decode(raw) !== wanted))
        value = wanted;
    } else if (kind === "frame" && raw === undefined) return { action: "drop" };
    else if (kind !== "plain" && (raw !== undefined || replacement !== undefined)) {
      const source = raw === undefined ? "" : decode(raw);
      const decoded = replacement ?? source;
      let next: string | undefined = decoded;
      if (kind === "style") next = UNSAFE_STYLE.test(decoded) ? undefined : decoded;
      else if (kind === "link") next = link(decoded, context.base, true);
      else if (kind === "url") next = link(decoded, context.base, false);
      else if (kind === "srcset") next = srcset(decoded, context);
      else if (kind === "frame") {
        next = frame(decoded, context);
        if (next === undefined) return { action: "drop" };
      } else {
        const original = imageOriginal(decoded, context);
        if (name === "src") image = original;
        next = original === undefined ? undefined : proxied(original, context);
      }
      value = next === undefined ? undefined : next === source && raw !== undefined ? null : next;
    }
    if (value !== null) dirty = true;
    values.push(value);
  }
  if (tag === "iframe" && !seen.includes("src")) return { action: "drop" };
  const additions: [string, string | null][] = [];
  if (lazy.src !== undefined && !seen.includes("src")) {
    image = imageOriginal(lazy.src, context);
    if (image !== undefined) additions.push(["src", proxied(image, context)]);
  }
  if (lazy.srcset !== undefined && !seen.includes("srcset")) {
    const set = srcset(lazy.srcset, context);
    if (set !== undefined) additions.push(["srcset", set]);
  }
  if (tag === "img" && isPixel(attributes, image)) return { action: "drop" };
  if (forced) {
    // rel belongs to links only: an anchor without href gets none.
    const active =
      tag !== "a" || attributes.some((a, i) => a.name === "href" && values[i] !== undefined);
    attributes.forEach(({ name }, i) => {
      if (!active && Object.hasOwn(forced, name) && values[i] !== undefined) {
        values[i] = undefined;
        dirty = true;
      }
    });
    for (const [name, value] of Object.entries(forced))
      if (active && !seen.includes(name)) additions.push([name, value]);
  }
  if (!dirty && additions.length === 0) return { action: "keep", image };
  let text = `<${tag}`;
  attributes.forEach(({ name, raw, doubleQuoted }, i) => {
    const value = values[i];
    if (value === undefined) return;
    if (value !== null) text += ` ${name}="${escapeAttribute(value)}"`;
    else if (raw === undefined) text += ` ${name}`;
    else text += ` ${name}="${doubleQuoted ? raw : raw.replace(/"/g, "&quot;")}"`;
  });
  for (const [name, value] of additions)
    text += value === null ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  return { action: "rewrite", text: text + (selfClosing ? " />" : ">"), image };
}

/** 1×1 and 0×0 images, and images from known tracker hosts. */
function isPixel(attributes: readonly SourceAttribute[], original: string | undefined): boolean {
  const width = attributes.find((a) => a.name === "width")?.raw;
  const height = attributes.find((a) => a.name === "height")?.raw;
  if (tiny(width) && tiny(height)) return true;
  return original !== undefined && hostMatches(hostOf(original), TRACKER_HOSTS);
}
