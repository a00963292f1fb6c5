/**
 * What bytes 0x80-0x9F mean in windows-1252, by position; the five it leaves undefined stay the
 * C1 control they decode to.
 */
const C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const C1_CONTROL = /[\u0080-\u009f]/g;

/**
 * C1 control characters as the windows-1252 punctuation they plainly are: no text means a C1
 * control, and a document that holds them was written in windows-1252 and read as Latin-1 (or
 * converted so). Node's own "windows-1252" decoder is Latin-1, so it needs this too.
 */
export function c1ToWindows1252(text: string): string {
  C1_CONTROL.lastIndex = 0;
  if (!C1_CONTROL.test(text)) return text;
  return text.replace(C1_CONTROL, (c) => C1.charAt(c.charCodeAt(0) - 0x80));
}
