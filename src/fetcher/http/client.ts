import { Agent, request } from "undici";
import { NewsmirrorError } from "../../errors.js";
import { readBody } from "./body.js";
import { HttpStatusError, networkError, retryAfterMs } from "./errors.js";
import { semaphore } from "../../semaphore.js";

export interface HttpOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Until the first byte of the response. */
  headersTimeoutMs: number;
  /** For the whole body, not per chunk: a body trickling a byte a second still ends here. */
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  /** Extra attempts on network errors, 5xx and 429; never on other 4xx. */
  retries: number;
  maxRetryAfterMs: number;
  concurrency: number;
  perHost: number;
  maxRedirects: number;
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpOptions, "userAgent"> = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 60_000,
  maxBodyBytes: 20 * 1024 * 1024,
  retries: 3,
  maxRetryAfterMs: 60_000,
  concurrency: 8,
  perHost: 2,
  maxRedirects: 5,
};

export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

export interface GetRequest {
  label: string;
  etag?: string;
  lastModified?: string;
  accept?: string;
}

export type HttpResponse =
  | { status: 304; url: string; etag?: string; lastModified?: string }
  | {
      status: 200;
      url: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    };

export interface HttpClient {
  get(url: string, request: GetRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function retriable(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 429;
  // A timeout already cost its whole budget: trying again would make a hanging feed cost more.
  return error instanceof NewsmirrorError && error.code === "E_NETWORK";
}

export function createHttpClient(
  options: Partial<HttpOptions> & { userAgent: string },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): HttpClient {
  const o: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...options };
  const agent = new Agent({
    connect: { timeout: o.connectTimeoutMs },
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
    connections: o.perHost,
  });
  const global = semaphore(o.concurrency);
  const hosts = new Map<string, ReturnType<typeof semaphore>>();
  const perHost = (url: string) => {
    const host = new URL(url).host;
    let limit = hosts.get(host);
    if (!limit) hosts.set(host, (limit = semaphore(o.perHost)));
    return limit;
  };

  /** One attempt, following redirects. */
  async function once(start: string, req: GetRequest): Promise<HttpResponse> {
    const seen = new Set<string>();
    let url = start;
    for (let hop = 0; ; hop++) {
      if (!/^https?:\/\//i.test(url)) {
        throw new NewsmirrorError(
          "E_SOURCE",
          `${req.label}: only http(s) URLs can be fetched: ${url}`,
        );
      }
      seen.add(url);
      const response = await perHost(url)(() => global(() => exchange(url, req)));
      if ("location" in response) {
        const next = new URL(response.location, url).href;
        if (seen.has(next))
          throw new NewsmirrorError("E_REDIRECT", `${req.label}: redirect loop at ${next}`);
        if (hop >= o.maxRedirects) {
          throw new NewsmirrorError(
            "E_REDIRECT",
            `${req.label}: more than ${o.maxRedirects} redirects from ${start}`,
            {
              suggestion: "use the final URL of the feed",
            },
          );
        }
        url = next;
        continue;
      }
      return response;
    }
  }

  async function exchange(
    url: string,
    req: GetRequest,
  ): Promise<HttpResponse | { location: string }> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const headers: Record<string, string> = {
        "user-agent": o.userAgent,
        accept: req.accept ?? FEED_ACCEPT,
        "accept-encoding": "gzip, deflate, br",
      };
      if (req.etag) headers["if-none-match"] = req.etag;
      if (req.lastModified) headers["if-modified-since"] = req.lastModified;
      const res = await request(url, {
        dispatcher: agent,
        method: "GET",
        headers,
        signal: abort.signal,
      });
      timer = setTimeout(() => abort.abort(), o.bodyTimeoutMs);
      const location = header(res.headers.location);
      if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304 && location) {
        await res.body.dump();
        return { location };
      }
      const etag = header(res.headers.etag);
      const lastModified = header(res.headers["last-modified"]);
      if (res.statusCode === 304) {
        await res.body.dump();
        return { status: 304, url, etag, lastModified };
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump().catch(() => undefined);
        throw new HttpStatusError(
          res.statusCode,
          "",
          req.label,
          url,
          retryAfterMs(res.headers["retry-after"], Date.now()),
        );
      }
      const announced = Number(header(res.headers["content-length"]) ?? Number.NaN);
      if (announced > o.maxBodyBytes) {
        res.body.destroy();
        throw new NewsmirrorError(
          "E_TOO_LARGE",
          `${req.label}: ${url} announces ${announced} bytes, over ${o.maxBodyBytes}`,
          {
            suggestion: "raise http.maxBodyBytes in the config if this feed is really that large",
          },
        );
      }
      const body = await readBody(
        res.body,
        header(res.headers["content-encoding"]),
        o.maxBodyBytes,
        () => `${req.label}: ${url}`,
      );
      return {
        status: 200,
        url,
        body,
        contentType: header(res.headers["content-type"]),
        etag,
        lastModified,
      };
    } catch (error) {
      if (abort.signal.aborted) {
        throw new NewsmirrorError(
          "E_TIMEOUT",
          `${req.label}: timed out reading the body (over ${o.bodyTimeoutMs} ms): ${url}`,
          {
            suggestion: "raise http.bodyTimeoutMs if the site is just slow",
          },
        );
      }
      throw networkError(error, req.label, url);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async get(url, req) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(url, req);
        } catch (error) {
          if (attempt >= o.retries || !retriable(error)) throw error;
          const asked = error instanceof HttpStatusError ? error.retryAfterMs : undefined;
          if (asked !== undefined && asked > o.maxRetryAfterMs) throw error;
          const backoff = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
          await sleep(asked ?? backoff);
        }
      }
    },
    close: () => agent.close(),
  };
}
