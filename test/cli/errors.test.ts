import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { withTempDir } from "../helpers/paths.js";

const CONFIG_HINT =
  "  suggestion: fix the fields named; the README's Config section (https://github.com/newsmirror/newsmirror#config) describes every field; `newsmirror config schema` prints the JSON Schema";

interface Case {
  name: string;
  args: string[];
  /** Written to c.json in the test's folder; the args name it as `c.json`. */
  config?: unknown;
  code: number;
  stderr: string[];
  json: { code: string; message: string; problems?: string[] };
}

const cases: Case[] = [
  {
    name: "an unknown option",
    args: ["fetch", "--bogus"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: unknown option '--bogus'",
      "  suggestion: see `newsmirror --help`",
    ],
    json: { code: "E_USAGE", message: "unknown option '--bogus'" },
  },
  {
    name: "a near command",
    args: ["fech"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: unknown command 'fech' (did you mean fetch?)",
      "  suggestion: see `newsmirror --help`",
    ],
    json: { code: "E_USAGE", message: "unknown command 'fech' (did you mean fetch?)" },
  },
  {
    name: "a config with two mistakes",
    args: ["fetch", "--config", "c.json"],
    config: { fulltext: true, feeds: [{ id: "a", url: "ftp://x" }] },
    code: 2,
    stderr: [
      "newsmirror: E_CONFIG: {dir}/c.json: invalid config (2 problems)",
      '  fulltext: unknown field ("fullText" belongs in feeds.*)',
      '  feeds.0.url: expected an http(s) URL or a local file path, found "ftp://x"',
      CONFIG_HINT,
    ],
    json: {
      code: "E_CONFIG",
      message: "{dir}/c.json: invalid config (2 problems)",
      problems: [
        'fulltext: unknown field ("fullText" belongs in feeds.*)',
        'feeds.0.url: expected an http(s) URL or a local file path, found "ftp://x"',
      ],
    },
  },
  {
    name: "--feed with sources",
    args: ["fetch", "a.rss", "--feed", "voa"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: --feed selects feeds of the config, so it cannot be given with sources",
      "  suggestion: name the source's feed with --id ID, or leave out the sources to fetch the config's feeds",
    ],
    json: {
      code: "E_USAGE",
      message: "--feed selects feeds of the config, so it cannot be given with sources",
    },
  },
  {
    name: "- twice",
    args: ["fetch", "-", "-"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: - (standard input) is given 2 times: it can be read only once",
      "  suggestion: give - once",
    ],
    json: {
      code: "E_USAGE",
      message: "- (standard input) is given 2 times: it can be read only once",
    },
  },
  {
    name: "a reserved --id",
    args: ["fetch", "-", "--id", "index"],
    code: 2,
    stderr: [
      `newsmirror: E_USAGE: --id "index" is reserved: it is the archive's index folder; choose another id`,
      "  suggestion: choose another id",
    ],
    json: {
      code: "E_USAGE",
      message: `--id "index" is reserved: it is the archive's index folder; choose another id`,
    },
  },
  {
    name: "--id without a source",
    args: ["fetch", "--id", "voa"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: --id and --title name the feed of a source given on the command line",
      "  suggestion: give the source too: newsmirror fetch SOURCE --id ID, or use --feed ID for a feed of the config",
    ],
    json: {
      code: "E_USAGE",
      message: "--id and --title name the feed of a source given on the command line",
    },
  },
  {
    name: "more sources than ids",
    args: ["fetch", "a.rss", "b.rss", "--id", "a"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: 1 --id for 2 sources: give one per source, in their order",
      "  suggestion: e.g. newsmirror fetch - --id …, or one source per run",
    ],
    json: { code: "E_USAGE", message: "1 --id for 2 sources: give one per source, in their order" },
  },
  {
    name: "more ids than sources",
    args: ["fetch", "a.rss", "--id", "a", "--id", "b"],
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: 2 --id for 1 source: give one per source, in their order",
      "  suggestion: e.g. newsmirror fetch - --id …, or one source per run",
    ],
    json: { code: "E_USAGE", message: "2 --id for 1 source: give one per source, in their order" },
  },
  {
    name: "a --feed one letter off",
    args: ["fetch", "--config", "c.json", "--feed", "vao"],
    config: {
      feeds: [
        { id: "voa", url: "a.rss" },
        { id: "bbc", url: "b.rss" },
      ],
    },
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: --feed vao: no such feed in the config (did you mean voa?)",
      "  suggestion: the config has: voa, bbc",
    ],
    json: {
      code: "E_USAGE",
      message: "--feed vao: no such feed in the config (did you mean voa?)",
    },
  },
  {
    name: "a --feed like none of the config's",
    args: ["fetch", "--config", "c.json", "--feed", "dw"],
    config: { feeds: Array.from({ length: 30 }, (_, i) => ({ id: `feed${i}`, url: "a.rss" })) },
    code: 2,
    stderr: [
      "newsmirror: E_USAGE: --feed dw: no such feed in the config",
      `  suggestion: the config has 30 feeds: ${Array.from({ length: 10 }, (_, i) => `feed${i}`).join(", ")}, … (newsmirror feeds export lists them all)`,
    ],
    json: { code: "E_USAGE", message: "--feed dw: no such feed in the config" },
  },
  {
    name: "a --config that does not exist",
    args: ["fetch", "--config", "nope.json"],
    code: 2,
    stderr: [
      "newsmirror: E_CONFIG: {dir}/nope.json: cannot read config: no such file",
      "  suggestion: check the path given to --config",
    ],
    json: { code: "E_CONFIG", message: "{dir}/nope.json: cannot read config: no such file" },
  },
  {
    name: "a --config that is a folder",
    args: ["fetch", "--config", "/"],
    code: 2,
    stderr: [
      "newsmirror: E_CONFIG: /: cannot read config: it is a folder, not a file",
      "  suggestion: check the path given to --config",
    ],
    json: { code: "E_CONFIG", message: "/: cannot read config: it is a folder, not a file" },
  },
  {
    name: "a config that is not JSON",
    args: ["fetch", "--config", "c.json"],
    config: "{ not json",
    code: 2,
    stderr: [
      expect.stringMatching(
        /^newsmirror: E_CONFIG: \/.*\/c\.json: not valid JSON: /,
      ) as unknown as string,
      "  suggestion: check the file with a JSON validator",
    ],
    json: {
      code: "E_CONFIG",
      message: expect.stringMatching(/c\.json: not valid JSON: /) as unknown as string,
    },
  },
];

