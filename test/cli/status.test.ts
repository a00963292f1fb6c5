import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const DAY = 86_400;
const T0 = 1767225600; // 2026-01-01

describe("newsmirror status", () => {
  it("lists dead and stale feeds first, says since when a feed fails, and exits 1", () =>
    withTempDir(async (dir) => {
      const out = join(dir, "archive");
      const fetch = (epoch: number, ...sources: string[]) =>
        runCli(["fetch", ...sources, "--out", out, "--quiet"], { sourceDateEpoch: String(epoch) });
      const bare = join(dir, "fresh.rss");
      await writeFile(
        bare,
        `<rss version="2.0"><channel><item><guid>1</guid><title>t</title></item></channel></rss>`,
      );
      await fetch(T0, fixture("voa-putin.rss"), join(dir, "dead.rss"));
      await fetch(T0 + 9 * DAY, bare, join(dir, "dead.rss"), join(dir, "broken.rss"));
      const now = String(T0 + 9 * DAY + 3600);
      const text = await runCli(["status", "--out", out], { sourceDateEpoch: now });
      expect(text.code).toBe(1);
      expect(text.stdout.split("\n").map((l) => l.split(":")[0])).toEqual([
        "dead    dead",
        "stale   voa-putin",
        "failing broken",
        "ok      fresh",
      ]);
      expect(text.stdout).toContain(
        "dead    dead: last news never, newest item none, 0 items; failing since 2026-01-01T00:00:00.000Z: E_SOURCE",
      );
      const json = await runCli(["status", "--out", out, "--json", "--max-age", "30d"], {
        sourceDateEpoch: now,
      });
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout).feeds).toEqual([
        {
          feed: "broken",
          health: "failing",
          items: 0,
          failingSince: "2026-01-10T00:00:00.000Z",
          lastError: { code: "E_SOURCE", message: expect.stringMatching(/^broken: cannot read /) },
        },
        {
          feed: "dead",
          health: "failing",
          items: 0,
          failingSince: "2026-01-01T00:00:00.000Z",
          lastError: { code: "E_SOURCE", message: expect.stringMatching(/^dead: cannot read /) },
        },
        {
          feed: "fresh",
          health: "ok",
          lastNews: "2026-01-10T00:00:00.000Z",
          newest: "2026-01-10T00:00:00.000Z",
          items: 1,
        },
        {
          feed: "voa-putin",
          health: "ok",
          lastNews: "2026-01-01T00:00:00.000Z",
          newest: "2024-05-16T00:39:03.000Z",
          items: 1,
        },
      ]);
    }));

  it("calls a feed of the config that no run has fetched yet new, and does not alert on it", () =>
    withTempDir(async (dir) => {
      const out = join(dir, "archive");
      const config = join(dir, "newsmirror.json");
      await writeFile(
        config,
        JSON.stringify({
          out,
          feeds: [
            { id: "voa-putin", url: "https://www.voachinese.com/api/zm_yql-vomx-tpeybti" },
            { id: "added", url: "https://example.org/feed.xml" },
          ],
        }),
      );
      const epoch = { sourceDateEpoch: String(T0) };
      await runCli(
        ["fetch", fixture("voa-putin.rss"), "--id", "voa-putin", "--config", config],
        epoch,
      );
      const text = await runCli(["status", "--config", config], epoch);
      expect(text.stdout.split("\n")).toEqual([
        "new     added: not fetched yet",
        "ok      voa-putin: last news 2026-01-01T00:00:00.000Z, newest item 2024-05-16T00:39:03.000Z, 1 item",
      ]);
      expect(text.code).toBe(0);
      const json = await runCli(["status", "--config", config, "--json"], epoch);
      expect(JSON.parse(json.stdout).feeds[0]).toEqual({ feed: "added", health: "new", items: 0 });
    }));

  it.each([
    [
      ["status", "--out", "/no/such/archive"],
      /^newsmirror: E_NO_ARCHIVE: no archive at \/no\/such\/archive/,
    ],
    [
      ["status", "--out", "/tmp", "--max-age", "soon"],
      /^newsmirror: E_USAGE: --max-age soon: not a duration/,
    ],
  ])("%j exits 2", async (args, message) => {
    const result = await runCli(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});
