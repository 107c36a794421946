// A curator's withdrawals: unbonding stake once released, and what a delisting's slash left.
import { describe, expect, it } from 'vitest';
import { withdrawalsOf, type StakePosition } from '../../web/lib/stakes';

const CUR = 10n ** 18n;
const position = (o: Partial<StakePosition>): StakePosition => ({
  id: 1n,
  title: null,
  status: 'Listed',
  active: 0n,
  unbonding: 0n,
  releaseAt: 0,
  withdrawable: 0n,
  freezingDispute: 0,
  ...o,
});

describe('withdrawalsOf', () => {
  it('lists unbonding stake, ready once its release time has come', () => {
    const p = position({ active: 600n * CUR, unbonding: 400n * CUR, releaseAt: 1_000 });
    expect(withdrawalsOf([p], 999)).toEqual([
      { kind: 'unbonding', position: p, amount: 400n * CUR, ready: false, frozenBy: 0 },
    ]);
    expect(withdrawalsOf([p], 1_000)).toEqual([
      { kind: 'unbonding', position: p, amount: 400n * CUR, ready: true, frozenBy: 0 },
    ]);
  });

  it('holds released unbonding stake back while a dispute of the listed version freezes it', () => {
    // withdrawStake reverts (CurationDisputeOpen) and positionOf's withdrawable is 0 meanwhile.
    const p = position({ unbonding: 400n * CUR, releaseAt: 1_000, freezingDispute: 7 });
    expect(withdrawalsOf([p], 2_000)).toEqual([
      { kind: 'unbonding', position: p, amount: 400n * CUR, ready: false, frozenBy: 7 },
    ]);
    const removed = position({ ...p, status: 'Removed' });
    expect(withdrawalsOf([removed], 2_000)[0]).toMatchObject({ ready: false, frozenBy: 7 });
  });

  it("gives a delisted model's whole position as what the slash left, at once", () => {
    // 1,000 active and 400 unbonding, slashed 20%: 1,120 left (the chain's figure).
    const p = position({
      status: 'Delisted',
      active: 1_000n * CUR,
      unbonding: 400n * CUR,
      releaseAt: 5_000,
      withdrawable: 1_120n * CUR,
    });
    expect(withdrawalsOf([p], 0)).toEqual([
      { kind: 'slashed', position: p, amount: 1_120n * CUR, staked: 1_400n * CUR },
    ]);
  });

  it('leaves out positions with nothing to take back', () => {
    expect(
      withdrawalsOf(
        [
          position({ active: 10n * CUR }),
          position({ status: 'Delisted' }),
          position({ status: 'Removed', active: 5n * CUR }),
        ],
        0,
      ),
    ).toEqual([]);
  });
});
