import { describe, expect, it } from "vitest";
import {
  Incremental,
  hashText,
  MANIFEST_HEADER,
  parseManifest,
  renderManifest,
  type Manifest,
} from "../../src/site/manifest.js";

const old = (): Manifest =>
  new Map([
    ["index.html", "k-front"],
    ["a/2024-05/x.html", "k-art\t10:1000\tc-1"],
    ["gone/index.html", "k-gone"],
  ]);

describe("the manifest file", () => {
  it("round-trips, sorted by path", () => {
    const text = [...renderManifest(old())].join("");
    expect(text.split("\n")).toEqual([
      MANIFEST_HEADER,
      "a/2024-05/x.html\tk-art\t10:1000\tc-1",
      "gone/index.html\tk-gone",
      "index.html\tk-front",
      "",
    ]);
    expect(parseManifest(text)).toEqual(old());
  });

  it("holds thousands of rows, in chunks", () => {
    const many: Manifest = new Map(
      Array.from({ length: 2_345 }, (_, i) => [`f/${String(i).padStart(5, "0")}.html`, `k${i}`]),
    );
    const chunks = [...renderManifest(many)];
    expect(chunks.length).toBe(4);
    expect(parseManifest(chunks.join(""))).toEqual(many);
  });

  it.each([
    ["absent", undefined],
    ["empty", ""],
    ["another header", "something else\nindex.html\tk"],
    ["torn", `${MANIFEST_HEADER.slice(0, 10)}`],
    ["the older format", "newsmirror site manifest 1\nindex.html\tk"],
  ])("%s: nothing is known, every page is made", (_name, text) => {
    expect(parseManifest(text).size).toBe(0);
  });
});

describe("Incremental", () => {
  it.each([
    { name: "same bytes", path: "index.html", text: "front", oldKey: true, write: false },
    { name: "new bytes", path: "index.html", text: "front 2", oldKey: false, write: true },
    { name: "a new page", path: "b/index.html", text: "b", oldKey: false, write: true },
  ])("a page, $name: written $write", ({ path, text, oldKey, write }) => {
    const manifest = old();
    if (oldKey) manifest.set(path, hashText(text));
    const plan = new Incremental(manifest);
    expect(plan.page(path, text)).toBe(write);
    expect(plan.next.has(path)).toBe(true);
  });

  it.each([
    {
      name: "stat and template as before",
      key: "k-art",
      stat: "10:1000",
      content: undefined,
      read: false,
      write: false,
    },
    {
      name: "touched, same bytes",
      key: "k-art",
      stat: "10:2000",
      content: "c-1",
      read: true,
      write: false,
    },
    { name: "rerendered", key: "k-art", stat: "12:2000", content: "c-2", read: true, write: true },
    {
      name: "template or feed changed",
      key: "k-new",
      stat: "10:1000",
      content: "c-1",
      read: true,
      write: true,
    },
  ])("an article, $name: read $read, written $write", ({ key, stat, content, read, write }) => {
    const plan = new Incremental(old());
    const path = "a/2024-05/x.html";
    const unchanged = plan.articleUnchanged(path, key, stat);
    expect(!unchanged).toBe(read);
    if (!unchanged) expect(plan.article(path, key, stat, content as string)).toBe(write);
    expect(plan.next.get(path)).toBe(`${key}\t${stat}\t${content ?? "c-1"}`);
  });

  it("pages no input made this run are stale", () => {
    const plan = new Incremental(old());
    plan.page("index.html", "front");
    plan.articleUnchanged("a/2024-05/x.html", "k-art", "10:1000");
    expect(plan.stale()).toEqual(["gone/index.html"]);
  });
});
