import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitCount, git, gitEnv, repoWithRemote } from "../helpers/git.js";
import { fixture, repoRoot, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

const run = promisify(execFile);
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The README's cron line, without its schedule. */
function cronCommand(): string {
  const block = /```crontab\n(.*?)\n```/s.exec(readme)?.[1] ?? "";
  const line = block.split("\n").find((l) => /^[\d*]/.test(l)) ?? "";
  return line.split(/\s+/).slice(5).join(" ");
}

/** The README's workflow as a script: each `run:` step, in order (GitHub's runner cannot run here). */
function workflowSteps(): string[] {
  const yaml = /```yaml\n(name: news.*?)\n```/s.exec(readme)?.[1] ?? "";
  const steps: string[] = [];
  const lines = yaml.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const step = /^(\s*)- run: (.*)$/.exec(lines[i] ?? "");
    if (!step) continue;
    if (step[2] !== "|") {
      steps.push(step[2] ?? "");
      continue;
    }
    const body: string[] = [];
    while (i + 1 < lines.length && /^\s{8,}\S/.test(lines[i + 1] ?? ""))
      body.push((lines[++i] ?? "").trim());
    steps.push(body.join("\n"));
  }
  return steps;
}

let server: TestServer;
let news = 1;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url !== "/live.rss") return void res.writeHead(404).end();
    const items = Array.from(
      { length: news },
      (_, i) =>
        `<item><guid>n${i}</guid><title>News ${i}</title><link>https://example.com/${i}</link>` +
        `<pubDate>Thu, 16 May 2024 0${i}:00:00 GMT</pubDate><description>Body ${i}</description></item>`,
    ).join("");
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.end(`<rss version="2.0"><channel><title>Live</title>${items}</channel></rss>`);
  });
});
afterAll(() => server.close());

describe("installed from `npm pack`, used where the archive lives", () => {
  it(
    "ships only what it needs, installs into an empty prefix and runs every README recipe",
    () =>
      withTempDir(async (dir) => {
        // The build (prepare) ran in the test setup; building again here would rewrite dist/
        // under the other tests' feet.
        const packed = await run(
          "npm",
          ["pack", "--json", "--ignore-scripts", "--pack-destination", dir],
          {
            cwd: repoRoot,
          },
        );
        const [info] = JSON.parse(packed.stdout) as {
          filename: string;
          files: { path: string }[];
        }[];
        const shipped = info?.files.map((f) => f.path) ?? [];
        expect(shipped).toContain("package.json");
        expect(
          shipped.filter(
            (p) =>
              !/^(dist\/[\w-]+\.cjs|schema\/.+\.json|package\.json|README\.md|LICENSE)$/.test(p),
          ),
        ).toEqual([]);

        const prefix = join(dir, "prefix");
        const bin = join(prefix, "bin");
        // No network in tests: the dependencies come from npm's cache, filled by `npm install`.
        const env = {
          ...process.env,
          ...gitEnv,
          PATH: `${bin}:${process.env.PATH ?? ""}`,
          npm_config_prefix: prefix,
          npm_config_offline: "true",
          npm_config_audit: "false",
          npm_config_fund: "false",
        };
        const sh = (script: string, cwd: string, withEnv: NodeJS.ProcessEnv = env) =>
          run("bash", ["-e", "-c", script], { cwd, env: withEnv }).then(
            (r) => ({ code: 0, ...r }),
            (e: { code: number; stdout: string; stderr: string }) => e,
          );
        const tarball = join(dir, info?.filename ?? "");
        const steps = workflowSteps();
        const install = steps.find((s) => s.includes("npm install --global "));
        expect(install).toBeDefined();
        // The workflow's install step, with our tarball for the package it names.
        const installed = await sh(`npm install --global ${JSON.stringify(tarball)}`, dir);
        expect(installed.code).toBe(0);

        const elsewhere = join(dir, "elsewhere");
        await mkdir(elsewhere);
        const version = await sh("newsmirror --version", elsewhere);
        expect(version.stdout.trim()).toBe(
          JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version,
        );
        const offline = await sh(
          `newsmirror fetch ${JSON.stringify(fixture("voa-putin.rss"))} --out archive`,
          elsewhere,
        );
        expect(offline.stdout).toContain("voa-putin: 1 new");

        // The cron line, twice, in a clone with a bare remote: one dead feed among live ones.
        const { work, remote } = await repoWithRemote(join(dir, "cron"));
        await writeFile(
          join(work, "newsmirror.json"),
          JSON.stringify({
            http: { retries: 0 },
            feeds: [
              { id: "live", url: `${server.url}/live.rss` },
              { id: "dead", url: `${server.url}/gone.rss` },
            ],
          }),
        );
        await git(work, "add", "newsmirror.json");
        await git(work, "commit", "-qm", "config");
        await git(work, "push", "-q");
        const cron = cronCommand().replace("/srv/news", work);
        expect(cron).toMatch(/newsmirror fetch .*--commit --push/);
        const first = await sh(cron, dir);
        expect(first.code).toBe(1);
        expect(first.stderr).toMatch(/^E_HTTP_STATUS dead: HTTP 404/);
        expect(await commitCount(remote, "main")).toBe(3);
        const log = await git(remote, "log", "-1", "--format=%B", "main");
        expect(log).toBe(
          `news: 1 new item from live; 1 feed failed\n\nlive: 1 new\nfailed: dead: E_HTTP_STATUS HTTP 404 from ${server.url}/gone.rss\n\n`,
        );
        const tracked = await git(work, "ls-files");
        expect(tracked).toContain("archive/live/2024-05/");
        expect(tracked).toContain("archive/.newsmirror/state/live.json");
        expect(tracked).not.toMatch(/lock|tmp|journal/);
        const second = await sh(cron, dir);
        expect(second.code).toBe(1);
        expect(await commitCount(remote, "main")).toBe(3);
        expect(await git(work, "status", "--porcelain")).toBe("");

        // The workflow's steps as a script, in a fresh checkout as actions/checkout makes one.
        const checkout = join(dir, "runner");
        // A fresh runner knows no git identity: newsmirror must commit anyway.
        const runner = Object.fromEntries(
          Object.entries(env).filter(([key]) => !/^GIT_(AUTHOR|COMMITTER)_/.test(key)),
        );
        await git(dir, "clone", "-q", remote, checkout);
        news = 2;
        for (const step of steps.filter((s) => s !== install)) {
          const result = await sh(step, checkout, runner);
          // fetch exits 1 for the dead feed; the workflow goes on with `|| true`? No: it must not
          // need to, the commit is made by fetch itself.
          expect(result.code, `${step}\n${result.stderr}`).toBe(step.includes("fetch") ? 1 : 0);
        }
        expect(await commitCount(remote, "main")).toBe(4);
        expect(await git(remote, "log", "-1", "--format=%s", "main")).toBe(
          "news: 1 new item from live; 1 feed failed\n",
        );
        const state = JSON.parse(
          await readFile(join(checkout, "archive", ".newsmirror", "state", "live.json"), "utf8"),
        );
        expect(state.url).toBe(`${server.url}/live.rss`);
      }),
    240_000,
  );
});
