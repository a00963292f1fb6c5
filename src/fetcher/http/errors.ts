import { NewsmirrorError } from "../../errors.js";
import type { NonPublic } from "./addresses.js";

/** What to tell the user per HTTP status class: data, next to the function using it. */
const STATUS_SUGGESTIONS: readonly [RegExp, string][] = [
  [/^(404|410)$/, "check the feed URL; the site may have moved it"],
  [/^(401|403)$/, "the site refuses us; try another --user-agent, or another URL"],
  [/^429$/, "the site asks us to slow down; fetch less often"],
  [/^5\d\d$/, "the site has trouble; it is tried again on the next run"],
];

export class HttpStatusError extends NewsmirrorError {
  constructor(
    readonly status: number,
    statusText: string,
    label: string,
    url: string,
    readonly retryAfterMs?: number,
  ) {
    const suggestion = STATUS_SUGGESTIONS.find(([re]) => re.test(String(status)))?.[1];
    super(
      "E_HTTP_STATUS",
      `${label}: HTTP ${status}${statusText ? ` ${statusText}` : ""} from ${url}`,
      {
        suggestion,
      },
    );
  }
}

/** undici and Node error codes as our stable codes. */
const NETWORK_CODES: Readonly<
  Record<string, { code: "E_TIMEOUT" | "E_DNS" | "E_NETWORK"; what: string }>
> = {
  UND_ERR_CONNECT_TIMEOUT: { code: "E_TIMEOUT", what: "timed out connecting" },
  UND_ERR_HEADERS_TIMEOUT: {
    code: "E_TIMEOUT",
    what: "timed out waiting for the response headers",
  },
  UND_ERR_BODY_TIMEOUT: { code: "E_TIMEOUT", what: "timed out reading the body" },
  ENOTFOUND: { code: "E_DNS", what: "host not found" },
  EAI_AGAIN: { code: "E_DNS", what: "DNS lookup failed for now" },
  ECONNREFUSED: { code: "E_NETWORK", what: "connection refused" },
  ECONNRESET: { code: "E_NETWORK", what: "connection reset" },
  UND_ERR_SOCKET: { code: "E_NETWORK", what: "connection closed" },
  EPIPE: { code: "E_NETWORK", what: "connection closed" },
  ETIMEDOUT: { code: "E_TIMEOUT", what: "timed out connecting" },
  // undici's retry could not resume a body cut off mid-way: the server ignored the Range.
  UND_ERR_REQ_RETRY: { code: "E_NETWORK", what: "connection closed while reading the body" },
};

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in NETWORK_CODES) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as { code?: string }).code;
}

export function networkError(error: unknown, label: string, url: string): NewsmirrorError {
  if (error instanceof NewsmirrorError) return error;
  const code = codeOf(error);
  const known = code ? NETWORK_CODES[code] : undefined;
  const detail = known?.what ?? `network error (${code ?? (error as Error).message})`;
  return new NewsmirrorError(known?.code ?? "E_NETWORK", `${label}: ${detail}: ${url}`, {
    suggestion:
      known?.code === "E_DNS"
        ? "check the host name and this machine's DNS"
        : "check the URL and the network; it is tried again on the next run",
    cause: error,
  });
}

/** Retry-After as milliseconds: delta seconds or an HTTP date. */
export function retryAfterMs(
  header: string | string[] | undefined,
  now: number,
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const ALLOW_PRIVATE_SUGGESTION =
  'set "http": { "allowPrivateNetworks": true } in the config if that network is yours and you trust the feed';

/**
 * A URL taken from a feed's content led to a host on a network such links may not reach
 * (http/guard.ts). The connector knows only the host; the client adds the feed and the URL.
 */
export class PrivateAddressError extends NewsmirrorError {
  /** Why, without the feed and the URL: "10.1.2.3 is not a public address (private)". */
  readonly reason: string;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly found: NonPublic,
    request?: { label: string; url: string },
  ) {
    const via = found.via ? `; ${found.via}` : "";
    const what = `(${found.what}${via})`;
    let reason =
      host === found.address
        ? `${host} is not a public address ${what}`
        : `${host} resolves to ${found.address} ${what}, not a public address`;
    if (request && originOf(request.url) !== `${host}:${port}`)
      reason = `it redirects to ${host.includes(":") ? `[${host}]` : host}:${port}, and ${reason}`;
    const message = request ? `${request.label}: ${request.url} not fetched: ${reason}` : reason;
    super("E_PRIVATE_ADDRESS", message, { suggestion: ALLOW_PRIVATE_SUGGESTION });
    this.reason = reason;
  }

  /** The same refusal, naming the feed and the URL that was asked for. */
  forRequest(label: string, url: string): PrivateAddressError {
    return new PrivateAddressError(this.host, this.port, this.found, { label, url });
  }
}

/** `host:port` of a URL, as the connector sees it. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    const port = Number(u.port) || (u.protocol === "https:" ? 443 : 80);
    return `${u.hostname.replace(/^\[|\]$/g, "")}:${port}`;
  } catch {
    return undefined;
  }
}
