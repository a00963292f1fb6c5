import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { describeError, NewsmirrorError } from "../errors.js";
import {
  articleStem,
  EXPORT_REVISION,
  localTimeFormatter,
  renderArticle,
  slugFor,
} from "../export/article.js";
import type { FrontMatterStyle } from "../export/styles.js";
import type { Item } from "../model.js";
import { markdownTitleToText } from "../text/markdown-title.js";
import { clearTmp } from "../writer/atomic.js";
import { assertArchive, checkOutputFolder } from "../writer/dirs.js";
import { parseItem } from "../writer/item-file.js";
import { META_DIR } from "../writer/layout.js";
import { scanMonth, type StoredFile } from "../writer/items.js";
import { monthsAcrossFeeds } from "../writer/walk.js";
import { ExportFolder } from "./export-files.js";
import type { ArchiveSettings } from "./settings.js";

export interface ExportOptions {
  /** The folder to export into (a Jekyll or Hugo site, or any folder). */
  to: string;
  style: FrontMatterStyle;
}

export interface ExportReport {
  to: string;
  articles: number;
  written: number;
  unchanged: number;
  /** Files of an earlier export whose item the archive no longer has (relative to `to`). */
  removed: string[];
  /** One line per item file that could not be read or exported, naming it. */
  problems: string[];
}

/** The export folder must not be, or be inside, the archive: its files would look like feeds. */
async function checkTarget(out: string, to: string): Promise<void> {
  const rel = relative(resolve(out), resolve(to));
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside)
    throw new NewsmirrorError("E_USAGE", `--to ${to} is inside the archive ${out}`, {
      suggestion: "export into a folder outside the archive, e.g. --to site",
    });
  // Another archive's .newsmirror holds its lock, state and temporary files: never touch them.
  const meta = await readdir(join(to, META_DIR)).catch(() => [] as string[]);
  if (meta.some((name) => name !== "export.json" && name !== "tmp"))
    throw new NewsmirrorError("E_USAGE", `--to ${to} is a newsmirror archive`, {
      suggestion: "export into a folder of its own, e.g. --to site",
    });
}

/** The bytes an article's file is made from, so an unchanged one is neither read nor rendered. */
function inputDigest(bytes: Uint8Array, style: string, timezone: string): string {
  return createHash("sha256")
    .update(`${EXPORT_REVISION}\n${style}\n${timezone}\n`)
    .update(bytes)
    .digest("hex")
    .slice(0, 16);
}

/** What one export run carries from item to item. */
interface Run {
  folder: ExportFolder;
  style: FrontMatterStyle;
  localTime: (ms: number) => string;
  report: ExportReport;
}

interface ReadItem {
  item: Item;
  input: string;
}

/** Parses an item file's bytes; a damaged item keeps the file an earlier export made of it. */
function itemReader(folder: ExportFolder, style: string, timezone: string) {
  return (bytes: Uint8Array, path: string): ReadItem => {
    try {
      const item = parseItem(Buffer.from(bytes).toString("utf8"), path);
      return { item, input: inputDigest(bytes, style, timezone) };
    } catch (error) {
      folder.keep(path);
      throw error;
    }
  };
}

/** One item: its file's name, then nothing (input unchanged), or its bytes written if new. */
async function exportItem(run: Run, file: StoredFile, { item, input }: ReadItem): Promise<void> {
  const { folder, report } = run;
  const key = `${file.feed}/${file.hash}`;
  const title = markdownTitleToText(item.title);
  const time = run.localTime(item.published);
  const stem = articleStem(run.style, file.feed, time, slugFor(title, file.hash));
  const path = folder.pathFor(key, stem, file.hash);
  if (await folder.isCurrent(key, path, input)) {
    await folder.put(key, path, input);
    report.articles++;
    report.unchanged++;
    return;
  }
  let text: string;
  try {
    text = renderArticle(run.style, { ...item, title, feed: file.feed }, time);
  } catch (error) {
    folder.keep(file.path);
    report.problems.push(`${file.path}: not exported: ${describeError(error).message}`);
    return;
  }
  report.articles++;
  if (await folder.put(key, path, input, text)) report.written++;
  else report.unchanged++;
}

/**
 * `newsmirror export markdown`: every archived item as a Markdown file with front matter, top
 * to bottom: check the folders → each month, each item: its name, skip it when its input is
 * unchanged, else render and write what differs → remove the files of items gone → save the
 * folder's manifest. Reads the archive without its lock (items are written whole, once).
 */
export async function runExport(
  settings: ArchiveSettings,
  options: ExportOptions,
): Promise<ExportReport> {
  const { out, timezone } = settings;
  await assertArchive(out);
  await checkTarget(out, options.to);
  await checkOutputFolder("--to", options.to);
  await clearTmp(options.to);
  const folder = await ExportFolder.open(options.to, options.style);
  const report: ExportReport = {
    to: options.to,
    articles: 0,
    written: 0,
    unchanged: 0,
    removed: [],
    problems: [],
  };
  const run: Run = {
    folder,
    style: options.style,
    localTime: localTimeFormatter(timezone),
    report,
  };
  const read = itemReader(folder, options.style, timezone);
  for (const [month, feeds] of await monthsAcrossFeeds(out)) {
    const problems = await scanMonth(out, month, feeds, read, (file, parsed) =>
      exportItem(run, file, parsed),
    );
    report.problems.push(...problems);
  }
  report.removed = await folder.removeStale();
  await folder.save();
  await clearTmp(options.to);
  return report;
}
