import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { convert, type ConvertOptions } from "../../src/converter/convert.js";
import { ALLOWED } from "../../src/converter/sanitize-rules.js";
import { parseFeed } from "../../src/fetcher/parse/index.js";
import type { FeedEntry } from "../../src/model.js";
import { fixture, hasShared, noticeIfNoShared, sharedDir } from "../helpers/paths.js";

const WESERV = "https://images.weserv.nl?url={url}";
const OTHER = "https://img.example/p?src={encoded}&w=800";
const settings: ConvertOptions[] = [
  { imageProxy: WESERV, knownProxies: [] },
  { imageProxy: "none", knownProxies: [WESERV] },
  { imageProxy: OTHER, knownProxies: [WESERV] },
];

async function entries(path: string, url: string): Promise<FeedEntry[]> {
  try {
    const feed = await parseFeed(readFileSync(path), { url, contentType: undefined, label: path });
    return feed.entries;
  } catch {
    return []; // the corpus holds non-feeds on purpose
  }
}

function once(entry: FeedEntry, options: ConvertOptions) {
  return convert(
    {
      published: entry.published ?? 0,
      title: entry.title ?? "",
      titleFormat: "html",
      link: entry.link ?? "",
      html: entry.content ?? "",
    },
    options,
  );
}

/** What a browser would build from the body: every element allowed, no handler, no script URL. */
function problems(body: string): string[] {
  const found: string[] = [];
  const walk = (node: ReturnType<typeof parseDocument>["children"][number]) => {
    if (node.type === "tag" || node.type === "script" || node.type === "style") {
      const allowed = ALLOWED.get(node.name);
      if (!allowed) found.push(`<${node.name}>`);
      for (const [name, value] of Object.entries(node.attribs)) {
        if (!allowed || !Object.hasOwn(allowed, name)) found.push(`<${node.name} ${name}>`);
        if (/^\s*(?:javascript|vbscript|data:text)/i.test(value))
          found.push(`<${node.name} ${name}=${value}>`);
      }
    }
    if ("children" in node) node.children.forEach(walk);
  };
  parseDocument(body).children.forEach(walk);
  return found;
}

describe("the XSS vector feed", () => {
  it("converts to bodies that hold only allowed markup, and converts again to itself", async () => {
    const vectors = await entries(fixture("xss-vectors.rss"), "https://xss.example.test/feed");
    expect(vectors.length).toBeGreaterThan(60);
    // The check can fail: it finds something in nearly every unsanitized vector.
    expect(vectors.filter((v) => problems(v.content ?? "").length > 0).length).toBeGreaterThan(60);
    for (const options of settings) {
      for (const entry of vectors) {
        const item = once(entry, options);
        expect(problems(item.body), entry.title).toEqual([]);
        const again = convert({ ...item, titleFormat: "markdown", html: item.body }, options);
        expect(again, entry.title).toEqual(item);
      }
    }
  });
});

noticeIfNoShared("idempotence over the shared corpus");

describe.skipIf(!hasShared)("every body of the shared corpus", () => {
  it("converts to itself again, under every proxy setting, with only allowed markup", async () => {
    const dir = join(sharedDir, "corpus", "feeds");
    let count = 0;
    for (const file of readdirSync(dir).sort()) {
      for (const entry of await entries(join(dir, file), `https://corpus.example/${file}`)) {
        for (const options of settings) {
          const item = once(entry, options);
          const again = convert({ ...item, titleFormat: "markdown", html: item.body }, options);
          expect(again.body, `${file}: ${entry.title}`).toBe(item.body);
          expect(problems(item.body), `${file}: ${entry.title}`).toEqual([]);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
  });
});
