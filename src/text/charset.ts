import { TextDecoder } from "node:util";

/**
 * The pieces of charset sniffing that feeds (fetcher/parse/decode.ts: XML declaration, chardet)
 * and article pages (fetcher/html-charset.ts: `<meta charset>`) share.
 */

/** The encoding a byte-order mark names, when the bytes start with one. */
export function bomEncoding(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The charset label of a Content-Type header value, as written. */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? "")?.[1];
}

/** A decoder for a charset label, or undefined when TextDecoder does not know the label. */
export function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
}
