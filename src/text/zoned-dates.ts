const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * "YYYY-MM-DD HH:MM" in a timezone, for 100,000 dates in well under a second: Intl's
 * formatToParts costs ~10 µs a call, and the lists and the site format each item's date several
 * times (it was a tenth of `newsmirror index`). The zone's offset is asked of `exact` at the
 * start and the end of each UTC day; when both agree (every day but the few with a clock change)
 * every instant of that day is shifted by it, and on a day of change each date is formatted
 * exactly.
 */
export function cachedZonedDates(exact: (iso: string) => string): (iso: string) => string {
  const offsets = new Map<number, number | undefined>();
  const offsetAt = (ms: number) => Date.parse(`${exact(new Date(ms).toISOString())}:00Z`) - ms;
  const dayOffset = (day: number) => {
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
    // Past year 9999 (or before year 0) the ISO form has six digits and a sign: Intl's own then.
    if (local.length !== 24) return exact(iso);
    return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  };
}
