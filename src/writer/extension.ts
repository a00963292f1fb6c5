import { mkdir, rm, writeFile } from "node:fs/promises";
import { writeFileAtomic } from "./atomic.js";
import { readTextIfAny } from "./read-sync.js";
import { DEFAULT_ITEM_EXTENSION, ITEM_EXTENSIONS, metaPath, type ItemExtension } from "./layout.js";

/** `.newsmirror/layout.json`: what an archive says of itself, for runs without a config. */
const LAYOUT_FILE = "layout.json";

export async function recordedItemExtension(out: string): Promise<ItemExtension | undefined> {
  const text = readTextIfAny(metaPath(out, LAYOUT_FILE));
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as {
      itemExtension?: unknown;
    };
    const ext = parsed.itemExtension;
    return ITEM_EXTENSIONS.find((e) => e === ext);
  } catch {
    return undefined;
  }
}

export async function recordItemExtension(out: string, extension: ItemExtension): Promise<void> {
  const text = `${JSON.stringify({ itemExtension: extension }, null, 2)}\n`;
  await writeFileAtomic(out, metaPath(out, LAYOUT_FILE), text);
}

/**
 * The extension new items get: the config's, else the one the archive was migrated to (so a
 * hand run with only `--out` keeps a `.md` archive `.md`), else the seed's `.txt`.
 */
export async function itemExtensionFor(
  out: string,
  configured: ItemExtension | undefined,
): Promise<ItemExtension> {
  return configured ?? (await recordedItemExtension(out)) ?? DEFAULT_ITEM_EXTENSION;
}

/** Marks a migration under way: whoever opens the archive next finishes it (writer/archive.ts). */
const MIGRATING = "migrating";

export async function migrationUnderWay(out: string): Promise<ItemExtension | undefined> {
  const text = readTextIfAny(metaPath(out, MIGRATING)) ?? "";
  return ITEM_EXTENSIONS.find((e) => e === text);
}

export async function startMigration(out: string, to: ItemExtension): Promise<void> {
  await mkdir(metaPath(out), { recursive: true });
  await writeFile(metaPath(out, MIGRATING), to);
}

export async function endMigration(out: string): Promise<void> {
  await rm(metaPath(out, MIGRATING), { force: true });
}
