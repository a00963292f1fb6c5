import type { EntryDate, FeedEntry } from "../model.js";

/** The earliest date believed: older ones are a broken clock (1970, 1900) or a bad parse. */
export const EARLIEST_TRUSTED = Date.UTC(1995, 0, 1);

/** How far past the run's time a date may lie: time zones, and servers a little fast. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Why a date is not believed, first match wins; none matching, it is the entry's date. */
const DISTRUST: readonly { why: string; test: (ms: number, now: number) => boolean }[] = [
  { why: "is not a date", test: (ms) => Number.isNaN(ms) },
  { why: "is before 1995", test: (ms) => ms < EARLIEST_TRUSTED },
  {
    why: "is more than a day after the run's time",
    test: (ms, now) => ms > now + FUTURE_TOLERANCE_MS,
  },
];

/** Why `date` cannot be trusted at `now` (the run's time), or undefined when it can. */
export function distrust(date: EntryDate, now: number): string | undefined {
  const ms = date.ms ?? Number.NaN;
  return DISTRUST.find(({ test }) => test(ms, now))?.why;
}

/** An entry's date as archived: the first it carries that can be trusted, else the run's time. */
export interface DecidedDate {
  published: number;
  /** When the entry had dates but none could be trusted: the first, and why (for a warning). */
  untrusted?: { text: string; why: string };
}

/**
 * The date an entry is archived under. Its dates are tried in order of precedence; when it has
 * none, it gets the run's time quietly (many feeds date nothing); when it has only dates that
 * cannot be trusted, the run's time and the reason, which the feed's summary reports.
 */
export function decideDate(entry: FeedEntry, now: number): DecidedDate {
  const dates =
    entry.dates ??
    (entry.published === undefined
      ? []
      : [{ text: new Date(entry.published).toISOString(), ms: entry.published }]);
  for (const date of dates) if (!distrust(date, now)) return { published: date.ms as number };
  const first = dates[0];
  if (!first) return { published: now };
  return { published: now, untrusted: { text: first.text, why: distrust(first, now) as string } };
}
