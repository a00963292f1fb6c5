import { createHash } from "node:crypto";

/**
 * What each page of the site was made from, kept in the site's own folder so that the next
 * run rewrites only the pages whose inputs changed and removes the pages nothing makes any
 * more. A page's key is the hash of its bytes, except for articles, whose bytes depend on an
 * item file: there the key is the hash of the page made with an empty body (so any change of
 * the entry, the feed's title or direction, the timezone or the template shows), beside the
 * item file's size and mtime and the hash of its bytes. Unchanged stat: the file is not read.
 *
 * A row is kept as the text of its line after the path ("key" or "key TAB stat TAB content"):
 * 100,000 rows as strings cost a fraction of 100,000 objects.
 */
export type Manifest = Map<string, string>;

export const MANIFEST_HEADER = "newsmirror site manifest 2";

export function hashText(text: string | Uint8Array | Iterable<string>): string {
  const hash = createHash("sha256");
  if (typeof text === "string" || text instanceof Uint8Array) hash.update(text);
  else for (const chunk of text) hash.update(chunk);
  return hash.digest("base64url").slice(0, 22);
}

/** Lines of `path TAB key [TAB stat TAB content]`; anything unreadable means "build it all". */
export function parseManifest(text: string | undefined): Manifest {
  const manifest: Manifest = new Map();
  if (!text?.startsWith(`${MANIFEST_HEADER}\n`)) return manifest;
  for (const line of text.slice(MANIFEST_HEADER.length + 1).split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0 && tab < line.length - 1) manifest.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return manifest;
}

/** The manifest's text, sorted by path, a thousand lines a chunk (100,000 are 10 MB at once). */
export function* renderManifest(manifest: Manifest): Generator<string> {
  const paths = [...manifest.keys()].sort();
  yield `${MANIFEST_HEADER}\n`;
  for (let i = 0; i < paths.length; i += 1_000) {
    const lines = paths.slice(i, i + 1_000).map((path) => `${path}\t${manifest.get(path)}\n`);
    yield lines.join("");
  }
}

/** One run's decisions: which pages to write, and at the end which ones are stale. */
export class Incremental {
  readonly next: Manifest = new Map();

  constructor(private readonly old: Manifest) {}

  /** Records a page made from `text`; true when its bytes differ from last time's. */
  page(path: string, text: string | Iterable<string>): boolean {
    const key = hashText(text);
    this.next.set(path, key);
    return this.old.get(path) !== key;
  }

  /** Records a file known by the hash of its inputs; true when they differ from last time's. */
  keyed(path: string, key: string): boolean {
    this.next.set(path, key);
    return this.old.get(path) !== key;
  }

  /** Forgets a file this run could not make (an old copy is then removed as stale). */
  drop(path: string): void {
    this.next.delete(path);
  }

  /** The row recorded this run for a page (an article's key, stat and content hash). */
  row(path: string): string | undefined {
    return this.next.get(path);
  }

  /** True when the article's page is as its template and item file were last time. */
  articleUnchanged(path: string, key: string, stat: string): boolean {
    const row = this.old.get(path);
    if (row === undefined || !row.startsWith(`${key}\t${stat}\t`)) return false;
    this.next.set(path, row);
    return true;
  }

  /** Records an article whose item was read; true when the page must be written. */
  article(path: string, key: string, stat: string, content: string): boolean {
    const row = this.old.get(path);
    // join, not a template: a template's result is a tree of five strings until read, and
    // 100,000 of them held in the map cost twice the flat rows.
    this.next.set(path, [key, stat, content].join("\t"));
    return row === undefined || !(row.startsWith(`${key}\t`) && row.endsWith(`\t${content}`));
  }

  /** Pages made last time that no input makes any more. */
  stale(): string[] {
    return [...this.old.keys()].filter((path) => !this.next.has(path)).sort();
  }
}
