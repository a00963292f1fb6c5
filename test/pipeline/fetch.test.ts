import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedConfig } from "../../src/config/schema.js";
import { DEFAULT_IMAGE_PROXY } from "../../src/converter/images.js";
import { NewsmirrorError } from "../../src/errors.js";
import { runFetch, type FeedReport } from "../../src/pipeline/fetch.js";
import type { FeedJob, FetchSettings } from "../../src/pipeline/settings.js";
import { readState } from "../../src/writer/state.js";
import { fakeHttp, ok, type FakeAnswer } from "../helpers/fake-http.js";
import { fixture, seedFile, withTempDir } from "../helpers/paths.js";

const FEED_URL = "https://news.example/feed.rss";
const VOA = await readFile(fixture("voa-putin.rss"));
const NOW = Date.UTC(2026, 0, 1);

function rss(items: { title: string; link: string; body?: string }[]): string {
  const entries = items.map(
    (i) =>
      `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.link}</guid><pubDate>Thu, 16 May 2024 00:39:03 GMT</pubDate><description><![CDATA[${i.body ?? `<p>${i.title}</p>`}]]></description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${entries.join("")}</channel></rss>`;
}

function settings(out: string, jobs: FeedJob[], more: Partial<FetchSettings> = {}): FetchSettings {
  return {
    out,
    timezone: "UTC",
    imageProxy: DEFAULT_IMAGE_PROXY,
    feedTitles: new Map(),
    configuredProxies: [DEFAULT_IMAGE_PROXY],
    feeds: new Map(),
    jobs,
    dryRun: false,
    now: NOW,
    http: { userAgent: "test" },
    concurrency: 4,
    ...more,
  };
}

function job(id: string, url = FEED_URL, config?: Partial<FeedConfig>): FeedJob {
  return {
    id,
    source: { kind: "url", url },
    config: config && ({ id, url, ...config } as FeedConfig),
    imageProxy: DEFAULT_IMAGE_PROXY,
  };
}

async function fetchWith(out: string, answers: Record<string, FakeAnswer>, jobs = [job("voa")]) {
  const http = fakeHttp(answers);
  const seen: FeedReport[] = [];
  const reports = await runFetch(settings(out, jobs), {
    readStdin: async () => new Uint8Array(),
    clock: () => 0,
    onFeed: (report) => seen.push(report),
    client: http.client,
  });
  return { reports, seen, requests: http.requests };
}

async function itemFiles(out: string, feed: string): Promise<string[]> {
  const files: string[] = [];
  for (const month of await readdir(join(out, feed)).catch(() => [])) {
    if (!/^\d{4}-\d{2}$/.test(month)) continue;
    // A month folder also holds its list (README.md): only item files count here.
    for (const name of await readdir(join(out, feed, month)))
      if (name !== "README.md") files.push(`${month}/${name}`);
  }
  return files.sort();
}

describe("runFetch with a fake HTTP client", () => {
  it("archives a new entry as the seed has it, and reports what each step gave", () =>
    withTempDir(async (out) => {
      const { reports, seen, requests } = await fetchWith(out, {
        [FEED_URL]: ok(FEED_URL, VOA, { etag: '"v1"' }),
      });
      expect(reports).toEqual([
        {
          feed: "voa",
          source: FEED_URL,
          status: "ok",
          new: 1,
          existing: 0,
          filtered: 0,
          repeated: 0,
          durationMs: 0,
          warnings: [],
          httpStatus: 200,
        },
      ]);
      expect(seen).toEqual(reports);
      expect(requests.map((r) => r.url)).toEqual([FEED_URL]);
      const files = await itemFiles(out, "voa");
      expect(files).toHaveLength(1);
      if (existsSync(seedFile)) {
        const text = await readFile(join(out, "voa", files[0] as string), "utf8");
        expect(text).toBe(await readFile(seedFile, "utf8"));
      }
      expect((await readState(out)).voa).toMatchObject({ url: FEED_URL, etag: '"v1"' });
      const index = await readFile(join(out, "index", "voa", "2024-05.jsonl"), "utf8");
      expect(index.trim().split("\n")).toHaveLength(1);
    }));

  it("sends the last validators, and a 304 parses and writes nothing", () =>
    withTempDir(async (out) => {
      await fetchWith(out, { [FEED_URL]: ok(FEED_URL, VOA, { etag: '"v1"' }) });
      const second = await fetchWith(out, {
        [FEED_URL]: (req) =>
          req.etag === '"v1"'
            ? { status: 304, url: FEED_URL }
            : ok(FEED_URL, "<rss><channel><item><title>changed</title></item></channel></rss>"),
      });
      expect(second.requests[0]?.req.etag).toBe('"v1"');
      expect(second.reports[0]).toMatchObject({ status: "not-modified", new: 0, httpStatus: 304 });
      expect(await itemFiles(out, "voa")).toHaveLength(1);
    }));

  it.each<[string, Partial<FeedConfig> | undefined, string, Partial<FeedReport>, number]>([
    [
      "a second run",
      undefined,
      rss([{ title: "A", link: "https://n.example/a" }]),
      { new: 0, existing: 1 },
      1,
    ],
    [
      "a keep filter",
      { filters: { keep: [{ field: "title", pattern: "^B" }] } },
      rss([
        { title: "A", link: "https://n.example/a" },
        { title: "B", link: "https://n.example/b" },
      ]),
      { new: 1, existing: 0, filtered: 1 },
      1,
    ],
    [
      "an archived entry the feed carries twice (both already archived)",
      undefined,
      rss([
        { title: "A", link: "https://n.example/a" },
        { title: "A again", link: "https://n.example/a" },
      ]),
      { new: 0, existing: 2, repeated: 0 },
      1,
    ],
  ])("counts %s from what selection returned", (_, config, second, expected, files) =>
    withTempDir(async (out) => {
      const first = rss([{ title: "A", link: "https://n.example/a" }]);
      await fetchWith(out, { [FEED_URL]: ok(FEED_URL, first) }, [job("n", FEED_URL, config)]);
      const { reports } = await fetchWith(out, { [FEED_URL]: ok(FEED_URL, second) }, [
        job("n", FEED_URL, config),
      ]);
      expect(reports[0]).toMatchObject({ status: "ok", filtered: 0, ...expected });
      expect(await itemFiles(out, "n")).toHaveLength(files);
    }),
  );

  it("reports a failed feed with its error and state, and archives the others", () =>
    withTempDir(async (out) => {
      const broken = "https://broken.example/feed";
      const { reports } = await fetchWith(
        out,
        {
          [FEED_URL]: ok(FEED_URL, VOA),
          [broken]: new NewsmirrorError("E_HTTP_STATUS", `gone: HTTP 410 from ${broken}`, {
            suggestion: "check the feed URL",
          }),
        },
        [job("gone", broken), job("voa")],
      );
      expect(reports.map((r) => [r.feed, r.status, r.new])).toEqual([
        ["gone", "failed", 0],
        ["voa", "ok", 1],
      ]);
      expect(reports[0]?.error).toEqual({
        code: "E_HTTP_STATUS",
        message: `gone: HTTP 410 from ${broken}`,
        suggestion: "check the feed URL",
      });
      expect((await readState(out)).gone?.lastError?.code).toBe("E_HTTP_STATUS");
      expect(await itemFiles(out, "gone")).toEqual([]);
    }));

  it("replaces the feed's content by the full text, and warns where it cannot", () =>
    withTempDir(async (out) => {
      const page = (text: string) =>
        `<html><body><nav>menu</nav><article><p>${text}</p></article></body></html>`;
      const feed = rss([
        { title: "A", link: "https://n.example/a", body: "<p>teaser</p>" },
        { title: "B", link: "https://n.example/b", body: "<p>teaser b</p>" },
      ]);
      const { reports } = await fetchWith(
        out,
        {
          [FEED_URL]: ok(FEED_URL, feed),
          "https://n.example/a": ok("https://n.example/a", page("The whole article."), {
            contentType: "text/html",
          }),
        },
        [job("n", FEED_URL, { fullText: { selector: "article" } })],
      );
      expect(reports[0]).toMatchObject({ status: "ok", new: 2 });
      expect(reports[0]?.warnings).toHaveLength(1);
      expect(reports[0]?.warnings[0]).toContain("https://n.example/b");
      const bodies = await Promise.all(
        (await itemFiles(out, "n")).map((f) => readFile(join(out, "n", f), "utf8")),
      );
      expect(bodies.some((b) => b.includes("The whole article.") && !b.includes("teaser"))).toBe(
        true,
      );
      expect(bodies.some((b) => b.includes("teaser b"))).toBe(true);
    }));

  it("writes nothing on a dry run, and counts what it would write", () =>
    withTempDir(async (out) => {
      const http = fakeHttp({ [FEED_URL]: ok(FEED_URL, VOA) });
      const reports = await runFetch(settings(out, [job("voa")], { dryRun: true }), {
        readStdin: async () => new Uint8Array(),
        clock: () => 0,
        client: http.client,
      });
      expect(reports[0]).toMatchObject({ status: "ok", new: 1 });
      expect(await readdir(out)).toEqual([]);
    }));
});

describe("dates that cannot be trusted", () => {
  const item = (guid: string, title: string, dates: string) =>
    `<item><guid>${guid}</guid><title>${title}</title><link>https://news.example/${guid}</link>${dates}<description>body</description></item>`;
  const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>${[
    item("good", "Good", "<pubDate>Thu, 16 May 2024 00:39:03 GMT</pubDate>"),
    item("epoch", "Epoch &amp; co", "<pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate>"),
    item("words", "Words", "<pubDate>le 16 mai</pubDate>"),
    item("ahead", "Ahead", "<pubDate>Sat, 03 Jan 2026 00:00:01 GMT</pubDate>"),
    item("second", "Second", "<pubDate>0</pubDate><dc:date>2025-12-31T23:00:00Z</dc:date>"),
    item("none", "None", ""),
  ].join("")}</channel></rss>`;

  it("are replaced by the run's time, one warning each in the feed's summary, never kept", () =>
    withTempDir(async (out) => {
      const answers = { [FEED_URL]: ok(FEED_URL, feed) };
      const { reports } = await fetchWith(out, answers);
      const run = new Date(NOW).toISOString();
      expect(reports[0]?.warnings).toEqual([
        `voa: date "Thu, 01 Jan 1970 00:00:00 GMT" of "Epoch & co" (https://news.example/epoch) is before 1995: archived under the run's time, ${run}`,
        `voa: date "le 16 mai" of "Words" (https://news.example/words) is not a date: archived under the run's time, ${run}`,
        `voa: date "Sat, 03 Jan 2026 00:00:01 GMT" of "Ahead" (https://news.example/ahead) is more than a day after the run's time: archived under the run's time, ${run}`,
      ]);
      const times: Record<string, number> = {};
      for (const path of await itemFiles(out, "voa")) {
        const [head = "", title = ""] = (await readFile(join(out, "voa", path), "utf8")).split(
          "\n",
        );
        times[/^\[([^\]]*)\]/.exec(title)?.[1] ?? title] = Number(/\d+/.exec(head)?.[0]);
      }
      expect(times).toEqual({
        Good: Date.UTC(2024, 4, 16, 0, 39, 3),
        "Epoch & co": NOW,
        Words: NOW,
        Ahead: NOW,
        Second: Date.UTC(2025, 11, 31, 23),
        None: NOW,
      });
      // Already archived, they are not dated again, nor warned about.
      const again = await fetchWith(out, answers);
      expect(again.reports[0]).toMatchObject({ new: 0, existing: 6, warnings: [] });
    }));
});
