import type { Document } from "domhandler";
import {
  type Handler,
  Parser as UpstreamParser,
  type Options,
  type ParserOptions,
  parseDocument as upstreamParseDocument,
  Tokenizer as UpstreamTokenizer,
  type TokenizerCallbacks,
} from "htmlparser2";

/**
 * htmlparser2 as newsmirror uses it: `Tokenizer`, `Parser` and `parseDocument`, the same but for
 * the tokenizer's one-character scan, done by `String.prototype.indexOf`. Sources import these
 * from here, never from htmlparser2 (eslint.config.js refuses it), so no reading is left slow.
 *
 * Why: the tokenizer skips ahead to one character (the `<` after text when entities are not
 * decoded, the `]` or `-` that may end a CDATA section or a comment, the `>` of a declaration)
 * by reading one char code at a time in JavaScript. A feed's bodies are mostly that: text between
 * tags, and the CDATA sections around them; the first run's profile had 86 ms of 1.6 s in that
 * loop (bench/RESULTS.md, "Issue 11, 2026-12-03, later"). `indexOf` does the same scan natively,
 * about twice as fast over the benchmark's bodies.
 *
 * The replacement keeps the upstream method's contract exactly: the scan starts after `index`,
 * stops on the character (true) or leaves `index` on the buffer's last character (false), with
 * `offset` the position of the buffer in the whole input. It reaches into three private fields;
 * if a later htmlparser2 renames them, the probe below finds them missing and the upstream
 * method is kept, and test/text/htmlparser.test.ts compares both token streams on every input.
 */
interface Scan {
  buffer: string;
  index: number;
  offset: number;
}

function fastForwardTo(this: Scan, c: number): boolean {
  const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (at >= 0) {
    this.index = at + this.offset;
    return true;
  }
  this.index = this.buffer.length + this.offset - 1;
  return false;
}

export class Tokenizer extends UpstreamTokenizer {}

/** Whether this htmlparser2 has the method and the fields the replacement relies on. */
function replaceable(): boolean {
  const proto = UpstreamTokenizer.prototype as unknown as Record<string, unknown>;
  const probe = new UpstreamTokenizer({}, {} as TokenizerCallbacks);
  const fields = probe as unknown as Record<string, unknown>;
  return (
    typeof proto["fastForwardTo"] === "function" &&
    typeof fields["buffer"] === "string" &&
    typeof fields["index"] === "number" &&
    typeof fields["offset"] === "number"
  );
}

/** True when Tokenizer scans with indexOf (false: it is htmlparser2's own). */
export const SCANS_NATIVELY = replaceable();

if (SCANS_NATIVELY) {
  Object.defineProperty(Tokenizer.prototype, "fastForwardTo", {
    value: fastForwardTo,
    writable: true,
    configurable: true,
  });
}

/** htmlparser2's streaming Parser on the Tokenizer above. */
export class Parser extends UpstreamParser {
  constructor(callbacks?: Partial<Handler> | null, options: ParserOptions = {}) {
    super(callbacks, { ...options, Tokenizer });
  }
}

/** htmlparser2's parseDocument on the Tokenizer above. */
export function parseDocument(data: string, options: Options = {}): Document {
  return upstreamParseDocument(data, { ...options, Tokenizer });
}
