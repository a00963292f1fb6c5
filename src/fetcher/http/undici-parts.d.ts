/**
 * The files of undici 7 that undici.ts loads, typed by undici's own declarations (its files are
 * CommonJS and untyped one by one).
 */
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}
declare module "undici/lib/api/api-request.js" {
  import type { Dispatcher } from "undici";
  /** Dispatcher.prototype.request, before undici's index attaches it: `this` is the dispatcher. */
  const request: (
    this: Dispatcher,
    options: Dispatcher.RequestOptions,
  ) => Promise<Dispatcher.ResponseData>;
  export default request;
}
declare module "undici/lib/core/errors.js" {
  import { errors } from "undici";
  export default errors;
}
declare module "undici/lib/core/connect.js" {
  import { buildConnector } from "undici";
  export default buildConnector;
}
declare module "undici/lib/interceptor/retry.js" {
  import { interceptors } from "undici";
  export default interceptors.retry;
}
declare module "undici/lib/interceptor/redirect.js" {
  import { interceptors } from "undici";
  export default interceptors.redirect;
}
declare module "undici/lib/interceptor/decompress.js" {
  import { interceptors } from "undici";
  export default interceptors.decompress;
}
