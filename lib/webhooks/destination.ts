// Where a webhook may be sent (SSRF): only https:// (http:// with ROSTER_WEBHOOK_ALLOW_HTTP=true), and
// never to an address on a loopback, private, link-local, shared, multicast or metadata network unless
// ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. The check runs when an endpoint is saved AND on every
// connection, after DNS resolution, and the connection goes to the very address checked
// (post-webhook.ts passes it as the socket's lookup), so a name re-pointed at 127.0.0.1 after the
// endpoint was saved (DNS rebinding) is refused too.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { settings } from "@/lib/settings";

/** A destination webhooks may not use; the message says why, for the console, the CLI and the log. */
export class WebhookDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookDestinationError";
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name → addresses (every one of them); injectable so tests can make a name resolve anywhere. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8], // private (RFC 1918)
  ["100.64.0.0", 10], // shared address space (carrier-grade NAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, including the cloud metadata address 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local, including AWS's metadata address fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some)
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const groups = expandIpv6(lower);
  if (!groups) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return undefined;
}

function expandIpv6(address: string): number[] | undefined {
  if (isIP(address) !== 6 || address.includes(".")) return undefined;
  const [head, tail] = address.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const zeros = tail === undefined ? 0 : 8 - h.length - t.length;
  return [...h, ...new Array<number>(zeros).fill(0), ...t];
}

/** Why an address is not a public one ("" when it is). */
export function privateAddressKind(address: string): string {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 4) return blocked.check(address, "ipv4") ? "a loopback, private, link-local or reserved address" : "";
  const v4 = embeddedIpv4(address);
  if (v4) return privateAddressKind(v4) ? "an IPv6 form of a loopback, private, link-local or reserved address" : "";
  return blocked.check(address, "ipv6") ? "a loopback, private, link-local or reserved address" : "";
}

/** The URL, if webhooks may use its scheme and form at all (no DNS yet). */
export function parseWebhookUrl(raw: string): URL {
  if (!URL.canParse(raw)) throw new WebhookDestinationError("Enter an absolute URL, e.g. https://example.com/webhooks/roster");
  const url = new URL(raw);
  const allowHttp = settings().webhooks.allowHttp;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowHttp)) {
    throw new WebhookDestinationError(allowHttp ? "Use an https:// or http:// URL" : "Use an https:// URL (http:// only when ROSTER_WEBHOOK_ALLOW_HTTP=true)");
  }
  if (url.username || url.password) throw new WebhookDestinationError("Leave user names and passwords out of the URL: requests are signed instead");
  return url;
}

/** Strips the brackets of an IPv6 literal host ("[::1]" → "::1"). */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * The addresses a destination host stands for, each one checked: a literal address as it is, a name
 * through the resolver. Throws WebhookDestinationError for a refused address or a name that does not resolve.
 */
export async function resolveDestination(host: string, resolve: Resolver = systemResolver): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      throw new WebhookDestinationError(`${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? "DNS error"})`);
    }
    if (!addresses.length) throw new WebhookDestinationError(`${host} does not resolve`);
  }
  if (settings().webhooks.allowPrivateNetworks) return addresses;
  // Every address is checked, not only the first: a resolver may answer with several.
  for (const { address } of addresses) {
    const kind = privateAddressKind(address);
    if (kind) {
      const shown = literal ? address : `${host} resolves to ${address}`;
      throw new WebhookDestinationError(`${shown}, ${kind}: webhooks may not reach private networks (ROSTER_WEBHOOK_ALLOW_PRIVATE_NETWORKS)`);
    }
  }
  return addresses;
}

/** Checks a URL as an endpoint is saved: its scheme and form, and where its host resolves now. */
export async function checkWebhookDestination(raw: string, resolve?: Resolver): Promise<URL> {
  const url = parseWebhookUrl(raw);
  await resolveDestination(bareHost(url), resolve);
  return url;
}
