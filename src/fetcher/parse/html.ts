import { NewsmirrorError } from "../../errors.js";
import { Parser } from "../../text/htmlparser.js";

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i;

/** The feed a page announces with <link rel="alternate" type="application/rss+xml" href>, as written. */
export function alternateFeed(html: string): string | undefined {
  let found: string | undefined;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (found || name !== "link" || !attributes.href) return;
      const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
      if (!rel.includes("alternate") || !FEED_TYPES.test((attributes.type ?? "").trim())) return;
      found = attributes.href;
    },
  });
  parser.end(html);
  return found;
}

function resolve(href: string, pageUrl: string): string {
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return href;
  }
}

export function notAFeed(html: string, pageUrl: string, label: string): NewsmirrorError {
  const href = alternateFeed(html);
  if (href === undefined)
    return new NewsmirrorError("E_NOT_A_FEED", `${label}: not a feed (an HTML page)`, {
      suggestion: "find the site's RSS or Atom link and use that URL",
    });
  const feed = resolve(href, pageUrl);
  // A saved page's relative link resolves to file:///feed.xml, which is no feed of anyone's.
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(href);
  if (relative && !/^https?:/i.test(pageUrl))
    return new NewsmirrorError(
      "E_NOT_A_FEED",
      `${label}: not a feed (an HTML page); it links the feed "${href}" of the site it was saved from`,
      { suggestion: `give that feed's http(s) URL: the site's address followed by ${href}` },
    );
  return new NewsmirrorError(
    "E_NOT_A_FEED",
    `${label}: not a feed (an HTML page); it links the feed ${feed}`,
    { suggestion: `use ${feed} as the feed URL` },
  );
}
