import { describe, expect, it } from "vitest";
import type { EntryDate, FeedEntry } from "../../src/model.js";
import {
  decideDate,
  distrust,
  EARLIEST_TRUSTED,
  FUTURE_TOLERANCE_MS,
} from "../../src/selection/dates.js";

const NOW = Date.UTC(2026, 11, 2, 5, 0, 0);
const MAY_2024 = Date.UTC(2024, 4, 16);

describe("distrust: whether a date a feed wrote can be believed at the run's time", () => {
  it.each<[string, EntryDate, string | undefined]>([
    ["a date of this year", { text: "x", ms: MAY_2024 }, undefined],
    ["text that reads as no date", { text: "yesterday" }, "is not a date"],
    ["the epoch (a broken clock)", { text: "x", ms: 0 }, "is before 1995"],
    ["1900", { text: "x", ms: Date.UTC(1900, 0, 1) }, "is before 1995"],
    ["the last millisecond of 1994", { text: "x", ms: EARLIEST_TRUSTED - 1 }, "is before 1995"],
    ["the first of 1995", { text: "x", ms: EARLIEST_TRUSTED }, undefined],
    ["the run's own time", { text: "x", ms: NOW }, undefined],
    ["exactly a day ahead", { text: "x", ms: NOW + FUTURE_TOLERANCE_MS }, undefined],
    [
      "a millisecond more than a day ahead",
      { text: "x", ms: NOW + FUTURE_TOLERANCE_MS + 1 },
      "is more than a day after the run's time",
    ],
    [
      "the year 2200",
      { text: "x", ms: Date.UTC(2200, 0, 1) },
      "is more than a day after the run's time",
    ],
  ])("%s", (_name, date, why) => {
    expect(distrust(date, NOW)).toBe(why);
  });
});

describe("decideDate: the date an entry is archived under", () => {
  const at = (ms: number) => ({ text: new Date(ms).toUTCString(), ms });
  it.each<[string, Partial<FeedEntry>, number, { text: string; why: string } | undefined]>([
    ["its one good date", { dates: [at(MAY_2024)] }, MAY_2024, undefined],
    [
      "the next date when the first cannot be trusted",
      { dates: [{ text: "Thu, 01 Jan 1970 00:00:00 GMT", ms: 0 }, at(MAY_2024)] },
      MAY_2024,
      undefined,
    ],
    [
      "the run's time, with the reason, for an unreadable date",
      { dates: [{ text: "le 16 mai" }] },
      NOW,
      { text: "le 16 mai", why: "is not a date" },
    ],
    [
      "the run's time and the first date's reason when none can be trusted",
      { dates: [{ text: "1970-01-01", ms: 0 }, { text: "yesterday" }] },
      NOW,
      { text: "1970-01-01", why: "is before 1995" },
    ],
    [
      "the run's time for a date two days ahead",
      { dates: [{ text: "2026-12-04", ms: Date.UTC(2026, 11, 4) }] },
      NOW,
      { text: "2026-12-04", why: "is more than a day after the run's time" },
    ],
    ["the run's time, quietly, for an entry without a date", { dates: [] }, NOW, undefined],
    ["the run's time, quietly, for an entry without dates at all", {}, NOW, undefined],
    [
      "`published` alone, when a reader gives no dates",
      { published: MAY_2024 },
      MAY_2024,
      undefined,
    ],
    [
      "`published` alone is checked too",
      { published: Date.UTC(2030, 0, 1) },
      NOW,
      { text: "2030-01-01T00:00:00.000Z", why: "is more than a day after the run's time" },
    ],
  ])("%s", (_name, entry, published, untrusted) => {
    expect(decideDate(entry, NOW)).toEqual(untrusted ? { published, untrusted } : { published });
  });
});
