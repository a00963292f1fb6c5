import { Parser } from "htmlparser2";
import {
  imageKey,
  isAllowedIframe,
  isTrackingPixel,
  sanitizeAttributes,
  type AttributeOptions,
  type Attributes,
} from "./attributes.js";
import { joinLines } from "./join.js";
import { PREFORMATTED } from "./rules.js";
import { ALLOWED, DROPPED, VOID } from "./sanitize-rules.js";

export type BodyOptions = AttributeOptions;

interface Edit {
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
}

/**
 * A tag written so plainly that every browser reads it as htmlparser2 did: only such tags may
 * keep their bytes. Anything odder is written anew from what was parsed.
 */
const PLAIN_TAG =
  /^<[a-z][a-z0-9]*(?:\s+[a-z][a-z0-9_:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>$/i;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

function serializeTag(tag: string, attributes: Attributes, source: string): string {
  const parts = attributes.map(([name, value]) => {
    // Boolean attributes stay bare (`controls`) unless the source gave them a value.
    if (
      value === "" &&
      !new RegExp(`\\s${name.replace(/[^a-z0-9]/gi, "\\$&")}\\s*=`, "i").test(source)
    )
      return name;
    return `${name}="${escapeAttribute(value)}"`;
  });
  const close = source.endsWith("/>") ? " />" : ">";
  return `<${tag}${parts.map((p) => ` ${p}`).join("")}${close}`;
}

function sameAttributes(a: Attributes, b: Record<string, string>): boolean {
  const entries = Object.entries(b);
  return (
    a.length === entries.length &&
    a.every(([n, v], i) => entries[i]?.[0] === n && entries[i]?.[1] === v)
  );
}

interface Drop {
  tag: string;
  from: number;
  depth: number;
  /** What replaces the dropped element: an allowed iframe's tag, or a noscript's images. */
  replacement: string;
  images: string[];
}

/**
 * Sanitizes and rewrites in one pass: allowed tags whose attributes pass keep their bytes;
 * changed tags are written anew; unknown tags are unwrapped; dropped elements go with their
 * content; comments go. The result is made one line.
 */
export function rewriteBody(html: string, options: BodyOptions): string {
  const edits: Edit[] = [];
  const seenImages = new Set<string>();
  let drop: Drop | undefined;
  let preformatted = 0;
  const remove = () => edits.push({ start: parser.startIndex, end: parser.endIndex + 1, text: "" });
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const source = html.slice(start, end);
        if (drop) {
          if (name === drop.tag) drop.depth++;
          if (drop.tag === "noscript" && name === "img" && !isTrackingPixel(attributes, options)) {
            const kept = sanitizeAttributes(name, attributes, options);
            const src = kept.find(([n]) => n === "src")?.[1];
            if (src && !seenImages.has(imageKey(src, options)))
              drop.images.push(serializeTag(name, kept, source));
          }
          return;
        }
        const iframe = name === "iframe" && isAllowedIframe(attributes, options);
        if (DROPPED.has(name) && !iframe) {
          if (VOID.has(name) || source.endsWith("/>")) remove();
          else drop = { tag: name, from: start, depth: 1, replacement: "", images: [] };
          return;
        }
        if (!ALLOWED[name]) return void remove();
        if (name === "img" && isTrackingPixel(attributes, options)) return void remove();
        if (PREFORMATTED.has(name)) preformatted++;
        const kept = sanitizeAttributes(name, attributes, options);
        for (const [n, v] of kept)
          if (n === "src" && (name === "img" || name === "source"))
            seenImages.add(imageKey(v, options));
        const text =
          sameAttributes(kept, attributes) && PLAIN_TAG.test(source)
            ? source
            : serializeTag(name, kept, source);
        if (iframe) {
          drop = { tag: name, from: start, depth: 1, replacement: `${text}</iframe>`, images: [] };
          return;
        }
        if (text !== source) edits.push({ start, end, text });
      },
      onclosetag(name, isImplied) {
        if (drop) {
          if (name !== drop.tag || --drop.depth > 0) return;
          const end = isImplied ? Math.min(html.length, parser.endIndex + 1) : parser.endIndex + 1;
          edits.push({ start: drop.from, end, text: drop.replacement + drop.images.join("") });
          drop = undefined;
          return;
        }
        if (isImplied) return;
        if (!ALLOWED[name]) return void remove();
        if (PREFORMATTED.has(name) && preformatted > 0) preformatted--;
      },
      ontext() {
        if (drop) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const source = html.slice(start, end);
        // A `<` that htmlparser2 read as text must stay text for every browser too.
        let text = source.includes("<") ? source.replace(/</g, "&lt;") : source;
        if (preformatted > 0) text = text.replace(/\r\n|\r|\n/g, "&#10;");
        if (text !== source) edits.push({ start, end, text });
      },
      oncomment: () => void (drop || remove()),
      onprocessinginstruction: () =>
        void (drop || edits.push({ start: parser.startIndex, end: parser.endIndex + 1, text: "" })),
    },
    {
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
      recognizeCDATA: false,
    },
  );
  parser.end(html);
  if (drop)
    edits.push({
      start: drop.from,
      end: html.length,
      text: drop.replacement + drop.images.join(""),
    });
  let out = "";
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    out += html.slice(at, edit.start) + edit.text;
    at = Math.max(at, edit.end);
  }
  return joinLines(out + html.slice(at));
}
