// An account's licenses from the index's sales: every license it holds (bought by itself or given
// by someone else) and every license it bought for another address, one row per (model, licensee),
// from the latest sale: the offer (and so the terms), the version sold, and the expiry it set.
// The portal re-reads each license's validity from the chain (hasValidLicense) before showing it.
import type { Address, Hex } from 'viem';
import { PERPETUAL } from '$protocol/gateway';

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

/** What buying one offer does to the buyer's own license, as `buyLicense` rules it. */
export type Purchase =
  /** No valid license (or one bought for someone else): a new one. */
  | { kind: 'new'; label: 'Buy license' }
  /** The offer of the valid timed license held: extended from its end. */
  | { kind: 'extend'; label: 'Extend license' }
  /** Another offer than the valid license's: its terms start now and the old license ends. */
  | { kind: 'switch'; label: 'Switch to these terms'; consequence: string }
  /** The offer of the perpetual license held: nothing to buy. */
  | { kind: 'nothing' };

/**
 * The buy button for one offer (`duration` 0: perpetual): buying for someone else, or without a
 * valid license, is "Buy license"; the holder extends through the offer it holds, and moving to
 * another offer's terms ends what is left of the license held (the contract does not carry it into
 * terms that may cost more per day), said before the wallet is asked.
 */
export function purchaseOf(o: {
  license?: { valid: boolean; expiresAt: bigint; offerId: bigint };
  offer: { id: bigint; duration: number };
  forOther: boolean;
  /** Formats the license's end ("until 4 Dec 2026, 14:00"). */
  until: (expiresAt: bigint) => string;
}): Purchase {
  const l = o.license;
  if (o.forOther || !l?.valid) return { kind: 'new', label: 'Buy license' };
  const perpetual = l.expiresAt >= PERPETUAL;
  if (l.offerId === o.offer.id) {
    return perpetual ? { kind: 'nothing' } : { kind: 'extend', label: 'Extend license' };
  }
  const held = perpetual
    ? 'your perpetual license on other terms ends'
    : `your license on other terms, valid ${o.until(l.expiresAt)}, ends: the time left on it is not carried over`;
  const term = o.offer.duration === 0 ? 'for good' : 'from now';
  return {
    kind: 'switch',
    label: 'Switch to these terms',
    consequence: `Buying this offer replaces your license now: ${held}, and these terms apply ${term}.`,
  };
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
