import { readFile, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../writer/atomic.js";
import { META_DIR } from "../writer/layout.js";

/** What an export folder remembers of the last export: {to}/.newsmirror/export.json. */
interface Manifest {
  style: string;
  /** `{feed}/{hash}` → the file written for it and the digest of what it was made from. */
  files: Record<string, { path: string; input: string }>;
}

const MANIFEST = "export.json";
/** Only files of the export's own layout are ever removed, whatever a manifest says. */
const OURS = /^(?:_posts|content)\/(?:[^/]+\/)*[^/]+\.md$/;

async function readManifest(to: string): Promise<Manifest["files"]> {
  try {
    const parsed = JSON.parse(await readFile(join(to, META_DIR, MANIFEST), "utf8")) as Manifest;
    return parsed && typeof parsed.files === "object" && parsed.files ? parsed.files : {};
  } catch {
    // None yet, or damaged: every article is compared with what is on disk and rewritten if it
    // differs; only files of earlier exports for removed items stay behind.
    return {};
  }
}

/**
 * The export folder: which file each item has, which names are taken, and the writes. Files
 * are written atomically (a temporary file under {to}/.newsmirror/tmp, then a rename) and only
 * when their bytes change.
 */
export class ExportFolder {
  private readonly now = new Map<string, { path: string; input: string }>();
  private readonly owners = new Map<string, string>();

  private constructor(
    readonly to: string,
    private readonly style: string,
    private readonly before: Manifest["files"],
  ) {
    for (const [key, file] of Object.entries(before)) this.owners.set(file.path, key);
  }

  static async open(to: string, style: string): Promise<ExportFolder> {
    return new ExportFolder(to, style, await readManifest(to));
  }

  /**
   * The item's file: `{stem}.md`, or `{stem}-{hash 8}.md` when another item has that name
   * already (in an earlier export, or earlier in this one), so no file ever changes hands.
   */
  pathFor(key: string, stem: string, hash: string): string {
    const plain = `${stem}.md`;
    const owner = this.owners.get(plain);
    const path = owner === undefined || owner === key ? plain : `${stem}-${hash.slice(0, 8)}.md`;
    this.owners.set(path, key);
    return path;
  }

  /** An item that could not be read or rendered: the file the last export made of it stays. */
  keep(itemPath: string): void {
    const [feed, , name] = itemPath.split("/");
    const key = `${feed}/${name?.slice(0, 16)}`;
    const old = this.before[key];
    if (old) this.now.set(key, old);
  }

  /** True when the last export wrote this path from the same input and the file is there. */
  async isCurrent(key: string, path: string, input: string): Promise<boolean> {
    const old = this.before[key];
    if (old?.path !== path || old.input !== input) return false;
    return stat(join(this.to, path)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Records the item's file; writes it when its bytes differ. True when it wrote. */
  async put(key: string, path: string, input: string, text?: string): Promise<boolean> {
    this.now.set(key, { path, input });
    if (text === undefined) return false;
    const file = join(this.to, path);
    if ((await readFile(file, "utf8").catch(() => undefined)) === text) return false;
    await writeFileAtomic(this.to, file, text);
    return true;
  }

  /** Removes the files of earlier exports that no item has now (and folders left empty). */
  async removeStale(): Promise<string[]> {
    const kept = new Set([...this.now.values()].map((f) => f.path));
    const stale = Object.values(this.before)
      .map((f) => f.path)
      .filter((path) => !kept.has(path) && OURS.test(path) && !path.includes(".."))
      .sort();
    for (const path of stale) {
      await rm(join(this.to, path), { force: true });
      for (let dir = dirname(path); dir !== "."; dir = dirname(dir)) {
        const empty = await rmdir(join(this.to, dir)).then(
          () => true,
          () => false,
        );
        if (!empty) break;
      }
    }
    return stale;
  }

  async save(): Promise<void> {
    const files = Object.fromEntries([...this.now].sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = `${JSON.stringify({ style: this.style, files }, null, 1)}\n`;
    const file = join(this.to, META_DIR, MANIFEST);
    if ((await readFile(file, "utf8").catch(() => undefined)) !== text)
      await writeFileAtomic(this.to, file, text);
  }
}
