// The chart arithmetic, the index's series as chart rows, and an account's history in words.
import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  compactNumber,
  fillGaps,
  labelIndexes,
  maxOf,
  niceTicks,
  stackRows,
  type ChartRow,
} from '../../web/lib/components/charts/chart';
import {
  FEE_SERIES,
  feeCharts,
  formatExact,
  outcomeTotals,
  proposalRows,
  stakeRows,
} from '../../web/lib/components/charts/series';
import type { FeePoint, HistoryEntry } from '../../protocol/indexer/types.ts';
import { describeEvent } from '../../web/routes/reputation/events';

const DAY = 86_400;
const ETH = '0x0000000000000000000000000000000000000000';
const USD = '0x00000000000000000000000000000000000000aa';

describe('chart arithmetic', () => {
  it('picks round ticks from zero past the largest value', () => {
    expect(niceTicks(1000)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('fills missing buckets with zeros, or carries a running total', () => {
    const rows: ChartRow[] = [
      { t: 0, values: { a: 1 } },
      { t: 3 * DAY, values: { a: 4 } },
    ];
    expect(fillGaps(rows, 'day').map((r) => [r.t / DAY, r.values.a])).toEqual([
      [0, 1],
      [1, 0],
      [2, 0],
      [3, 4],
    ]);
    expect(fillGaps(rows, 'day', true).map((r) => r.values.a)).toEqual([1, 1, 1, 4]);
    // A very long range is left as it is rather than drawn as thousands of empty bars.
    expect(fillGaps(rows, 'hour', false, 10)).toHaveLength(2);
  });

  it('stacks series and scales to the tallest stack', () => {
    const series = [
      { key: 'a', label: 'A', color: 'red' },
      { key: 'b', label: 'B', color: 'blue' },
    ];
    const rows = [
      { t: 0, values: { a: 1, b: 2 } },
      { t: 1, values: { a: 4, b: 0 } },
    ];
    expect(maxOf(rows, series, true)).toBe(4);
    expect(maxOf([{ t: 0, values: { a: 1, b: 2 } }], series, true)).toBe(3);
    expect(maxOf([{ t: 0, values: { a: 1, b: 2 } }], series, false)).toBe(2);
    expect(stackRows(rows, series)[0]).toEqual([
      { key: 'a', y0: 0, y1: 1 },
      { key: 'b', y0: 1, y1: 3 },
    ]);
  });

  it('labels buckets and axes for people', () => {
    const t = Date.UTC(2026, 10, 22, 14) / 1000;
    expect(bucketLabel(t, 'day')).toBe('Nov 22');
    expect(bucketLabel(t, 'week')).toBe('week of Nov 22');
    expect(bucketLabel(t, 'week', true)).toBe('Nov 22');
    expect(bucketLabel(t, 'hour')).toBe('Nov 22, 14:00');
    expect(compactNumber(1_234_567)).toBe('1.23M');
    expect(compactNumber(0.0125)).toBe('0.0125');
    expect(labelIndexes(3, 5)).toEqual([0, 1, 2]);
    expect(labelIndexes(100, 3)).toEqual([0, 50, 99]);
  });
});

describe('series from the index', () => {
  const point = (t: number, currency: string, treasury: string): FeePoint => ({
    t,
    currency: currency as FeePoint['currency'],
    sales: 1,
    volume: '1000000000000000000',
    protocolFee: (30000000000000000n + 10000000000000000n + BigInt(treasury)).toString(),
    curators: '30000000000000000',
    auditors: '10000000000000000',
    treasury,
    royalties: '0',
  });

  it('makes one fee chart per currency with exact totals', () => {
    const charts = feeCharts(
      [point(0, ETH, '10000000000000000'), point(0, USD, '7'), point(DAY, ETH, '1')],
      [
        { address: ETH, symbol: 'ETH', decimals: 18 },
        { address: USD, symbol: 'tUSD', decimals: 6 },
      ],
    );
    expect(charts.map((c) => c.currency.symbol)).toEqual(['ETH', 'tUSD']);
    const [eth, usd] = charts;
    expect(eth.sales).toBe(2);
    expect(eth.toTreasury).toBe(10000000000000001n);
    expect(eth.rows[0].text).toEqual({
      curators: '0.03 ETH',
      auditors: '0.01 ETH',
      treasury: '0.01 ETH',
    });
    expect(eth.rows[0].values.curators).toBeCloseTo(0.03);
    expect(usd.rows[0].text?.treasury).toBe('0.000007 tUSD');
    expect(FEE_SERIES.map((s) => s.key)).toEqual(['curators', 'auditors', 'treasury']);
  });

  it('names an unknown currency by its address, and counts it exactly in base units', () => {
    const [chart] = feeCharts([point(0, USD, '1')], []);
    expect(chart.currency.symbol).toMatch(/^base units of token 0x000000/);
    // Not a guess at 18 decimals: 3 × 10^16 base units, as many as there are.
    expect(chart.rows[0].text?.curators).toMatch(/^30,000,000,000,000,000 base units/);
  });

  it('formats exact amounts with grouping and every decimal', () => {
    expect(formatExact(1234567890000000000000n, 18, 'CUR')).toBe('1,234.56789 CUR');
    expect(formatExact('0', 18, 'ETH')).toBe('0 ETH');
  });

  it('turns stake and proposal points into rows', () => {
    expect(
      stakeRows([
        {
          t: 0,
          staked: '5',
          unstakeRequested: '0',
          withdrawn: '0',
          slashed: '0',
          total: '5000000000000000000000',
        },
      ])[0],
    ).toEqual({ t: 0, values: { total: 5000 }, text: { total: '5,000 CUR' } });
    const rows = proposalRows([
      { t: 0, created: 4, byState: { Executed: 1, Queued: 1, Defeated: 1, Active: 1 } },
      { t: DAY, created: 1, byState: { Canceled: 1 } },
    ]);
    expect(rows[0].values).toEqual({ executed: 1, passed: 1, open: 1, defeated: 1, other: 0 });
    // The data table's cells read as its empty periods do ("0 proposals"), not bare numbers.
    expect(rows[0].text).toMatchObject({ executed: '1 proposal', other: '0 proposals' });
    expect(outcomeTotals(rows)).toEqual({ executed: 1, passed: 1, open: 1, defeated: 1, other: 1 });
  });
});

describe('history in words', () => {
  const me = '0x00000000000000000000000000000000000000b1';
  const other = '0x00000000000000000000000000000000000000c2';
  const entry = (contract: string, name: string, args: Record<string, unknown>): HistoryEntry => ({
    id: '1',
    contract,
    name,
    blockNumber: 1,
    logIndex: 0,
    timestamp: 0,
    txHash: '0x',
    txFrom: me,
    args,
    modelId: (args.modelId as string | undefined) ?? null,
  });

  it('says what happened and links to what it is about', () => {
    expect(
      describeEvent(
        entry('CurationRegistry', 'Staked', {
          modelId: '3',
          curator: me,
          amount: '100000000000000000000',
        }),
        me,
      ),
    ).toEqual({ text: 'Staked 100 CUR', link: { kind: 'model', id: '3', label: 'model #3' } });
    expect(
      describeEvent(
        entry('CurationRegistry', 'Challenged', {
          modelId: '2',
          disputeId: '5',
          challenger: me,
          reason: '1',
          deposit: '1000000000000000000000',
        }),
        me,
      ),
    ).toEqual({
      text: 'Challenged model #2 (Safety), deposit 1,000 CUR',
      link: { kind: 'dispute', id: '5', label: 'dispute #5' },
    });
    expect(
      describeEvent(
        entry('CuriaToken', 'DelegateChanged', {
          delegator: me,
          fromDelegate: ETH,
          toDelegate: other,
        }),
        me,
      ).text,
    ).toBe('Delegated votes to 0x0000…00c2');
    expect(
      describeEvent(
        entry('CuriaGovernor', 'VoteCast', {
          voter: me,
          proposalId: '123456789012345',
          support: '1',
          weight: '2000000000000000000',
        }),
        me,
      ),
    ).toEqual({
      text: 'Voted for a proposal, weight 2 CUR',
      link: { kind: 'proposal', id: '123456789012345', label: 'the proposal' },
    });
  });

  it('names Curia contracts and minting', () => {
    const names = (a: string) => (a === other ? 'CurationRegistry' : undefined);
    const transfer = (from: string, to: string) =>
      entry('CuriaToken', 'Transfer', { from, to, value: '5000000000000000000000' });
    expect(describeEvent(transfer(me, other), me, names).text).toBe(
      'Sent 5,000 CUR to the curation registry',
    );
    expect(describeEvent(transfer(ETH, me), me, names).text).toBe(
      'Received 5,000 CUR when CUR was minted',
    );
  });

  it('falls back to the contract and event names, in words', () => {
    expect(describeEvent(entry('AuditRegistry', 'SomethingNewHappened', {}), me)).toEqual({
      text: 'The audit registry: something new happened',
      link: undefined,
    });
  });
});
