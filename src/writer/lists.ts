import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.js";
import { listShardMonths, readShard, type IndexEntry } from "./index-file.js";
import { escapeLinkDestination } from "../text/markdown-link.js";
import { LIST_FILE } from "./layout.js";

/** How many items each list shows: the feed page and, per feed, the archive's front page. */
export const FEED_LIST_LENGTH = 300;
export const FRONT_LIST_LENGTH = 10;

export interface ListOptions {
  timezone: string;
  /** Display names of feeds (from the config); the folder name otherwise. */
  feedTitles: ReadonlyMap<string, string>;
}

interface FeedSummary {
  count: number;
  newest: IndexEntry[];
}

/** Reads shards newest month first, keeping only what the lists show: memory stays small. */
async function summarize(out: string): Promise<Map<string, FeedSummary>> {
  const feeds = new Map<string, FeedSummary>();
  for (const month of (await listShardMonths(out)).reverse()) {
    const entries = await readShard(out, month);
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as IndexEntry;
      let summary = feeds.get(entry.feed);
      if (!summary) feeds.set(entry.feed, (summary = { count: 0, newest: [] }));
      summary.count++;
      if (summary.newest.length < FEED_LIST_LENGTH) summary.newest.push(entry);
    }
  }
  return new Map([...feeds.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function dateFormatter(timezone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (iso) => {
    const parts = Object.fromEntries(
      format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

/** The index keeps plain titles; lists are Markdown, so escape what Markdown would act on. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&-]/g, "\\$&") || "(untitled)";
}

function itemLine(entry: IndexEntry, date: (iso: string) => string, from: string): string {
  const target = from ? entry.path.slice(from.length + 1) : entry.path;
  return `- ${date(entry.published)} [${escapeText(entry.title)}](${escapeLinkDestination(target)})`;
}

export function renderFeedList(feed: string, summary: FeedSummary, options: ListOptions): string {
  const date = dateFormatter(options.timezone);
  const title = options.feedTitles.get(feed) ?? feed;
  const lines = [
    `# ${escapeText(title)}`,
    "",
    `${summary.count} items; the newest ${Math.min(summary.count, FEED_LIST_LENGTH)} below (${options.timezone}).`,
    "",
    ...summary.newest.map((e) => itemLine(e, date, feed)),
  ];
  return `${lines.join("\n")}\n`;
}

export function renderFrontList(summaries: Map<string, FeedSummary>, options: ListOptions): string {
  const date = dateFormatter(options.timezone);
  const lines = ["# News archive", ""];
  if (summaries.size === 0) lines.push("No items yet.", "");
  for (const [feed, summary] of summaries) {
    const title = options.feedTitles.get(feed) ?? feed;
    lines.push(`## [${escapeText(title)}](${escapeLinkDestination(`${feed}/`)})`, "");
    lines.push(`${summary.count} items.`, "");
    lines.push(...summary.newest.slice(0, FRONT_LIST_LENGTH).map((e) => itemLine(e, date, "")), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

async function writeIfChanged(out: string, file: string, text: string): Promise<boolean> {
  const old = await readFile(file, "utf8").catch(() => undefined);
  if (old === text) return false;
  await writeFileAtomic(out, file, text);
  return true;
}

/** Renders the front page and the given feeds' pages (all feeds when `only` is absent). */
export async function writeLists(out: string, options: ListOptions, only?: ReadonlySet<string>) {
  const summaries = await summarize(out);
  await writeIfChanged(out, join(out, LIST_FILE), renderFrontList(summaries, options));
  for (const [feed, summary] of summaries) {
    if (only && !only.has(feed)) continue;
    await writeIfChanged(out, join(out, feed, LIST_FILE), renderFeedList(feed, summary, options));
  }
}
