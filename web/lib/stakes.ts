// What a curator can take back from their stakes, model by model: unbonding stake (withdrawable
// once released) and, on a delisted model, the share of what the slash left (withdrawable at once).
// The amounts are the chain's (`positionOf(...).withdrawable` is what withdrawStake pays). A dispute
// of the listed version freezes them: nothing is withdrawable until it is decided.

export interface StakePosition {
  id: bigint;
  title: string | null;
  status: string;
  active: bigint;
  unbonding: bigint;
  releaseAt: number;
  withdrawable: bigint;
  /** The open dispute of the model's listed version (it freezes the stakes), else 0. */
  freezingDispute: number;
}

export type Withdrawal =
  | {
      kind: 'unbonding';
      position: StakePosition;
      amount: bigint;
      /** Released and not frozen: withdrawStake pays it now. */
      ready: boolean;
      /** The dispute that freezes it, else 0. */
      frozenBy: number;
    }
  | { kind: 'slashed'; position: StakePosition; amount: bigint; staked: bigint };

/**
 * The withdrawals of `positions` at chain time `now`, in their order: a delisted model's whole
 * position (active and unbonding) as one slashed withdrawal; elsewhere the unbonding stake, ready
 * once released unless a dispute freezes it.
 */
export function withdrawalsOf(positions: readonly StakePosition[], now: number): Withdrawal[] {
  return positions.flatMap((p): Withdrawal[] => {
    if (p.status === 'Delisted') {
      const staked = p.active + p.unbonding;
      return staked > 0n ? [{ kind: 'slashed', position: p, amount: p.withdrawable, staked }] : [];
    }
    if (p.unbonding === 0n) return [];
    const frozenBy = p.freezingDispute;
    return [
      {
        kind: 'unbonding',
        position: p,
        amount: p.unbonding,
        ready: now >= p.releaseAt && frozenBy === 0,
        frozenBy,
      },
    ];
  });
}

/**
 * What the curation registry credits to an account besides its stakes' rewards, in words: one
 * balance, paid by one claim (ICurationStaking.claim).
 */
export const CREDITED =
  'curation rewards, and CUR from disputes: a returned deposit or appeal bond, a challenger’s reward, an owner’s or curator’s share of a kept challenge';
