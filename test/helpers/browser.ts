import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium; .ci/run installs it. The browser tests skip, with a notice, without it. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

export function noticeIfNoChromium(what: string): void {
  if (!hasChromium)
    console.warn(`NOTICE: ${CHROMIUM_PATH} is absent (apt-get install chromium): skipping ${what}`);
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Belt and braces besides the route below: no name resolves, and anything that is not
  // loopback (which Chromium never proxies) goes to a closed port.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  "--proxy-server=http://127.0.0.1:9",
];

/**
 * Installed in every frame before any page script: `__xss(n)` records that payload n ran, in the
 * top page and on the test server (so a payload that navigates away is still seen); opaque frames
 * (data: URLs) cannot reach `top.__xss` and post "xss:n" to the top page instead.
 */
const DETECTOR = `(() => {
  const hits = [];
  const record = (n) => {
    hits.push(Number(n));
    try { fetch("/__xss/" + n + "?via=call", { keepalive: true }).catch(() => {}); } catch {}
  };
  const signal = window.top === window ? record : (n) => {
    try { window.top.__xss(n); } catch { window.top.postMessage("xss:" + n, "*"); }
  };
  Object.defineProperty(window, "__xss", { value: signal });
  Object.defineProperty(window, "__xssHits", { value: hits });
  if (window.top === window)
    window.addEventListener("message", (event) => {
      const m = /^xss:(\\d+)$/.exec(String(event.data));
      if (m) record(m[1]);
    });
})();`;

export interface TestBrowser {
  context: BrowserContext;
  /** Messages of alert/confirm/prompt dialogs any page opened (each is dismissed). */
  dialogs: string[];
  /** URLs of requests that were blocked because they left loopback. */
  blocked: string[];
  close(): Promise<void>;
}

/** `files`: file:// pages may load (a site opened from a folder); the network stays closed. */
export async function launchBrowser(options: {
  javaScript: boolean;
  files?: boolean;
}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "newsmirror-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScript,
    serviceWorkers: "block",
  });
  const dialogs: string[] = [];
  const blocked: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (isLoopback(url) || (options.files && url.startsWith("file:"))) await route.continue();
    else {
      blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  await context.addInitScript(DETECTOR);
  const watch = (page: Page) =>
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    });
  context.pages().forEach(watch);
  context.on("page", watch);
  return {
    context,
    dialogs,
    blocked,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "about:" || protocol === "blob:") return true;
    return hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

export interface PageServer {
  url: string;
  /** Serves `html` (as a complete UTF-8 page) at `/page/{key}`; returns the page's URL. */
  put(key: string, html: string): string;
  /** Payload numbers that reached `/__xss/{n}`: a call, a stylesheet, a navigation, a frame. */
  hits: Set<number>;
  close(): Promise<void>;
}

/** A loopback server for the pages under test; `/__xss/{n}` answers 204 and counts a hit. */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const hits = new Set<number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const hit = /^\/__xss\/(\d+)/.exec(path);
    if (hit) {
      hits.add(Number(hit[1]));
      res.writeHead(204).end();
      return;
    }
    const page = path.startsWith("/page/") ? pages.get(path.slice(6)) : undefined;
    if (page === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    put: (key, html) => {
      pages.set(key, html);
      return `${url}/page/${key}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const HARNESS_HEAD = '<meta charset="utf-8" id="harness-charset"><title>item</title>';

/** A stored body as a reader's page would show it: a bare UTF-8 document, no CSP to hide behind. */
export function pageFor(body: string): string {
  return `<!DOCTYPE html><html><head>${HARNESS_HEAD}</head><body>${body}</body></html>`;
}

/** Runs `fn` over `items`, `limit` at a time, each worker with its own page; results in order. */
export async function inPages<T, R>(
  browser: TestBrowser,
  items: readonly T[],
  limit: number,
  fn: (page: Page, item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    const page = await browser.context.newPage();
    try {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(page, items[i] as T);
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface Visit {
  /** Payload numbers the page itself saw run (`__xss` calls and posted messages). */
  ran: number[];
  /** Where the page ended up, when a payload navigated it away. */
  navigatedTo?: string;
  /** Triggers left in the DOM that a click, hover or focus would fire (see ARMED below). */
  armed: string[];
}

/** Opens the URL, waits for `load` and a little longer for late handlers, reports what ran. */
export async function visit(page: Page, url: string, settleMs: number): Promise<Visit> {
  await page.goto(url, { waitUntil: "load", timeout: 15_000 });
  await page.waitForTimeout(settleMs);
  const result: Visit = { ran: [], armed: [] };
  if (page.url() !== url) {
    result.navigatedTo = page.url();
    return result;
  }
  result.ran = await page.evaluate<number[]>("(window.__xssHits ?? []).slice()");
  result.armed = await page.evaluate<string[]>(ARMED);
  return result;
}

/**
 * Runs in the page (plain JavaScript: the project compiles without the DOM library): every
 * element or attribute that would run script on a click, hover or focus. URLs are judged as the
 * browser resolved them, so entity and whitespace tricks in schemes count.
 */
const ARMED = String.raw`(() => {
  const problems = [];
  const DANGEROUS = "script,style,object,embed,applet,base,meta,link,frame,frameset,iframe[srcdoc]";
  const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "codebase", "cite", "longdesc", "ping", "lowsrc", "dynsrc"];
  const SAFE = ["http:", "https:", "mailto:"];
  const allowsData = (el, attr) =>
    (el.localName === "img" && (attr === "src" || attr === "srcset")) ||
    (el.localName === "source" && attr === "srcset" && el.parentElement?.localName === "picture");
  const protocolOf = (value) => {
    try { return new URL(value, document.baseURI).protocol; } catch { return "invalid:"; }
  };
  const check = (el, name, value) => {
    const protocol = protocolOf(value);
    if (!SAFE.includes(protocol) && !(protocol === "data:" && allowsData(el, name)))
      problems.push("<" + el.localName + " " + name + '="' + protocol + '…">');
  };
  const cssText = (style) => style
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\(.)/g, "$1")
    .toLowerCase();
  for (const el of document.querySelectorAll(DANGEROUS))
    if (el.id !== "harness-charset") problems.push("<" + el.localName + "> element");
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push("<" + el.localName + " " + name + ">");
      if (URL_ATTRS.includes(name)) check(el, name, attr.value);
      if (name === "srcset")
        for (const candidate of attr.value.split(/,\s+/)) check(el, name, candidate.trim().split(/\s+/)[0] ?? "");
      if (name === "style" && /url\s*\(|expression\s*\(|@import/.test(cssText(attr.value)))
        problems.push("<" + el.localName + ' style="' + attr.value.slice(0, 40) + '">');
    }
  }
  return problems;
})()`;
