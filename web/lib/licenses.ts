// An account's licenses from the index's sales: every license it holds (bought by itself or given
// by someone else) and every license it bought for another address, one row per (model, licensee),
// from the latest sale: the offer (and so the terms), the version sold, and the expiry it set.
// The portal re-reads each license's validity from the chain (hasValidLicense) before showing it.
import type { Address, Hex } from 'viem';

export interface SaleLike {
  modelId: string | bigint;
  offerId: string | bigint;
  licensee: Address;
  buyer: Address;
  version: number;
  currency: Address;
  price: string | bigint;
  expiresAt: string | bigint;
  timestamp: number;
  txHash: Hex;
}

export interface LicenseEntry {
  modelId: bigint;
  licensee: Address;
  /** The account holds this license (it is the licensee). */
  held: boolean;
  /** The account paid for it for someone else. */
  givenTo: boolean;
  /** The latest purchase (or renewal) of this license. */
  last: SaleLike;
  /** Purchases and renewals, all buyers together. */
  purchases: number;
  /** The first purchase's time. */
  since: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Groups an account's sales (as buyer or licensee) into its licenses, latest activity first. */
export function licensesOf(account: Address, sales: SaleLike[]): LicenseEntry[] {
  const by = new Map<string, LicenseEntry>();
  const ordered = [...sales].sort((a, b) => a.timestamp - b.timestamp);
  for (const s of ordered) {
    const held = same(s.licensee, account);
    if (!held && !same(s.buyer, account)) continue;
    const key = `${BigInt(s.modelId)}-${s.licensee.toLowerCase()}`;
    const entry = by.get(key);
    if (entry) {
      entry.last = s;
      entry.purchases += 1;
    } else {
      by.set(key, {
        modelId: BigInt(s.modelId),
        licensee: s.licensee,
        held,
        givenTo: !held,
        last: s,
        purchases: 1,
        since: s.timestamp,
      });
    }
  }
  return [...by.values()].sort(
    (a, b) =>
      b.last.timestamp - a.last.timestamp ||
      (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0),
  );
}

/**
 * The buy button's words for one offer: buying for someone else, or a first license, is "Buy
 * license"; a holder extends with a timed offer, and turns a timed license into a perpetual one
 * with a perpetual offer (`duration` 0), which is not an extension.
 */
export function buyLabel(o: { holds: boolean; forOther: boolean; duration: number }): string {
  if (!o.holds || o.forOther) return 'Buy license';
  return o.duration === 0 ? 'Buy a perpetual license' : 'Extend license';
}

/** The longest timed license the form takes, in days (the contract stores seconds in 40 bits). */
const MAX_DAYS = 36_500;
const MAX_CAP = 4_294_967_295; // uint32

/**
 * An offer's duration and cap as typed, checked: an empty duration is not taken for 0 (perpetual,
 * which cannot be undone on the licenses sold), and the cap is a whole number the contract takes.
 */
export function offerTerms(
  days: string,
  cap: string,
): { duration?: bigint; cap?: bigint; errors: { days?: string; cap?: string } } {
  const d = days.trim();
  const c = cap.trim();
  const errors: { days?: string; cap?: string } = {};
  let duration: bigint | undefined;
  if (!/^\d+(\.\d+)?$/.test(d) || Number(d) > MAX_DAYS) {
    errors.days = `Days: 0 for perpetual, or a number of days up to ${MAX_DAYS.toLocaleString('en-US')}, like 30 or 0.5.`;
  } else {
    duration = BigInt(Math.round(Number(d) * 86_400));
    if (duration === 0n && Number(d) > 0) errors.days = 'At least one second: 0 is perpetual.';
  }
  const capValue = /^\d+$/.test(c) && Number(c) <= MAX_CAP ? BigInt(c) : undefined;
  if (capValue === undefined) errors.cap = 'A whole number of licenses, like 100: 0 for unlimited.';
  return errors.days || errors.cap ? { errors } : { duration, cap: capValue, errors };
}
