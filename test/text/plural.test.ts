import { describe, expect, it } from "vitest";
import { counted, thousands } from "../../src/text/plural.js";

const COUNTS = [0, 1, 7, 12, 999, 1000, 1001, 12_345, 100_000, 999_999, 1_000_000, 123_456_789];

describe("thousands: the same as toLocaleString('en-US')", () => {
  it.each([...COUNTS, -1, -1234, 1.5, 1234.5678, Number.MAX_SAFE_INTEGER, 2 ** 60])("%s", (n) => {
    expect(thousands(n)).toBe(n.toLocaleString("en-US"));
  });
});

describe("counted", () => {
  it.each([
    [0, "0 items"],
    [1, "1 item"],
    [2, "2 items"],
    [1234, "1,234 items"],
  ])("%s", (n, text) => {
    expect(counted(n, "item")).toBe(text);
  });
});
