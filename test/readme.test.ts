import { readFileSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { fixture, repoRoot, withTempDir } from "./helpers/paths.js";
import { startServer } from "./helpers/server.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** Each `console` block of the README: `$ newsmirror …` lines, each followed by what it prints. */
function sessions(): { command: string[]; output: string[] }[][] {
  return [...readme.matchAll(/```console\n([\s\S]*?)```/g)].map((block) => {
    const steps: { command: string[]; output: string[] }[] = [];
    for (const line of (block[1] ?? "").trimEnd().split("\n")) {
      if (line.startsWith("$ newsmirror "))
        steps.push({ command: line.slice(13).split(" "), output: [] });
      else steps.at(-1)?.output.push(line);
    }
    return steps;
  });
}

describe("the README's sample lines are the real output", () => {
  it("has console blocks to check", () => {
    expect(sessions().length).toBeGreaterThan(0);
  });

  it.each(sessions().map((steps, i) => [i + 1, steps] as const))(
    "console block %d, run command by command in a fresh folder",
    (_n, steps) =>
      withTempDir(async (dir) => {
        await mkdir(join(dir, "fixtures"));
        await copyFile(fixture("voa-putin.rss"), join(dir, "fixtures", "voa-putin.rss"));
        for (const { command, output } of steps) {
          const result = await runCli(command, { cwd: dir });
          const printed = [result.stdout, result.stderr].filter(Boolean).join("\n");
          expect(printed.split("\n"), `newsmirror ${command.join(" ")}`).toEqual(output);
        }
      }),
  );

  it("quotes a failing feed's line as fetch prints it", async () => {
    const line = /`(E_HTTP_STATUS bbc: [^`]+)`/.exec(readme)?.[1] ?? "";
    const url = /from (\S+) \(/.exec(line)?.[1] ?? "";
    expect(url).toMatch(/^https:\/\//);
    const server = await startServer((_req, res) => res.writeHead(404).end());
    try {
      await withTempDir(async (dir) => {
        const local = `${server.url}${new URL(url).pathname}`;
        await writeFile(
          join(dir, "newsmirror.json"),
          JSON.stringify({ feeds: [{ id: "bbc", url: local }] }),
        );
        const result = await runCli(["fetch"], { cwd: dir });
        expect(result.stderr).toBe(line.replace(url, local));
      });
    } finally {
      await server.close();
    }
  });
});

describe("the README's private-network warning is the real line", () => {
  it("is what fetch prints for a feed whose entry links to a private address", () =>
    withTempDir(async (dir) => {
      const line = /^(dw: warning: full text of (\S+) not used: E_PRIVATE_ADDRESS .*)$/m.exec(
        readme,
      );
      const link = line?.[2] ?? "";
      expect(link).toMatch(/^http:\/\/10\./);
      await writeFile(
        join(dir, "feed.rss"),
        `<rss version="2.0"><channel><title>t</title><item><title>a</title><link>${link}</link><description>teaser</description></item></channel></rss>`,
      );
      await writeFile(
        join(dir, "newsmirror.json"),
        JSON.stringify({ feeds: [{ id: "dw", url: "feed.rss", fullText: "readability" }] }),
      );
      const result = await runCli(["fetch"], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(line?.[1]);
    }));
});
