import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The stages' boundaries (ARCHITECTURE.md): what each folder under src/ may not import. Every
// stage returns values to its caller; only the CLI parses arguments and prints.
const notCli = {
  group: ["commander", "**/cli/*", "**/cli.js"],
  message: "only the CLI parses arguments and prints: return a value to it instead",
};
const stage = (name, why) => ({ group: [`**/${name}/*`], message: why });
const BOUNDARIES = {
  converter: [
    notCli,
    {
      group: ["**/config/*", "zod", "css-what"],
      message: "the converter takes its options as arguments (it loads no config or zod)",
    },
    stage("writer", "the converter returns an Item; the pipeline writes it"),
    stage("fetcher", "the converter works offline on what it is given"),
    stage("selection", "the converter converts what it is given"),
    stage("pipeline", "stages never import the pipeline that calls them"),
  ],
  writer: [
    notCli,
    stage("converter", "the writer stores items as given: titles are read by src/text/"),
    stage("fetcher", "the writer never fetches"),
    stage("selection", "the pipeline selects; the writer writes"),
    stage("pipeline", "stages never import the pipeline that calls them"),
    stage("config", "the writer takes its options as arguments"),
  ],
  fetcher: [
    notCli,
    stage("writer", "the fetcher returns bytes and entries; the pipeline writes"),
    stage("converter", "the fetcher returns entries as the feed has them"),
    stage("selection", "the pipeline selects entries after parsing"),
    stage("pipeline", "stages never import the pipeline that calls them"),
  ],
  selection: [
    notCli,
    stage("fetcher", "selection works on parsed entries"),
    stage("pipeline", "stages never import the pipeline that calls them"),
  ],
  text: [
    notCli,
    {
      group: ["**/converter/*", "**/writer/*", "**/fetcher/*", "**/selection/*", "**/pipeline/*"],
      message: "src/text/ holds helpers every stage may use: it imports none of them",
    },
  ],
  legacy: [
    notCli,
    stage("writer", "the readers of older archives return articles; the pipeline writes them"),
    stage("selection", "the pipeline finds duplicates after reading"),
    stage("pipeline", "stages never import the pipeline that calls them"),
  ],
  export: [
    notCli,
    stage("writer", "the export renders what it is given; the pipeline reads and writes files"),
    stage("fetcher", "the export works offline on stored items"),
    stage("converter", "the export reads stored bodies as they are: convert() made them"),
    stage("selection", "the export renders every item it is given"),
    stage("config", "the export takes its options as arguments"),
    stage("pipeline", "stages never import the pipeline that calls them"),
  ],
  site: [
    notCli,
    stage("converter", "the site shows items as stored: the converter made them"),
    stage("fetcher", "the site is made offline from the archive"),
    stage("selection", "the site shows every item the index lists"),
    stage("pipeline", "stages never import the pipeline that calls them"),
    stage("config", "the site takes its options as arguments"),
  ],
  config: [notCli, stage("pipeline", "the config is read by the CLI and given to the pipeline")],
  launch: [
    {
      regex: "^(?!node:|\\./)",
      message: "the launcher runs before the bundle is loaded: Node's modules and its own only",
    },
  ],
  pipeline: [notCli],
};

// htmlparser2's entry points come from src/text/htmlparser.ts, whose tokenizer scans natively.
const HTMLPARSER = {
  name: "htmlparser2",
  importNames: ["Tokenizer", "Parser", "parseDocument"],
  message: "use src/text/htmlparser.ts's: the same, with the tokenizer's scan done natively",
};
const restricted = (patterns) => ["error", { patterns, paths: [HTMLPARSER] }];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "archive/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        performance: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": "error",
    },
  },
  ...Object.entries(BOUNDARIES).map(([folder, patterns]) => ({
    files: [`src/${folder}/**`],
    rules: {
      "@typescript-eslint/no-restricted-imports": restricted(patterns),
      "no-restricted-properties": [
        "error",
        { object: "process", property: "stdout", message: "only the CLI prints" },
        { object: "process", property: "stderr", message: "only the CLI prints" },
        { object: "process", property: "exit", message: "the core returns; the CLI exits" },
      ],
    },
  })),
  {
    files: ["src/*.ts"],
    ignores: ["src/cli.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": restricted([notCli]) },
  },
  {
    files: ["src/cli.ts", "src/cli/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restricted([]) },
  },
  {
    files: ["src/text/htmlparser.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: BOUNDARIES.text }] },
  },
  // Only the CLI and the benchmark talk to the terminal; the stages return values.
  { files: ["src/cli.ts", "src/cli/**", "bench/**", "test/**"], rules: { "no-console": "off" } },
);
