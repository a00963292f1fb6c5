import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { snapshot } from "../helpers/archive.js";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

const feed = (title: string) =>
  `<rss version="2.0"><channel><title>t</title><item><title>${title}</title><link>https://x.example/${title}</link><pubDate>Thu, 16 May 2024 00:15:21 GMT</pubDate></item></channel></rss>`;

const folders = async (out: string) => [
  ...new Set(
    Object.keys(await snapshot(out)).flatMap((p) => (p.endsWith(".txt") ? [p.split("/")[0]] : [])),
  ),
];

describe("sources on the command line", () => {
  it("--id sends standard input to its own feed, --title names it in the lists", () =>
    withTempDir(async (out) => {
      await runCli(["fetch", "-", "--id", "bbc", "--title", "BBC 中文", "--out", out], {
        stdin: feed("a"),
      });
      await runCli(["fetch", "-", "--id", "dw", "--out", out], { stdin: feed("b") });
      expect((await folders(out)).sort()).toEqual(["bbc", "dw"]);
      expect(await readFile(join(out, "bbc", "README.md"), "utf8")).toMatch(/^# BBC 中文\n/);
    }));

  it("--id of a config feed takes that feed's settings", () =>
    withTempDir(async (dir) => {
      const config = {
        feeds: [
          {
            id: "voa",
            url: "https://x.example/rss",
            filters: { block: [{ field: "title", pattern: "^a$" }] },
          },
        ],
      };
      await writeFile(join(dir, "newsmirror.json"), JSON.stringify(config));
      const result = await runCli(["fetch", "-", "--id", "voa"], { cwd: dir, stdin: feed("a") });
      expect(result.stdout.split("\n")[0]).toBe("voa: 0 new, 0 already archived, 1 filtered out");
    }));

  it("gives a file whose name the archive reserves an id of its own", () =>
    withTempDir(async (dir) => {
      await copyFile(fixture("voa-putin.rss"), join(dir, "index.rss"));
      const result = await runCli(["fetch", "index.rss", "--out", "out"], { cwd: dir });
      expect(result.stdout.split("\n")[0]).toBe("index-feed: 1 new, 0 already archived");
      expect(await folders(join(dir, "out"))).toEqual(["index-feed"]);
      expect((await runCli(["verify", "--out", "out"], { cwd: dir })).code).toBe(0);
    }));
});
