import type { ConvertOptions } from "../converter/convert.js";
import type { OpenArchive } from "../writer/archive.js";
import { fileBytes, scanMonth } from "../writer/items.js";
import { TaskPool } from "../limit.js";
import type { Outcome } from "./rerender-file.js";
import { Conversions } from "./rerender-helper.js";

export interface FeedOptions {
  byFeed: ReadonlyMap<string, ConvertOptions>;
  /** For feed folders the config does not name. */
  fallback: ConvertOptions;
}

export interface MonthResult {
  items: number;
  changed: string[];
  /** Sorted. */
  problems: string[];
}

/**
 * Every month's files read one at a time, converted (on this thread, and on a worker once
 * there are many), and written back when their bytes change: a few writes in flight while the
 * scan goes on, nothing kept in memory but the month's paths.
 */
export async function rerenderMonths(
  out: string,
  months: ReadonlyMap<string, readonly string[]>,
  options: FeedOptions,
  archive: OpenArchive | undefined,
): Promise<{ months: MonthResult[]; byWorker: number }> {
  const conversions = new Conversions(options);
  const pool = new TaskPool();
  // Queued, not awaited: the scan goes on while a few writes are in flight.
  const write =
    archive && ((path: string, text: string) => pool.add(() => archive.replaceItem(path, text)));
  const results: MonthResult[] = [];
  try {
    for (const [month, feeds] of months) {
      results.push(await rerenderMonth(out, month, feeds, conversions, write));
    }
  } finally {
    await conversions.close();
  }
  await pool.drain();
  return { months: results, byWorker: conversions.byWorker };
}

async function rerenderMonth(
  out: string,
  month: string,
  feeds: readonly string[],
  conversions: Conversions,
  write: ((path: string, text: string) => Promise<void>) | undefined,
): Promise<MonthResult> {
  const result: MonthResult = { items: 0, changed: [], problems: [] };
  const found: string[] = [];
  let toWrite: [path: string, text: string][] = [];
  const handle = (path: string, outcome: Outcome) => {
    if ("problem" in outcome) return void found.push(outcome.problem);
    result.items++;
    if (outcome.changed === undefined) return;
    result.changed.push(path);
    if (write) toWrite.push([path, outcome.changed]);
  };
  const writeAll = async () => {
    const batch = toWrite;
    toWrite = [];
    for (const [path, text] of batch) await write?.(path, text);
  };
  const problems = await scanMonth(out, month, feeds, fileBytes, (file, bytes) => {
    conversions.convert(file, bytes, handle);
    if (toWrite.length > 0) return writeAll();
  });
  await conversions.drain(handle);
  await writeAll();
  // Sorted as one list, wherever each file was converted: the same lines in the same order.
  result.problems = [...problems, ...found].sort();
  return result;
}
