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
    const kind = seen.includes(name) || !Object.hasOwn(allowed, name) ? undefined : allowed[name];
    seen.push(name);
    const replacement = name === "src" ? lazy.src : name === "srcset" ? lazy.srcset : undefined;
    const checked = checkedValue(kind, name, raw, replacement, forced, context);
    if (checked === "drop") return { action: "drop" };
    image = checked.image ?? image;
    if (checked.value !== null) dirty = true;
    values.push(checked.value);
  }
  if (tag === "iframe" && !seen.includes("src")) return { action: "drop" };
  const added = lazyAdditions(lazy, seen, context);
  image = added.image ?? image;
  if (tag === "img" && isPixel(attributes, image)) return { action: "drop" };
  const additions = added.additions;
  if (forced && applyForced(tag, forced, attributes, values, seen, additions)) dirty = true;
  if (!dirty && additions.length === 0) return { action: "keep", image };
  const text = writeTag(tag, attributes, values, additions, selfClosing);
  return { action: "rewrite", text, image };
}

type Forced = (typeof FORCED)[string];

/** What one attribute's value becomes (see Value); "drop" drops the whole element. */
function checkedValue(
  kind: AttributeKind | undefined,
  name: string,
  raw: string | undefined,
  replacement: string | undefined,
  forced: Forced | undefined,
  context: TagContext,
): { value: Value; image?: string } | "drop" {
  if (kind === undefined) return { value: undefined };
  if (kind === "forced") {
    const wanted = forced?.[name];
    const differs =
      wanted !== null && wanted !== undefined && (raw === undefined || decode(raw) !== wanted);
    return { value: differs ? wanted : null };
  }
  if (kind === "frame" && raw === undefined) return "drop";
  if (kind === "plain" || (raw === undefined && replacement === undefined)) return { value: null };
  const source = raw === undefined ? "" : decode(raw);
  const decoded = replacement ?? source;
  let image: string | undefined;
  let next: string | undefined;
  if (kind === "style") next = UNSAFE_STYLE.test(decoded) ? undefined : decoded;
  else if (kind === "link") next = link(decoded, context.base, true);
  else if (kind === "url") next = link(decoded, context.base, false);
  else if (kind === "srcset") next = srcset(decoded, context);
  else if (kind === "frame") {
    next = frame(decoded, context);
    if (next === undefined) return "drop";
  } else {
    const original = imageOriginal(decoded, context);
    if (name === "src") image = original;
    next = original === undefined ? undefined : proxied(original, context);
  }
  const value = next === undefined ? undefined : next === source && raw !== undefined ? null : next;
  return { value, image };
}

/** The lazy image's real src and srcset, for a tag that had none of its own. */
function lazyAdditions(
  lazy: { src?: string; srcset?: string },
  seen: readonly string[],
  context: TagContext,
): { additions: [string, string | null][]; image?: string } {
  const additions: [string, string | null][] = [];
  let image: string | undefined;
  if (lazy.src !== undefined && !seen.includes("src")) {
    image = imageOriginal(lazy.src, context);
    if (image !== undefined) additions.push(["src", proxied(image, context)]);
  }
  if (lazy.srcset !== undefined && !seen.includes("srcset")) {
    const set = srcset(lazy.srcset, context);
    if (set !== undefined) additions.push(["srcset", set]);
  }
  return { additions, image };
}

/**
 * Sets the element's FORCED attributes (rel, target …): missing ones are added to `additions`;
 * on an anchor without href they go, as rel belongs to links only. True when a value changed.
 */
function applyForced(
  tag: string,
  forced: Forced,
  attributes: readonly SourceAttribute[],
  values: Value[],
  seen: readonly string[],
  additions: [string, string | null][],
): boolean {
  const active =
    tag !== "a" || attributes.some((a, i) => a.name === "href" && values[i] !== undefined);
  let changed = false;
  attributes.forEach(({ name }, i) => {
    if (!active && Object.hasOwn(forced, name) && values[i] !== undefined) {
      values[i] = undefined;
      changed = true;
    }
  });
  for (const [name, value] of Object.entries(forced))
    if (active && !seen.includes(name)) additions.push([name, value]);
  return changed;
}

/** The start tag written anew: kept values with their original text, changed ones escaped. */
function writeTag(
  tag: string,
  attributes: readonly SourceAttribute[],
  values: readonly Value[],
  additions: readonly [string, string | null][],
  selfClosing: boolean,
): string {
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
  return text + (selfClosing ? " />" : ">");
}

/** 1×1 and 0×0 images, and images from known tracker hosts. */
function isPixel(attributes: readonly SourceAttribute[], original: string | undefined): boolean {
  const width = attributes.find((a) => a.name === "width")?.raw;
  const height = attributes.find((a) => a.name === "height")?.raw;
  if (tiny(width) && tiny(height)) return true;
  return original !== undefined && hostMatches(hostOf(original), TRACKER_HOSTS);
}
