import { Parser } from "htmlparser2";
import { NewsmirrorError } from "../../errors.js";

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i;

/** The feed a page announces with <link rel="alternate" type="application/rss+xml" href>. */
export function alternateFeed(html: string, pageUrl: string): string | undefined {
  let found: string | undefined;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (found || name !== "link" || !attributes.href) return;
      const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
      if (!rel.includes("alternate") || !FEED_TYPES.test((attributes.type ?? "").trim())) return;
      try {
        found = new URL(attributes.href, pageUrl).href;
      } catch {
        found = attributes.href;
      }
    },
  });
  parser.end(html);
  return found;
}

export function notAFeed(html: string, pageUrl: string, label: string): NewsmirrorError {
  const feed = alternateFeed(html, pageUrl);
  if (feed) {
    return new NewsmirrorError(
      "E_NOT_A_FEED",
      `${label}: not a feed (an HTML page); it links the feed ${feed}`,
      {
        suggestion: `use ${feed} as the feed URL`,
      },
    );
  }
  return new NewsmirrorError("E_NOT_A_FEED", `${label}: not a feed (an HTML page)`, {
    suggestion: "find the site's RSS or Atom link and use that URL",
  });
}
