import { selectAll } from "css-select";
import { parseDocument } from "../text/htmlparser.js";

/**
 * Per-feed rewrite rules: removes the elements that match CSS selectors, by their offsets, so
 * every other byte stays as it was. The full DOM parse is paid only by feeds that have rules.
 */
export function removeMatching(html: string, selectors: readonly string[]): string {
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const ranges = selectAll(selectors.join(","), document)
    .map((node) => [node.startIndex ?? 0, (node.endIndex ?? html.length - 1) + 1] as const)
    .sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += html.slice(at, start);
    at = end;
  }
  return out + html.slice(at);
}
