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
