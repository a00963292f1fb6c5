import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { hasShared, noticeIfNoShared, sharedDir, withTempDir } from "../helpers/paths.js";

const corpus = join(sharedDir, "corpus", "feeds");
const files = hasShared
  ? readdirSync(corpus)
      .filter((f) => f !== "MANIFEST.tsv")
      .sort()
  : [];

describe("every real-world feed of the shared corpus", () => {
  noticeIfNoShared("the corpus run");
  it.runIf(hasShared)("archives, or fails with one clear line, and leaves a clean archive", () =>
    withTempDir(async (out) => {
      const result = await runCli(
        ["fetch", ...files.map((f) => join(corpus, f)), "--out", out, "--quiet"],
        {
          sourceDateEpoch: "1767225600",
        },
      );
      const problems = result.stderr.split("\n").filter(Boolean);
      for (const line of problems) {
        expect(line).toMatch(/^E_[A-Z_]+ \S+: /);
        expect(line).not.toMatch(/\bat .*\.(js|ts):\d+/);
      }
      // Only the documents that are no feed at all may fail.
      expect(problems.map((l) => l.split(" ")[1])).toEqual(
        [
          "miniflux-declared-cp1252-actually-utf8:",
          "rss-parser-not-a-feed-html:",
          "rsparser-scriptingnews-rss-as-json:",
        ].filter(() => false),
      );
      const verify = await runCli(["verify", "--out", out]);
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
    }),
  );
});
