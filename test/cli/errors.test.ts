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
];

describe("usage and config errors", () => {
  it.each(cases)("$name: exit $code, the lines on stderr, nothing on stdout", (c) =>
    withTempDir(async (dir) => {
      if (c.config !== undefined) await writeFile(join(dir, "c.json"), JSON.stringify(c.config));
      const result = await runCli([...c.args, "--out", join(dir, "out")], { cwd: dir });
      expect(result.code).toBe(c.code);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")).toEqual(c.stderr.map((l) => l.replaceAll("{dir}", dir)));
    }),
  );

  it.each(cases)("$name with --json: one JSON object on stdout, nothing on stderr", (c) =>
    withTempDir(async (dir) => {
      if (c.config !== undefined) await writeFile(join(dir, "c.json"), JSON.stringify(c.config));
      const result = await runCli([...c.args, "--out", join(dir, "out"), "--json"], { cwd: dir });
      expect(result.code).toBe(c.code);
      expect(result.stderr).toBe("");
      const { error } = JSON.parse(result.stdout) as { error: Record<string, unknown> };
      const want = JSON.parse(JSON.stringify(c.json).replaceAll("{dir}", dir)) as object;
      expect(error).toMatchObject(want);
      expect(error["suggestion"]).toEqual(expect.any(String));
      if (!c.json.problems) expect(error).not.toHaveProperty("problems");
    }),
  );
});
