import { readFileSync } from "node:fs";
import * as upstream from "htmlparser2";
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  Parser,
  parseDocument,
  SCANS_NATIVELY,
  Tokenizer as ScanningTokenizer,
} from "../../src/text/htmlparser.js";
import { feedDocuments } from "../helpers/paths.js";

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

describe("src/text/htmlparser.ts", () => {
  afterEach(() => void vi.restoreAllMocks());

  it("replaces the scan with this htmlparser2 (else the speed-up is silently lost)", () => {
    expect(SCANS_NATIVELY).toBe(true);
    expect(
      (ScanningTokenizer.prototype as unknown as Record<string, unknown>)["fastForwardTo"],
    ).not.toBe((Tokenizer.prototype as unknown as Record<string, unknown>)["fastForwardTo"]);
  });

  it("Parser and parseDocument read with it, into what htmlparser2's own give", () => {
    const proto = ScanningTokenizer.prototype as unknown as { fastForwardTo(c: number): boolean };
    const scan = vi.spyOn(proto, "fastForwardTo");
    const html = "<p>text <b>bold</b></p><![CDATA[x]]><!-- c -->";
    // Each reading must scan with it: the count of scans grows with each, and only with ours.
    let scans = 0;
    const scanned = () => {
      const grew = scan.mock.calls.length > scans;
      scans = scan.mock.calls.length;
      return grew;
    };
    for (const xmlMode of [false, true]) {
      const ours = parseDocument(html, { xmlMode, withStartIndices: true });
      expect(scanned()).toBe(true);
      expect(ours).toEqual(upstream.parseDocument(html, { xmlMode, withStartIndices: true }));
      expect(scanned()).toBe(false);
    }
    const seen: string[] = [];
    new Parser({ ontext: (t) => void seen.push(t) }, { decodeEntities: false }).end(html);
    expect(scanned()).toBe(true);
    expect(seen).toEqual(["text ", "bold"]);
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

  const documents = feedDocuments(
    /\.(rss|xml|atom|rdf|html|opml)$/,
    "the corpus feeds of the tokenizer test",
  );
  it.each(documents)("%s", (_, path) => {
    const text = readFileSync(path, "utf8");
    expectSameTokens(text, [text.length || 1, 997]);
  });
});
