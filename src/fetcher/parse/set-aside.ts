/**
 * Long CDATA sections set aside while rss-parser reads a document (issue 11).
 *
 * rss-parser reads the whole document through xml2js and sax, character by character, though
 * an entry's body (most of a feed's bytes, usually in a CDATA section) is read from the
 * document tree (facts.ts): rss-parser's copy only stands in where the tree has none. So it is
 * given the document with each long CDATA section's content replaced by a token, and xml2js
 * puts the content back into every text it makes (a value processor), before rss-parser reads
 * any of it. Its result is then the one it gives for the whole document, if every token was
 * read as a CDATA section: sax reads left to right, the text before each token is the same as
 * in the whole document but for sections already set aside, which sax leaves in the same state,
 * so a `<![CDATA[` that sax reads as one in this text is one in the whole document too, and
 * ends at the same `]]>`. A token sax reads otherwise (the `<![CDATA[` was inside a comment, a
 * processing instruction, an attribute) fails that test, and so does any error: then the whole
 * document is parsed again (`readAsideFirst` in xml.ts keeps the result only if `AsideCheck`
 * says every token was read so).
 */

/** Private-use characters: a document holding either is parsed whole. */
const OPEN = "\uE000";
const CLOSE = "\uE001";
/** Shorter sections cost sax little; titles and dates in CDATA stay where they are. */
const LONG = 256;
const SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const TOKEN = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");
const TOKEN_CHARACTER = new RegExp(`[${OPEN}${CLOSE}]`);

export interface SetAside {
  /** The document with the long sections' contents replaced by tokens. */
  xml: string;
  /** The contents, by token number. */
  parts: string[];
}

/** The document with its long CDATA sections set aside, or undefined if it has none. */
export function setAside(xml: string): SetAside | undefined {
  if (TOKEN_CHARACTER.test(xml)) return undefined;
  const parts: string[] = [];
  const replaced = xml.replace(SECTION, (whole, content: string) => {
    if (content.length < LONG) return whole;
    parts.push(content);
    return `<![CDATA[${token(parts.length - 1)}]]>`;
  });
  return parts.length > 0 ? { xml: replaced, parts } : undefined;
}

const token = (n: number) => `${OPEN}${n}${CLOSE}`;

/** A text xml2js made, with the contents of the tokens in it put back. */
export function putBack(text: string, parts: readonly string[]): string {
  return text.includes(OPEN) ? text.replace(TOKEN, (_, n: string) => parts[Number(n)] ?? "") : text;
}

/**
 * Counts the tokens sax reads as CDATA sections, in order: `complete()` says whether all were,
 * each once, and nothing else that looked like one.
 */
export class AsideCheck {
  private next = 0;
  private stray = false;

  constructor(private readonly count: number) {}

  /** A CDATA section's text, as sax reports it. */
  cdata(text: string): void {
    if (!text.startsWith(OPEN)) return;
    if (text === token(this.next)) this.next++;
    else this.stray = true;
  }

  complete(): boolean {
    return !this.stray && this.next === this.count;
  }
}
