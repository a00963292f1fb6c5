import { isHttpUrl } from "../../text/urls.js";

/** An absolute link, resolved against `base`; undefined when there is none. */
export function absoluteLink(raw: unknown, base: string): string | undefined {
  if (typeof raw !== "string" || !raw.trim()) return undefined;
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw.trim();
  }
}

/** The base for relative links: xml:base resolved against the feed URL. */
export function baseUrl(
  feedUrl: string,
  xmlBase: string | undefined,
  siteLink: string | undefined,
): string {
  // A feed read from a file or stdin has no useful URL; its own site link is the better base.
  let base = feedUrl;
  if (!/^https?:/i.test(feedUrl) && siteLink && isHttpUrl(siteLink)) base = siteLink;
  if (!xmlBase) return base;
  try {
    return new URL(xmlBase, base).href;
  } catch {
    return base;
  }
}
