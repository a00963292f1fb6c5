import type { EntryDate } from "../../model.js";

/** Zone names (RFC 822's, military letters, and the common abbreviations real feeds use). */
const ZONES: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  AST: -4,
  ADT: -3,
  NST: -3.5,
  WET: 0,
  WEST: 1,
  BST: 1,
  IST: 5.5,
  CET: 1,
  CEST: 2,
  MET: 1,
  MEST: 2,
  EET: 2,
  EEST: 3,
  MSK: 3,
  JST: 9,
  KST: 9,
  HKT: 8,
  SGT: 8,
  AEST: 10,
  AEDT: 11,
  ACST: 9.5,
  AWST: 8,
  NZST: 12,
  NZDT: 13,
};

const MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");

/** Offset in minutes east of UTC (none is UTC); undefined for a zone we cannot read. */
function zoneOffset(zone: string): number | undefined {
  const z = zone.trim().replace(/^\(|\)$/g, "");
  if (z === "") return 0;
  const numeric = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  const named = ZONES[z.toUpperCase()];
  return named === undefined ? undefined : named * 60;
}

function utc(parts: number[], offsetMinutes: number): number | undefined {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/**
 * W3C-DTF and ISO 8601: `2024`, `2024-01`, `2024-01-02`, `2024-01-02T03:04Z`,
 * `2024-01-02 03:04:05.123+01:00`, `+0100`, the basic `20240102T030405Z`. No zone is UTC.
 */
const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:(?:T|\s+)(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function iso(value: string): number | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const offset = zoneOffset(m[8] ?? "");
  if (offset === undefined) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const parts = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? (i <= 3 ? 1 : 0)));
  return utc([...parts, ms], offset);
}

/**
 * RFC 822 / 2822 and what feeds make of it: an optional day name (with or without the comma),
 * full or short month names, two-digit years, no seconds, `1500` for `15:00`, zones by name or
 * offset (with a colon, after GMT, in parentheses after another zone). No zone is UTC.
 */
const RFC822 =
  /^(?:[a-z]{2,}\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,})\.?,?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):?(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/i;
/** The same with the month first: `Tue Jan 02 2024 03:04:05 GMT+0000`, `January 2, 2024`. */
const MONTH_FIRST =
  /^(?:[a-z]{2,}\.?,?\s+)?([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/i;

function rfc822(value: string): number | undefined {
  let day: string | undefined, month: string | undefined, year: string | undefined;
  let rest: RegExpExecArray | null = RFC822.exec(value);
  if (rest) [, day, month, year] = rest;
  else if ((rest = MONTH_FIRST.exec(value))) [, month, day, year] = rest;
  if (!rest || !day || !month || !year) return undefined;
  const monthIndex = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  if (monthIndex < 0) return undefined;
  let y = Number(year);
  if (year.length === 2) y += y < 50 ? 2000 : 1900;
  else if (year.length === 3) y += 1900;
  // "EST (Eastern Standard Time)", "-0700 (PDT)": the first zone is the one that counts.
  const zone = (rest[7] ?? "").replace(/\s*\(.*\)\s*$/, "").trim();
  const offset = zoneOffset(zone.split(/\s+/)[0] ?? "");
  if (offset === undefined) return undefined;
  const time = [4, 5, 6].map((i) => Number(rest[i] ?? 0));
  return utc([y, monthIndex + 1, Number(day), ...time], offset);
}

/**
 * A publication time in ms, from RFC 822 (and its variants), W3C-DTF / ISO 8601 or a Unix
 * timestamp, whatever year it names; undefined when the text is no date (never NaN). Whether
 * the date can be trusted is the selection's call (selection/dates.ts).
 */
export function readDate(text: unknown): number | undefined {
  if (typeof text !== "string" && typeof text !== "number") return undefined;
  const value = String(text).trim();
  if (!value) return undefined;
  let ms: number | undefined;
  if (/^\d{9,10}$/.test(value)) ms = Number(value) * 1000;
  else if (/^\d{12,13}$/.test(value)) ms = Number(value);
  else ms = iso(value) ?? rfc822(value);
  if (ms === undefined) {
    // What neither reads but JavaScript's parser does, with its zone spelled out.
    const parsed = /(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)\b/i.test(value) ? Date.parse(value) : NaN;
    ms = Number.isNaN(parsed) ? undefined : parsed;
  }
  return ms === undefined || !Number.isFinite(ms) ? undefined : ms;
}

/** readDate, for a date between 1990 and 2200: earlier or later is a broken clock or a bad parse. */
export function parseDate(text: unknown): number | undefined {
  const ms = readDate(text);
  if (ms === undefined || ms < Date.UTC(1990, 0, 1) || ms > Date.UTC(2200, 0, 1)) return undefined;
  return ms;
}

/** The longest date text a warning quotes: a date element can hold anything. */
const QUOTED = 60;

/**
 * Every date an entry carries, in order of precedence, as written (trimmed, on one line) and as
 * read; empty values are left out.
 */
export function dateCandidates(values: Iterable<unknown>): EntryDate[] {
  const dates: EntryDate[] = [];
  for (const value of values) {
    if (typeof value !== "string" && typeof value !== "number") continue;
    const written = String(value).replace(/\s+/g, " ").trim();
    if (!written) continue;
    const text = written.length > QUOTED ? `${written.slice(0, QUOTED)}…` : written;
    const ms = readDate(written);
    dates.push(ms === undefined ? { text } : { text, ms });
  }
  return dates;
}
