import type { FeedEntry } from "../model.js";
import { decideDate } from "./dates.js";
import { acceptEntry, type CompiledFilters } from "./filters.js";
import { entryHash, knownByLink } from "./identity.js";

/** An entry this feed has not archived yet, with the date and hash it is archived under. */
export interface FreshEntry {
  entry: FeedEntry;
  published: number;
  hash: string;
  /** The entry's dates could not be trusted: it is archived under the run's time (why, here). */
  untrustedDate?: { text: string; why: string };
}

export interface Selected {
  /** In feed order; an entry the feed repeats is here once. */
  fresh: FreshEntry[];
  /** Left out by the feed's keep/block filters. */
  filtered: number;
  /** Archived already. */
  existing: number;
  /** Carried more than once by the feed (same identity): archived once. */
  repeated: number;
}

/**
 * The entries to archive: those the filters accept and the feed does not have yet. `known` is
 * the feed's stored hashes (file names only: old items are never read).
 */
export function selectEntries(
  entries: readonly FeedEntry[],
  { filters, known, now }: { filters: CompiledFilters; known: ReadonlySet<string>; now: number },
): Selected {
  const fresh: FreshEntry[] = [];
  const taken = new Set<string>();
  let filtered = 0;
  let existing = 0;
  let repeated = 0;
  for (const entry of entries) {
    if (!acceptEntry(entry, filters)) {
      filtered++;
      continue;
    }
    const hash = entryHash(entry);
    if (known.has(hash) || knownByLink(entry, known)) {
      existing++;
      continue;
    }
    if (taken.has(hash)) {
      repeated++;
      continue;
    }
    taken.add(hash);
    const { published, untrusted } = decideDate(entry, now);
    fresh.push({ entry, published, hash, ...(untrusted ? { untrustedDate: untrusted } : {}) });
  }
  return { fresh, filtered, existing, repeated };
}
