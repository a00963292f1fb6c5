import { rename } from "node:fs/promises";
import { join } from "node:path";
import { endMigration, recordItemExtension } from "./extension.js";
import { isItemFileName, itemExtensionOf, type ItemExtension } from "./layout.js";
import { writeLists, type ListOptions } from "./lists.js";
import { rebuildIndex, type RebuildResult } from "./rebuild.js";
import { listMonthFiles, monthsAcrossFeeds } from "./walk.js";

export interface MigrateResult extends RebuildResult {
  renamed: number;
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
 * Everything after the `migrating` marker: renames, index, lists, the archive's own record, then
 * the marker's removal. Safe to run again from any point: that is how a killed one is finished.
 */
export async function completeMigration(
  out: string,
  lists: ListOptions,
  to: ItemExtension,
): Promise<MigrateResult> {
  const renamed = await renameItems(out, to);
  const { items, problems } = await rebuildIndex(out);
  await writeLists(out, lists);
  await recordItemExtension(out, to);
  await endMigration(out);
  return { renamed, items, problems };
}
