import { escapeHtml } from "../text/html-text.js";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { fileNameDate } from "../legacy/dates.js";
import { gitFirstSeen } from "../legacy/git.js";
import {
  LegacyParseError,
  parseLegacy,
  type LegacyArticle,
  type TimeSource,
} from "../legacy/parse.js";
import type { SourceFile } from "../legacy/sources.js";
import { entryHash } from "../selection/identity.js";

/** What the first pass keeps of a file: enough to find duplicates, never the body itself. */
export interface Scanned {
  file: SourceFile;
  hash: string;
  published: number;
  timeSource: TimeSource;
  /** Characters of visible text: the fullest body of a set of duplicates is kept. */
  fullness: number;
}

export interface ImportProblem {
  file: string;
  message: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads and parses one source file; a LegacyParseError (or unreadable bytes) is the file's problem. */
export function readLegacy(file: SourceFile): LegacyArticle {
  const where = file.label;
  let text: string;
  try {
    text = utf8.decode(readFileSync(file.path));
  } catch (error) {
    const why = error instanceof TypeError ? "it is not UTF-8 text" : (error as Error).message;
    throw new LegacyParseError(`${where}: ${why}`);
  }
  return parseLegacy(text, where);
}

/** The title without white space, lower-cased: same-title duplicates share it. */
export function titleKey(title: string): string {
  return title.replace(/\s+/g, "").toLowerCase();
}

/** The order in which times are taken when line 1 gives none (the order, file name added). */
const FALLBACKS: readonly TimeSource[] = ["front-matter", "date-line", "body-date", "file-name"];

/**
 * The article's time and where it came from: line 1, else what the file says elsewhere, else
 * when git first saw the file, else its mtime. Git is asked once per source folder, and only
 * when some file needs it.
 */
export function timePicker(): (
  file: SourceFile,
  article: LegacyArticle,
) => Promise<{ published: number; source: TimeSource }> {
  const git = new Map<string, Promise<Map<string, number> | undefined>>();
  return async (file, article) => {
    const times = { ...article.times, "file-name": fileNameDate(basename(file.path)) };
    for (const source of ["header", ...FALLBACKS] as const) {
      const ms = times[source];
      if (ms !== undefined) return { published: ms, source };
    }
    let seen = git.get(file.root);
    if (!seen) git.set(file.root, (seen = gitFirstSeen(file.root)));
    const first = (await seen)?.get(file.rel);
    if (first !== undefined) return { published: first, source: "git" };
    return { published: Math.floor(statSync(file.path).mtimeMs), source: "mtime" };
  };
}

/**
 * The first pass: every file read and parsed once, kept as a small record (the bodies are
 * read again when written), or listed as a problem with what could not be read.
 */
export async function scanSources(
  files: readonly SourceFile[],
): Promise<{ scanned: Scanned[]; titleKeys: string[]; problems: ImportProblem[] }> {
  const scanned: Scanned[] = [];
  // Beside the records, not in them: only grouping needs the titles, and groups live on.
  const titleKeys: string[] = [];
  const problems: ImportProblem[] = [];
  const pickTime = timePicker();
  for (const file of files) {
    let article: LegacyArticle;
    try {
      article = readLegacy(file);
    } catch (error) {
      if (!(error instanceof LegacyParseError)) throw error;
      problems.push({ file: file.label, message: error.message });
      continue;
    }
    const { published, source } = await pickTime(file, article);
    const title = escapeHtml(article.title);
    scanned.push({
      file,
      hash: entryHash({ link: article.link, title, content: article.html }),
      published,
      timeSource: source,
      fullness: article.html.replace(/<[^>]*>|\s+/g, "").length,
    });
    titleKeys.push(titleKey(article.title));
  }
  return { scanned, titleKeys, problems };
}
