/**
 * Code point ranges written without spaces between words: Han (with radicals, strokes and the
 * extension planes), kana, bopomofo, CJK punctuation and full-width forms. A line break between
 * two of them joins with nothing. Hangul is left out, as are the half-width Hangul forms inside
 * the full-width block: Korean puts spaces between words.
 */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fdf], // CJK radicals, Kangxi radicals
  [0x3000, 0x303f], // CJK symbols and punctuation
  [0x3040, 0x30ff], // hiragana, katakana
  [0x3100, 0x312f], // bopomofo
  [0x3190, 0x31ff], // kanbun, bopomofo extended, CJK strokes, katakana extensions
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff9f], // full-width forms, half-width katakana
  [0xffe0, 0xffef], // full-width signs
  [0x1b000, 0x1b16f], // kana supplement and extensions
  [0x20000, 0x3134f], // CJK extensions B to G
];

export function isCjk(codePoint: number): boolean {
  if (codePoint < 0x2e80) return false;
  for (const [from, to] of CJK_RANGES) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}

/** The white space a line is trimmed of: ASCII only, never NBSP or U+3000, which mean something. */
const isLineSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0c;

/** The code point that ends at `end` (exclusive), surrogate pairs included. */
function codePointBefore(text: string, end: number): number {
  const c = text.charCodeAt(end - 1);
  return c >= 0xdc00 && c <= 0xdfff && end >= 2 ? (text.codePointAt(end - 2) ?? c) : c;
}

/** How two trimmed lines are joined: nothing at tag edges or between CJK, else one space. */
export function joiner(previous: string, next: string): string {
  return joint(previous, previous.length, next, 0);
}

function joint(left: string, end: number, right: string, start: number): string {
  if (left.charCodeAt(end - 1) === 0x3e || right.charCodeAt(start) === 0x3c) return "";
  return isCjk(codePointBefore(left, end)) && isCjk(right.codePointAt(start) ?? 0) ? "" : " ";
}

/**
 * Makes one line of HTML: each line trimmed of ASCII white space, empty lines dropped, the rest
 * joined by `joiner`. Newlines inside <pre> were already turned into `&#10;`.
 */
export function joinLines(input: string): string {
  const html = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  let out = "";
  let lineStart = 0;
  let last = -1; // where the previous kept line ends in `html`
  for (;;) {
    const newline = html.indexOf("\n", lineStart);
    let end = newline < 0 ? html.length : newline;
    let start = lineStart;
    while (start < end && isLineSpace(html.charCodeAt(start))) start++;
    while (end > start && isLineSpace(html.charCodeAt(end - 1))) end--;
    if (end > start) {
      if (last >= 0) out += joint(html, last, html, start);
      out += html.slice(start, end);
      last = end;
    }
    if (newline < 0) return out;
    lineStart = newline + 1;
  }
}
