import { describe, expect, it, vi } from "vitest";
import { cachedZonedDates } from "../../src/text/zoned-dates.js";
import { dateFormatter, dayFormatter, exactDateFormatter } from "../../src/writer/lists.js";

/** Days with a clock change in the zone (and one without), each walked every 7 minutes. */
const CASES: [string, string][] = [
  ["UTC", "2024-05-16"],
  ["Asia/Shanghai", "2024-05-16"],
  ["America/New_York", "2024-03-10"],
  ["America/New_York", "2024-11-03"],
  ["Europe/London", "2024-03-31"],
  ["Europe/Berlin", "2024-10-27"],
  ["Asia/Kathmandu", "2024-05-16"],
  ["Australia/Lord_Howe", "2024-04-07"],
  ["Asia/Tehran", "2022-03-22"],
  ["Pacific/Apia", "2011-12-29"],
];

describe("cached dates: the lists' and the site's (dateFormatter), and the cache alone", () => {
  it.each(CASES)("%s on %s: the same as Intl for every instant", (timezone, day) => {
    const exact = exactDateFormatter(timezone);
    const [lists, days] = [dateFormatter(timezone), dayFormatter(timezone)];
    const cached = cachedZonedDates(exact);
    const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
    for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000 + 13_000) {
      const iso = new Date(ms).toISOString();
      expect(lists(iso), iso).toBe(exact(iso));
      expect(days(iso), iso).toBe(exact(iso).slice(0, 10));
      expect(cached(iso), iso).toBe(exact(iso));
    }
  });

  it.each(["Asia/Shanghai", "UTC"])(
    "%s: formats years before 1000 and past 9999 as Intl does",
    (zone) => {
      for (const year of [1, 500, 999, 1000, 9999, 12024]) {
        const iso = new Date(Date.UTC(year, 0, 2, 3, 4)).toISOString();
        expect(dateFormatter(zone)(iso), iso).toBe(exactDateFormatter(zone)(iso));
      }
    },
  );

  it("asks Intl nothing in UTC for the years it cannot shift", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    try {
      const format = dateFormatter("UTC");
      expect(format("2024-05-16T23:59:59.999Z")).toBe("2024-05-16 23:59");
      expect(format("1970-01-01T00:00:00Z")).toBe("1970-01-01 00:00");
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });
});
