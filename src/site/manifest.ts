import { createHash } from "node:crypto";

/**
 * What each page of the site was made from, kept in the site's own folder so that the next
 * run rewrites only the pages whose inputs changed and removes the pages nothing makes any
 * more. A page's key is the hash of its bytes, except for articles, whose bytes depend on an
 * item file: there the key is the hash of the page made with an empty body (so any change of
 * the entry, the feed's title or direction, the timezone or the template shows), beside the
 * item file's size and mtime and the hash of its bytes. Unchanged stat: the file is not read.
 */
export interface ManifestRow {
  key: string;
  /** Articles: "size:mtimeMs" of the item file, and the hash of its bytes. */
  stat?: string;
  content?: string;
}

export type Manifest = Map<string, ManifestRow>;

export const MANIFEST_HEADER = "newsmirror site manifest 1";

export function hashText(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}

/** Lines of `path TAB key [TAB stat TAB content]`; anything unreadable means "build it all". */
export function parseManifest(text: string | undefined): Manifest {
  const manifest: Manifest = new Map();
  const lines = (text ?? "").split("\n");
  if (lines[0] !== MANIFEST_HEADER) return manifest;
  for (const line of lines.slice(1)) {
    const [path, key, stat, content] = line.split("\t");
    if (!path || !key) continue;
    manifest.set(path, stat && content ? { key, stat, content } : { key });
  }
  return manifest;
}

export function renderManifest(manifest: Manifest): string {
  const paths = [...manifest.keys()].sort();
  const lines = paths.map((path) => {
    const row = manifest.get(path) as ManifestRow;
    return row.stat ? `${path}\t${row.key}\t${row.stat}\t${row.content}` : `${path}\t${row.key}`;
  });
  return `${[MANIFEST_HEADER, ...lines].join("\n")}\n`;
}

/** One run's decisions: which pages to write, and at the end which ones are stale. */
export class Incremental {
  readonly next: Manifest = new Map();

  constructor(private readonly old: Manifest) {}

  /** Records a page made from `text`; true when its bytes differ from last time's. */
  page(path: string, text: string): boolean {
    const key = hashText(text);
    this.next.set(path, { key });
    return this.old.get(path)?.key !== key;
  }

  /** True when the article's page is as its template and item file were last time. */
  articleUnchanged(path: string, key: string, stat: string): boolean {
    const row = this.old.get(path);
    if (row?.key !== key || row.stat !== stat) return false;
    this.next.set(path, row);
    return true;
  }

  /** Records an article whose item was read; true when the page must be written. */
  article(path: string, key: string, stat: string, content: string): boolean {
    const row = this.old.get(path);
    this.next.set(path, { key, stat, content });
    return row?.key !== key || row.content !== content;
  }

  /** Pages made last time that no input makes any more. */
  stale(): string[] {
    return [...this.old.keys()].filter((path) => !this.next.has(path)).sort();
  }
}
