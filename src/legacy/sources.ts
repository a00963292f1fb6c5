import { readdir } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { NewsmirrorError } from "../errors.js";

/**
 * One file an older mirror wrote, and the feed it goes to. A class with the paths derived on
 * demand: 100,000 of these live through an import, and each string kept costs ~100 bytes.
 */
export class SourceFile {
  constructor(
    /** The source folder given on the command line (absolute). */
    readonly root: string,
    /** Relative to `root`, with `/`. */
    readonly rel: string,
    /** The folder the feed is named after (see feedFolder). */
    readonly folder: string,
    readonly feed: string,
  ) {}

  get path(): string {
    return join(this.root, this.rel);
  }

  /** The path as the report names it: the source folder's name, then `rel`. */
  get label(): string {
    return `${basename(this.root)}/${this.rel}`;
  }
}

/**
 * Folders that only hold articles and say nothing about the site: an article directly in one
 * of them belongs to the feed named after the source folder itself (its repository).
 */
const CONTAINERS: ReadonlySet<string> = new Set([
  "articles",
  "_posts",
  "posts",
  "_drafts",
  "content",
]);
/** The older mirrors' lists, not articles. */
const LISTS = /^(readme|index|changelog|license)\.(md|txt)$/i;
const ARTICLE = /\.(md|markdown|txt)$/i;

function feedFolder(root: string, rel: string): string {
  const dirs = rel.split("/").slice(0, -1);
  for (let i = dirs.length - 1; i >= 0; i--) {
    const name = dirs[i] as string;
    if (!CONTAINERS.has(name.toLowerCase())) return name;
  }
  return basename(root);
}

/**
 * Every article file under the source folders, in path order: `.md`, `.markdown` and `.txt`,
 * leaving out hidden folders, node_modules, lists (README.md …) and the archive being written
 * (when it lies inside a source). The feed is the nearest folder that is not a mere container.
 */
export async function listSourceFiles(
  dirs: readonly string[],
  options: { feedFor: (folder: string) => string; out: string },
): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const out = resolve(options.out);
  // One string per folder and feed, shared by their files, rather than one copy per file.
  const names = new Map<string, { folder: string; feed: string }>();
  const named = (folder: string) => {
    let name = names.get(folder);
    if (!name) names.set(folder, (name = { folder, feed: options.feedFor(folder) }));
    return name;
  };
  for (const dir of dirs) {
    const root = resolve(dir);
    const walk = async (abs: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(abs, { withFileTypes: true });
      } catch (error) {
        throw unreadable(dir, abs, error);
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const path = join(abs, entry.name);
        if (entry.name.startsWith(".")) continue;
        if (entry.isDirectory()) {
          if (entry.name !== "node_modules" && path !== out) await walk(path);
        } else if (entry.isFile() && ARTICLE.test(entry.name) && !LISTS.test(entry.name)) {
          const rel = relative(root, path).split(sep).join("/");
          const { folder, feed } = named(feedFolder(root, rel));
          files.push(new SourceFile(root, rel, folder, feed));
        }
      }
    };
    await walk(root);
  }
  return files;
}

/** A source that is no folder is a mistake in the command (exit 2); a folder inside it unreadable, not. */
function unreadable(dir: string, abs: string, error: unknown): NewsmirrorError {
  const code = (error as NodeJS.ErrnoException).code;
  if (abs === resolve(dir) && code === "ENOENT")
    return new NewsmirrorError("E_USAGE", `${dir}: no such folder`, {
      suggestion: "give the older mirror's folder (git clone it first), or its articles/ folder",
    });
  if (abs === resolve(dir) && code === "ENOTDIR")
    return new NewsmirrorError("E_USAGE", `${dir}: a file, not a folder`, {
      suggestion: "give the folder that holds the older mirror's files",
    });
  return new NewsmirrorError("E_IMPORT", `${dir}: cannot read ${abs} (${code ?? "error"})`, {
    suggestion: "give a folder of an older mirror's archive that you can read",
  });
}
