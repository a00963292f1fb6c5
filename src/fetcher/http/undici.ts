/**
 * The parts of undici newsmirror uses, each from its own file. undici's index loads all of it at
 * once (fetch, WebSocket, EventSource, cookies, caches, mocks, proxy agents), which cost
 * ~120 ms of every run's start-up, more than half of an all-304 run's own work
 * (bench/RESULTS.md, "Issue 11 again"). undici 7 has no "exports" map, so these files are reachable;
 * the lock file pins the version, and the HTTP tests run through every part used here.
 */
import type { Dispatcher } from "undici";
import Agent from "undici/lib/dispatcher/agent.js";
import apiRequest from "undici/lib/api/api-request.js";
import buildConnector from "undici/lib/core/connect.js";
import errors from "undici/lib/core/errors.js";
import decompress from "undici/lib/interceptor/decompress.js";
import redirect from "undici/lib/interceptor/redirect.js";
import retry from "undici/lib/interceptor/retry.js";

export { Agent, buildConnector, errors };
export const interceptors = { retry, redirect, decompress };

/**
 * undici's `request(url, options)`: the URL split into origin and path as its index does, then
 * the dispatcher's request (which its index would have put on Dispatcher.prototype).
 */
export function request(
  url: string,
  options: Omit<Dispatcher.RequestOptions, "origin" | "path" | "method"> & {
    dispatcher: Dispatcher;
    method?: Dispatcher.HttpMethod;
  },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const target = new URL(url);
  return apiRequest.call(dispatcher, {
    ...rest,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: options.method ?? "GET",
  });
}
