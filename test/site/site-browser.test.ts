import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hasChromium,
  launchBrowser,
  noticeIfNoChromium,
  type TestBrowser,
} from "../helpers/browser.js";
import { runCli } from "../helpers/cli.js";
import { serveFolder, siteArchive } from "../helpers/site.js";

/** A real browser on a shared machine: only a hang should fail these tests. */
const SLOW = { timeout: 300_000, tags: ["slow"] };
/** The site is served under a sub-path, as GitHub Pages serves a project's site. */
const PREFIX = "/mirror/news/";

noticeIfNoChromium("the static site's browser tests");

describe.skipIf(!hasChromium)("the static site in Chromium", SLOW, () => {
  let dir: string;
  let siteDir: string;
  let planted: string;
  let browser: TestBrowser;
  let server: Awaited<ReturnType<typeof serveFolder>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "newsmirror-site-"));
    ({ planted } = await siteArchive(dir));
    const run = await runCli(["site", "--to", "site"], { cwd: dir });
    expect(run.code).toBe(0);
    siteDir = join(dir, "site");
    server = await serveFolder(siteDir, PREFIX);
    browser = await launchBrowser({ javaScript: true, files: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir && !process.env.NEWSMIRROR_KEEP_SITE) await rm(dir, { recursive: true, force: true });
  });

  const plantedPage = () => planted.replace(/\.txt$/, ".html");

  /** Opens `url`; the console's errors and the page's uncaught errors, as lines. */
  async function open(page: Page, url: string): Promise<string[]> {
    const errors: string[] = [];
    const onConsole = (m: ConsoleMessage) => {
      if (m.type() !== "error") return;
      // Images of the stored bodies point to the web, which the harness keeps closed.
      if (!/^(?:http:\/\/127\.0\.0\.1|file:)/.test(m.location().url)) return;
      errors.push(m.text());
    };
    page.on("console", onConsole);
    page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(100);
    page.off("console", onConsole);
    return errors;
  }

  it("resolves every link, image and stylesheet to a file, with no console error, under a sub-path", async () => {
    const page = await browser.context.newPage();
    const seen = new Set<string>();
    const queue = [`${server.url}index.html`];
    const problems: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const errors = await open(page, url);
      const isPlanted = url.endsWith(plantedPage());
      for (const e of errors)
        if (!(isPlanted && /Content Security Policy/.test(e))) problems.push(`${url}: ${e}`);
      const targets = await page.evaluate<string[]>(
        `[...document.querySelectorAll("a[href], img[src], link[href], script[src]")].map((e) => e.href || e.src)`,
      );
      for (const target of targets) {
        const { origin, pathname } = new URL(target);
        if (origin !== new URL(server.url).origin) continue;
        expect(pathname.startsWith(PREFIX), `${url} → ${target}`).toBe(true);
        const file = join(siteDir, decodeURIComponent(pathname.slice(PREFIX.length)));
        if (!existsSync(file)) problems.push(`${url} → ${target}: no such file`);
        else if (pathname.endsWith(".html")) queue.push(`${origin}${pathname}`);
      }
    }
    await page.close();
    expect(problems).toEqual([]);
    // Every page of the site was reached from the front page.
    const htmlPages = readFileSync(join(siteDir, ".newsmirror-site", "manifest.tsv"), "utf8")
      .split("\n")
      .filter((line) => /\.html\t/.test(line));
    expect(seen.size).toBe(htmlPages.length);
  });

  it.each(["http", "file"])(
    "the CSP stops the script planted in a stored body (%s)",
    async (scheme) => {
      const page = await browser.context.newPage();
      const url =
        scheme === "http"
          ? `${server.url}${plantedPage()}`
          : pathToFileURL(join(siteDir, plantedPage())).href;
      const errors = await open(page, url);
      expect(await page.textContent("#planted")).toBe("A planted body.");
      await page.click('a[href^="javascript:"]');
      await page.waitForTimeout(200);
      expect(await page.evaluate<number[]>("window.__xssHits.slice()")).toEqual([]);
      expect(errors.some((e) => /Content Security Policy/.test(e))).toBe(true);
      expect(await page.evaluate("getComputedStyle(document.body).fontFamily")).toContain(
        "system-ui",
      );
      await page.close();
    },
  );

  it.each([
    ["普京", "普京抵达北京，展示威权盟友的团结"],
    ["BUDGET", "Parliament debates the budget"],
    // An RSS title with no known HTML tag is text: its "<live>" is shown, escaped, not run.
    ["floods capital", 'Floods reach the capital & "the valley" <live>'],
    ["باران", "بارش باران در تهران ادامه دارد"],
  ])("the search page finds %s, over http and from file://", async (query, title) => {
    for (const base of [server.url, pathToFileURL(`${siteDir}/`).href]) {
      const page = await browser.context.newPage();
      expect(await open(page, `${base}index.html`)).toEqual([]);
      await page.fill('form.search input[name="q"]', query);
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await Promise.all([page.waitForURL(/search\.html\?q=/), page.click("form.search button")]);
      await page.waitForSelector("#results li a", { timeout: 10_000 });
      const found = await page.$$eval("#results li a", (as) => as.map((a) => a.textContent));
      expect(found, base).toEqual([title]);
      expect(errors).toEqual([]);
      await Promise.all([page.waitForURL(/\.html$/), page.click("#results li a")]);
      expect(await page.textContent("h1")).toBe(title);
      await page.close();
    }
  });

  it("shows right-to-left feeds right to left, by the config's language and by the titles' script", async () => {
    const page = await browser.context.newPage();
    for (const feed of ["farsi", "hebrew"]) {
      await open(page, `${server.url}${feed}/index.html`);
      expect(
        await page.evaluate('getComputedStyle(document.querySelector("ul.items")).direction'),
      ).toBe("rtl");
      expect(
        await page.evaluate('getComputedStyle(document.querySelector("header nav")).direction'),
      ).toBe("ltr");
    }
    expect(await page.$eval("ul.items", (e) => e.getAttribute("lang"))).toBe("");
    await open(page, `${server.url}farsi/index.html`);
    expect(await page.$eval("ul.items", (e) => e.getAttribute("lang"))).toBe("fa");
    await page.close();
  });

  it("fits a phone and a desktop: screenshots of the front, a feed and an article", async () => {
    const shots = process.env.NEWSMIRROR_SCREENSHOTS ?? join(dir, "screenshots");
    await mkdir(shots, { recursive: true });
    const pages = { front: "index.html", feed: "voa/index.html", article: readArticle("voa") };
    for (const width of [390, 1280]) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 844 });
      for (const [name, path] of Object.entries(pages)) {
        expect(await open(page, `${server.url}${path}`)).toEqual([]);
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(
          await page.evaluate("document.documentElement.scrollWidth"),
          `${name} at ${width}`,
        ).toBeLessThanOrEqual(width);
        const file = join(shots, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
      }
      await page.close();
    }
    console.log(`screenshots of the site: ${shots}`);
  });

  function readArticle(feed: string): string {
    const manifest = readFileSync(join(siteDir, ".newsmirror-site", "manifest.tsv"), "utf8");
    const line = manifest
      .split("\n")
      .find((l) => l.startsWith(`${feed}/`) && /[0-9a-f]{16}\.html\t/.test(l));
    return (line ?? "").split("\t")[0] as string;
  }
});
