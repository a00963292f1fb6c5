import { QuoteType, type TokenizerCallbacks } from "htmlparser2";
import { Tokenizer } from "../text/htmlparser.js";
import { sanitizeTag, type SourceAttribute, type TagContext } from "./attributes.js";
import { joinLines } from "./join.js";
import {
  ALLOWED,
  BREAKS_OUT_OF_FOREIGN,
  DROPPED,
  FORCED,
  HTML_INTEGRATION_POINTS,
  PREFORMATTED,
  VOID,
} from "./sanitize-rules.js";

export type BodyOptions = TagContext;

const LT = 0x3c;
/** Shared by every tag without attributes (most of them), so that none allocates a list. */
const NO_ATTRIBUTES: SourceAttribute[] = [];
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;

/** An element dropped with its content, from its start tag to its end tag. */
interface Drop {
  tag: string;
  /** Elements opened inside it and not yet closed: their end tags do not end it. */
  inner: string[];
  /** A <noscript>'s images, shown in its place when they are not on the page already. */
  images?: string[];
  /** `<svg>` or `<math>`: foreign content, which an HTML start tag such as `<p>` ends. */
  foreign: boolean;
}

/**
 * One pass of htmlparser2's tokenizer over the feed's HTML. The output is built from the
 * source's own bytes: text and the tags that pass are copied as they are; only tags that change
 * are written anew; comments, unknown tags and dropped elements are left out. Nothing is ever
 * re-serialized from a DOM, and the tokenizer's offsets mean no regular expression runs over
 * the document per tag.
 */
class BodyRewriter implements TokenizerCallbacks {
  private out = "";
  /** The source range copied next, grown while kept pieces touch. */
  private runStart = 0;
  private runEnd = 0;
  private tag = "";
  private tagStart = 0;
  private attributes: SourceAttribute[] = NO_ATTRIBUTES;
  private odd = false;
  private attribute = "";
  private valueStart = -1;
  private valueEnd = -1;
  private drop: Drop | undefined;
  private preformatted = 0;
  /** Allowed elements open outside any dropped one (an end tag of theirs ends a drop early). */
  private readonly open: string[] = [];
  private readonly images = new Set<string>();

  constructor(
    private readonly html: string,
    private readonly context: TagContext,
  ) {}

  result(): string {
    this.flush();
    return this.out;
  }

  private keep(start: number, end: number): void {
    if (start !== this.runEnd) {
      this.flush();
      this.runStart = start;
    }
    this.runEnd = end;
  }

  private emit(text: string): void {
    this.flush();
    this.out += text;
  }

  private flush(): void {
    if (this.runEnd > this.runStart) this.out += this.html.slice(this.runStart, this.runEnd);
    this.runStart = this.runEnd = -1;
  }

  onopentagname(start: number, end: number): void {
    this.tag = this.html.slice(start, end).toLowerCase();
    this.tagStart = start - 1;
    this.attributes = NO_ATTRIBUTES;
    this.odd = false;
  }

  onattribname(start: number, end: number): void {
    this.attribute = this.html.slice(start, end).toLowerCase();
    this.valueStart = -1;
    // `<img src="x"alt=y>`: legal, but only a tag written anew is plain to every reader.
    if (!isSpace(this.html.charCodeAt(start - 1))) this.odd = true;
  }

  onattribdata(start: number, end: number): void {
    if (this.valueStart < 0) this.valueStart = start;
    this.valueEnd = end;
  }

  onattribend(quote: QuoteType): void {
    const raw =
      quote === QuoteType.NoValue
        ? undefined
        : this.valueStart < 0
          ? ""
          : this.html.slice(this.valueStart, this.valueEnd);
    const attribute = { name: this.attribute, raw, doubleQuoted: quote === QuoteType.Double };
    if (this.attributes === NO_ATTRIBUTES) this.attributes = [attribute];
    else this.attributes.push(attribute);
  }

  onopentagend(endIndex: number): void {
    this.openTag(endIndex + 1, false);
  }

  onselfclosingtag(endIndex: number): void {
    this.openTag(endIndex + 1, true);
  }

  private openTag(end: number, selfClosing: boolean): void {
    const { tag, drop } = this;
    if (drop && this.breaksOut(drop)) this.endDrop(drop);
    else if (drop) {
      // In foreign content `<circle/>` is closed at once; an HTML element's `/>` means nothing.
      if (!VOID.has(tag) && !(drop.foreign && selfClosing)) drop.inner.push(tag);
      if (drop.images && tag === "img") this.fallbackImage(end, selfClosing, drop.images);
      return;
    }
    if (this.attributes !== NO_ATTRIBUTES && this.attributes.some((a) => a.name === "hidden"))
      return this.dropElement(tag);
    if (DROPPED.has(tag)) {
      if (tag === "iframe") this.keepIframe(end, selfClosing);
      return this.dropElement(tag);
    }
    if (!ALLOWED.has(tag)) return;
    if (PREFORMATTED.has(tag)) this.preformatted++;
    if (!VOID.has(tag)) this.open.push(tag);
    if (this.attributes.length === 0 && !FORCED[tag]) return this.keep(this.tagStart, end);
    const outcome = sanitizeTag(tag, this.attributes, selfClosing, this.odd, this.context);
    if (outcome.action === "drop") return;
    if (outcome.image) this.images.add(outcome.image);
    if (outcome.action === "keep") this.keep(this.tagStart, end);
    else this.emit(outcome.text);
  }

