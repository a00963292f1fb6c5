import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { configJsonSchema, undescribedFields } from "../../src/config/json-schema.js";
import { parseConfig } from "../../src/config/load.js";
import { runCli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/paths.js";

const shipped = JSON.parse(
  readFileSync(join(repoRoot, "schema", "newsmirror.schema.json"), "utf8"),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(configJsonSchema());
const example = JSON.parse(
  readFileSync(join(repoRoot, "examples", "newsmirror.json"), "utf8"),
) as object;

function accepted(config: unknown): boolean {
  try {
    parseConfig(config, "c.json");
    return true;
  } catch {
    return false;
  }
}

const feed = { id: "voa", url: "https://x.example/feed" };

describe("the config's JSON Schema", () => {
  it("is the one shipped in schema/ (regenerate: newsmirror config schema > schema/newsmirror.schema.json)", () => {
    expect(shipped).toEqual(configJsonSchema());
  });

  it("is what `newsmirror config schema` prints", async () => {
    const result = await runCli(["config", "schema"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(shipped);
  });

  it("describes every field", () => {
    expect(undescribedFields()).toEqual([]);
  });

  it("is shipped in the package", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      files: string[];
    };
    expect(pkg.files).toContain("schema");
  });

  it("validates examples/newsmirror.json", () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["$schema", { $schema: "./newsmirror.schema.json" }],
    ["no proxy", { imageProxy: "none" }],
    ["{encoded}", { imageProxy: "https://p.example/i?u={encoded}&w=800" }],
    ["a file feed", { feeds: [{ id: "local", url: "feeds/a.xml" }] }],
    ["a file:// feed", { feeds: [{ id: "local", url: "file:///srv/a.xml" }] }],
    ["an id with index in it", { feeds: [{ ...feed, id: "my.index" }] }],
    ["full text by selector", { feeds: [{ ...feed, fullText: { selector: "article" } }] }],
    [
      "filters",
      { feeds: [{ ...feed, filters: { keep: [{ field: "title", pattern: "a", flags: "i" }] } }] },
    ],
  ])("accepts %s, as the config loader does", (_name, config) => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(accepted(config)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["imagProxy", { imagProxy: "none" }],
    ["fulltext in a feed", { feeds: [{ ...feed, fulltext: "readability" }] }],
    ["readabilty", { feeds: [{ ...feed, fullText: "readabilty" }] }],
    ["titel", { feeds: [{ ...feed, filters: { keep: [{ field: "titel", pattern: "a" }] } }] }],
    ["userAgnt", { http: { userAgnt: "x" } }],
    ["an ftp:// feed", { feeds: [{ id: "a", url: "ftp://x.example/feed" }] }],
    ["a feed without url", { feeds: [{ id: "a" }] }],
    ["{bogus}", { imageProxy: "https://proxy.example/{bogus}" }],
    ["two placeholders", { imageProxy: "https://p.example/{url}?{encoded}" }],
    ["an ftp proxy", { imageProxy: "ftp://x/{url}" }],
    ["the id index", { feeds: [{ ...feed, id: "index" }] }],
    ["the id README.md", { feeds: [{ ...feed, id: "README.md" }] }],
    ["the id .git", { feeds: [{ ...feed, id: ".git" }] }],
    ["the id con", { feeds: [{ ...feed, id: "con" }] }],
    ["an id with a space", { feeds: [{ ...feed, id: "a b" }] }],
    ["100 feeds at once", { http: { concurrency: 100 } }],
    ["retries as a string", { http: { retries: "3" } }],
  ])("rejects %s, as the config loader does", (_name, config) => {
    expect(validate(config)).toBe(false);
    expect(accepted(config)).toBe(false);
  });
});
