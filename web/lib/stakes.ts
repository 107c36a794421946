// What a curator can take back from their stakes, model by model: unbonding stake (withdrawable
// once released) and, on a delisted model, the share of what the slash left (withdrawable at once).
// The amounts are the chain's (`positionOf(...).withdrawable` is what withdrawStake pays).

export interface StakePosition {
  id: bigint;
  title: string | null;
  status: string;
  active: bigint;
  unbonding: bigint;
  releaseAt: number;
  withdrawable: bigint;
}

export type Withdrawal =
  | { kind: 'unbonding'; position: StakePosition; amount: bigint; ready: boolean }
  | { kind: 'slashed'; position: StakePosition; amount: bigint; staked: bigint };

/**
 * The withdrawals of `positions` at chain time `now`, in their order: a delisted model's whole
 * position (active and unbonding) as one slashed withdrawal; elsewhere the unbonding stake, ready
 * once released.
 */
export function withdrawalsOf(positions: readonly StakePosition[], now: number): Withdrawal[] {
  return positions.flatMap((p): Withdrawal[] => {
    if (p.status === 'Delisted') {
      const staked = p.active + p.unbonding;
      return staked > 0n ? [{ kind: 'slashed', position: p, amount: p.withdrawable, staked }] : [];
    }
    if (p.unbonding === 0n) return [];
    return [{ kind: 'unbonding', position: p, amount: p.unbonding, ready: now >= p.releaseAt }];
  });
}
