import { bomEncoding, charsetOf, decoderFor } from "../text/charset.js";

/**
 * Decoding an HTML page the way a browser would, simplified: a BOM wins, then the charset of the
 * Content-Type header, then a `<meta charset>` or `<meta http-equiv="Content-Type">` near the top
 * of the page, then UTF-8 (or windows-1252 when the bytes are not UTF-8).
 */

/** Browsers only look this far for a meta charset; pages that declare it later are rare. */
const PRESCAN_BYTES = 4096;

const META_PATTERNS: readonly RegExp[] = [
  /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i,
  /<meta\b[^>]*?\bcontent\s*=\s*["'][^"']*?charset\s*=\s*([\w.:-]+)/i,
];

export interface DecodedPage {
  text: string;
  /** The WHATWG encoding name used, e.g. "utf-8", "gbk". */
  encoding: string;
  /** Where it came from, for warnings: "bom", "header", "meta" or "default". */
  source: "bom" | "header" | "meta" | "default";
}

export function decodeHtml(bytes: Uint8Array, contentType: string | undefined): DecodedPage {
  const bom = bomEncoding(bytes);
  // TextDecoder drops the BOM itself.
  if (bom) return { text: decode(bytes, bom), encoding: bom, source: "bom" };
  const fromHeader = encodingOf(charsetOf(contentType));
  if (fromHeader)
    return { text: decode(bytes, fromHeader), encoding: fromHeader, source: "header" };
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, PRESCAN_BYTES));
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, "");
  for (const pattern of META_PATTERNS) {
    const declared = encodingOf(pattern.exec(withoutComments)?.[1]);
    // A page cannot declare itself UTF-16 in ASCII-compatible bytes; the spec reads that as UTF-8.
    const encoding = declared?.startsWith("utf-16") ? "utf-8" : declared;
    if (encoding) return { text: decode(bytes, encoding), encoding, source: "meta" };
  }
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      encoding: "utf-8",
      source: "default",
    };
  } catch {
    return { text: decode(bytes, "windows-1252"), encoding: "windows-1252", source: "default" };
  }
}

/** The WHATWG name for a charset label, or undefined when TextDecoder does not know it. */
export function encodingOf(label: string | undefined): string | undefined {
  return label ? decoderFor(label)?.encoding : undefined;
}

function decode(bytes: Uint8Array, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes);
}
