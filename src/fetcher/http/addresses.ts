import { BlockList, isIP } from "node:net";

/**
 * Addresses a link taken from a feed may not reach (issue 14): everything that is not the public
 * internet. The first range that holds an address names it in the warning, so narrower ranges
 * come before the wider ones around them. IANA's special-purpose registries (RFC 6890) are the
 * source; IPv4 rules also hold IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`), which
 * net.BlockList checks against them.
 */
export const NON_PUBLIC_RANGES: readonly (readonly [cidr: string, what: string])[] = [
  ["0.0.0.0/8", "this-network"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared (carrier-grade NAT)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignment"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "6to4 relay anycast"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["::/96", "IPv4-compatible (deprecated)"],
  ["64:ff9b:1::/48", "local-use NAT64"],
  ["100::/64", "discard-only"],
  ["2001:db8::/32", "documentation"],
  ["2001:2::/48", "benchmarking"],
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local (deprecated)"],
  ["ff00::/8", "multicast"],
];

/**
 * IPv6 prefixes that carry an IPv4 address, and where: such an address reaches whatever its
 * IPv4 address reaches, so that one is classified. `xor` undoes Teredo's obfuscation.
 */
const EMBEDDING: readonly {
  prefix: string;
  bits: number;
  at: number;
  xor?: number;
  what: string;
}[] = [
  { prefix: "::ffff:0:0", bits: 96, at: 6, what: "IPv4-mapped" },
  { prefix: "64:ff9b::", bits: 96, at: 6, what: "NAT64" },
  { prefix: "2002::", bits: 16, at: 1, what: "6to4" },
  { prefix: "2001::", bits: 32, at: 6, xor: 0xffff, what: "Teredo" },
];

const RANGES = NON_PUBLIC_RANGES.map(([cidr, what]) => {
  const [network = "", bits = ""] = cidr.split("/");
  // Not isIP: its first IPv6 test compiles a regular expression, ~8 ms of every run's start.
  const type = network.includes(":") ? "ipv6" : "ipv4";
  const list = new BlockList();
  list.addSubnet(network, Number(bits), type);
  return { list, type, what } as const;
});

const EMBEDDINGS = EMBEDDING.map((e) => {
  const list = new BlockList();
  list.addSubnet(e.prefix, e.bits, "ipv6");
  return { ...e, list };
});

export interface NonPublic {
  address: string;
  /** The range's name: "loopback", "private", "link-local"… */
  what: string;
  /** How an IPv6 address carries the IPv4 one classified: "IPv4-mapped 127.0.0.1". */
  via?: string;
}

/**
 * Why `address` is not on the public internet, or undefined when it is (or is no IP address:
 * host names are resolved first, and their addresses classified).
 */
export function nonPublicAddress(address: string): NonPublic | undefined {
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(ip);
  if (family === 0) return undefined;
  const type = family === 6 ? "ipv6" : "ipv4";
  if (type === "ipv6") {
    const embedded = embeddedIpv4(ip);
    if (embedded) {
      const inner = nonPublicAddress(embedded.v4);
      return inner && { address, what: inner.what, via: `${embedded.what} ${embedded.v4}` };
    }
  }
  for (const range of RANGES) {
    // An IPv6 address is never in an IPv4 range unless it is a mapped one (handled above).
    if (range.type !== type) continue;
    if (range.list.check(ip, type)) return { address, what: range.what };
  }
  return undefined;
}

function embeddedIpv4(ip: string): { v4: string; what: string } | undefined {
  const found = EMBEDDINGS.find((e) => e.list.check(ip, "ipv6"));
  if (!found) return undefined;
  const words = hextets(ip);
  if (!words) return undefined;
  const x = found.xor ?? 0;
  const hi = (words[found.at] ?? 0) ^ x;
  const lo = (words[found.at + 1] ?? 0) ^ x;
  return { v4: [hi >> 8, hi & 255, lo >> 8, lo & 255].join("."), what: found.what };
}

/** The eight 16-bit words of an IPv6 address (WHATWG URL writes any form out in hex). */
function hextets(ip: string): number[] | undefined {
  let host: string;
  try {
    host = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = "", tail] = host.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  const words = [...left, ...zeros, ...right].map((w) => parseInt(w, 16));
  return words.length === 8 ? words : undefined;
}
