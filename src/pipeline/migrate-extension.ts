import { openArchive } from "../writer/archive.js";
import { startMigration } from "../writer/extension.js";
import type { ItemExtension } from "../writer/layout.js";
import { completeMigration, type MigrateResult } from "../writer/migrate.js";
import type { ArchiveSettings } from "./settings.js";

/**
 * `newsmirror migrate-extension`: items, index and lists renamed to `.txt` or `.md`. The marker
 * goes first, so a run killed at any point is finished by whichever run opens the archive next.
 */
export async function runMigrateExtension(
  settings: ArchiveSettings,
  to: ItemExtension,
): Promise<MigrateResult> {
  const archive = await openArchive(settings);
  try {
    await startMigration(settings.out, to);
    const result = await completeMigration(settings.out, settings, to);
    await archive.complete(archive.state);
    return result;
  } finally {
    await archive.release();
  }
}
