/**
 * The one link escaping: the destination of an item's `[title](link)` line (the format) and of
 * the lists' links. The link is already a WHATWG-serialized URL, so only what CommonMark would
 * end the destination at, or decode, needs escaping.
 */
/** Escapes what would end a CommonMark link destination early. */
export function escapeLinkDestination(link: string): string {
  return link
    .replace(/[\\()<>\s]/g, (c) => (/\s/.test(c) ? encodeURI(c) : `\\${c}`))
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&"); // CommonMark decodes entity references in links too
}

/** Reads an escaped destination (or title) back. */
export function unescapeMarkdown(text: string): string {
  // CommonMark: a backslash before ASCII punctuation stands for that character.
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}
