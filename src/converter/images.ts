/**
 * The image proxy the older mirrors wrote (ARCHITECTURE.md, "The format"); `{url}` is the image
 * URL without `https://`.
 */
export const DEFAULT_IMAGE_PROXY = "https://images.weserv.nl?url={url}";

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

interface Template {
  prefix: string;
  suffix: string;
  kind: (typeof PLACEHOLDERS)[number];
}

/** Templates are few (the archive's and the feeds'): each is split once. */
const templates = new Map<string, Template>();

function split(template: string): Template {
  let parts = templates.get(template);
  if (!parts) {
    parts = splitTemplate(template);
    templates.set(template, parts);
  }
  return parts;
}

function splitTemplate(template: string): Template {
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

function encode(text: string, encoder: (text: string) => string): string | undefined {
  try {
    return encoder(text);
  } catch {
    return undefined; // a lone surrogate: such a URL is left as it is
  }
}

/** The URL through the proxy; "none" (or a URL that is not http(s)) leaves it as it is. */
export function proxify(url: string, template: string): string {
  if (template === "none" || !isHttpUrl(url)) return url;
  const { prefix, suffix, kind } = split(template);
  // Only a lower-case "https://" is left out, so that unproxify gives back the exact bytes.
  const middle =
    kind === "{encoded}"
      ? encode(url, encodeURIComponent)
      : encode(url.startsWith("https://") ? url.slice(8) : url, encodeForQuery);
  return middle === undefined ? url : prefix + middle + suffix;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // not written by proxify: take it as it stands rather than proxy it twice
  }
}

/**
 * The original URL behind a proxied one, by the template with the longest matching prefix
 * among `templates` and the default; the URL itself when none matches.
 */
export function unproxify(url: string, templates: readonly string[]): string {
  let best: ReturnType<typeof split> | undefined;
  for (const template of new Set([DEFAULT_IMAGE_PROXY, ...templates])) {
    if (template === "none") continue;
    const parts = split(template);
    const { prefix, suffix } = parts;
    if (url.length <= prefix.length + suffix.length) continue;
    if (!url.startsWith(prefix) || !url.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix.length) best = parts;
  }
  if (!best) return url;
  const middle = decode(url.slice(best.prefix.length, url.length - best.suffix.length));
  if (best.kind === "{encoded}") return middle;
  return isHttpUrl(middle) ? middle : `https://${middle}`;
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
