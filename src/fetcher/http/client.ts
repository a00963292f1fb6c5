import type { Dispatcher } from "undici";
import { Agent, errors, interceptors, request } from "./undici.js";
import { NewsmirrorError } from "../../errors.js";
import { limiter } from "../../limit.js";
import { readBody } from "./body.js";
import {
  HttpStatusError,
  networkError,
  originOf,
  PrivateAddressError,
  retryAfterMs,
} from "./errors.js";
import { defaultResolve, guardedConnector, lookupWith, type Resolve } from "./guard.js";
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "./options.js";
import { isHttpUrl } from "../../text/urls.js";

export { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "./options.js";

export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

export interface GetRequest {
  label: string;
  etag?: string;
  lastModified?: string;
  accept?: string;
  /**
   * Set when the URL comes from a feed's content (a full-text page), not from the user: then it,
   * and every redirect it leads to, may not reach a non-public address (http/guard.ts), except
   * at the host and port of one of `feedUrls`, the feed's own (unless http.allowPrivateNetworks).
   */
  fromContent?: { feedUrls: readonly string[] };
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
/** Statuses worth another try: the server's trouble or its asking us to wait. */
const RETRIED_STATUSES = [429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

type Sleep = (ms: number) => Promise<void>;

/**
 * undici does the HTTP work: a connection pool per origin (`perHost` connections), redirects,
 * retries (per hop, resuming a body cut off mid-way where the server allows) and decompression.
 * Ours: which failures are tried again and how long to wait (`retryDelay`), the body cap, the
 * timeout for the whole body, a limit on requests in flight, and our error codes.
 */
export function createHttpClient(
  options: Partial<HttpOptions> & { userAgent: string; resolve?: Resolve },
  sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
): HttpClient {
  const o: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...options };
  const agents: Agent[] = [];
  const dispatcherWith = (connect: Agent.Options["connect"]) => {
    const agent = new Agent({
      connect,
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs,
      connections: o.perHost,
    });
    agents.push(agent);
    // Redirects are dispatched again through this same chain, so through the same connector.
    return agent.compose(
      interceptors.retry({ maxRetries: o.retries, statusCodes: RETRIED_STATUSES }),
      interceptors.redirect({ maxRedirections: o.maxRedirects }),
      interceptors.decompress(),
    );
  };
  // A resolver given (tests) serves every connection; else net.connect's own dns.lookup.
  const lookup = options.resolve && { lookup: lookupWith(options.resolve, false) };
  const open = dispatcherWith({ timeout: o.connectTimeoutMs, ...lookup });
  const guarded = guardedDispatchers(o, options.resolve ?? defaultResolve, dispatcherWith);
  const inFlight = limiter(o.concurrency);
  return {
    get(url, req) {
      if (!isHttpUrl(url)) {
        const message = `${req.label}: only http(s) URLs can be fetched: ${url}`;
        return Promise.reject(new NewsmirrorError("E_SOURCE", message));
      }
      const feedUrls = o.allowPrivateNetworks ? undefined : req.fromContent?.feedUrls;
      const dispatcher = feedUrls ? guarded(feedUrls) : open;
      return inFlight(() => exchange(dispatcher, url, req, o, sleep));
    },
    close: async () => {
      await Promise.all(agents.map((agent) => agent.close()));
    },
  };
}

/**
 * The guarded dispatcher for the URLs of a feed's content, one per set of feed origins (the
 * exemption lives in the connector, and connections are pooled per Agent): a feed on a private
 * network reaches its own host and port there, and no other feed does through it.
 */
function guardedDispatchers(
  o: HttpOptions,
  resolve: Resolve,
  dispatcherWith: (connect: Agent.Options["connect"]) => Dispatcher,
): (feedUrls: readonly string[]) => Dispatcher {
  const byOrigins = new Map<string, Dispatcher>();
  return (feedUrls) => {
    const origins = new Set(feedUrls.flatMap(originKey));
    const key = [...origins].sort().join(" ");
    let dispatcher = byOrigins.get(key);
    if (!dispatcher) {
      const exempt = (host: string, port: number) => origins.has(`${host}:${port}`);
      const connect = guardedConnector({ timeout: o.connectTimeoutMs }, exempt, resolve);
      dispatcher = dispatcherWith(connect);
      byOrigins.set(key, dispatcher);
    }
    return dispatcher;
  };
}

/** `host:port` of an http(s) URL as the connector sees it; none for files and stdin. */
function originKey(url: string): string[] {
  const origin = isHttpUrl(url) ? originOf(url) : undefined;
  return origin ? [origin] : [];
}

async function exchange(
  dispatcher: Dispatcher,
  url: string,
  req: GetRequest,
  o: HttpOptions,
  sleep: Sleep,
): Promise<HttpResponse> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await request(url, {
      dispatcher,
      method: "GET",
      headers: requestHeaders(req, o),
      signal: abort.signal,
      retryOptions: { retry: retryPolicy(req, url, o, sleep) },
    } as Parameters<typeof request>[1]);
    timer = setTimeout(() => abort.abort(), o.bodyTimeoutMs);
    const at = finalUrl(res, url);
    const etag = header(res.headers.etag);
    const lastModified = header(res.headers["last-modified"]);
    if (res.statusCode === 304) {
      await res.body.dump();
      return { status: 304, url: at, etag, lastModified };
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      throw statusError(res.statusCode, res.headers, req, url, at, o);
    }
    const announced = Number(header(res.headers["content-length"]) ?? Number.NaN);
    if (announced > o.maxBodyBytes) {
      res.body.destroy();
      throw tooLarge(`${req.label}: ${at} announces ${announced} bytes, over ${o.maxBodyBytes}`);
    }
    const body = await readBody(res.body, o.maxBodyBytes, () => `${req.label}: ${at}`);
    const contentType = header(res.headers["content-type"]);
    return { status: 200, url: at, body, contentType, etag, lastModified };
  } catch (error) {
    if (abort.signal.aborted) {
      throw new NewsmirrorError(
        "E_TIMEOUT",
        `${req.label}: timed out reading the body (over ${o.bodyTimeoutMs} ms): ${url}`,
        { suggestion: "raise http.bodyTimeoutMs if the site is just slow" },
      );
    }
    throw httpError(error, req.label, url);
  } finally {
    clearTimeout(timer);
  }
}

