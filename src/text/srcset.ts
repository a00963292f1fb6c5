/** The one srcset parser: the converter rewrites candidates, full text resolves them. */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** Parses srcset as the HTML spec does: URLs may hold commas; a trailing comma ends a URL. */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    let end = i;
    while (end < value.length && !/\s/.test(value[end] as string)) end++;
    let url = value.slice(i, end);
    i = end;
    let descriptor = "";
    if (/,+$/.test(url)) {
      url = url.replace(/,+$/, "");
    } else {
      let depth = 0;
      const start = i;
      while (i < value.length && (depth > 0 || value[i] !== ",")) {
        if (value[i] === "(") depth++;
        if (value[i] === ")") depth = Math.max(0, depth - 1);
        i++;
      }
      descriptor = value.slice(start, i).trim();
    }
    if (url) candidates.push({ url, descriptor });
  }
  return candidates;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(", ");
}
