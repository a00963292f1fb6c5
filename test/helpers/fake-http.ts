import { NewsmirrorError } from "../../src/errors.js";
import type { GetRequest, HttpClient, HttpResponse } from "../../src/fetcher/http/client.js";

/** What the fake server answers for a URL: a response, a function of the request, or an error. */
export type FakeAnswer = HttpResponse | ((req: GetRequest) => HttpResponse) | Error;

/**
 * An HttpClient without a network, for the pipelines' FetchDeps.client: answers by URL,
 * remembers every request, and fails unknown URLs the way the real client fails a refused
 * connection.
 */
export function fakeHttp(answers: Record<string, FakeAnswer>) {
  const requests: { url: string; req: GetRequest }[] = [];
  const client: HttpClient = {
    async get(url, req) {
      requests.push({ url, req });
      const answer = answers[url];
      if (answer === undefined)
        throw new NewsmirrorError("E_NETWORK", `${req.label}: connection refused: ${url}`);
      if (answer instanceof Error) throw answer;
      return typeof answer === "function" ? answer(req) : answer;
    },
    close: async () => {},
  };
  return { client, requests };
}

/** A 200 response with these bytes. */
export function ok(url: string, body: string | Uint8Array, headers: Partial<HttpResponse> = {}) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return { status: 200, url, body: bytes, contentType: "application/rss+xml", ...headers } as const;
}
