import { NewsmirrorError } from "../errors.js";
import type { Item } from "../model.js";
import { escapeLinkDestination, unescapeMarkdown } from "../text/markdown-link.js";
import { plural } from "../text/plural.js";

/**
 * The archival format, as the seed item defines it (ARCHITECTURE.md, "The format"): five lines,
 * LF, one final newline.
 *   <!--{published ms}-->
 *   [{title}]({link})
 *   ------
 *   (empty)
 *   {body: one line of HTML}
 */
const SEPARATOR = "------";

export function renderItem(item: Item): string {
  const head = `<!--${item.published}-->\n[${item.title}](${escapeLinkDestination(item.link)})\n${SEPARATOR}\n\n`;
  const text = `${head}${item.body}\n`;
  // The body's newline is looked for in the whole text, not in the body apart: a body is often
  // built of pieces, and searching it alone would flatten it into one copy, then hashing the text
  // would flatten that into another. Searched here, the text is flattened once, for both.
  if (item.title.includes("\n") || text.indexOf("\n", head.length) !== text.length - 1) {
    throw new NewsmirrorError("E_ITEM_PARSE", "item title and body must be single lines");
  }
  return text;
}

/** Splits `[title](link)` where the title is escaped Markdown (no unescaped `]`). */
function parseLinkLine(line: string): { title: string; link: string } | undefined {
  if (!line.startsWith("[") || !line.endsWith(")")) return undefined;
  let i = 1;
  while (i < line.length && line[i] !== "]") i += line[i] === "\\" ? 2 : 1;
  if (line.slice(i, i + 2) !== "](") return undefined;
  return { title: line.slice(1, i), link: unescapeMarkdown(line.slice(i + 2, -1)) };
}

export type ItemHead = Omit<Item, "body">;

/** An item's head, and where its body (line 5, up to the final newline) starts in the bytes. */
export interface LocatedItem extends ItemHead {
  bodyStart: number;
}

const LF = 0x0a;

/**
 * Parses an item file's bytes back, decoding only the first two lines: the index needs no body
 * (bench/RESULTS.md, "Item heads parsed from bytes"). Every check is on ASCII
 * bytes, which UTF-8 never uses inside a multi-byte character, so they hold for the text too.
 * `where` names the file in the error.
 */
/** NUL bytes, or control bytes beyond 1 in 100: not a text file. Asked only of a file that failed. */
function isBinary(buf: Buffer): boolean {
  if (buf.includes(0)) return true;
  let controls = 0;
  for (const byte of buf) if (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) controls++;
  return controls > buf.length / 100;
}

export function parseItemHead(bytes: Uint8Array, where: string): LocatedItem {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  const fail = (why: string): never => {
    // Said by cause: an empty or binary file breaks every rule, the first broken would mislead.
    const cause = end === 0 ? "it is empty" : isBinary(buf) ? "it is a binary file, not text" : why;
    throw new NewsmirrorError("E_ITEM_PARSE", `${where}: not an item file: ${cause}`, {
      suggestion: "restore it from git, or delete it and run `newsmirror index`",
    });
  };
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    fail("it starts with a byte-order mark");
  if (buf.includes(0x0d)) fail("it has CR line endings");
  if (buf[end - 1] !== LF || (end > 1 && buf[end - 2] === LF))
    fail("it must end in exactly one newline");
  const breaks: number[] = [];
  for (let at = buf.indexOf(LF); at !== -1 && at < end - 1; at = buf.indexOf(LF, at + 1))
    breaks.push(at);
  if (breaks.length !== 4) fail(`it has ${plural(breaks.length + 1, "line")}, not 5`);
  const [b1, b2, b3, b4] = breaks as [number, number, number, number];
  const published = /^<!--(-?\d{1,16})-->$/.exec(buf.toString("latin1", 0, b1));
  if (!published) fail("line 1 is not <!--milliseconds-->");
  const link = parseLinkLine(buf.toString("utf8", b1 + 1, b2));
  if (!link) fail("line 2 is not [title](link)");
  if (buf.toString("latin1", b2 + 1, b3) !== SEPARATOR || b4 !== b3 + 1)
    fail("lines 3 and 4 are not ------ and an empty line");
  if (buf.toString("latin1", b4 + 1, b4 + 9) !== "<div><i>")
    fail("the body does not begin with the date line <div><i>");
  const { title, link: url } = link!;
  return { published: Number(published![1]), title, link: url, bodyStart: b4 + 1 };
}

/** Parses an item file's text back, body included; `where` names the file in the error. */
export function parseItem(text: string, where: string): Item {
  return parseItemBytes(Buffer.from(text, "utf8"), where);
}

/**
 * Parses an item file's bytes back, body included. The same item as `parseItem` of their UTF-8
 * decoding: every line break is an ASCII byte, which decoding keeps in place, so each line
 * decodes alike whether alone or within the whole.
 */
export function parseItemBytes(bytes: Uint8Array, where: string): Item {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { bodyStart, ...head } = parseItemHead(buf, where);
  return { ...head, body: buf.toString("utf8", bodyStart, buf.length - 1) };
}
