import { describe, expect, it } from "vitest";
import { decodeHtml } from "../../src/fetcher/html-charset.js";
import { encodeGbk, GBK_TEXT, gbkPage } from "../helpers/gbk.js";

describe("decodeHtml", () => {
  const ascii = (text: string) => new TextEncoder().encode(text);
  it.each<[string, Uint8Array, string | undefined, string, string]>([
    [
      "UTF-8 BOM beats the header",
      Uint8Array.of(0xef, 0xbb, 0xbf, 0x61),
      "text/html; charset=gbk",
      "utf-8",
      "bom",
    ],
    [
      "header charset",
      ascii("<p>x</p>"),
      "text/html; charset=ISO-8859-1",
      "windows-1252",
      "header",
    ],
    ["quoted header charset", ascii("<p>x</p>"), 'text/html; charset="gb2312"', "gbk", "header"],
    [
      "unknown header charset falls through to meta",
      ascii('<meta charset="big5">'),
      "text/html; charset=bogus",
      "big5",
      "meta",
    ],
    ["meta charset", ascii("<meta charset=shift_jis>"), undefined, "shift_jis", "meta"],
    [
      "meta http-equiv",
      ascii('<meta http-equiv="content-type" content="text/html;charset=euc-kr">'),
      "text/html",
      "euc-kr",
      "meta",
    ],
    [
      "meta in a comment is ignored",
      ascii('<!-- <meta charset="gbk"> --><p>ok</p>'),
      undefined,
      "utf-8",
      "default",
    ],
    ["meta utf-16 means utf-8", ascii('<meta charset="utf-16">'), undefined, "utf-8", "meta"],
    [
      "invalid UTF-8 without declaration",
      Uint8Array.of(0x63, 0x61, 0x66, 0xe9),
      undefined,
      "windows-1252",
      "default",
    ],
  ])("%s", (_name, bytes, contentType, encoding, source) => {
    const decoded = decodeHtml(bytes, contentType);
    expect([decoded.encoding, decoded.source]).toEqual([encoding, source]);
  });

  it("decodes GBK bytes to the right characters", () => {
    // 中文 in GBK, from the GB 2312 code chart: D6D0 CEC4.
    expect(Array.from(encodeGbk("中文"))).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
    expect(decodeHtml(gbkPage('<meta charset="gb2312">'), "text/html").text).toContain(GBK_TEXT);
  });
});
