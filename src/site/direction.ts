/**
 * Which feeds read right to left: the config's language when it names one, else the script
 * of the feed's titles. Rules as data, as the converter keeps its own.
 */

/** Languages written right to left (BCP 47 primary subtags). */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  "ar", // Arabic
  "he", // Hebrew
  "iw", // Hebrew, the old code some feeds still send
  "fa", // Persian
  "ur", // Urdu
  "ps", // Pashto
  "sd", // Sindhi
  "ug", // Uyghur
  "ckb", // Central Kurdish (Sorani)
  "yi", // Yiddish
  "dv", // Dhivehi
  "syr", // Syriac
]);

/** Letters of the right-to-left scripts; Persian and Urdu are in the Arabic script. */
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/gu;
const LETTER = /\p{L}/gu;

export type Direction = "rtl" | "ltr";

export function languageDirection(language: string): Direction {
  return RTL_LANGUAGES.has(language.toLowerCase().split(/[-_]/)[0] ?? "") ? "rtl" : "ltr";
}

/** Right to left when most of the letters in `texts` are of a right-to-left script. */
export function detectDirection(texts: readonly string[]): Direction {
  let rtl = 0;
  let all = 0;
  for (const text of texts) {
    rtl += text.match(RTL_LETTER)?.length ?? 0;
    all += text.match(LETTER)?.length ?? 0;
  }
  return all > 0 && rtl * 2 > all ? "rtl" : "ltr";
}

/** The config's language wins; else what the sample of titles shows. */
export function feedDirection(language: string | undefined, titles: readonly string[]): Direction {
  return language ? languageDirection(language) : detectDirection(titles);
}
