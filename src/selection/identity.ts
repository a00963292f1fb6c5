import { linkIdentity } from "../converter/link.js";
import type { FeedEntry } from "../model.js";
import { itemHash } from "../writer/layout.js";

/**
 * An entry's identity: its guid, else its normalized link, else its title and content. Never
 * its date: an entry without one is dated by the run, and would be new again every run.
 */
export function entryIdentity(entry: FeedEntry): string {
  if (entry.guid) return entry.guid;
  const link = entry.link ? linkIdentity(entry.link) : "";
  if (link) return link;
  return `${entry.title ?? ""}\n${entry.content ?? ""}`;
}

/** The hash an entry is archived under: its file name, and how a feed knows it has it. */
export function entryHash(entry: FeedEntry): string {
  return itemHash(entryIdentity(entry));
}
