/** Zone names Date.parse does not know, as offsets. */
const ZONES: Readonly<Record<string, string>> = {
  Z: "+0000",
  UT: "+0000",
  UTC: "+0000",
  EST: "-0500",
  EDT: "-0400",
  CST: "-0600",
  CDT: "-0500",
  MST: "-0700",
  MDT: "-0600",
  PST: "-0800",
  PDT: "-0700",
  CET: "+0100",
  CEST: "+0200",
  BST: "+0100",
  JST: "+0900",
  KST: "+0900",
  HKT: "+0800",
  IST: "+0530",
};

/**
 * A publication time in ms, from RFC 822 (with odd zones), ISO 8601 or a Unix timestamp;
 * undefined when the text is no usable date (never NaN).
 */
export function parseDate(text: unknown): number | undefined {
  if (typeof text !== "string" && typeof text !== "number") return undefined;
  const value = String(text).trim();
  if (!value) return undefined;
  if (/^\d{9,10}$/.test(value)) return Number(value) * 1000;
  if (/^\d{12,13}$/.test(value)) return Number(value);
  const zoned = value.replace(/\s([A-Z]{1,4})$/, (m, zone: string) =>
    ZONES[zone] ? ` ${ZONES[zone]}` : m,
  );
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) return undefined;
  // A date before 1990 or far in the future is a broken clock or a bad parse, not the news.
  if (ms < Date.UTC(1990, 0, 1) || ms > Date.UTC(2200, 0, 1)) return undefined;
  return ms;
}
