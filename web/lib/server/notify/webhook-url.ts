// Which webhook URLs the portal will POST to: http(s) only, and not to loopback, private, link-local
// or other internal ranges (the portal's own network) unless the operator allows it
// (CURIA_WEBHOOK_ALLOW_PRIVATE=1, e.g. for a receiver on the same host in tests).
import { lookup } from 'node:dns/promises';
import net from 'node:net';

export const MAX_WEBHOOK_URL = 2_000;

const BLOCKED_V4 = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED_V4.addSubnet(net4, prefix, 'ipv4');
const BLOCKED_V6 = new net.BlockList();
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  BLOCKED_V6.addSubnet(net6, prefix, 'ipv6');

/** True for an address in a loopback, private, link-local or reserved range. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return BLOCKED_V4.check(ip, 'ipv4');
  if (net.isIPv6(ip)) {
    // IPv4-mapped (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1): the IPv4 rules apply.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return BLOCKED_V4.check(mapped[1], 'ipv4');
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return BLOCKED_V4.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return BLOCKED_V6.check(ip, 'ipv6');
  }
  return true;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Checks a webhook URL, resolving its host name, before it is saved and before each delivery. */
export async function checkWebhookUrl(raw: unknown, allowPrivate: boolean): Promise<UrlCheck> {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { ok: false, reason: 'The webhook URL is missing.' };
  if (raw.length > MAX_WEBHOOK_URL)
    return { ok: false, reason: `The webhook URL is longer than ${MAX_WEBHOOK_URL} characters.` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'The webhook URL is not a valid URL.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      ok: false,
      reason: `A webhook URL must start with http:// or https://, not ${url.protocol}//.`,
    };
  if (url.username || url.password)
    return { ok: false, reason: 'A webhook URL must not carry a user name or password.' };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal'))
    return { ok: false, reason: `The webhook host ${host} is this machine or an internal name.` };
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return { ok: false, reason: `The webhook host ${host} does not resolve.` };
    }
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad)
    return {
      ok: false,
      reason: `The webhook host ${host} is a loopback or private address (${bad}); only public addresses are allowed.`,
    };
  return { ok: true, url };
}
