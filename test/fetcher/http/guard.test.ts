import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { createHttpClient, type HttpClient } from "../../../src/fetcher/http/client.js";
import type { Resolve } from "../../../src/fetcher/http/guard.js";
import { startServer, type TestServer } from "../../helpers/server.js";

/** Names as a DNS server on the internet might answer them; anything else is unknown. */
const DNS: Record<string, LookupAddress[]> = {
  "news.example": [{ address: "127.0.0.1", family: 4 }],
  "metadata.example": [{ address: "169.254.169.254", family: 4 }],
  "mixed.example": [
    { address: "10.0.0.1", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ],
};
const resolve: Resolve = (hostname, _options, callback) => {
  const addresses = DNS[hostname];
  if (addresses) return void setImmediate(() => callback(null, addresses));
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: "ENOTFOUND",
  });
  setImmediate(() => callback(error, []));
};

let pages: TestServer;
let other: TestServer;
let guarded: HttpClient;
let open: HttpClient;

beforeAll(async () => {
  other = await startServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("secret"),
  );
  pages = await startServer((req, res) => {
    if (req.url === "/to-other")
      return void res.writeHead(302, { location: `${other.url}/x` }).end();
    if (req.url === "/to-self") return void res.writeHead(302, { location: "/page" }).end();
    res.writeHead(200, { "content-type": "text/html" }).end("page");
  });
  guarded = createHttpClient({ userAgent: "t", retries: 0, resolve });
  open = createHttpClient({ userAgent: "t", retries: 0, resolve, allowPrivateNetworks: true });
});
afterAll(async () => {
  await Promise.all([guarded.close(), open.close(), pages.close(), other.close()]);
});

const port = (server: TestServer) => new URL(server.url).port;
const fromContent = (...feedUrls: string[]) => ({ label: "voa", fromContent: { feedUrls } });
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe("URLs from a feed's content may not reach private networks", () => {
  it.each<[string, () => string, RegExp]>([
    ["a loopback IP", () => `${other.url}/a`, /127\.0\.0\.1 is not a public address \(loopback\)/],
    [
      "a public-looking name resolving to loopback",
      () => `http://news.example:${port(other)}/a`,
      /news\.example resolves to 127\.0\.0\.1 \(loopback\), not a public address/,
    ],
    [
      "the cloud metadata address, by name",
      () => `http://metadata.example:${port(other)}/latest/meta-data/`,
      /resolves to 169\.254\.169\.254 \(link-local\)/,
    ],
    [
      "a name whose every address is private",
      () => `http://mixed.example:${port(other)}/a`,
      /mixed\.example resolves to 10\.0\.0\.1 \(private\)/,
    ],
    [
      "an IPv4-mapped IPv6 literal",
      () => `http://[::ffff:127.0.0.1]:${port(other)}/a`,
      /::ffff:7f00:1 is not a public address \(loopback; IPv4-mapped 127\.0\.0\.1\)/,
    ],
    [
      "IPv6 loopback",
      () => `http://[::1]:${port(other)}/a`,
      /::1 is not a public address \(loopback\)/,
    ],
  ])("refuses %s, without a request", async (_name, url, reason) => {
    const before = other.requests.length;
    const error = await guarded
      .get(url(), fromContent("https://feeds.example/rss"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "E_PRIVATE_ADDRESS",
      message: expect.stringMatching(reason),
      suggestion: expect.stringMatching(/allowPrivateNetworks/),
    });
    expect((error as Error).message).toMatch(
      new RegExp(`^voa: ${url().replace(/[.[\]]/g, "\\$&")} not fetched: `),
    );
    expect(other.requests.length).toBe(before);
  });

  it("refuses a redirect from the feed's own host to another private one", async () => {
    const before = other.requests.length;
    const error = await guarded
      .get(`${pages.url}/to-other`, fromContent(`${pages.url}/feed.xml`))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_PRIVATE_ADDRESS" });
    expect((error as Error).message).toMatch(
      /not fetched: it redirects to 127\.0\.0\.1:\d+, and 127\.0\.0\.1 is not a public address \(loopback\)$/,
    );
    expect(other.requests.length).toBe(before);
  });

  it("lets a feed on a private network reach its own host and port, redirects there too", async () => {
    const response = await guarded.get(
      `${pages.url}/to-self`,
      fromContent(`${pages.url}/feed.xml`),
    );
    expect(response.status === 200 && text(response.body)).toBe("page");
    // …and no other feed through it: the exemption is the feed's, not the host's for the run.
    const error = await guarded
      .get(`${pages.url}/page`, fromContent("https://feeds.example/rss"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_PRIVATE_ADDRESS" });
  });

  it("fetches anything with http.allowPrivateNetworks", async () => {
    const response = await open.get(`http://news.example:${port(other)}/a`, fromContent());
    expect(response.status === 200 && text(response.body)).toBe("secret");
    const redirected = await open.get(`${pages.url}/to-other`, fromContent());
    expect(redirected.status === 200 && text(redirected.body)).toBe("secret");
  });

  it("leaves the user's own URLs alone: feed URLs from the config or the command line", async () => {
    const response = await guarded.get(`${other.url}/feed`, { label: "voa" });
    expect(response.status === 200 && text(response.body)).toBe("secret");
  });

  it("still reports an unknown host as a DNS error", async () => {
    const error = await guarded
      .get("http://nowhere.example/a", fromContent())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_DNS" });
  });
});
