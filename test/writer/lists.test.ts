import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import {
  FRONT_FEEDS,
  renderAllFeeds,
  renderFrontList,
  type FeedSummary,
} from "../../src/writer/list-pages.js";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";

const HOUR = 3_600_000;

/** `count` items, one every `step` ms back from `newest`, with a channel title and site. */
function feed(count: number, { newest = Date.UTC(2024, 2, 1, 20), step = 5 * HOUR } = {}) {
  const items = Array.from({ length: count }, (_, i) => {
    const date = new Date(newest - i * step).toUTCString();
    return `<item><title>Story ${i} | a *b*</title><link>https://news.example/s/${i}</link><pubDate>${date}</pubDate><description>text ${i}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>${items.join("")}</channel></rss>`;
}

async function archive(dir: string, xml: string, config: object = {}, feedConfig: object = {}) {
  await writeFile(join(dir, "feed.rss"), xml);
  const feeds = [{ id: "ex", url: join(dir, "feed.rss"), ...feedConfig }];
  await writeFile(join(dir, "newsmirror.json"), JSON.stringify({ out: "out", feeds, ...config }));
  const run = await runCli(["fetch"], { cwd: dir, sourceDateEpoch: "1709900000" });
  expect(run.stderr).toBe("");
  return snapshot(join(dir, "out"));
}

/** Every relative Markdown link target of every list, resolved against the list's folder. */
function brokenLinks(out: string, files: Record<string, string>): string[] {
  const broken: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!path.endsWith(".md") || /[0-9a-f]{16}\.md$/.test(path)) continue;
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^https?:/.test(target!)) continue;
      const file = posix.join(posix.dirname(path), target!);
      if (!existsSync(join(out, file))) broken.push(`${path} → ${target}`);
    }
  }
  return broken;
}

describe("lists", () => {
  it.each([
    { name: "channel title", config: {}, title: "Example News" },
    { name: "config title", config: { title: "Mine" }, title: "Mine" },
  ])(
    "a feed's page is headed with its $name, links its source and every month",
    ({ config, title }) =>
      withTempDir(async (dir) => {
        const files = await archive(dir, feed(400, { step: 6 * HOUR }), {}, config);
        const readme = files["ex/README.md"]!;
        expect(readme.split("\n")[0]).toBe(`# ${title}`);
        expect(readme).toContain(
          "400 items in 5 months; the newest 300 below, every month at the end.",
        );
        expect(readme).toContain("Source: [news.example](https://news.example/)");
        expect(readme).toContain("latest item 2024-03-01 20:00 (UTC)");
        expect(readme.match(/^- \d{4}-\d\d-\d\d \d\d:\d\d \[Story/gm)).toHaveLength(300);
        expect(readme).toMatch(/\[Story 0 \\\| a \\\*b\\\*\]\(2024-03\/[0-9a-f]{16}\.txt\)/);
        for (const month of ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"])
          expect(readme).toContain(`](${month}/README.md)`);
        // Every item two clicks from the top: front page → feed → month → item.
        const items = Object.keys(files).filter((p) => /[0-9a-f]{16}\.txt$/.test(p));
        expect(items).toHaveLength(400);
        for (const path of items) {
          const [, month, name] = path.split("/");
          expect(files[`ex/${month}/README.md`]).toContain(`](${name})`);
        }
        expect(files["README.md"]).toContain(
          `| [${title}](ex/README.md) | 400 | 2024-03-01 20:00 |`,
        );
        expect(brokenLinks(join(dir, "out"), files)).toEqual([]);
      }),
  );

  it.each([
    { count: 1, words: "1 item in 1 month" },
    { count: 2, words: "2 items in 1 month" },
  ])("counts $count in proper plural", ({ count, words }) =>
    withTempDir(async (dir) => {
      const files = await archive(dir, feed(count));
      expect(files["ex/README.md"]).toContain(`${words}; newest first`);
      expect(files["README.md"]).toContain(count === 1 ? "1 feed, 1 item" : "1 feed, 2 items");
    }),
  );

  it.each([
    { timezone: "UTC", day: "2024-03-01", time: "20:00" },
    { timezone: "Asia/Shanghai", day: "2024-03-02", time: "04:00" },
    { timezone: "America/New_York", day: "2024-03-01", time: "15:00" },
  ])("puts each item in the day of $timezone ($day), newest day first", ({ timezone, day, time }) =>
    withTempDir(async (dir) => {
      const files = await archive(dir, feed(30), { timezone });
      const page = files[`days/${day}.md`]!;
      expect(page.split("\n")[0]).toBe(`# ${day}`);
      expect(page).toMatch(new RegExp(`^- ${time} \\[Story 0 `, "m"));
      expect(page).toContain("## [Example News](../ex/README.md)");
      const days = [...files["README.md"]!.matchAll(/\]\(days\/(\d{4}-\d\d-\d\d)\.md\)/g)].map(
        (m) => m[1],
      );
      expect(days[0]).toBe(day);
      expect(days).toEqual([...days].sort().reverse());
      expect(days.length).toBeLessThanOrEqual(14);
      const all = files["days/README.md"]!;
      expect(all.match(/^- \[/gm)!.length).toBe(
        Object.keys(files).filter((p) => /^days\/\d/.test(p)).length,
      );
      expect(brokenLinks(join(dir, "out"), files)).toEqual([]);
    }),
  );

  it("are left byte for byte alone by a run without news", () =>
    withTempDir(async (dir) => {
      const before = await archive(dir, feed(50));
      await runCli(["fetch"], { cwd: dir, sourceDateEpoch: "1709990000" });
      expect(await snapshot(join(dir, "out"))).toEqual(before);
      const index = await runCli(["index"], { cwd: dir });
      expect(index.stderr).toBe("");
      expect(await snapshot(join(dir, "out"))).toEqual(before);
      expect(dirname("x")).toBe(".");
    }));
});

describe("the front page of a mirror of thousands of feeds", () => {
  const dates = { timezone: "UTC", full: (iso: string) => iso.slice(0, 16).replace("T", " ") };
  const infoOf = (feed: string) => ({
    title: `Outlet ${feed}`,
    siteLink: `https://${feed}.example/`,
  });
  const summaries = (n: number): Map<string, FeedSummary> =>
    new Map(
      Array.from({ length: n }, (_, i) => {
        const feed = `f${String(i).padStart(4, "0")}`;
        // Feed i's newest item is i minutes after midnight: the last feeds are the newest.
        const latest = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        return [feed, { count: 10, latest, newest: [], months: new Map() }];
      }),
    );
  const rows = (page: string) => page.split("\n").filter((l) => /^\| \[/.test(l));

  it.each([
    [FRONT_FEEDS, FRONT_FEEDS, false],
    [FRONT_FEEDS + 1, FRONT_FEEDS, true],
    [10_000, FRONT_FEEDS, true],
  ])("%i feeds: %i rows on the front page, the whole table elsewhere: %s", (n, shown, linked) => {
    const all = summaries(n);
    const front = renderFrontList(all, infoOf, [], dates);
    expect(rows(front)).toHaveLength(shown);
    expect(front.includes(`](index/README.md), A to Z.`)).toBe(linked);
    if (linked) {
      // The newest feeds first, so the front page shows what moves.
      expect(rows(front)[0]).toContain(`[Outlet f${String(n - 1).padStart(4, "0")}]`);
      const page = renderAllFeeds(all, infoOf, dates);
      expect(rows(page)).toHaveLength(n);
      expect(rows(page)[0]).toContain("](../f0000/README.md)");
    }
    expect(Buffer.byteLength(front)).toBeLessThan(100_000);
  });
});
