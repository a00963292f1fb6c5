import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryWithFullText, fetchFullText } from "../../src/fetcher/fulltext.js";
import { createHttpClient, type HttpClient } from "../../src/fetcher/http/client.js";
import { GBK_TEXT, gbkPage } from "../helpers/gbk.js";
import { startServer, type TestServer } from "../helpers/server.js";

const LEAD =
  "President Vladimir Putin arrived in Beijing on Thursday for two days of talks with Xi Jinping, " +
  "his first trip abroad since the start of his new term, officials in both capitals said.";
const BODY =
  "The leaders discussed trade, energy and the war in Ukraine, and signed a joint statement that " +
  "pledged a deeper partnership. Analysts said the visit showed how far the two governments have " +
  "come to rely on each other since 2022, when western sanctions cut Russia off from its markets.";

const readabilityPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Putin in Beijing | Example News</title>
<script>window.analytics = { track() {} };</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/sport/">Sport</a></nav></header>
<div id="main"><article>
<h1>Putin arrives in Beijing for talks with Xi</h1>
<p>${LEAD}</p>
<figure><img src="img/putin-xi.jpg" srcset="img/putin-xi.jpg 1x, /media/putin-xi@2x.jpg 2x" alt="Putin and Xi"><figcaption>The two leaders in Beijing.</figcaption></figure>
<p>${BODY} <a href="../analysis/ties.html">Read our analysis</a>.</p>
<p>${BODY}</p>
</article></div>
<aside class="sidebar"><h2>Most read</h2><ul><li><a href="/a">Unrelated story one</a></li><li><a href="/b">Unrelated story two</a></li></ul></aside>
<footer><p>Copyright Example News Footer Text</p></footer>
</body></html>`;

const selectorPage = `<!doctype html><html><head><meta charset="utf-8">
<base href="/static/">
<title>Selector page</title></head><body>
<div class="menu">Menu text</div>
<div class="story-body"><p>Selected paragraph one.</p><p>Selected <b>two</b> <img src="photo.jpg"></p></div>
<div class="comments">Comment text</div>
</body></html>`;

const pages: Record<
  string,
  { type?: string; body: string | Uint8Array; status?: number; location?: string }
> = {
  "/news/2024/putin-beijing.html": { type: "text/html; charset=utf-8", body: readabilityPage },
  "/go/story": { status: 301, location: "/world/2024/story.html", body: "" },
  "/world/2024/story.html": { type: "text/html", body: selectorPage },
  "/gbk-meta.html": {
    type: "text/html",
    body: gbkPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
  },
  "/gbk-header.html": { type: "text/html; charset=GBK", body: gbkPage("") },
  "/gbk-meta-charset.html": { type: "text/html", body: gbkPage('<meta charset="gbk">') },
  "/empty.html": {
    type: "text/html",
    body: "<html><body><div class=story-body><img src=a.png></div></body></html>",
  },
  "/nothing.html": {
    type: "text/html",
    body: "<html><head><title>x</title></head><body></body></html>",
  },
  "/file.pdf": { type: "application/pdf", body: "%PDF-1.4" },
};

let server: TestServer;
let client: HttpClient;
/** The feed lives on the test server too: its host and port are the feed's own (http/guard.ts). */
const deps = (feedUrls = [`${server.url}/feed.xml`]) => ({ client, label: "voa", feedUrls });

beforeAll(async () => {
  server = await startServer((req, res) => {
    const page = pages[req.url ?? ""];
    if (!page) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    const headers: Record<string, string> = {};
    if (page.type) headers["content-type"] = page.type;
    if (page.location) headers.location = page.location;
    res.writeHead(page.status ?? 200, headers).end(page.body);
  });
  client = createHttpClient({ userAgent: "newsmirror-test", retries: 0 });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function htmlOf(result: { html: string } | { warning: string }): string {
  if ("warning" in result) throw new Error(`expected HTML, got warning: ${result.warning}`);
  return result.html;
}

describe("fetchFullText with readability", () => {
  it("extracts the article, drops the page around it and resolves URLs against the page", async () => {
    const link = `${server.url}/news/2024/putin-beijing.html`;
    const html = htmlOf(await fetchFullText(link, "readability", deps()));
    expect(html).toContain(LEAD);
    expect(html).toContain(BODY);
    for (const chrome of ["Most read", "Unrelated story", "Footer Text", "Sport", "analytics"])
      expect(html).not.toContain(chrome);
    expect(html).toContain(`src="${server.url}/news/2024/img/putin-xi.jpg"`);
    expect(html).toContain(`${server.url}/media/putin-xi@2x.jpg 2x`);
    expect(html).toContain(`href="${server.url}/news/analysis/ties.html"`);
    expect(html).not.toMatch(/<[A-Z]/);
    expect(html).not.toContain("readability-page");
    const request = server.requests.find((r) => r.url === "/news/2024/putin-beijing.html");
    expect(request?.headers.accept).toMatch(/^text\/html/);
  });

  it("decodes a GBK page declared by <meta http-equiv>", async () => {
    const html = htmlOf(
      await fetchFullText(`${server.url}/gbk-meta.html`, { selector: "#content" }, deps()),
    );
    expect(html).toContain(GBK_TEXT);
  });

  it("warns when Readability finds no article", async () => {
    const result = await fetchFullText(`${server.url}/nothing.html`, "readability", deps());
    expect(result).toEqual({ warning: expect.stringMatching(/nothing\.html/) });
  });
});

describe("fetchFullText with a selector", () => {
  it("takes the selected element, with URLs resolved after a redirect and a <base>", async () => {
    const html = htmlOf(
      await fetchFullText(`${server.url}/go/story`, { selector: "div.story-body" }, deps()),
    );
    expect(html).toBe(
      `<div class="story-body"><p>Selected paragraph one.</p><p>Selected <b>two</b> <img src="${server.url}/static/photo.jpg"></p></div>`,
    );
  });

  it.each(["/gbk-header.html", "/gbk-meta-charset.html"])(
    "decodes the GBK page %s",
    async (path) => {
      const html = htmlOf(
        await fetchFullText(`${server.url}${path}`, { selector: "#content p" }, deps()),
      );
      expect(html).toBe(`<p>${GBK_TEXT}</p>`);
    },
  );

  it("takes every match once, nested matches inside the outer one", async () => {
    const html = htmlOf(
      await fetchFullText(
        `${server.url}/world/2024/story.html`,
        { selector: "div.story-body, p, .comments" },
        deps(),
      ),
    );
    expect(html).toBe(
      `<div class="story-body"><p>Selected paragraph one.</p><p>Selected <b>two</b> <img src="${server.url}/static/photo.jpg"></p></div><div class="comments">Comment text</div>`,
    );
  });
});

describe("fetchFullText failures give one-line warnings naming link and cause", () => {
  it.each<[string, string, Parameters<typeof fetchFullText>[1], RegExp]>([
    ["a 404 page", "/missing.html", "readability", /404/],
    [
      "a selector that matches nothing",
      "/world/2024/story.html",
      { selector: "article.main" },
      /selector "article\.main" matched nothing/,
    ],
    ["an extraction without text", "/empty.html", { selector: ".story-body" }, /no text/],
    [
      "a page that is not HTML",
      "/file.pdf",
      "readability",
      /not an HTML page \(application\/pdf\)/,
    ],
  ])("%s", async (_name, path, mode, cause) => {
    const link = `${server.url}${path}`;
    const result = await fetchFullText(link, mode, deps());
    if (!("warning" in result)) throw new Error(`expected a warning, got ${result.html}`);
    expect(result.warning).toContain(link);
    expect(result.warning).toMatch(cause);
    expect(result.warning).toMatch(/^voa: .*kept the feed's content$/);
    expect(result.warning).not.toMatch(/\n/);
  });

  it("warns, never throws, when the server is unreachable", async () => {
    const dead = await startServer((_req, res) => res.end());
    const link = `${dead.url}/article.html`;
    await dead.close();
    const result = await fetchFullText(link, "readability", deps([dead.url]));
    expect("warning" in result && result.warning).toContain(link);
    expect("warning" in result && result.warning).toMatch(/connection refused/);
  });

  it("warns for a link that is not http(s), without a request", async () => {
    const before = server.requests.length;
    const result = await fetchFullText("mailto:desk@example.com", "readability", deps());
    expect("warning" in result && result.warning).toMatch(
      /mailto:desk@example\.com.*not an http\(s\) link/,
    );
    expect(server.requests.length).toBe(before);
  });
});

describe("entryWithFullText", () => {
  const entry = { guid: "g", title: "T", link: "", content: "<p>Teaser only.</p>" };

  it("replaces the content with the article and keeps the rest", async () => {
    const link = `${server.url}/world/2024/story.html`;
    const result = await entryWithFullText({ ...entry, link }, { selector: ".story-body" }, deps());
    expect(result.warning).toBeUndefined();
    expect(result.entry).toMatchObject({ guid: "g", title: "T", link });
    expect(result.entry.content).toMatch(
      /^<div class="story-body"><p>Selected paragraph one\.<\/p>/,
    );
  });

  it.each([
    ["a failing page", `/missing.html`, /missing\.html/],
    ["no link", "", /entry without a link/],
  ])("keeps the feed's content for %s, with a warning", async (_name, path, warning) => {
    const link = path ? `${server.url}${path}` : "";
    const result = await entryWithFullText({ ...entry, link }, "readability", deps());
    expect(result.entry.content).toBe("<p>Teaser only.</p>");
    expect(result.warning).toMatch(warning);
  });
});
