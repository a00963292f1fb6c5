import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_PROXY } from "../../src/converter/images.js";
import { runFetch } from "../../src/pipeline/fetch.js";
import { runIndex } from "../../src/pipeline/reindex.js";
import { runRerender } from "../../src/pipeline/rerender.js";
import type { ArchiveSettings } from "../../src/pipeline/settings.js";
import { snapshot } from "../helpers/archive.js";
import { fakeHttp, ok } from "../helpers/fake-http.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const FEED_URL = "https://news.example/feed.rss";
const OTHER_PROXY = "https://proxy.example/i?u={encoded}";

function archive(out: string, imageProxy = DEFAULT_IMAGE_PROXY): ArchiveSettings {
  return {
    out,
    timezone: "UTC",
    imageProxy,
    feedTitles: new Map(),
    configuredProxies: [imageProxy],
    feeds: new Map(),
  };
}

async function fetched(out: string): Promise<void> {
  const http = fakeHttp({ [FEED_URL]: ok(FEED_URL, await readFile(fixture("voa-putin.rss"))) });
  await runFetch(
    {
      ...archive(out),
      jobs: [
        { id: "voa", source: { kind: "url", url: FEED_URL }, imageProxy: DEFAULT_IMAGE_PROXY },
      ],
      dryRun: false,
      now: Date.UTC(2026, 0, 1),
      http: { userAgent: "test" },
      concurrency: 1,
    },
    { readStdin: async () => new Uint8Array(), clock: () => 0, client: http.client },
  );
}

describe("runRerender and runIndex on a fetched archive", () => {
  it("change nothing with the same settings", () =>
    withTempDir(async (out) => {
      await fetched(out);
      const before = await snapshot(out);
      expect(await runRerender({ ...archive(out), check: true })).toMatchObject({
        items: 1,
        changed: [],
        problems: [],
        byWorker: 0,
      });
      expect(await runRerender({ ...archive(out), check: false })).toMatchObject({ changed: [] });
      expect(await runIndex(archive(out))).toMatchObject({ items: 1, problems: [] });
      expect(await snapshot(out)).toEqual(before);
    }));

  it("move the images to another proxy, and back to the very same bytes", () =>
    withTempDir(async (out) => {
      await fetched(out);
      const before = await snapshot(out);
      const moved = await runRerender({ ...archive(out, OTHER_PROXY), check: false });
      expect(moved.changed).toHaveLength(1);
      const item = join(out, moved.changed[0] as string);
      expect(await readFile(item, "utf8")).toContain("https://proxy.example/i?u=https%3A%2F%2F");
      expect(await runRerender({ ...archive(out, OTHER_PROXY), check: true })).toMatchObject({
        changed: [],
      });
      await runRerender({ ...archive(out), check: false });
      const after = await snapshot(out);
      expect(after[moved.changed[0] as string]).toBe(before[moved.changed[0] as string]);
    }));
});
