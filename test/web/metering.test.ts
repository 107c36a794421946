import { describe, expect, it } from 'vitest';
import { zeroAddress } from 'viem';
import {
  creditState,
  describeMeteredPrice,
  payingOffer,
  retireMeteredConsequences,
  unitsCovered,
  withdrawalConsequences,
  type MeteredOfferRow,
} from '../../web/lib/metering';
import { usageDue, usageOwed } from '../../protocol/usage';

const USD = { address: `0x${'11'.repeat(20)}` as const, symbol: 'tUSD', decimals: 6 };

describe('creditState', () => {
  it('names every state of a credit', () => {
    expect(creditState({ balance: 0n, unlockAt: 0n }, 100n)).toBe('empty');
    expect(creditState({ balance: 5n, unlockAt: 0n }, 100n)).toBe('active');
    expect(creditState({ balance: 5n, unlockAt: 101n }, 100n)).toBe('withdrawing');
    expect(creditState({ balance: 5n, unlockAt: 100n }, 100n)).toBe('withdrawable');
  });
});

describe('what a write that cannot be taken back does, said first', () => {
  it('says that asking to withdraw stops hosts at once, for how long, and what a deposit does', () => {
    const text = withdrawalConsequences(2n * 86_400n);
    expect(text).toContain('stops every host serving you under this offer, from now on');
    expect(text).toContain('The credit unlocks in 2 days');
    expect(text).toContain('cannot be taken back, and a deposit meanwhile is not served');
    // The notice is a chain read: until it arrives, no number is made up.
    expect(withdrawalConsequences(undefined)).toContain('The credit unlocks after a notice;');
  });
  it('says that retiring a pay-per-use offer keeps the credit already deposited', () => {
    expect(retireMeteredConsequences(7n)).toBe(
      'Retiring pay-per-use offer #7 ends new deposits to it. Credit already deposited can still be spent through it and withdrawn. It cannot be undone: to sell again, add a new offer.',
    );
  });
});

describe('payingOffer', () => {
  const offer = (id: bigint, o: Partial<MeteredOfferRow>): MeteredOfferRow => ({
    id,
    currency: zeroAddress,
    active: true,
    price: 1n,
    meterUnits: 1n,
    termsURI: '',
    termsHash: '0x',
    credit: { balance: 0n, unlockAt: 0n },
    ...o,
  });
  it('pays a download from an active offer with credit not asked back, in their order', () => {
    const empty = offer(1n, {});
    const leaving = offer(2n, { credit: { balance: 5n, unlockAt: 99n } });
    const retired = offer(3n, { active: false, credit: { balance: 5n, unlockAt: 0n } });
    const paying = offer(4n, { credit: { balance: 5n, unlockAt: 0n } });
    const next = offer(5n, { credit: { balance: 9n, unlockAt: 0n } });
    expect(payingOffer([empty, leaving, retired, paying, next])).toBe(paying);
    expect(payingOffer([empty, leaving, retired])).toBeUndefined();
  });
});

describe('describeMeteredPrice', () => {
  it('says a price per use, or per block of uses', () => {
    expect(
      describeMeteredPrice(2_000_000_000_000_000n, 1n, {
        address: zeroAddress,
        symbol: 'ETH',
        decimals: 18,
      }),
    ).toBe('0.002 ETH per use');
    expect(describeMeteredPrice(2_000_000n, 1000n, USD)).toBe('2 tUSD per 1,000 uses');
  });
});

describe('usage arithmetic (as MeteredLicenses computes it)', () => {
  it('rounds down, and the parts of cumulative receipts add up to the whole', () => {
    expect(usageDue(10n, 3n, 1n)).toBe(3n);
    expect(usageOwed(10n, 3n, 2n, 1n)).toBe(3n);
    expect(usageOwed(10n, 3n, 3n, 2n)).toBe(4n);
    expect(
      usageOwed(10n, 3n, 1n, 0n) + usageOwed(10n, 3n, 2n, 1n) + usageOwed(10n, 3n, 3n, 2n),
    ).toBe(usageDue(10n, 3n, 3n));
  });

  it('gives nothing for a stale or replayed receipt', () => {
    expect(usageOwed(10n, 1n, 3n, 3n)).toBe(0n);
    expect(usageOwed(10n, 1n, 2n, 3n)).toBe(0n);
  });

  it('counts the uses a credit covers', () => {
    expect(unitsCovered(50_000_000_000_000_000n, 2_000_000_000_000_000n, 1n)).toBe(25n);
    expect(unitsCovered(5_000_000n, 2_000_000n, 1000n)).toBe(2500n);
  });
});
