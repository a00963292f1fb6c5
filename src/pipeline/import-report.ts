import type { SourceFile } from "../legacy/sources.js";
import type { ImportProblem } from "./import-scan.js";
import type { ArticleGroup } from "./import-select.js";
import type { TimeSource } from "../legacy/parse.js";

export interface ImportReport {
  /** Files read; always imported + merged + existing + failed. */
  files: number;
  imported: number;
  /** Files that were a duplicate of an imported one. */
  merged: number;
  /** Files whose article the archive had already (an earlier import, or a fetch). */
  existing: number;
  failed: number;
  /** Per imported article (when asked for): the file, the item, where its time came from. */
  articles: { file: string; path: string; time: TimeSource }[];
  /** How many imported articles took their time from each source. */
  times: Partial<Record<TimeSource, number>>;
  /** Duplicates collapsed into one item: whose body was kept, whose time. */
  merges: { path: string; kept: string; timeFrom: string; files: string[] }[];
  /** Every file that could not be imported, with why (code E_IMPORT). */
  problems: ImportProblem[];
  feeds: { feed: string; folder: string; imported: number }[];
}

/**
 * What became of the articles handed to the writer, kept as the exceptions only (100,000
 * articles would otherwise hold as many entries): the rest were written, at paths derived again.
 */
export interface Written {
  count: number;
  /** Their item was there already: a fetch of the same link wrote it meanwhile. */
  existed: Set<ArticleGroup>;
  /** Their kept file could not be read a second time. */
  failed: Set<ArticleGroup>;
}

/** The report of an import: every file counted once, as imported, merged, existing or failed. */
export function summarize(
  files: readonly SourceFile[],
  fresh: readonly ArticleGroup[],
  archived: readonly ArticleGroup[],
  written: Written,
  pathOf: (group: ArticleGroup) => string,
  problems: ImportProblem[],
  listArticles: boolean,
): ImportReport {
  const report: ImportReport = {
    files: files.length,
    imported: 0,
    merged: 0,
    existing: archived.reduce((n, g) => n + g.members.length, 0),
    failed: 0,
    articles: [],
    times: {},
    merges: [],
    problems: [...problems],
    feeds: [],
  };
  const perFeed = new Map<string, { feed: string; folder: string; imported: number }>();
  for (const group of fresh) {
    if (written.failed.has(group)) report.problems.push(...copiesOfUnread(group));
    else if (written.existed.has(group)) report.existing += group.members.length;
    else {
      countImported(report, group, pathOf(group), listArticles);
      const feed = perFeed.get(group.feed) ?? {
        feed: group.feed,
        folder: group.keep.file.folder,
        imported: 0,
      };
      feed.imported++;
      perFeed.set(group.feed, feed);
    }
  }
  report.feeds = [...perFeed.values()].sort((a, b) => (a.feed < b.feed ? -1 : 1));
  report.failed = report.problems.length;
  report.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return report;
}

/** The kept file failed on its second reading: its copies are listed with it. */
function copiesOfUnread(group: ArticleGroup): ImportProblem[] {
  return group.members
    .filter((m) => m !== group.keep)
    .map((copy) => ({
      file: copy.file.label,
      message: `${copy.file.label}: a copy of ${group.keep.file.label}, which could not be read`,
    }));
}

/** One imported article in the report: counted, its time source, its merge if it had copies. */
function countImported(
  report: ImportReport,
  group: ArticleGroup,
  path: string,
  listArticles: boolean,
): void {
  report.imported++;
  report.merged += group.members.length - 1;
  if (listArticles) {
    report.articles.push({ file: group.keep.file.label, path, time: group.timeSource });
  }
  report.times[group.timeSource] = (report.times[group.timeSource] ?? 0) + 1;
  if (group.members.length > 1) {
    report.merges.push({
      path,
      kept: group.keep.file.label,
      timeFrom: group.timeFrom.file.label,
      files: group.members.map((m) => m.file.label).sort(),
    });
  }
}
