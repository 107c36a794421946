// Curator and auditor money, licenses and sales: the pure sums the portal shows next to the chain.
import { zeroAddress, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  licenseState,
  salesByCurrency,
  summarizeFees,
  unsplitBeforeLeaving,
  claimText,
  ownerProceeds,
} from '../../web/lib/fees';
import { licensesOf, offerTerms, purchaseOf, type SaleLike } from '../../web/lib/licenses';
import { ETH, formatPrice, retireOfferConsequences, type Currency } from '../../web/lib/market';

const USD: Currency = {
  address: '0x00000000000000000000000000000000000000aa',
  symbol: 'tUSD',
  decimals: 6,
};
const ME: Address = '0x1111111111111111111111111111111111111111';
const OTHER: Address = '0x2222222222222222222222222222222222222222';
const THIRD: Address = '0x3333333333333333333333333333333333333333';

describe('summarizeFees', () => {
  const models = [
    { modelId: 7n, title: 'Seven' },
    { modelId: 3n, title: null },
    { modelId: 9n, title: 'Nine' },
  ];

  it('sums unsettled fees per currency and adds what is owed, to the wei', () => {
    const view = summarizeFees(
      models,
      [ETH, USD],
      [
        [10n ** 15n + 1n, 0n],
        [3n, 250_000n],
        [0n, 0n],
      ],
      [7n, 1n],
    );
    // Models with nothing to claim are left out; the rest by id.
    expect(view.models.map((m) => m.modelId)).toEqual([3n, 7n]);
    expect(view.models[0].amounts).toEqual([3n, 250_000n]);
    expect(
      view.currencies.map((c) => [c.currency.symbol, c.unsettled, c.owed, c.claimable]),
    ).toEqual([
      ['ETH', 10n ** 15n + 4n, 7n, 10n ** 15n + 11n],
      ['tUSD', 250_000n, 1n, 250_001n],
    ]);
    expect(view.claim).toEqual({ modelIds: [3n, 7n], currencies: [zeroAddress, USD.address] });
  });

  it('claims only the currencies with something to pay, and owed money without any model', () => {
    const view = summarizeFees(
      models,
      [ETH, USD],
      [
        [0n, 0n],
        [0n, 0n],
        [0n, 0n],
      ],
      [0n, 5n],
    );
    expect(view.models).toEqual([]);
    expect(view.claim).toEqual({ modelIds: [], currencies: [USD.address] });
    const none = summarizeFees([], [ETH, USD], [], [0n, 0n]);
    expect(none.claim.currencies).toEqual([]);
  });

  it('refuses reads that do not line up with the models and currencies', () => {
    expect(() => summarizeFees(models, [ETH], [[1n]], [0n])).toThrow(/one pending row/);
    expect(() => summarizeFees([], [ETH, USD], [], [0n])).toThrow(/one owed amount/);
  });
});

describe('licenseState', () => {
  it('tells perpetual, valid and expired licenses apart at a given time', () => {
    expect(licenseState(2n ** 40n - 1n, 1_000)).toBe('perpetual');
    expect(licenseState('1001', 1_000)).toBe('valid');
    expect(licenseState(1_000, 1_000)).toBe('expired');
    expect(licenseState(0n, 1_000)).toBe('expired');
  });
});

const sale = (over: Partial<SaleLike>): SaleLike => ({
  modelId: '4',
  offerId: '1',
  licensee: ME,
  buyer: ME,
  version: 1,
  currency: zeroAddress,
  price: '100',
  expiresAt: '5000',
  timestamp: 1_000,
  txHash: '0x01',
  ...over,
});

