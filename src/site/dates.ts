import { cachedZonedDates } from "../text/zoned-dates.js";
import type { SiteDates } from "./model.js";

/** The site's dates: `exact`'s answers, asked once per UTC day (text/zoned-dates.ts). */
export function cachedDates(timezone: string, exact: (iso: string) => string): SiteDates {
  return { timezone, full: cachedZonedDates(exact) };
}
