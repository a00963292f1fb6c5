import {
  chmod,
  mkdir,
  readFile,
  readdir,
  stat,
  truncate,
  utimes,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

// The built CLI's compile cache (src/launch/compile-cache.ts), run by the launcher as shipped.
// Whatever the cache holds, a run's output is the same; the cache is only faster.

/** Each cache folder's files and their modification times. */
async function snapshot(root: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const folder of await readdir(root).catch(() => []))
    for (const name of await readdir(join(root, folder)))
      files.set(`${folder}/${name}`, (await stat(join(root, folder, name))).mtimeMs);
  return files;
}

/** The built CLI fetching the VOA fixture into `out`, with `env`; returns its stdout. */
async function fetchFixture(out: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await spawnCli(["fetch", fixture("voa-putin.rss"), "--out", out], {
    SOURCE_DATE_EPOCH: "1767225600",
    ...env,
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

/** The archive's item files, by path. */
async function items(out: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.name.endsWith(".txt"))
        found.set(path.slice(out.length), await readFile(path, "utf8"));
    }
  };
  await visit(out);
  return found;
}

interface Case {
  name: string;
  /** Prepares the cache root before the run measured; returns the run's env. */
  before?: (root: string, dir: string) => Promise<NodeJS.ProcessEnv>;
  /**
   * What the run did to the cache: files added, rewritten, and whether it is used at all;
   * files (by name in the folder) that must be gone after it, or still there.
   */
  expect: {
    written: "all" | "none" | "some";
    markers?: string[];
    gone?: string[];
    kept?: string[];
  };
}

const cases: Case[] = [
  {
    name: "an empty cache is filled by the first run",
    expect: { written: "all", markers: ["ran-fetch"] },
  },
  {
    name: "a run like the last writes nothing",
    before: async (root, dir) => {
      await fetchFixture(join(dir, "warm"), { NEWSMIRROR_COMPILE_CACHE: root });
      return {};
    },
    expect: { written: "none" },
  },
  {
    name: "the first run of another command adds to it",
    before: async (root) => {
      await spawnCli(["--version"], { NEWSMIRROR_COMPILE_CACHE: root });
      return {};
    },
    expect: { written: "some", markers: ["ran-options", "ran-fetch"] },
  },
  {
    name: "a zeroed and a truncated cache file are compiled anew and rewritten",
    before: async (root, dir) => {
      await fetchFixture(join(dir, "warm"), { NEWSMIRROR_COMPILE_CACHE: root });
      const [folder] = await readdir(root);
      const files = (await readdir(join(root, folder ?? ""))).filter((f) => f.endsWith(".v8"));
      const [zeroed, cut] = files;
      const zeroPath = join(root, folder ?? "", zeroed ?? "");
      await writeFile(zeroPath, Buffer.alloc((await stat(zeroPath)).size));
      await truncate(join(root, folder ?? "", cut ?? ""), 100);
      return {};
    },
    expect: { written: "some" },
  },
  {
    name: "temporary files a killed run left are removed when it is written, others' kept",
    before: async (root) => {
      await spawnCli(["--version"], { NEWSMIRROR_COMPILE_CACHE: root });
      const [folder] = await readdir(root);
      const old = join(root, folder ?? "", "chunk-OLD.cjs.v8.4242.tmp");
      await writeFile(old, "left by a run killed while writing");
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(old, twoHoursAgo, twoHoursAgo);
      await writeFile(join(root, folder ?? "", "chunk-NEW.cjs.v8.4343.tmp"), "being written");
      return {};
    },
    expect: {
      written: "some",
      gone: ["chunk-OLD.cjs.v8.4242.tmp"],
      kept: ["chunk-NEW.cjs.v8.4343.tmp"],
    },
  },
  {
    name: "a cache folder others may write to is not used",
    before: async (root) => {
      await mkdir(root, { recursive: true });
      await chmod(root, 0o777);
      return {};
    },
    expect: { written: "none" },
  },
  {
    name: "NEWSMIRROR_COMPILE_CACHE=off keeps none",
    before: async () => ({ NEWSMIRROR_COMPILE_CACHE: "off" }),
    expect: { written: "none" },
  },
];

describe("the compile cache", { tags: ["slow"] }, () => {
  it.each(cases)("$name", ({ before, expect: wanted }) =>
    withTempDir(async (dir) => {
      const root = join(dir, "cache");
      const env = { NEWSMIRROR_COMPILE_CACHE: root, ...(await before?.(root, dir)) };
      const reference = await fetchFixture(join(dir, "reference"), {
        NEWSMIRROR_COMPILE_CACHE: "off",
      });
      const was = await snapshot(root);
      const out = join(dir, "out");
      expect(await fetchFixture(out, env)).toBe(reference);
      expect(await items(out)).toEqual(await items(join(dir, "reference")));
      const now = await snapshot(root);
      const changed = [...now].filter(([file, time]) => was.get(file) !== time).map(([f]) => f);
      if (wanted.written === "none") expect(changed).toEqual([]);
      if (wanted.written === "some") expect(changed.length).toBeGreaterThan(0);
      if (wanted.written === "all") expect(changed.sort()).toEqual([...now.keys()].sort());
      if (wanted.written !== "none") expect(changed.some((f) => f.endsWith(".v8"))).toBe(true);
      const names = [...now.keys()].map((f) => f.split("/")[1]);
      for (const marker of wanted.markers ?? []) expect(names).toContain(marker);
      for (const file of wanted.gone ?? []) expect(names).not.toContain(file);
      for (const file of wanted.kept ?? []) expect(names).toContain(file);
    }),
  );

  it("lives in $XDG_CACHE_HOME/newsmirror unless told otherwise, the user's alone", () =>
    withTempDir(async (dir) => {
      const env = { NEWSMIRROR_COMPILE_CACHE: undefined, XDG_CACHE_HOME: join(dir, "xdg") };
      await fetchFixture(join(dir, "out"), env);
      const root = join(dir, "xdg", "newsmirror");
      const [folder, ...others] = await readdir(root);
      expect(others).toEqual([]);
      expect(folder).toMatch(/^[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}$/);
      expect((await stat(join(root, folder ?? ""))).mode & 0o077).toBe(0);
      expect(await readdir(join(root, folder ?? ""))).toContain("ran-fetch");
    }));
});
