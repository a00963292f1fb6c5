import { readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOf } from "../../src/pipeline/shard.js";
import { runCli } from "../helpers/cli.js";
import { snapshot } from "../helpers/archive.js";
import { git, gitEnv } from "../helpers/git.js";
import { parse as parseYaml } from "yaml";
import { repoRoot, withTempDir } from "../helpers/paths.js";
import { startServer, type TestServer } from "../helpers/server.js";

/**
 * GitHub Actions' matrix, simulated: four shards in four clones of one repository fetch and
 * commit their part of 200 feeds; git merges them in any order without a conflict, and after
 * `newsmirror index` the archive is, byte for byte, what one unsharded run writes.
 */
const FEEDS = 200;
const SHARDS = 4;
const EPOCH = "1767225600";

// runCli runs in this process: git gets the tests' identity and no user config through env.
const saved = { ...process.env };
beforeAll(() => void Object.assign(process.env, gitEnv));
afterAll(() => {
  for (const key of Object.keys(gitEnv)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** Feed i: 1 to 5 items over two months, its own title and site; every 50th answers 404. */
function feedXml(i: number): string {
  const items = Array.from({ length: (i % 5) + 1 }, (_, j) => {
    const day = String(1 + ((i + j * 7) % 28)).padStart(2, "0");
    const month = j % 2 === 0 ? "May" : "Apr";
    return `<item><title>Outlet ${i} story ${j} — 新闻 ${j}</title>
<link>https://outlet${i}.example/news/${j}</link>
<pubDate>Thu, ${day} ${month} 2024 0${j}:1${i % 10}:00 GMT</pubDate>
<description>&lt;p&gt;Story ${j} of outlet ${i}.&lt;/p&gt;</description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Outlet ${i}</title><link>https://outlet${i}.example/</link>${items.join("\n")}
</channel></rss>`;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const i = Number(/^\/feeds\/(\d+)\.rss$/.exec(req.url ?? "")?.[1] ?? -1);
    if (i < 0 || i % 50 === 49) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(feedXml(i));
  });
});
afterAll(() => server.close());

const ids = Array.from({ length: FEEDS }, (_, i) => `outlet-${i}`);

async function clone(remote: string, dir: string, name: string): Promise<string> {
  const work = join(dir, name);
  await git(dir, "clone", "-q", remote, work);
  return work;
}

/** A bare remote whose main holds the config of the 200 feeds. */
async function remoteWithConfig(dir: string): Promise<string> {
  const remote = join(dir, "remote.git");
  await git(dir, "init", "-q", "--bare", "-b", "main", remote);
  const seed = join(dir, "seed");
  await mkdir(seed);
  await git(seed, "init", "-q", "-b", "main");
  const feeds = ids.map((id, i) => ({ id, url: `${server.url}/feeds/${i}.rss` }));
  await writeFile(
    join(seed, "newsmirror.json"),
    `${JSON.stringify({ http: { retries: 0 }, feeds }, null, 2)}\n`,
  );
  await git(seed, "add", "-A");
  await git(seed, "commit", "-q", "-m", "config");
  await git(seed, "remote", "add", "origin", remote);
  await git(seed, "push", "-q", "-u", "origin", "main");
  return remote;
}

async function fetchIn(work: string, ...args: string[]) {
  return runCli(["fetch", "--quiet", ...args], { cwd: work, sourceDateEpoch: EPOCH });
}

/** The archive folder's tree: equal ids mean equal bytes, file for file. */
async function archiveTree(work: string): Promise<string> {
  return (await git(work, "rev-parse", "HEAD:archive")).trim();
}

async function indexAndCommit(work: string): Promise<void> {
  const index = await runCli(["index"], { cwd: work, sourceDateEpoch: EPOCH });
  expect(index.stderr).toBe("");
  expect(index.code).toBe(0);
  await git(work, "add", "-A");
  await git(work, "commit", "-q", "--allow-empty", "-m", "index");
}

describe("fetch --shard, merged by git", { tags: ["slow"] }, () => {
  it("four shards' commits merge in any order, and after `index` equal one unsharded run", () =>
    withTempDir(async (dir) => {
      const remote = await remoteWithConfig(dir);
      const single = await clone(remote, dir, "single");
      const whole = await fetchIn(single, "--commit");
      expect(whole.stderr.split("\n")).toHaveLength(FEEDS / 50);
      expect(whole.code).toBe(1);
      const wanted = await archiveTree(single);
      // `index` over an unsharded run's archive changes nothing.
      await indexAndCommit(single);
      expect(await archiveTree(single)).toBe(wanted);

      for (let k = 1; k <= SHARDS; k++) {
        const work = await clone(remote, dir, `shard-${k}`);
        const mine = ids.filter((id) => shardOf(id, SHARDS) === k);
        expect(mine.length).toBeGreaterThan(FEEDS / SHARDS / 2);
        const result = await fetchIn(work, "--shard", `${k}/${SHARDS}`, "--commit");
        expect(result.code).toBe(mine.some((id) => Number(id.slice(7)) % 50 === 49) ? 1 : 0);
        // A shard writes only its feeds' files, never what every feed shares.
        const changed = (await git(work, "show", "--name-only", "--format=", "HEAD"))
          .trim()
          .split("\n");
        const owner = (path: string) =>
          /^archive\/(?:index\/|\.newsmirror\/state\/)?([^/.]+)/.exec(path)?.[1] ?? "";
        const foreign = changed.filter(
          (p) => p !== "archive/.newsmirror/proxies.json" && !mine.includes(owner(p)),
        );
        expect(foreign).toEqual([]);
        await git(work, "push", "-q", "origin", `HEAD:refs/heads/shard-${k}`);
      }

      for (const order of [
        [1, 2, 3, 4],
        [4, 2, 1, 3],
      ]) {
        const merged = await clone(remote, dir, `merged-${order.join("")}`);
        for (const k of order) await git(merged, "merge", "-q", "--no-edit", `origin/shard-${k}`);
        expect(await git(merged, "status", "--porcelain")).toBe("");
        await indexAndCommit(merged);
        expect(await archiveTree(merged)).toBe(wanted);
      }
    }));

  it("the README's matrix: shards push one after another (rebasing), then `index --push`; equal to one run", () =>
    withTempDir(async (dir) => {
      const { shards, index } = readmeMatrix();
      expect(shards).toHaveLength(SHARDS);
      const remote = await remoteWithConfig(dir);
      // Every shard job checks out the same commit, as a matrix's jobs do.
      const clones = [];
      for (let k = 1; k <= SHARDS; k++) clones.push(await clone(remote, dir, `shard-${k}`));
      for (const [i, work] of clones.entries()) {
        const result = await runCli(shards[i] ?? [], { cwd: work, sourceDateEpoch: EPOCH });
        expect(result.stderr).not.toMatch(/E_GIT/);
        expect(result.stdout).toMatch(/^committed [0-9a-f]+, pushed: news: /m);
      }
      const final = await clone(remote, dir, "final");
      const indexed = await runCli(index, { cwd: final, sourceDateEpoch: EPOCH });
      expect(indexed.stdout).toMatch(/^committed [0-9a-f]+, pushed: news: index and lists/m);
      const log = await git(remote, "log", "--format=%s", "main");
      expect(log).toMatch(
        /^news: index and lists rebuilt from the items\n(news: .*\n){4}config\n$/,
      );
      const single = await clone(remote, dir, "single");
      await git(single, "reset", "-q", "--hard", "HEAD~5");
      await fetchIn(single, "--commit");
      await git(final, "pull", "-q");
      expect(await archiveTree(final)).toBe(await archiveTree(single));
    }));
});

/** The README's sharded workflow: each shard job's newsmirror command, and the index job's. */
function readmeMatrix(): { shards: string[][]; index: string[] } {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const block = /```yaml\n(name: news-shards\n[\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const workflow = parseYaml(block) as {
    jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: { run?: string }[] }>;
  };
  const command = (job: string) =>
    (workflow.jobs[job]?.steps ?? [])
      .map((s) => s.run ?? "")
      .find((run) => run.startsWith("newsmirror ")) ?? "";
  const args = (line: string) => line.split(" ").slice(1);
  const matrix = workflow.jobs.fetch?.strategy?.matrix.shard ?? [];
  return {
    shards: matrix.map((k) => args(command("fetch").replace("${{ matrix.shard }}", String(k)))),
    index: args(command("index")),
  };
}

/** Turns an archive back into the older layout: one state.json, one index file per month. */
async function toOlderLayout(out: string): Promise<void> {
  const files = await snapshot(out);
  const state: Record<string, unknown> = {};
  const months = new Map<string, string[]>();
  for (const [path, text] of Object.entries(files)) {
    const feed = /^\.newsmirror\/state\/(.+)\.json$/.exec(path)?.[1];
    if (feed) state[feed] = JSON.parse(text);
    const month = /^index\/[^/]+\/(\d{4}-\d{2})\.jsonl$/.exec(path)?.[1];
    if (month) months.set(month, [...(months.get(month) ?? []), text]);
  }
  await rm(join(out, "index"), { recursive: true });
  await rm(join(out, ".newsmirror", "state"), { recursive: true });
  await mkdir(join(out, "index"));
  for (const [month, texts] of months) {
    const lines = texts.join("").trimEnd().split("\n");
    const sorted = lines.sort((a, b) => {
      const [x, y] = [JSON.parse(a), JSON.parse(b)] as { published: string; id: string }[];
      return x!.published < y!.published
        ? -1
        : x!.published > y!.published
          ? 1
          : x!.id < y!.id
            ? -1
            : 1;
    });
    await writeFile(join(out, "index", `${month}.jsonl`), `${sorted.join("\n")}\n`);
  }
  await writeFile(join(out, ".newsmirror", "state.json"), JSON.stringify(state, null, 2));
}

describe("an archive of the older layout (state.json, index/{YYYY-MM}.jsonl)", () => {
  const config = (dir: string) =>
    writeFile(
      join(dir, "newsmirror.json"),
      JSON.stringify({
        http: { retries: 0 },
        feeds: ids.slice(0, 12).map((id, i) => ({ id, url: `${server.url}/feeds/${i}.rss` })),
      }),
    );

  it("is moved to per-feed files by the next unsharded run, which then writes what a fresh one does", () =>
    withTempDir(async (dir) => {
      await config(dir);
      await fetchIn(dir);
      const fresh = await snapshot(join(dir, "archive"));
      await toOlderLayout(join(dir, "archive"));
      expect((await runCli(["verify"], { cwd: dir })).code).toBe(0);
      const again = await fetchIn(dir);
      expect(again.stderr).toBe("");
      expect(await snapshot(join(dir, "archive"))).toEqual(fresh);
    }));

  it("stays readable while shards run, and `index` finishes the move", () =>
    withTempDir(async (dir) => {
      await config(dir);
      await fetchIn(dir);
      const out = join(dir, "archive");
      const fresh = await snapshot(out);
      await toOlderLayout(out);
      for (let k = 1; k <= 2; k++) await fetchIn(dir, "--shard", `${k}/2`);
      const during = await snapshot(out);
      // The shards leave the older files, which every shard reads and none may change.
      expect(Object.keys(during)).toContain(".newsmirror/state.json");
      expect(Object.keys(during).filter((p) => /^index\/[^/]+\.jsonl$/.test(p))).toHaveLength(2);
      expect((await runCli(["verify"], { cwd: dir })).code).toBe(0);
      expect((await runCli(["status", "--json"], { cwd: dir })).stdout).toContain("outlet-11");
      expect((await runCli(["index"], { cwd: dir })).code).toBe(0);
      expect(await snapshot(out)).toEqual(fresh);
    }));
});

describe("--shard K/N", () => {
  it.each<[string, string[], string]>([
    ["not K/N", ["--shard", "2"], "--shard 2: expected K/N, two whole numbers such as 2/4"],
    ["K past N", ["--shard", "5/4"], "--shard 5/4: K must be between 1 and 4"],
    ["K zero", ["--shard", "0/4"], "--shard 0/4: K must be between 1 and 4"],
    ["N zero", ["--shard", "0/0"], "--shard 0/0: N (the number of shards) must be at least 1"],
    ["with sources", ["x.rss", "--shard", "1/2"], "--shard splits the config's feeds"],
  ])("%s: one line, exit 2, nothing written", (_, args, message) =>
    withTempDir(async (dir) => {
      await writeFile(
        join(dir, "newsmirror.json"),
        JSON.stringify({ feeds: [{ id: "a", url: "https://a.example/feed" }] }),
      );
      const result = await runCli(["fetch", ...args], { cwd: dir });
      expect(result.stderr).toContain(`newsmirror: E_USAGE: ${message}`);
      expect(result.stderr).toMatch(/suggestion: /);
      expect(result.code).toBe(2);
    }),
  );

  it("puts a feed in the same shard whatever other feeds the config has", () => {
    const before = ids.map((id) => shardOf(id, SHARDS));
    const more = [...ids.slice(0, 100), "new-a", "new-b", ...ids.slice(100)];
    expect(more.filter((id) => !id.startsWith("new-")).map((id) => shardOf(id, SHARDS))).toEqual(
      before,
    );
    for (let k = 1; k <= SHARDS; k++)
      expect(before.filter((s) => s === k).length).toBeGreaterThan(30);
  });
});
