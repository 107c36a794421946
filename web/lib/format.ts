// Formatting of amounts, addresses, times and durations for people.
import { formatUnits, getAddress, isAddress, type Address } from 'viem';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * An amount of a token with `decimals` decimals, for people: grouped thousands, at most `digits`
 * decimals (cut, never rounded up: what is shown is never more than what is there), trailing zeros
 * dropped, and dust never read as nothing ("< 0.01 CUR", not "0 CUR"). Exact for any bigint.
 */
export function formatAmount(
  amount: bigint,
  { symbol, decimals = 18, digits }: { symbol: string; decimals?: number; digits: number },
): string {
  const [whole, fraction = ''] = formatUnits(amount, decimals).split('.');
  const negative = whole.startsWith('-');
  const grouped = integer.format(BigInt(negative ? whole.slice(1) : whole));
  const shown = fraction.slice(0, digits).replace(/0+$/, '');
  const text = `${negative ? '-' : ''}${grouped}${shown ? `.${shown}` : ''}`;
  if (text === '0' && amount !== 0n) return `< 0.${'0'.repeat(Math.max(digits - 1, 0))}1 ${symbol}`;
  return symbol ? `${text} ${symbol}` : text;
}

/** 1234.5 CUR → "1,234.5 CUR"; at most `digits` decimals (see {@link formatAmount}). */
export function formatToken(amount: bigint | undefined, symbol = 'CUR', digits = 2): string {
  return amount === undefined ? '—' : formatAmount(amount, { symbol, digits });
}

export function formatEth(amount: bigint | undefined): string {
  return formatToken(amount, 'ETH', 4);
}

export function formatNumber(n: number | bigint): string {
  return integer.format(n);
}

/** Basis points → "12.5%". */
export function formatBps(bps: bigint | number): string {
  return `${(Number(bps) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}

/**
 * Why `input` is not an address, in words, or null when it is one. `ask` is the form's own request
 * ("Enter the recipient address (0x…)."); a checksum typo and a name are told apart from it.
 */
export function addressProblem(input: string, ask: string): string | null {
  const text = input.trim();
  if (isAddress(text)) return null;
  if (/^0x[0-9a-fA-F]{40}$/.test(text))
    return "This address's capital letters do not match its checksum, so a character may be wrong: check it was copied whole (in lower case it is taken without the check).";
  if (!text.startsWith('0x') && /^[^\s/]+\.[a-z]{2,}$/i.test(text))
    return 'Names (such as ENS names) are not looked up here: enter the 0x address.';
  return ask;
}

/**
 * An address in one letter case wherever it comes from (the index stores lower case, the chain
 * and wallets give the EIP-55 checksum): the checksum form; anything else as it is.
 */
export function displayAddress(address: string): string {
  return isAddress(address, { strict: false }) ? getAddress(address) : address;
}

export function shortAddress(address: string | undefined): string {
  if (!address) return '—';
  const shown = displayAddress(address);
  return `${shown.slice(0, 6)}…${shown.slice(-4)}`;
}

export function shortHash(hash: string | undefined): string {
  if (!hash) return '—';
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}

/**
 * A long identifier (a 32-byte hash, a CID) for reading: its start and end around an ellipsis, e.g.
 * "0x20db42d8…d23eb27fe8"; short values are returned whole. The Hash component shows it with the
 * whole value in its title and a copy button.
 */
export function abbreviateHash(value: string | undefined, head = 10, tail = 8): string {
  if (!value) return '—';
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** A timestamp (seconds) → its day, "Dec 2, 2026" (UTC), for tables; formatTime gives the hour. */
export function formatDate(timestamp: number | bigint): string {
  return new Date(Number(timestamp) * 1000).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A duration in seconds → "2 days 3 hours", the two largest units. */
export function formatDuration(seconds: number | bigint): string {
  let s = Math.max(0, Math.round(Number(seconds)));
  if (s === 0) return '0 seconds';
  const units: [string, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    if (s >= size && parts.length < 2) {
      const n = Math.floor(s / size);
      s -= n * size;
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    } else if (parts.length) break;
  }
  return parts.join(' ');
}

/** A unix timestamp → "Mar 4, 2026, 14:05 UTC". */
export function formatTime(timestamp: number | bigint): string {
  const date = new Date(Number(timestamp) * 1000);
  return (
    date.toLocaleString('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'UTC',
    }) + ' UTC'
  );
}

/** "in 2 days 3 hours" / "3 hours ago", relative to `now` (both unix seconds). */
export function relativeTime(timestamp: number | bigint, now: number): string {
  const delta = Number(timestamp) - now;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

export function sameAddress(a: Address | string | undefined, b: Address | string | undefined) {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/**
 * Each value's share of their total in percent with one decimal, rounded so that the shares add
 * up to exactly 100 (largest remainder; all 0 when the total is 0): 66.3 + 33.7, not 66.3 + 33.6.
 */
export function percentShares(values: readonly bigint[]): number[] {
  const total = values.reduce((s, v) => s + v, 0n);
  if (total === 0n) return values.map(() => 0);
  // In tenths of a percent: 1,000 in all.
  const exact = values.map((v) => v * 1000n);
  const floors = exact.map((e) => e / total);
  let left = 1000n - floors.reduce((s, f) => s + f, 0n);
  const byRemainder = exact
    .map((e, i) => ({ i, r: e % total }))
    .sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors.map((f) => Number(f) / 10);
}
