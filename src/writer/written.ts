import { ATOM_LENGTH } from "./atom.js";

/**
 * What this run wrote, kept in memory so that the lists it makes at its end need not read it back
 * (issue 11: a first run re-read every item of its Atom feeds and each index file three times).
 * Only a cache: whatever it lacks is read from disk, so the bound can be simple, and the bytes the
 * lists are made from are the same either way (an item's bytes here are those given to the
 * file, an index file's text is the text written).
 *
 * Items: per feed, the newest ATOM_LENGTH this run wrote. An older one cannot be among its feed's
 * newest ATOM_LENGTH (that many newer exist), hence not among the archive's either, which are
 * each among their feed's. Index files: as last written. Both within one budget (bytes of items,
 * characters of index text), so that a run of 10,000 feeds or of 50 × 100 items holds no more
 * than a first run of a few feeds; past it, what comes later is read from disk.
 */
export const WRITTEN_BUDGET = 8 * 1024 * 1024;

interface Kept {
  /** Newest first: published (ms), then the file's hash, as the index orders them. */
  published: number;
  hash: string;
  path: string;
}

export class WrittenFiles {
  private readonly items = new Map<string, Buffer>();
  private readonly newest = new Map<string, Kept[]>();
  private readonly shards = new Map<string, string>();
  private size = 0;

  constructor(private readonly budget = WRITTEN_BUDGET) {}

  /** What is held now, counted as the budget is. */
  get bytes(): number {
    return this.size;
  }

  /** An item file this run created: `path` relative to the archive, `text` its whole content. */
  addItem(feed: string, kept: Kept, text: string): void {
    const list = this.newest.get(feed) ?? [];
    const at = list.findIndex((k) => newer(kept, k));
    const place = at === -1 ? list.length : at;
    if (place >= ATOM_LENGTH) return;
    // A copy of the bytes: the string may be built of slices of the whole feed's text, which
    // holding it would keep alive (bench/RESULTS.md, the 10,000-feed memory note).
    const bytes = Buffer.from(text, "utf8");
    if (this.size + bytes.length > this.budget) return;
    list.splice(place, 0, kept);
    this.newest.set(feed, list);
    this.items.set(kept.path, bytes);
    this.size += bytes.length;
    for (const dropped of list.splice(ATOM_LENGTH)) this.forget(dropped.path);
  }

  /** An item's bytes, if this run wrote it and still holds it. */
  item(path: string): Uint8Array | undefined {
    return this.items.get(path);
  }

  /** An index file (`rel` to the archive) was replaced with `text`. */
  addShard(rel: string, text: string): void {
    this.size -= this.shards.get(rel)?.length ?? 0;
    // The old text is stale whether or not the new one fits.
    this.shards.delete(rel);
    if (this.size + text.length > this.budget) return;
    this.shards.set(rel, text);
    this.size += text.length;
  }

  /** An index file's text as this run last wrote it, if held. */
  shard(rel: string): string | undefined {
    return this.shards.get(rel);
  }

  private forget(path: string): void {
    this.size -= this.items.get(path)?.length ?? 0;
    this.items.delete(path);
  }
}

function newer(a: Kept, b: Kept): boolean {
  return a.published !== b.published ? a.published > b.published : a.hash > b.hash;
}