function requestHeaders(req: GetRequest, o: HttpOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": o.userAgent,
    accept: req.accept ?? FEED_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  if (req.etag) headers["if-none-match"] = req.etag;
  if (req.lastModified) headers["if-modified-since"] = req.lastModified;
  return headers;
}

/** The URL the response came from: the last one undici's redirects went to. */
function finalUrl(res: { context?: unknown }, start: string): string {
  const history = (res.context as { history?: readonly URL[] } | undefined)?.history;
  return history?.at(-1)?.href ?? start;
}

/** A status we do not take: a redirect undici stopped following, or an error. */
function statusError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  req: GetRequest,
  start: string,
  at: string,
  o: HttpOptions,
): NewsmirrorError {
  if (status >= 300 && status < 400 && headers.location) {
    return new NewsmirrorError(
      "E_REDIRECT",
      `${req.label}: more than ${o.maxRedirects} redirects from ${start}`,
      { suggestion: "use the final URL of the feed" },
    );
  }
  return new HttpStatusError(
    status,
    "",
    req.label,
    at,
    retryAfterMs(headers["retry-after"], Date.now()),
  );
}

function tooLarge(message: string): NewsmirrorError {
  return new NewsmirrorError("E_TOO_LARGE", message, {
    suggestion: "raise http.maxBodyBytes in the config if this feed is really that large",
  });
}

/** What undici threw, as our error: one line naming the feed and the URL, a stable code. */
function httpError(error: unknown, label: string, url: string): NewsmirrorError {
  if (error instanceof PrivateAddressError) return error.forRequest(label, url);
  if (error instanceof errors.RequestRetryError && error.statusCode >= 300) {
    return new HttpStatusError(
      error.statusCode,
      "",
      label,
      url,
      retryAfterMs(error.headers?.["retry-after"], Date.now()),
    );
  }
  if (error instanceof errors.InvalidArgumentError && /redirect loop/i.test(error.message)) {
    return new NewsmirrorError("E_REDIRECT", `${label}: redirect loop from ${url}`, {
      suggestion: "use the final URL of the feed",
    });
  }
  if (error instanceof errors.InvalidArgumentError && /protocol/i.test(error.message)) {
    return new NewsmirrorError(
      "E_SOURCE",
      `${label}: only http(s) URLs can be fetched: ${url} redirects elsewhere`,
    );
  }
  return networkError(error, label, url);
}

/** undici's retry callback with our policy; `sleep` is injectable so tests never wait. */
function retryPolicy(req: GetRequest, url: string, o: HttpOptions, sleep: Sleep) {
  return (
    error: Error,
    { state }: { state: { counter: number } },
    done: (e?: Error | null) => void,
  ) => {
    const wait = retryDelay(httpError(error, req.label, url), state.counter, o);
    if (wait === undefined) return done(error);
    sleep(wait).then(() => done(null), done);
  };
}

/** ms to wait before try number `attempt` + 1, or undefined when it is not worth one. */
function retryDelay(error: NewsmirrorError, attempt: number, o: HttpOptions): number | undefined {
  if (attempt > o.retries) return undefined;
  const backoff = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  if (error instanceof HttpStatusError) {
    if (error.status < 500 && error.status !== 429) return undefined;
    const asked = error.retryAfterMs;
    if (asked !== undefined && asked > o.maxRetryAfterMs) return undefined;
    return asked ?? backoff;
  }
  // A timeout already cost its whole budget: trying again would make a hanging feed cost more.
  return error.code === "E_NETWORK" ? backoff : undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
