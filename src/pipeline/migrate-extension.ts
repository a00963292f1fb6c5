import { rename } from "node:fs/promises";
import { join } from "node:path";
import { endMigration, recordItemExtension, startMigration } from "../writer/extension.js";
import { isItemFileName, itemExtensionOf, type ItemExtension } from "../writer/layout.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex } from "../writer/rebuild.js";
import { listMonthFiles, monthsAcrossFeeds } from "../writer/walk.js";
import { openArchive } from "./archive.js";
import type { ArchiveSettings } from "./settings.js";

export interface MigrateResult {
  renamed: number;
  items: number;
  problems: string[];
}

/** Renames every item file to `to`. Each rename is atomic, so a crash leaves each file whole. */
async function renameItems(out: string, to: ItemExtension): Promise<number> {
  let renamed = 0;
  for (const [month, feeds] of await monthsAcrossFeeds(out)) {
    for (const feed of feeds) {
      for (const name of await listMonthFiles(out, feed, month)) {
        if (!isItemFileName(name) || itemExtensionOf(name) === to) continue;
        const dir = join(out, feed, month);
        await rename(join(dir, name), join(dir, `${name.slice(0, 16)}.${to}`));
        renamed++;
      }
    }
  }
  return renamed;
}

/**
 * Everything after the marker is written: renames, index, lists, the archive's own record.
 * Safe to run again from any point, which is what finishing an interrupted migration does.
 */
export async function completeMigration(
  settings: ArchiveSettings,
  to: ItemExtension,
): Promise<MigrateResult> {
  const { out } = settings;
  const renamed = await renameItems(out, to);
  const { items, problems } = await rebuildIndex(out);
  await writeLists(out, settings);
  await recordItemExtension(out, to);
  await endMigration(out);
  return { renamed, items, problems };
}

/** `newsmirror migrate-extension`: items, index and lists renamed to `.txt` or `.md` at once. */
export async function runMigrateExtension(
  settings: ArchiveSettings,
  to: ItemExtension,
): Promise<MigrateResult> {
  const archive = await openArchive(settings);
  try {
    await startMigration(settings.out, to);
    const result = await completeMigration(settings, to);
    await archive.close(archive.state);
    return result;
  } finally {
    await archive.release();
  }
}
