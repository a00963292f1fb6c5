import { isAscii, isUtf8, transcode } from "node:buffer";
import { TextDecoder } from "node:util";
import chardet from "chardet";
import { c1ToWindows1252 } from "../../text/windows-1252.js";

export interface Decoded {
  text: string;
  encoding: string;
  warnings: string[];
}

/** Labels that name UTF-8 in practice, however they are spelled. */
const UTF8 = /^utf-?8$/i;

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
}

/**
 * The text when the bytes are valid UTF-8, else undefined. The native validator rejects exactly
 * what a fatal TextDecoder does (overlongs, surrogates, truncated sequences) but costs a fraction
 * of a decode, and invalid bytes no longer cost a thrown error.
 */
function strictUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  // ASCII reads the same as Latin-1, which Node copies into a string of one byte per character.
  if (isAscii(bytes)) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
  // TextDecoder builds the string with V8's UTF-8 decoder: 3-8 ms per MB of non-ASCII text.
  // Converting natively to UTF-16 and taking those bytes as the string is 2.5-8x faster
  // (Node 20, curly quotes to CJK), and exact for valid UTF-8. Node without ICU has no transcode.
  if (typeof transcode === "function")
    return transcode(bytes, "utf8", "utf16le").toString("utf16le");
  return new TextDecoder("utf-8").decode(bytes);
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * UTF-16 without a BOM, told by its first two characters being ASCII (`<?`, `<r`, white space),
 * each with a zero byte, as XML 1.0 Appendix F does. Such bytes are valid UTF-8 too (zeros are
 * NUL), so this is asked first.
 */
function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const [a = 1, b = 1, c = 1, d = 1] = bytes;
  if (a !== 0 && a < 0x80 && b === 0 && c !== 0 && c < 0x80 && d === 0) return "utf-16le";
  if (a === 0 && b !== 0 && b < 0x80 && c === 0 && d !== 0 && d < 0x80) return "utf-16be";
  return undefined;
}

/** Decodes with a WHATWG label; undefined for a label no decoder knows. */
function decodeAs(
  bytes: Uint8Array,
  label: string,
): { text: string; encoding: string } | undefined {
  const decoder = decoderFor(label);
  if (!decoder) return undefined;
  const text = decoder.decode(bytes);
  // ISO-8859-1, US-ASCII and their aliases name windows-1252 (WHATWG), which Node decodes as
  // Latin-1: its bytes 0x80-0x9F come out as C1 controls, mapped here to what they mean.
  return {
    text: decoder.encoding === "windows-1252" ? c1ToWindows1252(text) : text,
    encoding: decoder.encoding,
  };
}

/**
 * Thai in TIS-620 / windows-874, which chardet does not know and reads as Latin-1: nearly every
 * byte above 0x7F in Thai's range (0xA1-0xFB), and in runs (Thai words), where Latin text has
 * single accented letters between ASCII ones.
 */
function looksThai(bytes: Uint8Array): boolean {
  let high = 0;
  let thai = 0;
  let runs = 0;
  let previousHigh = false;
  for (const byte of bytes) {
    const isHigh = byte >= 0x80;
    if (isHigh) {
      high++;
      if (byte >= 0xa1 && byte <= 0xfb && (byte < 0xdb || byte > 0xde)) thai++;
      if (!previousHigh) runs++;
    }
    previousHigh = isHigh;
  }
  return high >= 8 && thai >= high * 0.95 && high / runs >= 3;
}

/** chardet's guess, and Thai where it guessed a Latin charset for Thai bytes. */
function guessEncoding(bytes: Uint8Array): string {
  const guess = chardet.detect(bytes) ?? "windows-1252";
  if (/^(?:ISO-8859-1|windows-1252)$/i.test(guess) && looksThai(bytes)) return "windows-874";
  return guess;
}

export function charsetOf(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? "")?.[1];
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512));
  return /<\?[a-z]*xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
}

/**
 * Decides the charset from the BOM, the Content-Type and the XML declaration; valid UTF-8 wins
 * over a wrong declaration (as Miniflux does), and bytes that are not UTF-8 with no usable label
 * are identified by chardet (GBK, Big5, Shift_JIS, windows-1251, Latin-1, ...).
 */
export function decodeBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
  label: string,
): Decoded {
  const decoded = decodeText(bytes, contentType, label);
  return { ...decoded, text: c1ToWindows1252(decoded.text) };
}

function decodeText(bytes: Uint8Array, contentType: string | undefined, label: string): Decoded {
  const warnings: string[] = [];
  const bom = bomEncoding(bytes) ?? utf16WithoutBom(bytes);
  if (bom)
    return {
      text: new TextDecoder(bom).decode(bytes).replace(/^\ufeff/, ""),
      encoding: bom,
      warnings,
    };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", warnings };
  const declared = [charsetOf(contentType), declaredEncoding(bytes)].filter(
    (l): l is string => !!l,
  );
  for (const name of declared) {
    // UTF-8 it is not (checked above); a UTF-16 label on bytes without zeros is as wrong.
    if (UTF8.test(name) || /^utf-?16/i.test(name)) continue;
    const result = decodeAs(bytes, name);
    if (result) return { ...result, warnings };
    warnings.push(`${label}: unknown charset "${name}"; guessed from the bytes instead`);
  }
  const result = decodeAs(bytes, guessEncoding(bytes)) ?? {
    text: c1ToWindows1252(new TextDecoder("windows-1252").decode(bytes)),
    encoding: "windows-1252",
  };
  if (declared.length === 0 || declared.every((l) => UTF8.test(l) || /^utf-?16/i.test(l))) {
    warnings.push(
      `${label}: not valid UTF-8 and no usable charset declared; decoded as ${result.encoding}`,
    );
  }
  return { ...result, warnings };
}
