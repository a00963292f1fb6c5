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

describe("every real-world feed of the shared corpus", { tags: ["slow"] }, () => {
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
      // Only the two documents that are no feed at all may fail, each with a one-line reason.
      expect([...problems].sort()).toEqual([
        "E_NOT_A_FEED rsparser-scriptingnews-rss-as-json: not a feed (JSON without a JSON Feed version) (newsmirror reads RSS, Atom and JSON Feed (https://jsonfeed.org))",
        "E_NOT_A_FEED rss-parser-not-a-feed-html: not a feed (an HTML page) (find the site's RSS or Atom link and use that URL)",
      ]);
      expect(result.code).toBe(1);
      const verify = await runCli(["verify", "--out", out]);
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
    }),
  );
});
