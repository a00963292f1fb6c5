import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { FullTextMode } from "../config/schema.js";
import { describeError, oneLine } from "../errors.js";
import type { FeedEntry } from "../model.js";
import { htmlText } from "../text/html-text.js";
import { decodeHtml } from "./html-charset.js";
import type { HttpClient } from "./http/client.js";
import { PrivateAddressError } from "./http/errors.js";
import { documentBase, resolveDocumentUrls, type UrlDocument } from "./page-urls.js";
import { isHttpUrl } from "../text/urls.js";

export type { FullTextMode } from "../config/schema.js";

export type FullTextResult = { html: string } | { warning: string };

const ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

/** Content types that are an article page; a missing one is given the benefit of the doubt. */
const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

export interface FullTextDeps {
  client: HttpClient;
  label: string;
  /**
   * The feed's own URLs (as configured, and where it was loaded from after redirects): the link
   * comes from the feed's content, so it may reach a private network only at their host and
   * port (http/guard.ts).
   */
  feedUrls?: readonly string[];
}

/**
 * The article at `link`, fetched with the feed's HTTP client and cut out of its page: by
 * Mozilla's Readability, or by a CSS selector. Never throws and never returns an empty body:
 * any failure is a one-line warning, and the caller keeps the feed's own content.
 */
export async function fetchFullText(
  link: string,
  mode: FullTextMode,
  deps: FullTextDeps,
): Promise<FullTextResult> {
  const warn = (cause: string, suggestion?: string): FullTextResult => ({
    warning: oneLine(
      `${deps.label}: full text of ${link} not used: ${cause}; kept the feed's content${suggestion ? ` (${suggestion})` : ""}`,
    ),
  });
  if (!isHttpUrl(link)) return warn("not an http(s) link");
  try {
    const response = await deps.client.get(link, {
      label: deps.label,
      accept: ACCEPT,
      fromContent: { feedUrls: deps.feedUrls ?? [] },
    });
    if (response.status !== 200) return warn(`unexpected HTTP ${response.status}`);
    if (response.contentType && !HTML_TYPES.test(response.contentType))
      return warn(`not an HTML page (${response.contentType})`);
    const { text } = decodeHtml(response.body, response.contentType);
    const extracted = extractArticle(text, response.url || link, mode);
    if ("cause" in extracted) return warn(extracted.cause);
    return { html: extracted.html };
  } catch (error) {
    if (error instanceof PrivateAddressError)
      return warn(`${error.code} ${error.reason}`, error.suggestion);
    const { message } = describeError(error);
    // The client's messages name the feed too; the warning already begins with it.
    return warn(
      message.startsWith(`${deps.label}: `) ? message.slice(deps.label.length + 2) : message,
    );
  }
}

/**
 * The entry with its content replaced by the full text of its link; on any failure the entry as
 * the feed gave it, and the warning for the feed's summary.
 */
export async function entryWithFullText(
  entry: FeedEntry,
  mode: FullTextMode,
  deps: FullTextDeps,
): Promise<{ entry: FeedEntry; warning?: string }> {
  if (!entry.link)
    return {
      entry,
      warning: `${deps.label}: full text not used for an entry without a link; kept the feed's content`,
    };
  const result = await fetchFullText(entry.link, mode, deps);
  if ("warning" in result) return { entry, warning: result.warning };
  return { entry: { ...entry, content: result.html } };
}

/** Parses a decoded page, resolves its URLs against the page and cuts the article out. */
export function extractArticle(
  page: string,
  pageUrl: string,
  mode: FullTextMode,
): { html: string } | { cause: string } {
  const { document } = parseHTML(page);
  const urlDocument = document as unknown as UrlDocument;
  resolveDocumentUrls(urlDocument, documentBase(urlDocument, pageUrl));
  const html =
    mode === "readability" ? byReadability(document) : bySelector(document, mode.selector);
  if (html === undefined)
    return {
      cause:
        mode === "readability"
          ? "Readability found no article"
          : `selector "${mode.selector}" matched nothing`,
    };
  if (htmlText(html) === "") return { cause: "the extracted article has no text" };
  return { html };
}

type LinkedomDocument = ReturnType<typeof parseHTML>["document"];
type LinkedomElement = NonNullable<ReturnType<LinkedomDocument["querySelector"]>>;
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

function byReadability(document: LinkedomDocument): string | undefined {
  // linkedom keeps the case of createElement("DIV"), which Readability uses; browsers lower it.
  const createElement = document.createElement.bind(document);
  document.createElement = ((name: string, options?: object) =>
    createElement(name.toLowerCase(), options)) as typeof document.createElement;
  // Readability is typed against the DOM's Document; linkedom implements what it uses.
  const readability = new Readability<LinkedomElement>(document as unknown as ReadabilityDocument, {
    serializer: (node) => node as unknown as LinkedomElement,
  });
  const content = readability.parse()?.content;
  if (!content) return undefined;
  // Unwrap Readability's own `<div id="readability-page-1" class="page">`.
  return [...content.children]
    .map((child) => (/^readability-page-\d+$/.test(child.id) ? child.innerHTML : child.outerHTML))
    .join("");
}

/** Every element the selector matches, in page order, minus those inside an earlier match. */
function bySelector(document: LinkedomDocument, selector: string): string | undefined {
  // Matches come in page order, so a nested match follows the match that contains it.
  const outermost: LinkedomElement[] = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!outermost.at(-1)?.contains(element)) outermost.push(element);
  }
  if (outermost.length === 0) return undefined;
  return outermost.map((element) => element.outerHTML).join("");
}
