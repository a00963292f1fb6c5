import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { isNewsmirrorError } from "../../src/errors.js";

function errorOf(value: unknown): string {
  try {
    parseConfig(value, "newsmirror.json");
  } catch (error) {
    if (isNewsmirrorError(error)) return error.message;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("parseConfig", () => {
  it("accepts the empty config", () => {
    expect(parseConfig({}, "x.json").feeds).toEqual([]);
  });

  it.each([
    [{ bogus: 1 }, /\(top level\): .*bogus/],
    [{ feeds: [{ id: "a" }] }, /feeds\.0\.url: /],
    [{ feeds: [{ id: "a b", url: "https://x" }] }, /feeds\.0\.id: letters, digits/],
    [{ feeds: [{ id: "a", url: "u", extra: true }] }, /feeds\.0: .*extra/],
    [{ imageProxy: "ftp://x" }, /imageProxy: an http\(s\) URL template/],
    [{ timezone: "Mars/Olympus" }, /timezone: an IANA time zone/],
    [
      {
        feeds: [
          { id: "a", url: "u" },
          { id: "a", url: "v" },
        ],
      },
      /feeds\.1\.id: duplicate feed id "a"/,
    ],
  ])("refuses %j naming the field", (value, expected) => {
    const message = errorOf(value);
    expect(message).toMatch(/^newsmirror\.json: invalid config: /);
    expect(message).toMatch(expected);
  });
});