async function writeConfig(dir: string, config: unknown): Promise<void> {
  const text = typeof config === "string" ? config : JSON.stringify(config);
  await writeFile(join(dir, "c.json"), text);
}

describe("usage and config errors", () => {
  it.each(cases)("$name: exit $code, the lines on stderr, nothing on stdout", (c) =>
    withTempDir(async (dir) => {
      if (c.config !== undefined) await writeConfig(dir, c.config);
      const result = await runCli([...c.args, "--out", join(dir, "out")], { cwd: dir });
      expect(result.code).toBe(c.code);
      expect(result.stdout).toBe("");
      const lines = c.stderr.map((l) => (typeof l === "string" ? l.replaceAll("{dir}", dir) : l));
      expect(result.stderr.split("\n")).toEqual(lines);
    }),
  );

  it.each(cases)("$name with --json: one JSON object on stdout, nothing on stderr", (c) =>
    withTempDir(async (dir) => {
      if (c.config !== undefined) await writeConfig(dir, c.config);
      const result = await runCli([...c.args, "--out", join(dir, "out"), "--json"], { cwd: dir });
      expect(result.code).toBe(c.code);
      expect(result.stderr).toBe("");
      const { error } = JSON.parse(result.stdout) as { error: Record<string, unknown> };
      const mine = (v: unknown) => (typeof v === "string" ? v.replaceAll("{dir}", dir) : v);
      const want = {
        ...c.json,
        message: mine(c.json.message),
        ...(c.json.problems ? { problems: c.json.problems.map(mine) } : {}),
      };
      expect(error).toMatchObject(want);
      expect(error["suggestion"]).toEqual(expect.any(String));
      if (!c.json.problems) expect(error).not.toHaveProperty("problems");
    }),
  );
});

describe("a command of commands given without one", () => {
  it.each([
    { args: ["export"], names: "markdown" },
    { args: ["config"], names: "schema, check" },
    { args: ["feeds"], names: "import, export" },
  ])("newsmirror $args.0: its help, then one line naming its commands, exit 2", (c) =>
    withTempDir(async (dir) => {
      const result = await runCli(c.args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.split("\n");
      expect(lines[0]).toBe(`Usage: newsmirror ${c.args[0]} [options] [command]`);
      expect(result.stderr).not.toContain("outputHelp");
      expect(lines.slice(-2)).toEqual([
        `newsmirror: E_USAGE: ${c.args[0]} needs one of its commands: ${c.names}`,
        `  suggestion: e.g. newsmirror ${c.args[0]} ${c.names.split(", ")[0]!} --help`,
      ]);
    }),
  );
});
