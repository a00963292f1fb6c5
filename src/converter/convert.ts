import type { Item } from "../model.js";
import { rewriteBody } from "./body.js";
import { DEFAULT_IMAGE_PROXY } from "./images.js";
import { normalizeLink } from "./link.js";
import { removeMatching } from "./remove.js";
import { DEFAULT_IFRAME_HOSTS } from "./sanitize-rules.js";
import { titleToMarkdown } from "./title.js";

export interface ConvertInput {
  /** ms since the epoch, decided by the caller (feed date, or the run's start). */
  published: number;
  title: string;
  /** "html" for a feed's title; "markdown" for a stored item's (kept as it is). */
  titleFormat: "html" | "markdown";
  /** The entry's link ("" when it has none): normalized, and the base of relative URLs. */
  link: string;
  /** The feed's article HTML, or a stored body line on rerender. */
  html: string;
  /** The base of the body's relative URLs when it is not the link (the feed's xml:base). */
  base?: string;
}

export interface ConvertOptions {
  /** Proxy template with {url} or {encoded}, or "none"; default DEFAULT_IMAGE_PROXY. */
  imageProxy?: string;
  /** Templates stored bodies may already use: un-proxied first, so never proxied twice. */
  knownProxies?: readonly string[];
  /** Hosts (and their subdomains) whose iframes are kept, sandboxed; default: video hosts. */
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
  const imageProxy = options.imageProxy ?? DEFAULT_IMAGE_PROXY;
  const html = options.removeSelectors?.length
    ? removeMatching(input.html, options.removeSelectors)
    : input.html;
  let body = rewriteBody(html, {
    base: input.base ?? link,
    imageProxy,
    proxies: [...(options.knownProxies ?? []), imageProxy].filter((t) => t !== "none"),
    iframeHosts: options.iframeHosts ?? DEFAULT_IFRAME_HOSTS,
  });
  if (!body.startsWith(DATE_LINE)) {
    body = `${DATE_LINE}${new Date(input.published).toUTCString()}</i></div>${body}`;
  }
  return { published: input.published, title, link, body };
}
