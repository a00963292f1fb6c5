import { linkIdentity } from "../converter/link.js";
import type { FeedEntry } from "../model.js";
import { itemHash } from "../writer/layout.js";

/** An entry's identity: its guid, else its normalized link, else title and date. */
export function entryIdentity(entry: FeedEntry, published: number): string {
  if (entry.guid) return entry.guid;
  const link = entry.link ? linkIdentity(entry.link) : "";
  if (link) return link;
  return `${entry.title ?? ""}\n${published}`;
}

/** The hash an entry is archived under: its file name, and how a feed knows it has it. */
export function entryHash(entry: FeedEntry, published: number): string {
  return itemHash(entryIdentity(entry, published));
}
