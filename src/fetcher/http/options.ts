/** The HTTP client's settings (config `http`); kept apart from client.ts so that reading them
 * does not load undici. */
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
  /**
   * Requests in flight at once, full-text pages included; the fetch also loads this many feeds
   * at once (each feed is one request while it loads).
   */
  concurrency: number;
  /** Connections to one origin, so requests in flight to one site. */
  perHost: number;
  maxRedirects: number;
  /**
   * Let URLs from a feed's content (full-text pages) reach loopback, private and other
   * non-public addresses; off, only the feed's own host and port may be one (http/guard.ts).
   */
  allowPrivateNetworks: boolean;
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
  allowPrivateNetworks: false,
};
