import "server-only";
import { BlockList, isIP } from "node:net";
import { env, parseProxyEntry } from "./env";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function read(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The trusted proxies as a BlockList (built once per distinct setting). */
let trusted: { setting: string; list: BlockList } | undefined;
export function trustedProxies(setting: string = env().TRUSTED_PROXIES): BlockList {
  if (trusted?.setting === setting) return trusted.list;
  const list = new BlockList();
  for (const raw of setting.split(",")) {
    const entry = parseProxyEntry(raw);
    if (entry) list.addSubnet(entry.address, entry.prefix, entry.family);
  }
  trusted = { setting, list };
  return list;
}

/** An address as BlockList checks it: IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4. */
function normalize(address: string): { address: string; family: "ipv4" | "ipv6" } | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  const candidate = mapped ?? bare;
  const version = isIP(candidate);
  return version === 0 ? null : { address: candidate, family: version === 4 ? "ipv4" : "ipv6" };
}

/**
 * The client's address (SECURITY.md 15). Each proxy appends the address it received the request
 * from to X-Forwarded-For, so the hops are read from the right: addresses of our own proxies
 * (TRUSTED_PROXIES) are skipped, and the first other one is the client. Whatever a client writes
 * into the header itself stands to the left of that and is never taken. Without the header (no
 * proxy), X-Real-IP. Not an address at all: null.
 */
export function clientIp(headers: HeaderSource, proxies: BlockList = trustedProxies()): string | null {
  const hops = (read(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter((hop) => hop !== null);
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (!proxies.check(hop.address, hop.family)) return hop.address;
  }
  // every hop is one of our proxies (a request from the proxy host itself): the left-most
  if (hops.length) return hops[0]!.address;
  const real = normalize(read(headers, "x-real-ip") ?? "");
  return real?.address ?? null;
}

export function userAgent(headers: HeaderSource): string | null {
  return read(headers, "user-agent") ?? null;
}

/** Mutations must come from our own pages (SECURITY.md 12): a missing or foreign Origin is refused. */
export function isSameOrigin(context: { origin: string | null; host: string | null }): boolean {
  if (!context.origin || !context.host) return false;
  try {
    return new URL(context.origin).host === context.host;
  } catch {
    return false;
  }
}
