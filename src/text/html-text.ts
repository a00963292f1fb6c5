import { Parser } from "./htmlparser.js";

/** Elements whose text a reader never sees. */
const INVISIBLE = new Set(["script", "style", "noscript", "template"]);

/** The visible text of an HTML fragment, entities decoded and whitespace collapsed. */
export function htmlText(html: string): string {
  if (!/[<&]/.test(html)) return collapse(html);
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname: (name) => {
        if (INVISIBLE.has(name)) hidden++;
        else if (BLOCK_BREAKS.has(name)) parts.push(" ");
      },
      onclosetag: (name) => {
        if (INVISIBLE.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_BREAKS.has(name)) parts.push(" ");
      },
      ontext: (text) => {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return collapse(parts.join(""));
}

/** Tags that separate words when rendered, so "<p>a</p><p>b</p>" reads "a b", not "ab". */
const BLOCK_BREAKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Text as HTML text: `&`, `<` and `>` escaped (not quotes: never used for attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
