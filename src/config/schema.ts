import { parse as parseSelector } from "css-what";
import { z } from "zod";
import { reservedIdReason } from "./reserved.js";
import { closest } from "./suggest.js";

import { DEFAULT_IMAGE_PROXY } from "../converter/images.js";

export { DEFAULT_IMAGE_PROXY };

/** Marks a refinement whose message is the whole problem, not what was expected. */
const sentence = { sentence: true };

/**
 * A feed id names a folder: letters of any script (the older mirrors' folders are often
 * Chinese, 德国之声, and readers browse them on GitHub), digits, '.', '_' and '-'.
 */
const FEED_ID = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}._-]{0,99}$/u;

/** Why `id` cannot name a feed's folder, or undefined: for the config, the command line, init. */
export function feedIdProblem(id: string): string | undefined {
  const reason = reservedIdReason(id);
  if (reason) return `${reason}; choose another id`;
  if (!FEED_ID.test(id))
    return `${JSON.stringify(id)}: a feed id is 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or digit (it names a folder)`;
  return undefined;
}

const feedId = z.string().superRefine((id, ctx) => {
  const problem = feedIdProblem(id);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: sentence });
});

/** What an image proxy template may contain, between braces: see src/converter/images.ts. */
export const IMAGE_PROXY_PLACEHOLDERS = ["url", "encoded"] as const;

/** A template's problems: unknown placeholders (`{bogus}`), or more than one placeholder. */
export function templateProblems(template: string): string[] {
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
  const known: readonly string[] = IMAGE_PROXY_PLACEHOLDERS;
  const problems = names
    .filter((name) => !known.includes(name))
    .map((name) => {
      const near = closest(name, known);
      const hint = near ? ` (did you mean {${near}}?)` : "";
      return `unknown placeholder {${name}}${hint}; a template takes {url} or {encoded}`;
    });
  if (problems.length === 0 && names.length > 1)
    problems.push(`${names.length} placeholders; a template takes one, {url} or {encoded}`);
  return problems;
}

const imageProxy = z
  .string()
  .refine(
    (t) => t === "none" || /^https?:\/\/\S+$/.test(t),
    'an http(s) URL template such as "https://images.weserv.nl?url={url}", or "none"',
  )
  .superRefine((template, ctx) => {
    for (const problem of templateProblems(template))
      ctx.addIssue({
        code: "custom",
        message: `${JSON.stringify(template)}: ${problem}`,
        params: sentence,
      });
  });

/** Feed sources: an http(s) URL, or a local file (a path or a file:// URL). */
function isSourceUrl(url: string): boolean {
  if (/^https?:\/\//i.test(url)) return URL.canParse(url);
  if (/^file:\/\//i.test(url)) return URL.canParse(url);
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

let zoneNames: Set<string> | undefined;

/**
 * The zones Intl accepts. The list of canonical names answers for almost every config in ~2 ms;
 * building a DateTimeFormat (which also takes aliases and any case) costs 15–30 ms of ICU set-up
 * on every run, even one where nothing changed, so it is asked only for the other names.
 */
function isTimeZone(tz: string): boolean {
  zoneNames ??= new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  if (zoneNames.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timezone = z.string().refine(isTimeZone, "an IANA time zone such as UTC or Asia/Shanghai");

/** Fields a filter rule can test: see src/selection/filters.ts for what each one reads. */
export const FILTER_FIELDS = ["title", "link", "content"] as const;

function regexError(pattern: string, flags: string | undefined): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

// g and y make RegExp.test() stateful between entries, so they are refused.
export const filterRuleSchema = z
  .strictObject({
    field: z.enum(FILTER_FIELDS),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsuv]*$/, "RegExp flags from i, m, s, u, v (g and y are not allowed)")
      .optional(),
  })
  .superRefine((rule, ctx) => {
    const problem = regexError(rule.pattern, rule.flags);
    if (problem)
      ctx.addIssue({
        code: "custom",
        path: ["pattern"],
        message: `not a valid regular expression: ${problem}`,
        params: sentence,
      });
  });

export const filtersSchema = z.strictObject({
  keep: z.array(filterRuleSchema).optional(),
  block: z.array(filterRuleSchema).optional(),
});

const cssSelector = z
  .string()
  .min(1)
  .refine((selector) => {
    try {
      parseSelector(selector);
      return true;
    } catch {
      return false;
    }
  }, 'a valid CSS selector such as "article .content"');

export const fullTextSchema = z.union(
  [z.literal("readability"), z.strictObject({ selector: cssSelector })],
  { error: '"readability" or { "selector": "a CSS selector" }' },
);

export const feedSchema = z.strictObject({
  id: feedId,
  url: z.string().min(1).refine(isSourceUrl, "an http(s) URL or a local file path"),
  title: z.string().optional(),
  /** The feed's language (BCP 47): the site shows Arabic, Hebrew, Persian, Urdu… right to left. */
  language: z
    .string()
    .regex(
      /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/,
      'a BCP 47 language tag such as "fa" or "zh-Hant"',
    )
    .optional(),
  imageProxy: imageProxy.optional(),
  fullText: fullTextSchema.optional(),
  filters: filtersSchema.optional(),
  /** Elements to remove from this feed's articles (share bars, ads), as CSS selectors. */
  removeSelectors: z.array(cssSelector).optional(),
});

export const httpSchema = z.strictObject({
  userAgent: z.string().min(1).optional(),
  connectTimeoutMs: z.number().int().positive().optional(),
  headersTimeoutMs: z.number().int().positive().optional(),
  bodyTimeoutMs: z.number().int().positive().optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  maxRetryAfterMs: z.number().int().min(0).optional(),
  concurrency: z.number().int().positive().max(64).optional(),
  perHost: z.number().int().positive().max(16).optional(),
  /** Let links from feeds' content reach loopback and private networks (http/guard.ts). */
  allowPrivateNetworks: z.boolean().optional(),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    out: z.string().min(1).optional(),
    timezone: timezone.optional(),
    /** Item files as `.txt` (the seed's name, the default) or `.md` (GitHub renders them). */
    itemExtension: z.enum(["txt", "md"]).optional(),
    /** Where the archive is published: the Atom feeds link under it (absolute links). */
    baseUrl: z
      .string()
      .refine(
        (url) => /^https?:\/\/[^\s?#]+$/i.test(url) && URL.canParse(url),
        "an http(s) URL without query or fragment, such as https://me.github.io/news/",
      )
      .optional(),
    imageProxy: imageProxy.optional(),
    /** Hosts whose iframes (video players) are kept, sandboxed; replaces the default list. */
    iframeHosts: z
      .array(z.string().regex(/^[a-z0-9.-]+$/i, "a host name such as www.youtube.com"))
      .optional(),
    http: httpSchema.optional(),
    feeds: z.array(feedSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.feeds.forEach((feed, i) => {
      if (seen.has(feed.id))
        ctx.addIssue({
          code: "custom",
          path: ["feeds", i, "id"],
          message: `duplicate feed id "${feed.id}"`,
          params: sentence,
        });
      seen.add(feed.id);
    });
  });

export type Config = z.infer<typeof configSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type HttpConfig = z.infer<typeof httpSchema>;
export type FullTextMode = z.infer<typeof fullTextSchema>;
export type FiltersConfig = z.infer<typeof filtersSchema>;
export type FilterRule = z.infer<typeof filterRuleSchema>;
