import { DEFAULT_IMAGE_PROXY } from "../config/schema.js";

/**
 * Image proxy templates: `{url}` is the image URL without `https://` (an `http://` URL keeps its
 * scheme, so the original can always be restored), with only the characters that would break the
 * proxy's query percent-encoded; `{encoded}` is the whole URL, encodeURIComponent'ed. A template
 * with neither gets `{url}` appended.
 */
const PLACEHOLDERS = ["{url}", "{encoded}"] as const;

/** `& # ? % +`, white space, controls and non-ASCII: everything else stays readable. */
function encodeForQuery(text: string): string {
  // eslint-disable-next-line no-control-regex -- controls are what must be encoded or ignored
  return text.replace(/[&#?%+\s\u0000-\u001f\u007f-\u{10ffff}]/gu, (c) => encodeURIComponent(c));
}

function split(template: string): {
  prefix: string;
  suffix: string;
  kind: (typeof PLACEHOLDERS)[number];
} {
  for (const kind of PLACEHOLDERS) {
    const at = template.indexOf(kind);
    if (at >= 0)
      return { prefix: template.slice(0, at), suffix: template.slice(at + kind.length), kind };
  }
  return { prefix: template, suffix: "", kind: "{url}" };
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The URL through the proxy; "none" leaves it as it is. */
export function proxify(url: string, template: string): string {
  if (template === "none" || !isHttpUrl(url)) return url;
  const { prefix, suffix, kind } = split(template);
  const middle =
    kind === "{encoded}"
      ? encodeURIComponent(url)
      : encodeForQuery(url.replace(/^https:\/\//i, ""));
  return prefix + middle + suffix;
}

/** The original URL behind a proxied one (by any known template), or the URL itself. */
export function unproxify(url: string, templates: readonly string[]): string {
  for (const template of new Set([DEFAULT_IMAGE_PROXY, ...templates])) {
    if (template === "none") continue;
    const { prefix, suffix, kind } = split(template);
    if (
      !url.startsWith(prefix) ||
      !url.endsWith(suffix) ||
      url.length <= prefix.length + suffix.length
    )
      continue;
    let middle: string;
    try {
      middle = decodeURIComponent(url.slice(prefix.length, url.length - suffix.length));
    } catch {
      continue;
    }
    if (kind === "{encoded}") return middle;
    return isHttpUrl(middle) ? middle : `https://${middle}`;
  }
  return url;
}

export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** Parses srcset as the HTML spec does: URLs may hold commas; a trailing comma ends a URL. */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    let end = i;
    while (end < value.length && !/\s/.test(value[end] as string)) end++;
    let url = value.slice(i, end);
    i = end;
    let descriptor = "";
    if (/,+$/.test(url)) {
      url = url.replace(/,+$/, "");
    } else {
      let depth = 0;
      const start = i;
      while (i < value.length && (depth > 0 || value[i] !== ",")) {
        if (value[i] === "(") depth++;
        if (value[i] === ")") depth = Math.max(0, depth - 1);
        i++;
      }
      descriptor = value.slice(start, i).trim();
    }
    if (url) candidates.push({ url, descriptor });
  }
  return candidates;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(", ");
}
