import type { Element } from "domhandler";
import { atomText, untypedText } from "./constructs.js";
import { type EntryFacts, readFacts } from "./facts.js";
import { type FeedDom, type Kind, resolve, textOf } from "./xml-dom.js";

export interface DomFeed {
  title?: string;
  link?: string;
  /** The entries rss-parser lists too, in its order: `<item>`s of the first `<channel>` (RSS), of
   * the root (RDF), `<entry>`s of the root (Atom). */
  listed: EntryFacts[];
  /** Entries rss-parser does not see: items outside the channel or in a second one, RSS 1.0
   * under a prefix. */
  unlisted: EntryFacts[];
}

/** The entries (and the feed's title and link) of the document tree. */
export function readDomFeed(dom: FeedDom, kind: Kind): DomFeed {
  const root = dom.root;
  if (!root) return { listed: [], unlisted: [] };
  const entryName = kind === "atom" ? "atom:entry" : "item";
  const channels = kind === "atom" ? [root] : dom.children(root, "channel");
  const isListed = listedBy(kind, root, channels[0]);
  const all = [
    ...dom.children(root, entryName),
    ...channels.flatMap((c) => (c === root ? [] : dom.children(c, entryName))),
  ];
  const inOrder = [...new Set(all)];
  const channel = channels[0] ?? root;
  return {
    title: feedTitle(dom, channel),
    link: feedLink(dom, channel),
    listed: inOrder.filter(isListed).map((e) => readFacts(dom, e)),
    unlisted: inOrder.filter((e) => !isListed(e)).map((e) => readFacts(dom, e)),
  };
}

/** Which elements rss-parser reads as entries: it goes by the names as written. */
function listedBy(kind: Kind, root: Element, channel: Element | undefined) {
  return (el: Element) => {
    if (kind === "atom") return el.parent === root && el.name === "entry";
    if (kind === "rdf") return el.parent === root && el.name === "item" && root.name === "rdf:RDF";
    return el.parent === channel && channel?.name === "channel" && el.name === "item";
  };
}

function feedTitle(dom: FeedDom, channel: Element): string | undefined {
  const atom = dom.child(channel, "atom:title");
  if (atom) return atomText(dom, atom);
  const title = dom.child(channel, "title", "dc:title");
  return title ? untypedText(dom, title, "html") : undefined;
}

function feedLink(dom: FeedDom, channel: Element): string | undefined {
  const rss = dom.child(channel, "link");
  if (rss) return resolve(textOf(rss), dom.baseOf(rss));
  const atom = dom
    .children(channel, "atom:link")
    .find((l) => ["", "alternate"].includes((l.attribs.rel ?? "").trim()));
  return atom ? resolve(atom.attribs.href, dom.baseOf(atom)) : undefined;
}
