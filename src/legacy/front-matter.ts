import { parse } from "yaml";

/** What a Jekyll-style post says about itself in its front matter, as far as import needs it. */
export interface FrontMatter {
  title?: string;
  /** The article's own URL: `from` (the NodeBE4 mirrors), else `link`, `url` or `source`. */
  link?: string;
  /** The `date` value as written (string, or number for a bare year or timestamp). */
  date?: string;
  author?: string;
  categories: string[];
}

const OPEN = /^---[ \t]*\n/;
const CLOSE = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => text(v) ?? []);
  const one = text(value);
  return one ? one.split(/\s+/) : [];
}

/**
 * Splits `---\n…\n---` off the start of a post. `undefined` when the text has none; throws
 * (with the YAML error's first line) when the block is there but is not a YAML mapping.
 */
export function splitFrontMatter(source: string): { data: FrontMatter; rest: string } | undefined {
  if (!OPEN.test(source)) return undefined;
  const start = source.indexOf("\n") + 1;
  const close = CLOSE.exec(source.slice(start - 1));
  if (!close) throw new Error("front matter opened with --- is never closed");
  const yaml = source.slice(start, start - 1 + close.index);
  // The core schema leaves dates as strings (YAML 1.1 would make Date objects of some of them):
  // they are read by the same date rules as every other time an old mirror wrote.
  const parsed: unknown = parse(yaml, { schema: "core", prettyErrors: false });
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
    throw new Error("front matter is not a YAML mapping");
  }
  const raw = (parsed ?? {}) as Record<string, unknown>;
  const data: FrontMatter = {
    title: text(raw.title),
    link: text(raw.from) ?? text(raw.link) ?? text(raw.url) ?? text(raw.source),
    date: text(raw.date),
    author: text(raw.author),
    categories: list(raw.categories ?? raw.category),
  };
  return { data, rest: source.slice(start - 1 + close.index + close[0].length) };
}
