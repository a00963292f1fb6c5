import { openArchive } from "../writer/archive.js";
import { assertArchive } from "../writer/dirs.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex, type RebuildResult } from "../writer/rebuild.js";
import type { ArchiveSettings } from "./settings.js";

/** `newsmirror index`: under the archive lock, index and lists made anew from the items. */
export async function runIndex(
  settings: ArchiveSettings,
  options: { create?: boolean } = {},
): Promise<RebuildResult> {
  if (!options.create) await assertArchive(settings.out);
  const archive = await openArchive(settings);
  try {
    const result = await rebuildIndex(settings.out);
    await writeLists(settings.out, settings);
    await archive.close(archive.state);
    return result;
  } finally {
    await archive.release();
  }
}
