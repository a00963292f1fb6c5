import { z } from "zod";
import { NewsmirrorError } from "../../errors.js";
import type { FeedEntry, ParsedFeed } from "../../model.js";
import { dateCandidates, parseDate } from "./dates.js";
import { escapeHtml } from "../../text/html-text.js";
import { absoluteLink, baseUrl } from "./links.js";

const item = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
});

/** JSON Feed 1.0 and 1.1; lenient where real feeds are (unknown keys, missing optional fields). */
const jsonFeed = z.looseObject({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  items: z.array(z.unknown()),
});

const nonEmpty = (text: string | undefined) => (text?.trim() ? text : undefined);

/**
 * The body, fullest first. JSON Feed's title, summary and content_text are plain text (its
 * spec): escaped, content_text's blank lines made paragraphs and its line breaks kept.
 */
function bodyOf(it: z.infer<typeof item>): string | undefined {
  if (nonEmpty(it.content_html)) return it.content_html;
  if (nonEmpty(it.content_text)) {
    const paragraphs = (it.content_text as string).trim().split(/\n\s*\n/);
    return paragraphs.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`).join("");
  }
  return nonEmpty(it.summary) && escapeHtml(it.summary as string);
}

/** The item's main image leads the body when the body does not show it: readers keep it. */
function withImage(body: string | undefined, image: string | undefined): string | undefined {
  if (!image || body?.includes(image)) return body;
  return `<p><img src="${escapeHtml(image).replace(/"/g, "&quot;")}"></p>${body ?? ""}`;
}

export function isJsonDocument(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

export function parseJsonFeed(text: string, url: string, label: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NewsmirrorError(
      "E_NOT_A_FEED",
      `${label}: not a feed (invalid JSON: ${(error as Error).message})`,
      {
        suggestion: "check that the URL serves a feed",
      },
    );
  }
  const feed = jsonFeed.safeParse(json);
  if (!feed.success) {
    const versioned = z.looseObject({ version: jsonFeed.shape.version }).safeParse(json).success;
    const why = versioned
      ? "a JSON Feed without an items list"
      : "JSON without a JSON Feed version";
    throw new NewsmirrorError("E_NOT_A_FEED", `${label}: not a feed (${why})`, {
      suggestion: "newsmirror reads RSS, Atom and JSON Feed (https://jsonfeed.org)",
    });
  }
  const base = baseUrl(url, undefined, feed.data.home_page_url);
  const warnings: string[] = [];
  const entries: FeedEntry[] = [];
  feed.data.items.forEach((raw, i) => {
    const parsed = item.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`${label}: item ${i + 1} skipped: not a JSON Feed item`);
      return;
    }
    const it = parsed.data;
    entries.push({
      guid: it.id !== undefined && String(it.id).trim() ? String(it.id).trim() : undefined,
      link: absoluteLink(nonEmpty(it.url) ?? it.external_url, base),
      title: nonEmpty(it.title) && escapeHtml(it.title as string),
      published: parseDate(it.date_published) ?? parseDate(it.date_modified),
      dates: dateCandidates([it.date_published, it.date_modified]),
      content: withImage(bodyOf(it), nonEmpty(it.image) && absoluteLink(it.image, base)),
    });
  });
  return {
    format: "json",
    title: feed.data.title,
    link: feed.data.home_page_url,
    entries,
    warnings,
  };
}