  private dropElement(tag: string): void {
    if (VOID.has(tag)) return;
    const foreign = tag === "svg" || tag === "math";
    this.drop = { tag, inner: [], images: tag === "noscript" ? [] : undefined, foreign };
  }

  /**
   * Whether the start tag being read ends an unclosed `<svg>` or `<math>`, as in a browser (the
   * HTML standard's rules for foreign content): an HTML element such as `p`, `div`, `h1`, `ul`,
   * `table` does, unless it stands inside an HTML integration point (`foreignObject`, `mtext` …),
   * where HTML belongs to the drawing. Without this the rest of the article went with the drop.
   */
  private breaksOut(drop: Drop): boolean {
    if (!drop.foreign || drop.inner.some((t) => HTML_INTEGRATION_POINTS.has(t))) return false;
    if (BREAKS_OUT_OF_FOREIGN.has(this.tag)) return true;
    return this.tag === "font" && this.attributes.some((a) => /^(?:color|face|size)$/.test(a.name));
  }

  private endDrop(drop: Drop): void {
    this.drop = undefined;
    if (drop.images?.length) this.emit(drop.images.join(""));
  }

  /** A video player from an allowed host: its tag, closed at once (its content is never shown). */
  private keepIframe(end: number, selfClosing: boolean): void {
    const outcome = sanitizeTag("iframe", this.attributes, selfClosing, this.odd, this.context);
    if (outcome.action === "drop") return;
    const tag = outcome.action === "keep" ? this.html.slice(this.tagStart, end) : outcome.text;
    this.emit(`${tag}</iframe>`);
  }

  private fallbackImage(end: number, selfClosing: boolean, images: string[]): void {
    const outcome = sanitizeTag("img", this.attributes, selfClosing, this.odd, this.context);
    if (outcome.action === "drop" || !outcome.image || this.images.has(outcome.image)) return;
    this.images.add(outcome.image);
    images.push(outcome.action === "keep" ? this.html.slice(this.tagStart, end) : outcome.text);
  }

  onclosetag(start: number, end: number): void {
    const { html, drop } = this;
    const tag = html.slice(start, end).toLowerCase();
    if (drop) {
      const inner = drop.inner.lastIndexOf(tag);
      if (inner >= 0) return void (drop.inner.length = inner);
      // An unclosed <button> or <object> ends where its parent does, as in a browser; so does
      // foreign content at `</p>` or `</br>`.
      const parent = tag !== drop.tag && this.open.includes(tag);
      const breaks = drop.foreign && (tag === "p" || tag === "br") && !this.open.includes(tag);
      if (tag !== drop.tag && !parent && !breaks) return;
      this.endDrop(drop);
      if (!parent && !breaks) return;
    }
    if (!ALLOWED.has(tag)) return;
    const open = this.open.lastIndexOf(tag);
    if (open >= 0) this.open.length = open;
    if (PREFORMATTED.has(tag) && this.preformatted > 0) this.preformatted--;
    // The tokenizer skips whatever follows the name up to `>`; a browser reads attributes there.
    const close = html.indexOf(">", end);
    if (close === end) this.keep(start - 2, end + 1);
    else this.emit(`</${tag}>`);
  }

  ontext(start: number, end: number): void {
    if (this.drop || start < 0) return;
    const { html } = this;
    if (this.preformatted > 0) {
      const text = html.slice(start, end);
      const next = text.replace(/</g, "&lt;").replace(/\r\n|\r|\n/g, "&#10;");
      return next === text ? this.keep(start, end) : this.emit(next);
    }
    // A `<` the tokenizer read as text starts a text run: it must stay text for every reader,
    // even once the tag after it is gone.
    if (html.charCodeAt(start) !== LT) return this.keep(start, end);
    this.emit("&lt;");
    if (end > start + 1) this.keep(start + 1, end);
  }

  onend(): void {
    const images = this.drop?.images;
    if (images?.length) this.emit(images.join(""));
  }

  // Comments, CDATA, doctypes and processing instructions are left out.
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  // Entities are never decoded here: text keeps its bytes, attribute values are decoded on demand.
  onattribentity(): void {}
  ontextentity(): void {}
}

/**
 * Sanitizes and rewrites the body in one tokenizer pass (see BodyRewriter), then makes it one
 * line (join.ts).
 */
export function rewriteBody(html: string, context: TagContext): string {
  const rewriter = new BodyRewriter(html, context);
  const tokenizer = new Tokenizer({ decodeEntities: false }, rewriter);
  tokenizer.write(html);
  tokenizer.end();
  return joinLines(rewriter.result());
}
