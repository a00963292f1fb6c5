import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseConfig } from "../config/load.js";
import { parseOpml, renderOpml, type OpmlOutline } from "../config/opml.js";
import { feedIdProblem, type FeedConfig } from "../config/schema.js";
import { NewsmirrorError, readFailure } from "../errors.js";
import { readableId } from "./init.js";

/** What `feeds import` did with each outline; every outline is one of these, never dropped. */
export interface FeedsImport {
  added: (FeedConfig & { position: number })[];
  /** One line per outline left out: where it is, its title, and why. */
  problems: string[];
  outlines: number;
  /** How many feeds the config has afterwards. */
  total: number;
}

/** Longer titles make unwieldy folder names: the host's name is used instead. */
const ID_FROM_TITLE_MAX = 32;

/** `feed://host/x` and `feed:https://host/x` are how some pages link feeds. */
function feedUrl(raw: string): string | undefined {
  const url = raw.replace(/^feed:(?!\/\/)/i, "").replace(/^feed:\/\//i, "http://");
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  return url;
}

/** Two spellings of one URL (case of the host, default port) are one feed. */
function urlKey(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

function where(file: string, o: OpmlOutline): string {
  const title = o.title ? ` ${JSON.stringify(o.title)}` : "";
  return `${file}: outline ${o.position} (line ${o.line})${title}`;
}

/**
 * A folder name from a title in any script: letters, digits and the marks that belong to them
 * (Devanagari's vowel signs, Arabic's harakat), words joined by "-".
 */
function slugOf(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^[-\p{M}]+|-+$/gu, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** The id: the one a `feeds export` recorded, else from the title, else from the host. */
function idFor(o: OpmlOutline, url: string, taken: Set<string>): string {
  const free = (id: string) => !feedIdProblem(id) && !taken.has(id.toLowerCase());
  if (o.id && free(o.id)) return o.id;
  const slug = o.title ? slugOf(o.title) : "";
  const base =
    slug && slug.length <= ID_FROM_TITLE_MAX && !feedIdProblem(slug)
      ? slug
      : readableId(undefined, url);
  if (free(base)) return base;
  // "World" in two outlets' categories: the category tells them apart before a number does.
  const category = o.categories.at(-1);
  const within = category ? slugOf(`${category} ${base}`) : "";
  if (within && within.length <= ID_FROM_TITLE_MAX + 20 && free(within)) return within;
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}

async function readText(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && what === "config") return undefined;
    throw new NewsmirrorError(
      what === "config" ? "E_CONFIG" : "E_OPML",
      `${file}: cannot read ${what}: ${readFailure(error)}`,
      { suggestion: "check the path" },
    );
  }
}

/** The config as JSON (every other field kept as it is), `{}` when there is none yet. */
async function readConfigJson(file: string): Promise<Record<string, unknown>> {
  const text = await readText(file, "config");
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NewsmirrorError("E_CONFIG", `${file}: not valid JSON: ${(error as Error).message}`, {
      suggestion: "fix the config first (newsmirror config check)",
    });
  }
  parseConfig(json, file);
  return json as Record<string, unknown>;
}

/**
 * `newsmirror feeds import FILE.opml`: every feed outline not yet in the config is added to it
 * (its id from its title, made unique), the rest reported one line each. The config is
 * replaced in one rename, and only when the result is a valid config.
 */
export async function runFeedsImport(options: {
  config: string;
  opml: string;
  dryRun: boolean;
}): Promise<FeedsImport> {
  const json = await readConfigJson(options.config);
  const feeds = (Array.isArray(json.feeds) ? json.feeds : []) as FeedConfig[];
  const doc = parseOpml((await readText(options.opml, "OPML file")) ?? "", options.opml);
  const name = basename(options.opml);
  const taken = new Set(feeds.map((f) => f.id.toLowerCase()));
  const seen = new Map<string, string>(
    feeds.map((f) => [urlKey(f.url), `feed ${f.id} of the config`]),
  );
  const result: FeedsImport = { added: [], problems: [], outlines: doc.outlines.length, total: 0 };
  for (const o of doc.outlines) {
    const skip = (why: string) => result.problems.push(`${where(name, o)}: ${why}; skipped`);
    if (o.xmlUrl === undefined) {
      skip(
        o.link
          ? `a link to ${o.link}, not a feed (it has no xmlUrl)`
          : "no xmlUrl, so no feed to follow (an empty category, or a note)",
      );
      continue;
    }
    const url = feedUrl(o.xmlUrl);
    if (!url) {
      skip(`xmlUrl ${JSON.stringify(o.xmlUrl)} is not an http(s) URL`);
      continue;
    }
    const earlier = seen.get(urlKey(url));
    if (earlier) {
      skip(`the same feed as ${earlier}`);
      continue;
    }
    const id = idFor(o, url, taken);
    taken.add(id.toLowerCase());
    seen.set(urlKey(url), `outline ${o.position} (line ${o.line}, feed ${id})`);
    result.added.push({ id, url, ...(o.title ? { title: o.title } : {}), position: o.position });
  }
  const next = [...feeds, ...result.added.map(({ position: _, ...feed }) => feed)];
  result.total = next.length;
  if (options.dryRun || result.added.length === 0) return result;
  const config = { ...json, feeds: next };
  parseConfig(config, options.config);
  await replaceFile(options.config, `${JSON.stringify(config, null, 2)}\n`);
  return result;
}

/** Written beside it, then renamed: a kill leaves the old config or the new, never half. */
async function replaceFile(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, text, { flag: "wx" });
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** `newsmirror feeds export`: the config's feeds as OPML 2.0. */
export function feedsOpml(feeds: readonly FeedConfig[]): string {
  return renderOpml(
    feeds.map((f) => ({ id: f.id, url: f.url, ...(f.title ? { title: f.title } : {}) })),
    "newsmirror feeds",
  );
}
