// Money the marketplace holds for an account: a curator's share of sales (per model and currency,
// unsettled until claimed) and what it already owes (auditor fees, sales, royalties, settled
// curator fees), in ETH and every allowed ERC-20. Read from the chain, as the claim pays it:
// claimAll(models, currencies) splits the sales in those models' tills (of the curators' share of
// them, what would have streamed since the till's first sale is settled at once, the rest streams
// on), settles the curator fees of `models` (what has streamed) and pays, per currency, the settled
// fees plus everything owed.
import { readContracts, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import { PERPETUAL } from '$protocol/gateway';
import type { Currency, MarketContracts } from './market';

export interface ModelFees {
  modelId: bigint;
  title: string | null;
  /** Unsettled curator fees on this model, one amount per currency (in the order given). */
  amounts: bigint[];
}

export interface CurrencyFees {
  currency: Currency;
  /** Curator fees not yet settled, over every model. */
  unsettled: bigint;
  /** Already credited to the account (owed): paid by the same claim. */
  owed: bigint;
  /** What a claim pays in this currency: unsettled + owed. */
  claimable: bigint;
}

export interface FeesView {
  /** Models with unsettled fees in some currency, by id. */
  models: ModelFees[];
  currencies: CurrencyFees[];
  /** The arguments of the one claimAll transaction that pays everything (empty lists: nothing). */
  claim: { modelIds: bigint[]; currencies: Address[] };
}

/**
 * Sums what the chain reported: `pending[m][c]` is pendingCuratorFees(models[m], account,
 * currencies[c]); `owed[c]` is owed(account, currencies[c]). Pure, so the totals are exactly the
 * chain's, to the wei.
 */
export function summarizeFees(
  models: { modelId: bigint; title: string | null }[],
  currencies: Currency[],
  pending: bigint[][],
  owed: bigint[],
): FeesView {
  if (pending.length !== models.length || owed.length !== currencies.length) {
    throw new Error('one pending row per model and one owed amount per currency');
  }
  const rows = models
    .map((m, i) => ({ ...m, amounts: currencies.map((_, c) => pending[i][c] ?? 0n) }))
    .filter((m) => m.amounts.some((a) => a > 0n))
    .sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
  const totals = currencies.map((currency, c) => {
    const unsettled = rows.reduce((sum, m) => sum + m.amounts[c], 0n);
    return { currency, unsettled, owed: owed[c], claimable: unsettled + owed[c] };
  });
  return {
    models: rows,
    currencies: totals,
    claim: {
      modelIds: rows.map((m) => m.modelId),
      currencies: totals.filter((t) => t.claimable > 0n).map((t) => t.currency.address),
    },
  };
}

/** Reads an account's curator fees on `models` and what it is owed, in one multicall. */
export async function fetchFees(
  config: Config,
  mc: MarketContracts,
  account: Address,
  models: { modelId: bigint; title: string | null }[],
  currencies: Currency[],
): Promise<FeesView> {
  const calls = [
    ...currencies.map(
      (c) => ({ ...mc.market, functionName: 'owed', args: [account, c.address] }) as const,
    ),
    ...models.flatMap((m) =>
      currencies.map(
        (c) =>
          ({
            ...mc.market,
            functionName: 'pendingCuratorFees',
            args: [m.modelId, account, c.address],
          }) as const,
      ),
    ),
  ];
  const r = (await readContracts(config, {
    allowFailure: false,
    contracts: calls as never,
  })) as bigint[];
  const n = currencies.length;
  const owed = r.slice(0, n);
  const pending = models.map((_, i) => r.slice(n + i * n, n + (i + 1) * n));
  return summarizeFees(models, currencies, pending, owed);
}

/** Whether a license is perpetual, valid or expired at `now` (seconds). */
export function licenseState(
  expiresAt: bigint | number | string,
  now: number,
): 'perpetual' | 'valid' | 'expired' {
  const at = BigInt(expiresAt);
  if (at >= PERPETUAL) return 'perpetual';
  return at > BigInt(Math.floor(now)) ? 'valid' : 'expired';
}

/** Sales per currency: count and total paid, in the order of `currencies` (unknown ones last). */
export function salesByCurrency(
  sales: { currency: Address; price: bigint | string }[],
  currencies: Currency[],
): { currency: Address; count: number; total: bigint }[] {
  const by = new Map<string, { currency: Address; count: number; total: bigint }>();
  for (const s of sales) {
    const key = s.currency.toLowerCase();
    const row = by.get(key) ?? { currency: s.currency, count: 0, total: 0n };
    row.count += 1;
    row.total += BigInt(s.price);
    by.set(key, row);
  }
  const rank = (a: Address) => {
    const i = currencies.findIndex((c) => c.address.toLowerCase() === a.toLowerCase());
    return i < 0 ? currencies.length : i;
  };
  return [...by.values()].sort((a, b) => rank(a.currency) - rank(b.currency));
}

/**
 * What a model's owner receives of one sale at `price`, split as the marketplace splits it
 * (Marketplace._computeSplit): the protocol fee (rounded down) comes off first, then, when the sold
 * version derives from `upstream` entries, the lineage royalty of the rest, in equal whole parts.
 * Exact to the unit.
 */
export function ownerProceeds(
  price: bigint,
  fees: { protocolFeeBps: number; lineageRoyaltyBps: number },
  upstream: number,
): bigint {
  const proceeds = price - (price * BigInt(fees.protocolFeeBps)) / 10_000n;
  if (upstream === 0) return proceeds;
  const n = BigInt(upstream);
  return proceeds - ((proceeds * BigInt(fees.lineageRoyaltyBps)) / 10_000n / n) * n;
}

/**
 * What an auditor about to stop auditing would leave behind: its share of sales not yet split, per
 * currency ("0.5 ETH and 12 tUSD"), or null when there is none. A share split after the auditor
 * leaves goes to the treasury, so the portal asks it to withdraw (which splits them) first.
 */
export function unsplitBeforeLeaving(
  owed: { unsettled: bigint; currency: Currency }[],
  format: (amount: bigint, currency: Currency) => string,
): string | null {
  const left = owed.filter((o) => o.unsettled > 0n);
  return left.length ? left.map((o) => format(o.unsettled, o.currency)).join(' and ') : null;
}

/**
 * The claim button's words: the amounts worth a claim (at least a millionth of the currency's
 * unit, what the portal shows), or why there is none. Dust alone is not offered: its claim would
 * cost more gas than it pays.
 */
export function claimText(
  currencies: readonly { claimable: bigint; currency: Currency }[],
  format: (amount: bigint, currency: Currency) => string,
): { label: string; worthIt: boolean } {
  const worth = currencies.filter(
    (t) => t.claimable > 0n && t.claimable * 10n ** 6n >= 10n ** BigInt(t.currency.decimals),
  );
  if (worth.length) {
    return {
      label: `Claim ${worth.map((t) => format(t.claimable, t.currency)).join(' and ')}`,
      worthIt: true,
    };
  }
  const dust = currencies.some((t) => t.claimable > 0n);
  return { label: dust ? 'Less than a millionth to claim' : 'Nothing to claim', worthIt: false };
}