describe('licensesOf', () => {
  it('keeps one row per model and licensee, from its latest purchase', () => {
    const rows = licensesOf(ME, [
      sale({ timestamp: 3_000, offerId: '2', version: 2, expiresAt: '9000' }),
      sale({ timestamp: 1_000 }),
      sale({ modelId: '5', licensee: OTHER, buyer: ME, timestamp: 2_000 }),
      sale({ modelId: '6', licensee: ME, buyer: THIRD, timestamp: 500 }),
      sale({ modelId: '7', licensee: OTHER, buyer: THIRD, timestamp: 4_000 }),
    ]);
    expect(rows.map((r) => [r.modelId, r.held, r.givenTo, r.purchases])).toEqual([
      [4n, true, false, 2],
      [5n, false, true, 1],
      [6n, true, false, 1],
    ]);
    expect(rows[0].last.offerId).toBe('2');
    expect(rows[0].last.version).toBe(2);
    expect(rows[0].since).toBe(1_000);
  });

  it('matches addresses whatever their case', () => {
    const rows = licensesOf(ME, [
      sale({ licensee: ME.toUpperCase().replace('0X', '0x') as Address }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].held).toBe(true);
  });
});

describe('salesByCurrency', () => {
  it('counts and sums sales per currency, in the order of the currencies', () => {
    const totals = salesByCurrency(
      [
        { currency: USD.address, price: '2500000' },
        { currency: zeroAddress, price: 10n ** 16n },
        { currency: USD.address, price: 500_000n },
      ],
      [ETH, USD],
    );
    expect(totals).toEqual([
      { currency: zeroAddress, count: 1, total: 10n ** 16n },
      { currency: USD.address, count: 2, total: 3_000_000n },
    ]);
  });
});

describe('unsplitBeforeLeaving', () => {
  it("names an auditor's share of sales not yet split, per currency, before it stops auditing", () => {
    expect(
      unsplitBeforeLeaving(
        [
          { unsettled: 5n * 10n ** 17n, currency: ETH },
          { unsettled: 0n, currency: USD },
        ],
        formatPrice,
      ),
    ).toBe('0.5 ETH');
    expect(
      unsplitBeforeLeaving(
        [
          { unsettled: 1n, currency: ETH },
          { unsettled: 12_000_000n, currency: USD },
        ],
        formatPrice,
      ),
    ).toBe(`${formatPrice(1n, ETH)} and 12 tUSD`);
  });

  it('is null when nothing is waiting to be split (owed fees are kept after leaving)', () => {
    expect(unsplitBeforeLeaving([{ unsettled: 0n, currency: ETH }], formatPrice)).toBeNull();
    expect(unsplitBeforeLeaving([], formatPrice)).toBeNull();
  });
});

describe('purchaseOf', () => {
  const until = (t: bigint) => `until t=${t}`;
  const timed = { valid: true, expiresAt: 1_000n, offerId: 3n };
  const forever = { valid: true, expiresAt: 2n ** 40n - 1n, offerId: 3n };
  const offer = (id: bigint, duration = 86_400) => ({ id, duration });

  it('buys a new license without a valid one, or for someone else', () => {
    expect(purchaseOf({ offer: offer(3n), forOther: false, until })).toEqual({
      kind: 'new',
      label: 'Buy license',
    });
    expect(
      purchaseOf({ license: { ...timed, valid: false }, offer: offer(4n), forOther: false, until })
        .kind,
    ).toBe('new');
    expect(purchaseOf({ license: forever, offer: offer(3n), forOther: true, until }).kind).toBe(
      'new',
    );
  });

  it('extends only through the offer held, and sells a perpetual license once', () => {
    expect(purchaseOf({ license: timed, offer: offer(3n), forOther: false, until })).toEqual({
      kind: 'extend',
      label: 'Extend license',
    });
    expect(purchaseOf({ license: forever, offer: offer(3n, 0), forOther: false, until })).toEqual({
      kind: 'nothing',
    });
  });

  it('says before switching that the license held ends now (issue R17-1: its time is not carried over)', () => {
    expect(purchaseOf({ license: timed, offer: offer(4n), forOther: false, until })).toEqual({
      kind: 'switch',
      label: 'Switch to these terms',
      consequence:
        'Buying this offer replaces your license now: your license on other terms, valid until t=1000, ends: the time left on it is not carried over, and these terms apply from now.',
    });
    expect(
      purchaseOf({ license: forever, offer: offer(4n), forOther: false, until }),
    ).toMatchObject({
      kind: 'switch',
      consequence:
        'Buying this offer replaces your license now: your perpetual license on other terms ends, and these terms apply from now.',
    });
    expect(
      purchaseOf({ license: timed, offer: offer(4n, 0), forOther: false, until }),
    ).toMatchObject({ consequence: expect.stringMatching(/these terms apply for good\.$/) });
  });
});

describe('retireOfferConsequences', () => {
  it('says sold licenses stay valid but cannot be extended through a retired offer', () => {
    expect(retireOfferConsequences(3n)).toBe(
      'Retiring offer #3 ends its sales. Licenses already sold through it keep their terms until they end, but cannot be extended through it. It cannot be undone: to sell again, add a new offer.',
    );
  });
});

describe('formatPrice', () => {
  it('never reads dust as nothing', () => {
    expect(formatPrice(3n, ETH)).toBe('< 0.000001 ETH');
    expect(formatPrice(0n, ETH)).toBe('0 ETH');
    expect(formatPrice(408n, { address: ETH.address, symbol: 'tUSD', decimals: 6 })).toBe(
      '0.000408 tUSD',
    );
  });
  it('is exact for large amounts and never rounds up', () => {
    const tusd = { address: ETH.address, symbol: 'tUSD', decimals: 6 };
    expect(formatPrice(123_456_789_012_345_678n, tusd)).toBe('123,456,789,012.345678 tUSD');
    // 0.9999999 ETH is not shown as 1 ETH: a claim shows at most what it pays.
    expect(formatPrice(999_999_900_000_000_000n, ETH)).toBe('0.999999 ETH');
  });
});

describe('offerTerms', () => {
  it('never takes an empty duration for perpetual, and takes only whole caps', () => {
    expect(offerTerms('', '0').errors.days).toMatch(/^Days: 0 for perpetual/);
    expect(offerTerms('0', '0')).toEqual({ duration: 0n, cap: 0n, errors: {} });
    expect(offerTerms('30', '100')).toEqual({ duration: 2_592_000n, cap: 100n, errors: {} });
    expect(offerTerms('0.5', '0').duration).toBe(43_200n);
    expect(offerTerms('-1', '0').errors.days).toBeDefined();
    expect(offerTerms('0.000001', '0').errors.days).toBe('At least one second: 0 is perpetual.');
    // "1.0" and "1e3" passed Number.isInteger and then threw in BigInt(): the button did nothing.
    for (const cap of ['1.0', '1e3', '', '-2', '4294967296']) {
      expect(offerTerms('30', cap).errors.cap, cap).toBe(
        'A whole number of licenses, like 100: 0 for unlimited.',
      );
    }
  });
});

describe('claimText', () => {
  const USDC: Currency = {
    address: '0x0000000000000000000000000000000000000006',
    symbol: 'USDC',
    decimals: 6,
  };
  it('offers the amounts worth a claim, a millionth of the unit and more', () => {
    expect(
      claimText(
        [
          { claimable: 10n ** 15n, currency: ETH },
          { claimable: 2n, currency: USDC },
        ],
        formatPrice,
      ),
    ).toEqual({ label: 'Claim 0.001 ETH and 0.000002 USDC', worthIt: true });
  });
  it('does not offer dust alone, whose claim costs more gas than it pays', () => {
    expect(claimText([{ claimable: 10n ** 11n, currency: ETH }], formatPrice)).toEqual({
      label: 'Less than a millionth to claim',
      worthIt: false,
    });
    expect(claimText([{ claimable: 0n, currency: ETH }], formatPrice)).toEqual({
      label: 'Nothing to claim',
      worthIt: false,
    });
  });
});

describe('ownerProceeds', () => {
  const fees = { protocolFeeBps: 500, lineageRoyaltyBps: 1000 };

  it('takes the protocol fee off a sale of an entry without lineage', () => {
    // 1 ETH: 5% fee 0.05, the owner 0.95.
    expect(ownerProceeds(10n ** 18n, fees, 0)).toBe(95n * 10n ** 16n);
  });

  it('then the royalty of the rest, in equal whole parts per upstream entry, as the contract', () => {
    // 1,000 units: fee 50, rest 950, royalty 95 → 95 / 3 = 31 each, 93 in all; the owner 857.
    expect(ownerProceeds(1000n, fees, 3)).toBe(857n);
    // The fee rounds down: 19 units pay 0 (19 * 500 / 10,000 < 1), the royalty 1 (19 / 10).
    expect(ownerProceeds(19n, fees, 1)).toBe(18n);
    expect(ownerProceeds(0n, fees, 2)).toBe(0n);
  });
});
