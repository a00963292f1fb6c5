import { NewsmirrorError, oneLine } from "../../errors.js";
import type { ParsedFeed } from "../../model.js";
import {
  cleanXml,
  closeTruncated,
  embeddedFeed,
  ensureRssVersion,
  rootElement,
  rootKind,
  rootPosition,
  splitEntries,
  unprefixAtom,
} from "./clean.js";
import { plural } from "../../text/plural.js";
import { decodeBytes } from "./decode.js";
import { notAFeed } from "./html.js";
import { isJsonDocument, parseJsonFeed } from "./jsonfeed.js";
import { baseUrl } from "./links.js";
import { parseXml, toEntry, type XmlFeed } from "./xml.js";

export interface ParseOptions {
  /** The feed's URL (http(s), file: or stdin:): the base of relative links. */
  url: string;
  contentType?: string;
  /** How messages name the feed. */
  label: string;
}

/**
 * Bytes in, entries out: decode, tell the format by content (never by name or Content-Type),
 * clean, parse with rss-parser, and recover what a broken document still holds.
 */
/** Why a document without markup is none, said by cause: empty, binary, or plain text. */
function noMarkup(text: string): string {
  if (text.trim() === "") return text === "" ? "the document is empty" : "the document is blank";
  // eslint-disable-next-line no-control-regex -- control characters are what marks binary data
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (controls > text.length / 100) return "binary data, not text";
  return "no markup";
}

export async function parseFeed(bytes: Uint8Array, options: ParseOptions): Promise<ParsedFeed> {
  const { label } = options;
  const decoded = decodeBytes(bytes, options.contentType, label);
  const warnings = [...decoded.warnings];
  if (isJsonDocument(decoded.text)) {
    const feed = parseJsonFeed(decoded.text, options.url, label);
    return { ...feed, warnings: [...warnings, ...feed.warnings] };
  }
  let xml = ensureRssVersion(unprefixAtom(cleanXml(decoded.text)));
  let kind = rootKind(rootElement(xml));
  if (kind === "html") {
    const inner = embeddedFeed(xml);
    if (!inner) throw notAFeed(xml, options.url, label);
    xml = inner;
    kind = "atom";
  }
  if (kind === "unknown") {
    const root = rootElement(xml);
    if (!root)
      throw new NewsmirrorError(
        "E_NOT_A_FEED",
        `${label}: not a feed (${noMarkup(decoded.text)})`,
        {
          suggestion: "newsmirror reads RSS, RDF, Atom and JSON Feed",
        },
      );
    throw new NewsmirrorError(
      "E_NOT_A_FEED",
      `${label}: not a feed (unrecognised XML root <${root}> at ${rootPosition(xml)})`,
      {
        suggestion: "newsmirror reads RSS, RDF, Atom and JSON Feed",
      },
    );
  }
  const feed = await parseRecovering(xml, kind, options.url, label, warnings);
  if (feed.unrecognised) {
    const root = rootElement(xml);
    const what = kind === "atom" ? "no <entry>" : "no <channel> and no <item>";
    throw new NewsmirrorError(
      "E_NOT_A_FEED",
      `${label}: not a feed (<${root}> at ${rootPosition(xml)} has ${what})`,
      { suggestion: "newsmirror reads RSS, RDF, Atom and JSON Feed" },
    );
  }
  const base = feed.base ?? baseUrl(options.url, undefined, feed.link);
  return {
    format: kind,
    title: feed.title?.trim(),
    link: feed.link,
    entries: feed.items.map((item) => toEntry(item, base)),
    warnings,
  };
}

/** Parses the document; if it is broken, keeps its complete entries, one by one if need be. */
async function parseRecovering(
  xml: string,
  kind: "rss" | "rdf" | "atom",
  url: string,
  label: string,
  warnings: string[],
): Promise<XmlFeed> {
  let firstError: unknown;
  try {
    return await parseXml(xml, kind, url);
  } catch (error) {
    firstError = error;
  }
  const closed = closeTruncated(xml, kind);
  if (closed) {
    try {
      const feed = await parseXml(closed, kind, url);
      const cut = !new RegExp(`</${rootElement(xml)}>\\s*$`).test(xml);
      const what = cut ? "the document is cut short" : "broken XML";
      warnings.push(`${label}: ${what}; kept its ${feed.items.length} complete entries`);
      return feed;
    } catch {
      // an error inside an entry, not only at the end: try the entries one by one below
    }
  }
  const { head, entries, tail } = splitEntries(xml, kind);
  const kept: XmlFeed = { items: [] };
  let skipped = 0;
  for (const entry of entries) {
    try {
      const feed = await parseXml(head + entry + tail, kind, url);
      kept.title ??= feed.title;
      kept.link ??= feed.link;
      kept.base ??= feed.base;
      kept.items.push(...feed.items);
    } catch {
      skipped++;
    }
  }
  if (kept.items.length === 0) {
    // Parsed again with sax's line counting, so that the message says where the XML breaks.
    const error = await parseXml(xml, kind, url, true).then(
      () => firstError,
      (e: unknown) => e,
    );
    throw new NewsmirrorError("E_XML", `${label}: broken XML: ${xmlReason(error)}`, {
      suggestion:
        "the feed's publisher must fix it; newsmirror kept nothing because no entry was readable",
    });
  }
  warnings.push(
    `${label}: broken XML; kept ${plural(kept.items.length, "entry", "entries")}, skipped ${skipped} unreadable`,
  );
  return kept;
}

/**
 * sax's message ("Unexpected close tag\nLine: 2\nColumn: 5\nChar: >", lines from 0, the column
 * just past the character) as one line: "unexpected close tag at line 3, column 5 (">")".
 */
function xmlReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^([\s\S]*?)\s*Line: (\d+)\s*Column: (\d+)(?:\s*Char: ([\s\S]*))?$/.exec(message);
  if (!match) return oneLine(message);
  const [, what = "", line = "0", column = "0", char] = match;
  const reason = oneLine(what).replace(/^./, (c) => c.toLowerCase());
  const at = char?.trim() ? ` ("${oneLine(char)}")` : "";
  return `${reason} at line ${Number(line) + 1}, column ${column}${at}`;
}
