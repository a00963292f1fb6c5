const MINUTE = 60_000;
const DAY = 86_400_000;

/** Intl's parts for a date and a time to the minute, on a 24-hour clock (with a `timeZone`). */
export const MINUTE_PARTS = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
} as const satisfies Intl.DateTimeFormatOptions;

/**
 * "YYYY-MM-DD HH:MM" in a timezone, for 100,000 dates in well under a second: Intl's
 * formatToParts costs ~10 µs a call, and the lists and the site format each item's date several
 * times (it was a tenth of `newsmirror index`). The zone's offset is asked of `exact` at the
 * start and the end of each UTC day; when both agree (every day but the few with a clock change)
 * every instant of that day is shifted by it, and on a day of change each date is formatted
 * exactly. A zone whose offset never changes (`fixedOffset`, UTC's 0) asks `exact` nothing but
 * for years it cannot shift: the first Intl.DateTimeFormat of a process costs 20–80 ms of ICU
 * set-up, more than all the dates of a run.
 */
export function cachedZonedDates(
  exact: (iso: string) => string,
  fixedOffset?: number,
): (iso: string) => string {
  const offsets = new Map<number, number | undefined>();
  const offsetAt = (ms: number) => Date.parse(`${exact(new Date(ms).toISOString())}:00Z`) - ms;
  const dayOffset = (day: number) => {
    if (fixedOffset !== undefined) return fixedOffset;
    if (offsets.has(day)) return offsets.get(day);
    const start = offsetAt(day * DAY);
    const end = offsetAt((day + 1) * DAY - MINUTE);
    const offset = start === end ? start : undefined;
    offsets.set(day, offset);
    return offset;
  };
  return (iso: string) => {
    const ms = Date.parse(iso);
    const offset = Number.isNaN(ms) ? undefined : dayOffset(Math.floor(ms / DAY));
    if (offset === undefined) return exact(iso);
    const local = new Date(ms + offset).toISOString();
    // Past year 9999 (or before year 0) the ISO form has six digits and a sign, and before year
    // 1000 Intl writes the year unpadded: Intl's own then.
    if (local.length !== 24 || local[0] === "0") return exact(iso);
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  };
}
