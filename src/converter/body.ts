import { Parser } from "htmlparser2";
import { isHttpUrl, parseSrcset, proxify, serializeSrcset, unproxify } from "./images.js";
import { joinLines } from "./join.js";
import {
  DROPPED_ELEMENTS,
  IMAGE_ATTRIBUTES,
  PREFORMATTED,
  URL_ATTRIBUTES,
  isDisallowedData,
  isScriptUrl,
} from "./rules.js";

export interface BodyOptions {
  /** The entry link: the base of relative URLs. */
  base: string;
  imageProxy: string;
  knownProxies: readonly string[];
}

interface Edit {
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
}

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

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

function image(url: string, options: BodyOptions): string {
  const original = unproxify(url, [...options.knownProxies, options.imageProxy]);
  return isHttpUrl(original) ? proxify(original, options.imageProxy) : url;
}

/** The tag's attributes after the rules; undefined when nothing changes (its bytes stay). */
function rewriteAttributes(
  tag: string,
  attributes: Record<string, string>,
  options: BodyOptions,
): [string, string][] | undefined {
  let changed = false;
  const images = IMAGE_ATTRIBUTES[tag] ?? [];
  const kept: [string, string][] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const isImage = images.includes(name);
    if (
      name.startsWith("on") ||
      (isScriptUrl(value) && (URL_ATTRIBUTES.has(name) || name === "srcset"))
    ) {
      changed = true;
      continue;
    }
    let next = value;
    if (URL_ATTRIBUTES.has(name)) {
      if (isDisallowedData(value, isImage)) {
        changed = true;
        continue;
      }
      next = resolveUrl(value, options.base);
      if (isImage) next = image(next, options);
    } else if (name === "srcset" && isImage) {
      const candidates = parseSrcset(value).map((c) => ({
        ...c,
        url: image(resolveUrl(c.url, options.base), options),
      }));
      const serialized = serializeSrcset(candidates);
      if (serialized !== serializeSrcset(parseSrcset(value))) next = serialized;
    }
    if (next !== value) changed = true;
    kept.push([name, next]);
  }
  return changed ? kept : undefined;
}

function serializeTag(tag: string, attributes: [string, string][], source: string): string {
  const parts = attributes.map(([name, value]) => {
    // Keep boolean attributes bare (`controls`), as the source had them.
    if (
      value === "" &&
      !new RegExp(`\\s${name.replace(/[^a-z0-9]/gi, "\\$&")}\\s*=`, "i").test(source)
    )
      return name;
    return `${name}="${escapeAttribute(value)}"`;
  });
  const close = source.endsWith("/>") ? " />" : ">";
  return `<${tag}${parts.map((p) => ` ${p}`).join("")}${close}`;
}

/**
 * Rewrites only the tags that must change (URLs, images, script) and splices them into the
 * original bytes; everything else stays exactly as the feed had it. Then makes it one line.
 */
export function rewriteBody(html: string, options: BodyOptions): string {
  const edits: Edit[] = [];
  let dropFrom = -1;
  let dropTag = "";
  let preformatted = 0;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropFrom >= 0) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (DROPPED_ELEMENTS.has(name)) {
          dropFrom = start;
          dropTag = name;
          return;
        }
        if (PREFORMATTED.has(name)) preformatted++;
        const rewritten = rewriteAttributes(name, attributes, options);
        if (rewritten)
          edits.push({ start, end, text: serializeTag(name, rewritten, html.slice(start, end)) });
      },
      onclosetag(name) {
        if (dropFrom >= 0) {
          if (name === dropTag) {
            edits.push({
              start: dropFrom,
              end: Math.min(html.length, parser.endIndex + 1),
              text: "",
            });
            dropFrom = -1;
          }
          return;
        }
        if (PREFORMATTED.has(name) && preformatted > 0) preformatted--;
      },
      ontext() {
        if (preformatted === 0 || dropFrom >= 0) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const source = html.slice(start, end);
        if (/[\r\n]/.test(source))
          edits.push({ start, end, text: source.replace(/\r\n|\r|\n/g, "&#10;") });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  if (dropFrom >= 0) edits.push({ start: dropFrom, end: html.length, text: "" });
  let out = "";
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return joinLines(out + html.slice(at));
}
