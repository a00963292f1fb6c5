import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { SCANS_NATIVELY, ScanningTokenizer } from "../../src/text/tokenizer.js";
import { hasShared, noticeIfNoShared, repoRoot, sharedDir } from "../helpers/paths.js";

type Kind = typeof Tokenizer;

/** Every callback the tokenizer makes, with its arguments, in order. */
function tokens(Make: Kind, input: string, options: Mode, chunk: number): string {
  const seen: string[] = [];
  const callbacks = new Proxy({} as TokenizerCallbacks, {
    get:
      (_, name) =>
      (...args: unknown[]) =>
        void seen.push(`${String(name)}(${args.join()})`),
  });
  const tokenizer = new Make(options, callbacks);
  for (let at = 0; at < input.length; at += chunk) tokenizer.write(input.slice(at, at + chunk));
  tokenizer.end();
  return seen.join("\n");
}

interface Mode {
  xmlMode: boolean;
  decodeEntities: boolean;
}
// The scan is used in text only without entity decoding, and in CDATA, comments and
// declarations in every mode: all four are compared.
const MODES: Mode[] = [
  { xmlMode: false, decodeEntities: false },
  { xmlMode: false, decodeEntities: true },
  { xmlMode: true, decodeEntities: false },
  { xmlMode: true, decodeEntities: true },
];

function expectSameTokens(input: string, chunks: number[]): void {
  for (const mode of MODES) {
    for (const chunk of chunks) {
      const ours = tokens(ScanningTokenizer, input, mode, chunk);
      expect(ours, `${JSON.stringify(mode)}, chunks of ${chunk}`).toBe(
        tokens(Tokenizer, input, mode, chunk),
      );
    }
  }
}

describe("ScanningTokenizer", () => {
  it("replaces the scan with this htmlparser2 (else the speed-up is silently lost)", () => {
    expect(SCANS_NATIVELY).toBe(true);
    expect(
      (ScanningTokenizer.prototype as unknown as Record<string, unknown>)["fastForwardTo"],
    ).not.toBe((Tokenizer.prototype as unknown as Record<string, unknown>)["fastForwardTo"]);
  });

  // Each row: where a scan starts, stops or runs off the end of the buffer or of the input.
  const rows: { name: string; input: string }[] = [
    { name: "nothing", input: "" },
    { name: "text only (the scan runs off the end)", input: "just text, no tag" },
    { name: "text between tags", input: "<p>one</p> two <b>three</b>" },
    { name: "a lone <", input: "a < b <" },
    { name: "a comment with dashes", input: "<!-- a - b -- c --->x<!---->" },
    { name: "an unterminated comment", input: "<p>x<!-- never closed" },
    { name: "CDATA with ] inside", input: "<a><![CDATA[x]y]]z]]]></a>" },
    { name: "an unterminated CDATA", input: "<a><![CDATA[abc]" },
    { name: "a declaration and a PI", input: '<!DOCTYPE html><?xml version="1.0"?><p>x</p>' },
    { name: "quoted attributes", input: `<a href="x>y" title='q"'>t</a><b c=d>` },
    { name: "entities", input: "<p>&amp; &lt; &#x3c; &unknown; &</p>" },
    { name: "special tags", input: "<script>if (a<b) x()</script><style>p{}</style>" },
    { name: "astral characters", input: "😀<b>𝒳</b>😀<!-- 😀 --><![CDATA[😀]]>" },
  ];
  it.each(rows)("$name", ({ input }) => {
    // Chunks of 1 and 3 put every scan's start and stop on a buffer boundary somewhere.
    expectSameTokens(input, [input.length || 1, 1, 3]);
  });

  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  const documents = [
    ...files(join(repoRoot, "fixtures")),
    ...(hasShared ? files(join(sharedDir, "corpus", "feeds")) : []),
  ].filter((path) => /\.(rss|xml|atom|rdf|html|opml)$/.test(path));
  noticeIfNoShared("the corpus feeds of the tokenizer test");

  const label = (path: string) => relative(path.startsWith(repoRoot) ? repoRoot : sharedDir, path);
  it.each(documents.map((path) => [label(path), path]))("%s", (_, path) => {
    const text = readFileSync(path, "utf8");
    expectSameTokens(text, [text.length || 1, 997]);
  });
});
