// The indexer's series (/api/series/*) as chart rows: fees per currency, curator stake, proposal
// outcomes. Exact amounts go to the rows' text (the data table); numbers are for drawing.
import type { Address } from 'viem';
import { formatAmount } from '$lib/format';
import type {
  FeePoint,
  ProposalOutcomePoint,
  ProposalState,
  StakePoint,
} from '$protocol/indexer/types';
import { PALETTE, toAmount, type ChartRow, type ChartSeries } from './chart';

export interface CurrencyInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

/** An exact amount for people: "1,234.5 ETH" (every decimal kept, grouped). */
export function formatExact(value: string | bigint, decimals: number, symbol: string): string {
  return formatAmount(BigInt(value), { symbol, decimals, digits: decimals });
}

export const FEE_SERIES: ChartSeries[] = [
  { key: 'curators', label: 'Curators', color: PALETTE.accent },
  { key: 'auditors', label: 'Auditors', color: PALETTE.orange },
  { key: 'treasury', label: 'Treasury', color: PALETTE.teal },
];

export interface FeeChart {
  currency: CurrencyInfo;
  rows: ChartRow[];
  sales: number;
  volume: bigint;
  fees: bigint;
  toTreasury: bigint;
}

/** One chart per currency (amounts in different currencies do not add up). */
export function feeCharts(points: readonly FeePoint[], currencies: readonly CurrencyInfo[]) {
  const charts = new Map<string, FeeChart>();
  for (const p of points) {
    const key = p.currency.toLowerCase();
    let chart = charts.get(key);
    if (!chart) {
      // A currency whose decimals are unknown (not read, or no longer accepted) is counted in
      // its base units: exact, never a guess at 18 decimals (12,980 tUSD read 0.00000001298).
      const currency = currencies.find((c) => c.address.toLowerCase() === key) ?? {
        address: p.currency,
        symbol: `base units of token ${p.currency.slice(0, 8)}…`,
        decimals: 0,
      };
      chart = { currency, rows: [], sales: 0, volume: 0n, fees: 0n, toTreasury: 0n };
      charts.set(key, chart);
    }
    const { decimals, symbol } = chart.currency;
    const values: Record<string, number> = {};
    const text: Record<string, string> = {};
    for (const s of FEE_SERIES) {
      const v = p[s.key as 'curators' | 'auditors' | 'treasury'];
      values[s.key] = toAmount(v, decimals);
      text[s.key] = formatExact(v, decimals, symbol);
    }
    chart.rows.push({ t: p.t, values, text });
    chart.sales += p.sales;
    chart.volume += BigInt(p.volume);
    chart.fees += BigInt(p.protocolFee);
    chart.toTreasury += BigInt(p.treasury);
  }
  return [...charts.values()];
}

export const STAKE_SERIES: ChartSeries[] = [
  { key: 'total', label: 'Stake held by curators', color: PALETTE.accent },
];

export function stakeRows(points: readonly StakePoint[]): ChartRow[] {
  return points.map((p) => ({
    t: p.t,
    values: { total: toAmount(p.total) },
    text: { total: formatExact(p.total, 18, 'CUR') },
  }));
}

/** Proposal states as outcomes, in the order the bars stack. */
export const OUTCOMES: { key: string; label: string; color: string; states: ProposalState[] }[] = [
  { key: 'executed', label: 'Executed', color: PALETTE.green, states: ['Executed'] },
  {
    key: 'passed',
    label: 'Passed, not yet executed',
    color: PALETTE.teal,
    states: ['Succeeded', 'Queued'],
  },
  { key: 'open', label: 'Pending or voting', color: PALETTE.accent, states: ['Pending', 'Active'] },
  { key: 'defeated', label: 'Defeated', color: PALETTE.red, states: ['Defeated'] },
  {
    key: 'other',
    label: 'Canceled or expired',
    color: PALETTE.grey,
    states: ['Canceled', 'Expired'],
  },
];
export const OUTCOME_SERIES: ChartSeries[] = OUTCOMES.map(({ key, label, color }) => ({
  key,
  label,
  color,
}));

export function proposalRows(points: readonly ProposalOutcomePoint[]): ChartRow[] {
  return points.map((p) => {
    const values: Record<string, number> = {};
    const text: Record<string, string> = {};
    for (const o of OUTCOMES) {
      const n = o.states.reduce((sum, s) => sum + (p.byState[s] ?? 0), 0);
      values[o.key] = n;
      // As the data table's empty periods read ("0 proposals", from the chart's unit).
      text[o.key] = `${n} ${n === 1 ? 'proposal' : 'proposals'}`;
    }
    return { t: p.t, values, text };
  });
}

/** Totals of the proposal rows per outcome. */
export function outcomeTotals(rows: readonly ChartRow[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const o of OUTCOMES) totals[o.key] = rows.reduce((s, r) => s + (r.values[o.key] ?? 0), 0);
  return totals;
}
