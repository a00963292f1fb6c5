import type { TimeSource } from "../legacy/parse.js";
import { feedHashes } from "../writer/walk.js";
import type { Scanned } from "./import-scan.js";

/** The files that are one article, and what of each the item keeps. */
export interface ArticleGroup {
  feed: string;
  /** Every file of the article, in path order. */
  members: Scanned[];
  /** The fullest body: its title, link and body are what is written. */
  keep: Scanned;
  /** The earliest time any of them gives, and its source. */
  published: number;
  timeSource: TimeSource;
  /** The file that gave that time. */
  timeFrom: Scanned;
}

/**
 * How far apart two same-title files may lie to be taken for one article stored twice: the
 * older mirrors stored a story again within hours (a second id, a rewritten path), while a
 * recurring column ("每日新闻") comes back under its title a day later as a new article.
 */
export const SAME_TITLE_WINDOW_MS = 12 * 60 * 60 * 1000;
/** Titles this short ("视频", "Update") say too little to call two files one article. */
const MIN_TITLE_KEY = 4;

function unionFind(size: number) {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  return {
    find,
    union: (a: number, b: number) => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

function fuller(a: Scanned, b: Scanned): Scanned {
  if (a.fullness !== b.fullness) return a.fullness > b.fullness ? a : b;
  if (a.published !== b.published) return a.published < b.published ? a : b;
  return a.file.label <= b.file.label ? a : b;
}

/**
 * Collapses duplicates within each feed: files with the same identity (normalized link, else
 * title and time), and files with the same title less than SAME_TITLE_WINDOW_MS apart.
 * Groups come out ordered by time, then hash: the order they are written in.
 */
export function groupDuplicates(
  scanned: readonly Scanned[],
  /** Per scanned file, its title key (see titleKey). */
  titleKeys: readonly string[],
): ArticleGroup[] {
  const sets = unionFind(scanned.length);
  const byHash = new Map<string, number>();
  const byTitle = new Map<string, number[]>();
  scanned.forEach((one, i) => {
    const hashKey = `${one.file.feed}\0${one.hash}`;
    const first = byHash.get(hashKey);
    if (first === undefined) byHash.set(hashKey, i);
    else sets.union(first, i);
    const title = titleKeys[i] as string;
    if (title.length < MIN_TITLE_KEY) return;
    const titleKey = `${one.file.feed}\0${title}`;
    const same = byTitle.get(titleKey);
    if (same) same.push(i);
    else byTitle.set(titleKey, [i]);
  });
  for (const indexes of byTitle.values()) {
    if (indexes.length < 2) continue;
    indexes.sort((a, b) => (scanned[a] as Scanned).published - (scanned[b] as Scanned).published);
    for (let k = 1; k < indexes.length; k++) {
      const [a, b] = [indexes[k - 1] as number, indexes[k] as number];
      const gap = (scanned[b] as Scanned).published - (scanned[a] as Scanned).published;
      if (gap <= SAME_TITLE_WINDOW_MS) sets.union(a, b);
    }
  }
  const members = new Map<number, Scanned[]>();
  scanned.forEach((one, i) => {
    const root = sets.find(i);
    const group = members.get(root);
    if (group) group.push(one);
    else members.set(root, [one]);
  });
  const groups = [...members.values()].map((files): ArticleGroup => {
    const keep = files.reduce(fuller);
    const timeFrom = files.reduce((a, b) => (b.published < a.published ? b : a));
    return {
      feed: keep.file.feed,
      members: files,
      keep,
      published: timeFrom.published,
      timeSource: timeFrom.timeSource,
      timeFrom,
    };
  });
  return groups.sort((a, b) =>
    a.published !== b.published ? a.published - b.published : a.keep.hash < b.keep.hash ? -1 : 1,
  );
}

/**
 * Splits off the articles the archive has already: an item file named by the hash of any of
 * the group's files (an earlier import, or a fetch of the same link). Reads file names only.
 */
export async function splitArchived(
  out: string,
  groups: readonly ArticleGroup[],
): Promise<{ fresh: ArticleGroup[]; archived: ArticleGroup[] }> {
  const known = new Map<string, Set<string>>();
  for (const feed of new Set(groups.map((g) => g.feed)))
    known.set(feed, await feedHashes(out, feed));
  const fresh: ArticleGroup[] = [];
  const archived: ArticleGroup[] = [];
  for (const group of groups) {
    const hashes = known.get(group.feed) as Set<string>;
    if (group.members.some((m) => hashes.has(m.hash))) archived.push(group);
    else {
      fresh.push(group);
      hashes.add(group.keep.hash);
    }
  }
  return { fresh, archived };
}
