/** GBK test bytes: pages and feeds in a legacy Chinese encoding, made by reversing Node's decoder. */

/** GBK bytes for a string, from the reverse of Node's GBK decoder (ASCII stays one byte). */
export function encodeGbk(text: string): Uint8Array {
  const table = gbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

let gbkCache: Map<string, [number, number]> | undefined;
function gbkTable(): Map<string, [number, number]> {
  if (gbkCache) return gbkCache;
  gbkCache = new Map();
  const decoder = new TextDecoder("gbk", { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!gbkCache.has(char)) gbkCache.set(char, [lead, trail]);
      } catch {
        // not a GBK code point
      }
    }
  }
  return gbkCache;
}

export const GBK_TEXT = "普京抵达北京，与习近平举行会谈。两国领导人讨论了贸易与能源合作。";
export const gbkPage = (meta: string) =>
  encodeGbk(`<!DOCTYPE html><html><head>${meta}<title>新闻</title></head><body>
<div class="nav">首页 国际</div><div id="content"><p>${GBK_TEXT}</p></div></body></html>`);
