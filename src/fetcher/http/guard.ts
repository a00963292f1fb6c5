import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { Socket } from "node:net";
import { buildConnector } from "./undici.js";
import { nonPublicAddress, type NonPublic } from "./addresses.js";
import { PrivateAddressError } from "./errors.js";

/** Resolves a host name as dns.lookup does with `all: true` (tests inject their own). */
export type Resolve = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export const defaultResolve: Resolve = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, callback);

/** Where the connector may go to a non-public address all the same: a feed's own origin. */
export type Exempt = (hostname: string, port: number) => boolean;

/**
 * undici's connector, refusing every connection to a non-public address (addresses.ts) unless
 * `exempt` allows that host and port. The check runs on the address the connection is made to,
 * after resolving, in the lookup that net.connect calls: a name that resolved to a public address
 * for someone else and to 127.0.0.1 now (DNS rebinding) is refused now. Literal IPs, which
 * net.connect does not look up, are checked first. Should anything slip past both, the socket's
 * remote address is checked once more after connecting, before any HTTP byte is sent.
 */
export function guardedConnector(
  options: buildConnector.BuildOptions,
  exempt: Exempt,
  resolve: Resolve = defaultResolve,
): buildConnector.connector {
  const open = buildConnector(options);
  const guarded = buildConnector({ ...options, lookup: lookupWith(resolve, true) } as never);
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, "");
    const port = Number(opts.port) || (opts.protocol === "https:" ? 443 : 80);
    if (exempt(host, port)) return open(opts, callback);
    const literal = nonPublicAddress(host);
    if (literal) {
      queueMicrotask(() => callback(new PrivateAddressError(host, port, literal), null));
      return;
    }
    return guarded(opts, (error, socket) => {
      const remote = socket && nonPublicAddress((socket as Socket).remoteAddress ?? "");
      if (socket && remote) {
        socket.destroy();
        return callback(new PrivateAddressError(host, port, remote), null);
      }
      if (error instanceof PrivateAddressError)
        return callback(new PrivateAddressError(host, port, error.found), null);
      return error ? callback(error, null) : callback(null, socket as NonNullable<typeof socket>);
    });
  };
}

/**
 * net.connect's `lookup` through `resolve`; guarding, it drops non-public addresses and fails
 * when none is left.
 */
export function lookupWith(resolve: Resolve, guard: boolean) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = guard ? addresses.filter((a) => !nonPublicAddress(a.address)) : addresses;
      const refused = addresses.find((a) => nonPublicAddress(a.address));
      if (allowed.length === 0 && refused) {
        const found = nonPublicAddress(refused.address) as NonPublic;
        // The lookup is not told the port: the connector below adds it.
        return callback(new PrivateAddressError(hostname, 0, found), []);
      }
      if (options.all) return callback(null, allowed);
      const first = allowed[0];
      if (!first)
        return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), []);
      return callback(null, first.address, first.family);
    });
  };
}
