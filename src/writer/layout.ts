import { sha256 } from "../text/sha256.js";
import { join } from "node:path";
import { domainToUnicode } from "node:url";

/** Where things live in an archive; the one place that knows the folder layout. */
export const INDEX_DIR = "index";
export const META_DIR = ".newsmirror";
export const LIST_FILE = "README.md";
/** The lists of each day across feeds: days/YYYY-MM-DD.md. */
export const DAYS_DIR = "days";
/**
 * Item files end in `.txt` (the seed's name) or `.md` (so that GitHub renders each article: the
 * five-line format is Markdown). An archive uses one; readers accept both, so dedupe and the
 * index never see an item twice or lose one while an archive is being migrated.
 */
export const ITEM_EXTENSIONS = ["txt", "md"] as const;
export type ItemExtension = (typeof ITEM_EXTENSIONS)[number];
export const DEFAULT_ITEM_EXTENSION: ItemExtension = "txt";
const HASH_RE = /^[0-9a-f]{16}\.(?:txt|md)$/;
const MONTH_RE = /^\d{4}-\d{2}$/;

export function monthOf(published: number): string {
  return new Date(published).toISOString().slice(0, 7);
}

export function isMonth(name: string): boolean {
  return MONTH_RE.test(name);
}

export function isItemFileName(name: string): boolean {
  return HASH_RE.test(name);
}

/** The extension of an item file name (one that passes isItemFileName). */
export function itemExtensionOf(name: string): ItemExtension {
  return name.endsWith(".md") ? "md" : "txt";
}

/**
 * First 16 hex digits of SHA-256 over the entry's identity. Only the first 8 bytes are turned
 * into hex: a slice of the whole hex digest would keep all 64 characters alive with it.
 */
export function itemHash(identity: string): string {
  return sha256(identity).toString("hex", 0, 8);
}

/** The path of an item relative to the archive root, always with `/`. */
export function itemRelPath(
  feed: string,
  published: number,
  hash: string,
  extension: ItemExtension,
): string {
  return `${feed}/${monthOf(published)}/${hash}.${extension}`;
}

/** A feed's index lines of one month. */
export function feedShardRelPath(feed: string, month: string): string {
  return `${INDEX_DIR}/${feed}/${month}.jsonl`;
}

/** Older versions' index file of one month across feeds (read, then split; never written). */
export function legacyShardRelPath(month: string): string {
  return `${INDEX_DIR}/${month}.jsonl`;
}

export function metaPath(out: string, ...parts: string[]): string {
  return join(out, META_DIR, ...parts);
}

/** Folders at the archive root that are not feeds. */
export function isFeedDirName(name: string): boolean {
  return (
    name !== INDEX_DIR && name !== DAYS_DIR && !name.startsWith(".") && name !== "node_modules"
  );
}

/** A readable folder name for a source given on the command line: host and path. */
export function slugForUrl(url: string): string {
  let text = url;
  try {
    const parsed = new URL(url);
    text =
      parsed.protocol === "file:"
        ? safeDecode(parsed.pathname.split("/").pop() ?? "").replace(/\.[a-z0-9]+$/i, "")
        : `${domainToUnicode(parsed.hostname)}${safeDecode(parsed.pathname)}`;
  } catch {
    // not a URL: slug the text as it is
  }
  return slugForName(text.replace(/^www\./i, ""));
}

/** A readable folder name for any text: letters of any script stay, separators become "-". */
export function slugForName(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "feed";
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
