// The arithmetic of the portal's small SVG charts: rows over time buckets, gaps, stacks, scales and
// labels. Pure functions (unit-tested); the components only draw.
import { formatUnits } from 'viem';
import { BUCKETS, type Bucket } from '$protocol/indexer/types';

/** One series of a chart: its key in the rows, its name for people, and its colour (CSS). */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * One bucket: the start of the bucket (unix seconds), numbers to draw per series key and, for the
 * data table, the exact values as text (a uint256 loses precision as a number).
 */
export interface ChartRow {
  t: number;
  values: Record<string, number>;
  text?: Record<string, string>;
}

/** Colours that keep a 3:1 contrast for graphics on both the light and the dark surface. */
export const PALETTE = {
  accent: 'var(--accent)',
  orange: '#d9730d',
  teal: '#2a9d8f',
  green: '#2e9d5b',
  red: '#d64545',
  gold: '#b7791f',
  grey: '#8a8f98',
  purple: '#9b5de5',
} as const;

/** A uint256 decimal string (or bigint) with `decimals` → a number for drawing. */
export function toAmount(value: string | bigint, decimals = 18): number {
  return Number(formatUnits(BigInt(value), decimals));
}

/**
 * Fills the buckets between the first and last row (a time axis without holes). With `carry`, a
 * missing bucket repeats the previous row's values (a running total); otherwise it is zero. Beyond
 * `maxBuckets` the rows are returned as they are.
 */
export function fillGaps(
  rows: readonly ChartRow[],
  bucket: Bucket,
  carry = false,
  maxBuckets = 366,
): ChartRow[] {
  if (rows.length < 2) return [...rows];
  const size = BUCKETS[bucket];
  const sorted = [...rows].sort((a, b) => a.t - b.t);
  const first = sorted[0].t;
  const last = sorted[sorted.length - 1].t;
  if ((last - first) / size + 1 > maxBuckets) return sorted;
  const byT = new Map(sorted.map((r) => [r.t, r]));
  const out: ChartRow[] = [];
  let previous = sorted[0];
  for (let t = first; t <= last; t += size) {
    const row = byT.get(t);
    if (row) {
      out.push(row);
      previous = row;
    } else if (carry) {
      out.push({ t, values: { ...previous.values }, text: previous.text && { ...previous.text } });
    } else {
      const zero = Object.fromEntries(Object.keys(previous.values).map((k) => [k, 0]));
      out.push({ t, values: zero });
    }
  }
  return out;
}

/** The largest value to scale to: the largest row (stacked: the sum of its series). */
export function maxOf(
  rows: readonly ChartRow[],
  series: readonly ChartSeries[],
  stacked: boolean,
): number {
  let max = 0;
  for (const row of rows) {
    const vs = series.map((s) => row.values[s.key] ?? 0);
    const m = stacked ? vs.reduce((a, b) => a + b, 0) : Math.max(0, ...vs);
    if (m > max) max = m;
  }
  return max;
}

/** Round axis ticks from 0 to at least `max`: [0, 250, 500, 750, 1000]. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(round(i * step));
  if (ticks[ticks.length - 1] < max) ticks.push(round(ticks.length * step));
  return ticks;
}

const round = (n: number) => Number(n.toPrecision(12));

/** A short axis label: 1234567 → "1.23M", 0.125 → "0.125". */
export function compactNumber(n: number): string {
  return new Intl.NumberFormat('en-US', {
    notation: Math.abs(n) >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: Math.abs(n) >= 1 || n === 0 ? 2 : 4,
  }).format(n);
}

const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const HOUR = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** The bucket starting at `t`, in words: "Nov 22", "week of Nov 16", "Nov 22, 14:00". */
export function bucketLabel(t: number, bucket: Bucket, short = false): string {
  const date = new Date(t * 1000);
  if (bucket === 'hour') return HOUR.format(date);
  if (bucket === 'week') return short ? DAY.format(date) : `week of ${DAY.format(date)}`;
  return DAY.format(date);
}

/** The x-axis labels to print: at most `max`, evenly spread, always the first and the last. */
export function labelIndexes(count: number, max: number): number[] {
  if (count <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  const steps = Math.max(max - 1, 1);
  for (let i = 0; i <= steps; i++) out.add(Math.round((i * (count - 1)) / steps));
  return [...out];
}

/** Bars stacked in series order: for each row, each series' [y0, y1). */
export function stackRows(
  rows: readonly ChartRow[],
  series: readonly ChartSeries[],
): { key: string; y0: number; y1: number }[][] {
  return rows.map((row) => {
    let y = 0;
    return series.map((s) => {
      const v = Math.max(0, row.values[s.key] ?? 0);
      const seg = { key: s.key, y0: y, y1: y + v };
      y += v;
      return seg;
    });
  });
}
