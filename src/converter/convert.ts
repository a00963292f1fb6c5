import type { Item } from "../model.js";
import { rewriteBody } from "./body.js";
import { removeMatching } from "./remove.js";
import { DEFAULT_IFRAME_HOSTS } from "./sanitize-rules.js";
import { normalizeLink } from "./link.js";
import { titleToMarkdown } from "./title.js";

export interface ConvertInput {
  /** ms since the epoch, decided by the caller (feed date, or the run's start). */
  published: number;
  title: string;
  /** "html" for a feed's title; "markdown" for a stored item's (kept as it is). */
  titleFormat: "html" | "markdown";
  link: string;
  /** The feed's article HTML, or a stored body line on rerender. */
  html: string;
}

export interface ConvertOptions {
  /** Proxy template with {url} or {encoded}, or "none". */
  imageProxy: string;
  /** Templates stored bodies may already use: un-proxied first, so never proxied twice. */
  knownProxies: readonly string[];
  /** Hosts whose iframes (video players) are kept, sandboxed; default: the common video hosts. */
  iframeHosts?: readonly string[];
  /** CSS selectors of elements to remove (per-feed rewrite rules). */
  removeSelectors?: readonly string[];
}

const DATE_LINE = "<div><i>";

/**
 * The one conversion from an entry to an archived item, shared by fetch and rerender so the two
 * can never drift. Idempotent: converting a converted item changes nothing.
 */
export function convert(input: ConvertInput, options: ConvertOptions): Item {
  const link = normalizeLink(input.link);
  const title = input.titleFormat === "html" ? titleToMarkdown(input.title) : input.title;
  const html = options.removeSelectors?.length
    ? removeMatching(input.html, options.removeSelectors)
    : input.html;
  let body = rewriteBody(html, {
    base: link,
    imageProxy: options.imageProxy,
    knownProxies: options.knownProxies,
    iframeHosts: options.iframeHosts ?? DEFAULT_IFRAME_HOSTS,
  });
  if (!body.startsWith(DATE_LINE)) {
    body = `${DATE_LINE}${new Date(input.published).toUTCString()}</i></div>${body}`;
  }
  return { published: input.published, title, link, body };
}
