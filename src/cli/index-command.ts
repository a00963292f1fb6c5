import { openArchive } from "../pipeline/archive.js";
import type { ArchiveSettings } from "../pipeline/settings.js";
import { writeLists } from "../writer/lists.js";
import { rebuildIndex, type RebuildResult } from "../writer/rebuild.js";

/** `newsmirror index`: under the archive lock, index and lists made anew from the items. */
export async function rebuildAndList(settings: ArchiveSettings): Promise<RebuildResult> {
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
