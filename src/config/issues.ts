import type { z } from "zod";
import { closest } from "./suggest.js";

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** `feeds.0.url`, or `(top level)` for the file itself. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "(top level)";
}

/** A value as the reader wrote it, short: `"ftp://x"`, `3`, `an object`. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "an object";
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…"` : json;
}

function didYouMean(word: unknown, candidates: readonly unknown[]): string {
  if (typeof word !== "string") return "";
  const match = closest(
    word,
    candidates.filter((c): c is string => typeof c === "string"),
  );
  return match ? ` (did you mean ${JSON.stringify(match)}?)` : "";
}

const KIND: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
};

function bound(issue: Extract<Issue, { code: "too_big" | "too_small" }>): string {
  const big = issue.code === "too_big";
  const limit = big ? issue.maximum : issue.minimum;
  const strict = issue.inclusive === false;
  if (issue.origin === "string") {
    if (!big && Number(limit) === 1) return "a non-empty string";
    return `a string of ${big ? "at most" : "at least"} ${String(limit)} characters`;
  }
  if (issue.origin === "array") return `a list of ${big ? "at most" : "at least"} ${String(limit)}`;
  const relation = big ? (strict ? "below" : "at most") : strict ? "above" : "at least";
  return `a number ${relation} ${String(limit)}`;
}

/** What the field should have held, said as a person would. */
function expected(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return KIND[issue.expected] ?? issue.expected;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_big":
    case "too_small":
      return bound(issue);
    case "not_multiple_of":
      return `a multiple of ${String(issue.divisor)}`;
    default:
      // Formats, refinements and unions: the schema's own message says what is expected.
      return issue.message;
  }
}

/** The literal values a union accepts, for "did you mean" on `"fullText": "readabilty"`. */
function unionValues(issue: Issue): unknown[] {
  if (issue.code !== "invalid_union") return [];
  return issue.errors
    .flat()
    .flatMap((inner) => (inner.code === "invalid_value" ? inner.values : []));
}

/** The keys an object schema at `path` knows, to suggest one for an unknown key. */
export function keysAt(schema: Schema, path: readonly PropertyKey[]): string[] {
  let here: Schema | undefined = schema;
  const steps = [...path];
  while (here) {
    const def = here._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "optional" || def.type === "default" || def.type === "nullable")
      here = def.innerType as Schema;
    else if (def.type === "pipe") here = def.in as Schema;
    else if (steps.length === 0)
      return def.type === "object" ? Object.keys(def.shape as object) : [];
    else if (def.type === "object")
      here = (def.shape as Record<string, Schema>)[String(steps.shift())];
    else if (def.type === "array") {
      steps.shift();
      here = def.element as Schema;
    } else if (def.type === "union") {
      const rest = steps;
      return (def.options as Schema[]).flatMap((option) => keysAt(option, rest));
    } else return [];
  }
  return [];
}

/** Where a path lies in the document: the position of each key as the file has them. */
function positionOf(input: unknown, path: readonly PropertyKey[]): number[] {
  const position: number[] = [];
  let here = input;
  for (const step of path) {
    if (Array.isArray(here)) position.push(Number(step));
    else if (here !== null && typeof here === "object")
      position.push(Object.keys(here).indexOf(String(step)));
    else break;
    here = (here as Record<PropertyKey, unknown>)[step];
  }
  return position;
}

function compareAt(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

interface Problem {
  path: PropertyKey[];
  line: string;
}

/** Every field the schema knows, with where it lives (`feeds.*`), for keys put at the wrong level. */
function fieldHomes(schema: Schema, at = ""): [string, string][] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (["optional", "default", "nullable"].includes(def.type))
    return fieldHomes(def.innerType as Schema, at);
  if (def.type === "array") return fieldHomes(def.element as Schema, at ? `${at}.*` : "*");
  if (def.type === "union") return (def.options as Schema[]).flatMap((o) => fieldHomes(o, at));
  if (def.type !== "object") return [];
  return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, inner]) => [
    [key, at] as [string, string],
    ...fieldHomes(inner, at ? `${at}.${key}` : key),
  ]);
}

function unknownKeyHint(schema: Schema | undefined, path: PropertyKey[], key: string): string {
  if (!schema) return "";
  const here = didYouMean(key, keysAt(schema, path));
  if (here) return here;
  const homes = fieldHomes(schema).filter(([field, home]) => home && closest(key, [field]));
  const [field, home] = homes[0] ?? [];
  return field ? ` (${JSON.stringify(field)} belongs in ${home})` : "";
}

function problemsOf(issue: Issue, schema: Schema | undefined): Problem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const hint = unknownKeyHint(schema, issue.path, key);
      return { path, line: `${issuePath(path)}: unknown field${hint}` };
    });
  }
  const path = [...issue.path];
  const where = issuePath(path);
  // A refinement that states the whole problem (a duplicate, a reserved id) says it itself.
  if (issue.code === "custom" && issue.params?.["sentence"])
    return [{ path, line: `${where}: ${issue.message}` }];
  if (issue.code === "invalid_type" && issue.input === undefined)
    return [{ path, line: `${where}: missing; expected ${expected(issue)}` }];
  const hint =
    issue.code === "invalid_value"
      ? didYouMean(issue.input, issue.values)
      : didYouMean(issue.input, unionValues(issue));
  return [
    { path, line: `${where}: expected ${expected(issue)}, found ${shown(issue.input)}${hint}` },
  ];
}

/**
 * One line per problem, `path: expected X, found Y (did you mean Z?)`, in the order the fields
 * stand in `input` (the parsed file) when it is given.
 */
export function formatIssues(issues: readonly Issue[], schema?: Schema, input?: unknown): string[] {
  const problems = issues.flatMap((issue) => problemsOf(issue, schema));
  if (input !== undefined) {
    const at = new Map(problems.map((p) => [p, positionOf(input, p.path)]));
    problems.sort((a, b) => compareAt(at.get(a)!, at.get(b)!));
  }
  return problems.map((p) => p.line);
}
