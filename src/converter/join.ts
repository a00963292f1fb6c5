/**
 * Han, kana, CJK punctuation and full-width forms: text that is written without spaces, so a
 * line break between two of them joins with nothing. Hangul is left out: Korean uses spaces.
 */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

const EDGE_SPACE = /^[ \t\f\v]+|[ \t\f\v]+$/g;

function lastChar(text: string): string {
  return Array.from(text.slice(-2)).pop() ?? "";
}

function firstChar(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 32);
}

/** How two trimmed lines are joined: nothing at tag edges or between CJK, else one space. */
export function joiner(previous: string, next: string): string {
  if (previous.endsWith(">") || next.startsWith("<")) return "";
  if (CJK.test(lastChar(previous)) && CJK.test(firstChar(next))) return "";
  return " ";
}

/**
 * Makes one line of HTML: each line trimmed of ASCII white space (never NBSP or U+3000, which
 * mean something), empty lines dropped, the rest joined by `joiner`. Newlines inside <pre> were
 * already turned into `&#10;` by the caller, so they never reach here.
 */
export function joinLines(html: string): string {
  let out = "";
  for (const raw of html.split(/\r\n|\r|\n/)) {
    const line = raw.replace(EDGE_SPACE, "");
    if (!line) continue;
    out = out ? out + joiner(out, line) + line : line;
  }
  return out;
}
