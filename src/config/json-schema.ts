import { z } from "zod";
import { RESERVED_FEED_IDS } from "./reserved.js";
import { configSchema } from "./schema.js";

/** Where editors find the schema: init writes this path into `$schema`, beside the config. */
export const SCHEMA_FILE = "newsmirror.schema.json";

/**
 * What each field means, for editors' hovers; keyed by path (`*` for every element of a list).
 * Every field of the config needs a row here (a test checks): keep it beside the README's table.
 */
const DESCRIPTIONS: Record<string, string> = {
  $schema: `the JSON Schema of this file, for editors (newsmirror init writes ./${SCHEMA_FILE})`,
  out: "the archive folder (default: archive)",
  timezone: "IANA time zone for the dates in the lists (default: UTC)",
  itemExtension:
    "item files as .txt (the seed's name, the default) or .md (GitHub renders each article); change an archive with newsmirror migrate-extension",
  baseUrl:
    "where the archive is published (e.g. https://me.github.io/news/ or https://github.com/me/news/blob/main/): the Atom feeds' links become absolute under it",
  imageProxy:
    'image proxy template: {url} is the image URL without https://, {encoded} the whole URL encoded; "none" turns proxying off (default: https://images.weserv.nl?url={url})',
  iframeHosts: "hosts whose iframes (video players) are kept, sandboxed; replaces the default list",
  "iframeHosts.*": "a host name such as www.youtube.com",
  http: "how feeds and article pages are fetched",
  "http.userAgent": "the User-Agent header sent",
  "http.connectTimeoutMs": "time to connect, in milliseconds (default: 10000)",
  "http.headersTimeoutMs": "time to the first byte, in milliseconds (default: 20000)",
  "http.bodyTimeoutMs": "time for the whole body, in milliseconds (default: 60000)",
  "http.maxBodyBytes": "the largest body accepted, in bytes (default: 20 MiB)",
  "http.retries": "retries on network errors, 5xx and 429 (default: 3)",
  "http.maxRetryAfterMs": "the longest Retry-After honoured, in milliseconds (default: 60000)",
  "http.concurrency": "feeds fetched at once (default: 8)",
  "http.perHost": "requests at once to one host (default: 2)",
  "http.allowPrivateNetworks":
    "let full-text pages a feed links to be fetched from loopback, private and other non-public addresses (default: false: only from the feed's own host and port)",
  feeds: "the feeds to mirror",
  "feeds.*": "one feed",
  "feeds.*.id": "names the feed's folder in the archive: letters, digits, '.', '_' and '-'",
  "feeds.*.url": "the feed's http(s) URL, or a local file",
  "feeds.*.title": "the feed's title in the lists (default: the id)",
  "feeds.*.language":
    "the feed's language as a BCP 47 tag (fa, ar, he, ur, zh-Hant…): the site's lang, and right to left for Arabic, Hebrew, Persian, Urdu and other such scripts (default: told from the titles' script)",
  "feeds.*.imageProxy": "this feed's image proxy template, instead of the archive's",
  "feeds.*.fullText":
    'fetch each new article\'s page: "readability", or { "selector": "a CSS selector" }',
  "feeds.*.fullText.selector": "the CSS selector of the article's element on its page",
  "feeds.*.filters": "regular expressions that keep or block entries",
  "feeds.*.filters.keep": "when given, only entries matching one of these are archived",
  "feeds.*.filters.block": "entries matching one of these are never archived",
  "feeds.*.filters.*.*": "one rule",
  "feeds.*.filters.*.*.field": "what the rule tests: title, link, or content (its visible text)",
  "feeds.*.filters.*.*.pattern": "a JavaScript regular expression",
  "feeds.*.filters.*.*.flags": "RegExp flags from i, m, s, u, v",
  "feeds.*.removeSelectors": "elements removed from this feed's articles (share bars, ads)",
  "feeds.*.removeSelectors.*": "a CSS selector",
};

/** A regex source that matches `word` in any case (JSON Schema patterns take no flags). */
function anyCase(word: string): string {
  return [...word]
    .map((c) =>
      /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.]/g, "\\."),
    )
    .join("");
}

/** What the refinements check, as far as a pattern can say it, so editors flag it too. */
const PATTERNS: Record<string, string> = {
  "feeds.*.id": `^(?!(?:${RESERVED_FEED_IDS.map((r) => anyCase(r.name)).join("|")})$)(?!${anyCase("con")}|${anyCase("prn")}|${anyCase("aux")}|${anyCase("nul")}|${anyCase("com")}[0-9]|${anyCase("lpt")}[0-9](?:\\.|$))[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$`,
  "feeds.*.url": `^(?:${anyCase("http")}[sS]?://\\S+|${anyCase("file")}://\\S+|(?![a-zA-Z][a-zA-Z0-9+.-]*://).+)$`,
  baseUrl: `^${anyCase("http")}[sS]?://[^\\s?#]+$`,
  imageProxy: `^(?:none|${anyCase("http")}[sS]?://(?:(?!\\{[^{}]*\\})\\S)*(?:\\{(?:url|encoded)\\}(?:(?!\\{[^{}]*\\})\\S)*)?)$`,
  "feeds.*.imageProxy": "",
};
PATTERNS["feeds.*.imageProxy"] = PATTERNS["imageProxy"]!;

const EXAMPLES: Record<string, unknown[]> = {
  timezone: [
    "UTC",
    "Asia/Shanghai",
    "Asia/Taipei",
    "Asia/Hong_Kong",
    "Europe/Berlin",
    "America/New_York",
  ],
  imageProxy: ["https://images.weserv.nl?url={url}", "none"],
  "feeds.*.fullText": ["readability", { selector: "article" }],
};

type Node = Record<string, unknown>;

/** Visits every property schema with its path (`feeds.*.id`), unions' members included. */
function eachField(node: Node, path: string, visit: (node: Node, path: string) => void): void {
  const properties = (node["properties"] ?? {}) as Record<string, Node>;
  for (const [key, inner] of Object.entries(properties)) {
    const at = path ? `${path}.${key}` : key;
    visit(inner, at);
    eachField(inner, at, visit);
  }
  const items = node["items"] as Node | undefined;
  if (items) {
    visit(items, `${path}.*`);
    eachField(items, `${path}.*`, visit);
  }
  for (const option of (node["anyOf"] ?? []) as Node[]) eachField(option, path, visit);
}

/** The config's JSON Schema, made from the zod schema: what `newsmirror config schema` prints. */
export function configJsonSchema(): Node {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Node;
  eachField(schema, "", (node, path) => {
    const generic = path.replace(/\.(keep|block)\./, ".*.");
    const description = DESCRIPTIONS[path] ?? DESCRIPTIONS[generic];
    if (description) node["description"] = description;
    if (PATTERNS[path]) node["pattern"] = PATTERNS[path];
    if (EXAMPLES[path]) node["examples"] = EXAMPLES[path];
  });
  return {
    $schema: schema["$schema"],
    title: "newsmirror.json",
    description:
      "The config of a newsmirror archive: https://github.com/newsmirror/newsmirror#config",
    ...schema,
  };
}

/** Fields that have no description, for the test that keeps DESCRIPTIONS complete. */
export function undescribedFields(): string[] {
  const missing: string[] = [];
  eachField(configJsonSchema(), "", (node, path) => {
    if (!node["description"]) missing.push(path);
  });
  return missing;
}
