import { createServer as createNetServer } from "node:net";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, type HttpOptions } from "../../../src/fetcher/http/client.js";
import { startServer, type TestServer } from "../../helpers/server.js";

const FEED = "<rss><channel><title>ok</title></channel></rss>";
let server: TestServer;
const hits = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    switch (path) {
      case "/ok":
        return void res
          .writeHead(200, { "content-type": "application/rss+xml", etag: '"e1"' })
          .end(FEED);
      case "/slow-headers":
        return void setTimeout(() => res.writeHead(200).end(FEED), 2000);
      case "/trickle": {
        res.writeHead(200);
        const timer = setInterval(() => res.write("x"), 200);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "/flaky":
        if (n <= 2) return void res.writeHead(503, { "retry-after": "1" }).end();
        return void res.writeHead(200).end(FEED);
      case "/busy":
        return void res.writeHead(429, { "retry-after": "3600" }).end();
      case "/loop":
        return void res.writeHead(302, { location: "/loop2" }).end();
      case "/loop2":
        return void res.writeHead(302, { location: "/loop" }).end();
      case "/relative":
        return void res.writeHead(301, { location: "ok" }).end();
      case "/missing":
        return void res.writeHead(404).end();
      case "/endless": {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (res.write(chunk));
        };
        res.on("drain", pump);
        pump();
        return;
      }
      case "/announced":
        return void res.writeHead(200, { "content-length": String(10_000_000) }).end();
      case "/gzip":
        return void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(FEED));
      case "/deflate":
        return void res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(FEED));
      case "/br":
        return void res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync(FEED));
      case "/bomb":
        return void res
          .writeHead(200, { "content-encoding": "gzip" })
          .end(gzipSync(Buffer.alloc(10_000_000)));
      case "/reset":
        res.writeHead(200, { "content-length": "1000" });
        res.write("partial");
        return void setTimeout(() => res.socket?.destroy(), 20);
      case "/conditional":
        if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
        return void res
          .writeHead(200, { etag: '"v1"', "last-modified": "Thu, 16 May 2024 01:00:00 GMT" })
          .end(FEED);
      case "/held":
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return void setTimeout(() => {
          inFlight--;
          res.writeHead(200).end(FEED);
        }, 100);
      default:
        if (path.startsWith("/hop")) {
          const k = Number(path.slice(4));
          return void res.writeHead(302, { location: `/hop${k + 1}` }).end();
        }
        res.writeHead(500).end();
    }
  });
});
afterAll(() => server.close());

function client(options: Partial<HttpOptions> = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient(
    { userAgent: "newsmirror-test/1", retries: 2, ...options },
    async (ms) => {
      sleeps.push(ms);
    },
  );
  return { http, sleeps };
}

async function failure(path: string, options: Partial<HttpOptions> = {}) {
  const { http } = client(options);
  try {
    await http.get(`${server.url}${path}`, { label: "feed" });
  } catch (error) {
    return error as Error & { code: string };
  } finally {
    await http.close();
  }
  throw new Error(`${path} did not fail`);
}

describe("the HTTP client under faults", () => {
  it.each([
    ["/slow-headers", { headersTimeoutMs: 300 }, "E_TIMEOUT"],
    ["/trickle", { bodyTimeoutMs: 700 }, "E_TIMEOUT"],
    ["/loop", {}, "E_REDIRECT"],
    ["/hop0", {}, "E_REDIRECT"],
    ["/endless", { maxBodyBytes: 100_000 }, "E_TOO_LARGE"],
    ["/announced", { maxBodyBytes: 100_000 }, "E_TOO_LARGE"],
    ["/bomb", { maxBodyBytes: 1_000_000 }, "E_TOO_LARGE"],
    ["/missing", {}, "E_HTTP_STATUS"],
    ["/busy", {}, "E_HTTP_STATUS"],
    ["/reset", {}, "E_NETWORK"],
  ] as const)(
    "%s (options %j) fails with %s, one line naming feed and URL",
    async (path, options, code) => {
      const error = await failure(path, options);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/^feed: /);
      expect(error.message).toContain(server.url);
      expect(error.message).not.toContain("\n");
    },
  );

  it("does not retry a 404, and retries a reset connection", async () => {
    hits.clear();
    await failure("/missing");
    expect(hits.get("/missing")).toBe(1);
    await failure("/reset");
    expect(hits.get("/reset")).toBe(3);
  });

  it("gives up at once on a Retry-After beyond the cap", async () => {
    hits.clear();
    const error = await failure("/busy");
    expect(error.message).toContain("HTTP 429");
    expect(hits.get("/busy")).toBe(1);
  });

  it("retries 503 twice, honouring Retry-After, then succeeds", async () => {
    hits.clear();
    const { http, sleeps } = client();
    const response = await http.get(`${server.url}/flaky`, { label: "feed" });
    await http.close();
    expect(response.status).toBe(200);
    expect(hits.get("/flaky")).toBe(3);
    expect(sleeps).toEqual([1000, 1000]);
  });

  it("refuses a closed port with E_NETWORK", async () => {
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const { http } = client({ retries: 0 });
    await expect(http.get(`http://127.0.0.1:${port}/`, { label: "feed" })).rejects.toMatchObject({
      code: "E_NETWORK",
    });
    await http.close();
  });

  it.each(["/gzip", "/deflate", "/br", "/relative"])("reads %s", async (path) => {
    const { http } = client();
    const response = await http.get(`${server.url}${path}`, { label: "feed" });
    await http.close();
    expect(response.status).toBe(200);
    if (response.status === 200) expect(new TextDecoder().decode(response.body)).toBe(FEED);
    if (path === "/relative") expect(response.url).toBe(`${server.url}/ok`);
  });

  it("sends its headers and the validators, and reports a 304", async () => {
    const { http } = client();
    const first = await http.get(`${server.url}/conditional`, { label: "feed" });
    expect(first).toMatchObject({
      status: 200,
      etag: '"v1"',
      lastModified: "Thu, 16 May 2024 01:00:00 GMT",
    });
    const second = await http.get(`${server.url}/conditional`, {
      label: "feed",
      etag: '"v1"',
      lastModified: "Thu, 16 May 2024 01:00:00 GMT",
    });
    await http.close();
    expect(second.status).toBe(304);
    const request = server.requests.at(-1);
    expect(request?.headers).toMatchObject({
      "if-none-match": '"v1"',
      "if-modified-since": "Thu, 16 May 2024 01:00:00 GMT",
      "user-agent": "newsmirror-test/1",
    });
    expect(request?.headers.accept).toContain("application/rss+xml");
    expect(request?.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("refuses other schemes", async () => {
    const { http } = client();
    await expect(http.get("ftp://example.com/feed", { label: "feed" })).rejects.toMatchObject({
      code: "E_SOURCE",
    });
    await http.close();
  });

  it("never has more than perHost requests in flight to one host", async () => {
    maxInFlight = 0;
    const { http } = client({ perHost: 2 });
    await Promise.all(
      Array.from({ length: 6 }, () => http.get(`${server.url}/held`, { label: "feed" })),
    );
    await http.close();
    expect(maxInFlight).toBe(2);
  });
});
