// Which webhook URLs the portal will POST to: http(s) only, and not to loopback, private, link-local
// or other internal ranges (the portal's own network) unless the operator allows it
// (CURIA_WEBHOOK_ALLOW_PRIVATE=1, e.g. for a receiver on the same host in tests).
import dns from 'node:dns';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
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
  ['::', 96], // unspecified, loopback, IPv4-compatible (::127.0.0.1)
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b::', 96], // NAT64: IPv4 behind a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2002::', 16], // 6to4: an IPv4 address inside
  ['fc00::', 7], // unique local
  ['fec0::', 10], // site-local (deprecated)
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

/**
 * Checks a webhook URL before it is saved (resolving its host name) and before each delivery
 * (`resolveName` false: the connection's own lookup checks the name, checkedLookup, so it is not
 * resolved twice).
 */
export async function checkWebhookUrl(
  raw: unknown,
  allowPrivate: boolean,
  resolveName = true,
): Promise<UrlCheck> {
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
  else if (!resolveName) return { ok: true, url };
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

/**
 * A lookup for the delivery's connection that answers only with addresses that pass the check it
 * makes: the address connected to is the one checked (a name resolved once to check it and again
 * to connect could answer a public address, then the portal's own network: DNS rebinding).
 */
export function checkedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, found) => {
      const addresses = (found ?? []) as unknown as dns.LookupAddress[];
      if (err) return callback(err, '', 4);
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad || addresses.length === 0) {
        const refused = Object.assign(
          new Error(
            bad
              ? `The webhook host ${hostname} now resolves to a loopback or private address (${bad.address}); nothing was sent.`
              : `The webhook host ${hostname} does not resolve.`,
          ),
          { code: 'EWEBHOOKADDRESS' },
        );
        return callback(refused, '', 4);
      }
      if (options.all)
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * POSTs `body` to a checked webhook URL, connecting only to an address that passes the check
 * (checkedLookup); redirects are not followed. Answers the HTTP status.
 */
export function postToWebhook(
  url: URL,
  opts: { headers: Record<string, string>; body: string; timeoutMs: number; allowPrivate: boolean },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
      lookup: checkedLookup(opts.allowPrivate),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    request.once('error', reject);
    request.once('response', (res) => {
      res.resume(); // the answer's body is not read
      resolve(res.statusCode ?? 0);
    });
    request.end(opts.body);
  });
}
