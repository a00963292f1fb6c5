import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixture, withTempDir } from "../helpers/paths.js";

/** The seed's feed, fetched into `out`: one item. */
async function archiveOf(out: string): Promise<string> {
  const fetched = await runCli(["fetch", fixture("voa-putin.rss"), "--out", out, "--quiet"]);
  expect(fetched.code).toBe(0);
  const month = join(out, "voa-putin");
  const [folder] = (await readdir(month)).filter((name) => /^\d{4}-\d\d$/.test(name));
  const [item] = (await readdir(join(month, folder!))).filter((name) => name.endsWith(".txt"));
  return `voa-putin/${folder}/${item}`;
}

interface Row {
  case: string;
  /** Changes the archive before the command runs. */
  damage?: (out: string, dir: string) => Promise<void>;
  args: string[];
  code: number;
  json: (item: string) => unknown;
}

const INDEX = "run `newsmirror index` to rebuild the index and lists from the item files";

describe("--json of the archive's commands: one object on standard output", () => {
  it.each<Row>([
    {
      case: "verify, clean",
      args: ["verify"],
      code: 0,
      json: () => ({ items: 1, problems: [], fixes: [] }),
    },
    {
      case: "verify, an item missing from the index",
      damage: (out) => rm(join(out, "index"), { recursive: true }),
      args: ["verify"],
      code: 1,
      json: (item) => ({
        items: 1,
        problems: [
          expect.objectContaining({ path: item, problem: expect.stringMatching(/^missing from /) }),
        ],
        fixes: [INDEX],
      }),
    },
    {
      case: "rerender --check, nothing would change",
      args: ["rerender", "--check"],
      code: 0,
      json: () => ({ items: 1, wouldChange: [], problems: [], fixes: [] }),
    },
    {
      case: "rerender --check with another image proxy",
      damage: async (_out, dir) =>
        writeFile(join(dir, "newsmirror.json"), JSON.stringify({ feeds: [], imageProxy: "none" })),
      args: ["rerender", "--check"],
      code: 1,
      json: (item) => ({
        items: 1,
        wouldChange: [item],
        problems: [],
        fixes: ["run `newsmirror rerender` to rewrite them"],
      }),
    },
    {
      case: "verify of no archive: the error as JSON",
      args: ["verify", "--out", "no-such-archive"],
      code: 2,
      json: () => ({ error: expect.objectContaining({ code: "E_NO_ARCHIVE" }) }),
    },
  ])("$case", ({ damage, args, code, json }) =>
    withTempDir(async (dir) => {
      const out = join(dir, "archive");
      const item = await archiveOf(out);
      await damage?.(out, dir);
      const config = join(dir, "newsmirror.json");
      const withConfig = await readdir(dir).then((names) => names.includes("newsmirror.json"));
      const run = await runCli(
        [
          ...args,
          ...(args.includes("--out") ? [] : ["--out", out]),
          ...(withConfig ? ["--config", config] : []),
          "--json",
        ],
        { cwd: dir },
      );
      expect(run.code).toBe(code);
      expect(JSON.parse(run.stdout)).toEqual(json(item));
    }),
  );
});
