import { withoutName } from "../text/named.js";
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { configJsonSchema, SCHEMA_FILE } from "../config/json-schema.js";
import { feedIdProblem, type FeedConfig } from "../config/schema.js";
import { describeError, NewsmirrorError } from "../errors.js";
import { createHttpClient, type HttpClient } from "../fetcher/http/client.js";
import { parseFeed } from "../fetcher/parse/index.js";
import { WORKFLOW, WORKFLOW_FILE } from "./init-workflow.js";

export interface InitSettings {
  urls: readonly string[];
  /** The folder the files go to. */
  dir: string;
  configFile: string;
  githubActions: boolean;
  force: boolean;
  userAgent: string;
}

export interface InitResult {
  feeds: FeedConfig[];
  /** One line per URL that could not be read: its feed is still written, named from its URL. */
  problems: string[];
  written: string[];
}

/** `newsmirror init`: each URL fetched once for its title, then the config (and workflow). */
export async function runInit(settings: InitSettings, client?: HttpClient): Promise<InitResult> {
  const files: [string, string][] = [[settings.configFile, ""]];
  if (settings.githubActions) files.push([WORKFLOW_FILE, WORKFLOW]);
  await refuseToOverwrite(
    settings,
    files.map(([file]) => file),
  );
  const http = client ?? createHttpClient({ userAgent: settings.userAgent });
  const problems: string[] = [];
  const feeds: FeedConfig[] = [];
  try {
    for (const url of settings.urls) {
      let failure: string | undefined;
      const title = await feedTitle(url, http).catch((error: unknown) => {
        const { code, message } = describeError(error);
        failure = `${code} ${url}: ${withoutUrl(url, withoutName(url, message))}`;
        return undefined;
      });
      const id = uniqueId(readableId(title, url), feeds);
      if (failure) problems.push(`${failure} (written as "${id}", without a title: check its URL)`);
      feeds.push({ id, url, ...(title ? { title } : {}) });
    }
  } finally {
    if (!client) await http.close();
  }
  const config = { $schema: `./${SCHEMA_FILE}`, out: "archive", feeds };
  files[0]![1] = `${JSON.stringify(config, null, 2)}\n`;
  files.push([SCHEMA_FILE, `${JSON.stringify(configJsonSchema(), null, 2)}\n`]);
  for (const [file, text] of files) {
    await mkdir(dirname(join(settings.dir, file)), { recursive: true });
    await writeFile(join(settings.dir, file), text);
  }
  return { feeds, problems, written: files.map(([file]) => file) };
}

/** The line already starts with the URL: a message ending in it (`… from URL`) would say it twice. */
function withoutUrl(url: string, message: string): string {
  for (const tail of [` from ${url}`, `: ${url}`])
    if (message.endsWith(tail)) return message.slice(0, -tail.length);
  return message;
}

async function refuseToOverwrite(settings: InitSettings, files: string[]): Promise<void> {
  if (settings.force) return;
  for (const file of files) {
    const exists = await access(join(settings.dir, file)).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new NewsmirrorError("E_USAGE", `${file} exists already: init leaves it as it is`, {
        suggestion: "edit it, or run init with --force to replace it",
      });
  }
}

async function feedTitle(url: string, http: HttpClient): Promise<string | undefined> {
  if (!/^https?:\/\//i.test(url))
    throw new NewsmirrorError("E_USAGE", "not an http(s) URL", { suggestion: "give feed URLs" });
  const response = await http.get(url, { label: url });
  if (response.status === 304) return undefined;
  const feed = await parseFeed(response.body, {
    url: response.url,
    contentType: response.contentType,
    label: url,
  });
  return feed.title?.trim() || undefined;
}

/** Host labels that say nothing about the site (`co` of bbc.co.uk, `feeds` of feeds.x.com). */
const PLAIN_LABELS = new Set([
  "www",
  "feeds",
  "feed",
  "rss",
  "news",
  "co",
  "com",
  "org",
  "net",
  "gov",
  "ac",
  "edu",
]);

/**
 * A short id a person would pick: the title when it is plain ASCII words ("Hacker News" →
 * hacker-news), else the site's name from the host (feeds.bbci.co.uk → bbci).
 */
export function readableId(title: string | undefined, url: string): string {
  const fromTitle = (title ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (fromTitle.length >= 2 && fromTitle.length <= 30 && /^[\x20-\x7e]+$/.test(title ?? ""))
    return fromTitle;
  let host = "";
  try {
    host = new URL(url).hostname;
  } catch {
    // not a URL: fall through to "feed"
  }
  if (/^[\d.]+$|:/.test(host)) return "feed";
  const labels = host
    .split(".")
    .slice(0, -1)
    .filter((l) => !PLAIN_LABELS.has(l) && /^[a-z0-9-]+$/.test(l));
  return labels.at(-1) ?? "feed";
}

function uniqueId(base: string, taken: readonly FeedConfig[]): string {
  const ok = (id: string) => !feedIdProblem(id) && !taken.some((f) => f.id === id);
  if (ok(base)) return base;
  for (let n = 2; ; n++) if (ok(`${base}-${n}`)) return `${base}-${n}`;
}
