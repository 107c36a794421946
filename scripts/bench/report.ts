// The bench's output: targets, the printed table and bench/results.json.
import fs from 'node:fs';
import path from 'node:path';
import type { Baseline } from './bench.ts';

/** A target from issue 8. */
export type Target =
  /** At most this much total gas. */
  | { kind: 'max'; value: number }
  /** At most the baseline plus this many percent. */
  | { kind: 'baselinePct'; pct: number }
  /** At most the baseline plus this much gas. */
  | { kind: 'baselineGas'; gas: number };

export interface Measurement {
  group: string;
  name: string;
  value: number;
  /** Gas, a percentage, the portal's milliseconds, kB (gzip) and JSON-RPC requests, or the gateway's MB/s. */
  unit: 'gas' | '%' | 'ms' | 'kB' | 'requests' | 'MB/s';
  baseline?: Baseline;
  target?: Target;
  /** The storage floor under the action (gas), printed beside a missed target. */
  floor?: number;
  /** Other references measured in the same run (e.g. OpenZeppelin with one of Curia's changes). */
  beside?: Baseline[];
  note?: string;
}

/** One entry of bench/results.json. */
export interface ResultEntry {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  baselineName: string | null;
  ratio: number | null;
  target?: string;
  /** The target's limit in this measurement's unit (for CI gates). */
  limit?: number;
  pass?: boolean;
  /** The storage floor under the action, when known (gas-anchors.md). */
  floor?: number;
  /** Other references measured in the same run, each with this value's ratio to it. */
  beside?: { name: string; value: number; ratio: number }[];
  note?: string;
}

const int = new Intl.NumberFormat('en-US');

function describe(t: Target, unit: string): string {
  switch (t.kind) {
    case 'max':
      return `≤ ${formatValue(t.value, unit)}`;
    case 'baselinePct':
      return `≤ base +${t.pct}%`;
    case 'baselineGas':
      return `≤ base +${int.format(t.gas)}`;
  }
}

/** The target's limit for this measurement, or undefined if it needs a missing baseline. */
function limit(m: Measurement): number | undefined {
  const t = m.target;
  if (!t) return undefined;
  if (t.kind === 'max') return t.value;
  if (!m.baseline) return undefined;
  return t.kind === 'baselinePct' ? m.baseline.gas * (1 + t.pct / 100) : m.baseline.gas + t.gas;
}

export function toEntry(m: Measurement): ResultEntry {
  const ratio = m.baseline ? Math.round((m.value / m.baseline.gas) * 10_000) / 10_000 : null;
  const max = limit(m);
  return {
    group: m.group,
    name: m.name,
    value: m.value,
    unit: m.unit,
    baseline: m.baseline?.gas ?? null,
    baselineName: m.baseline?.label ?? null,
    ratio,
    ...(m.target ? { target: describe(m.target, m.unit) } : {}),
    ...(max !== undefined ? { limit: Math.floor(max * 100) / 100, pass: m.value <= max } : {}),
    ...(m.floor !== undefined ? { floor: m.floor } : {}),
    ...(m.beside?.length
      ? {
          beside: m.beside.map((b) => ({
            name: b.label,
            value: b.gas,
            ratio: Math.round((m.value / b.gas) * 10_000) / 10_000,
          })),
        }
      : {}),
    ...(m.note ? { note: m.note } : {}),
  };
}

function formatValue(value: number, unit: string): string {
  switch (unit) {
    case '%':
      return `${value.toFixed(2)}%`;
    case 'ms':
      return `${int.format(Math.round(value))} ms`;
    case 'kB':
      return `${value.toFixed(1)} kB`;
    case 'MB/s':
      return `${value.toFixed(1)} MB/s`;
    default:
      return int.format(value);
  }
}

/** The printed table: one line per measurement, grouped, then the notes. */
export function renderTable(measurements: Measurement[], notes: string[]): string {
  // Grouped in the order each group first appears; rows keep their order within a group.
  const groups = [...new Set(measurements.map((m) => m.group))];
  const entries = groups.flatMap((g) => measurements.filter((m) => m.group === g).map(toEntry));
  const header = [
    'measurement',
    'Curia',
    'baseline',
    'base value',
    'ratio',
    'target',
    'verdict',
    'also beside',
  ];
  const rows: (string[] | string)[] = [];
  let group = '';
  for (const e of entries) {
    if (e.group !== group) {
      group = e.group;
      rows.push(group);
    }
    rows.push([
      `  ${e.name}`,
      formatValue(e.value, e.unit),
      e.baselineName ?? '',
      e.baseline === null ? '' : formatValue(e.baseline, e.unit),
      e.ratio === null ? '' : `${e.ratio.toFixed(3)}x`,
      e.target ?? '',
      e.pass === undefined
        ? ''
        : e.pass
          ? 'ok'
          : `MISSES target${e.floor === undefined ? '' : ` (floor ${formatValue(e.floor, e.unit)})`}`,
      (e.beside ?? [])
        .map((o) => `${o.name} ${formatValue(o.value, e.unit)} (${o.ratio.toFixed(3)}x)`)
        .join('; '),
    ]);
  }
  const cells = rows.filter((r): r is string[] => Array.isArray(r));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const right = new Set([1, 3, 4]);
  const line = (r: string[]) =>
    r
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(Array.isArray(r) ? line(r) : `${r}`);
  const missed = entries.filter((e) => e.pass === false);
  out.push('');
  out.push(
    missed.length === 0
      ? `All ${entries.filter((e) => e.pass !== undefined).length} targets held.`
      : `${missed.length} of ${entries.filter((e) => e.pass !== undefined).length} targets missed: ${missed.map((e) => e.name).join('; ')}.`,
  );
  const rowNotes = entries
    .filter((e) => e.note && e.unit !== '%')
    .map((e) => `${e.name}: ${e.note}.`);
  if (notes.length || rowNotes.length) {
    out.push('', 'Notes');
    for (const n of [...rowNotes, ...notes]) out.push(`- ${n}`);
  }
  return out.join('\n');
}

export function writeResults(file: string, measurements: Measurement[], meta: object): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = { ...meta, results: measurements.map(toEntry) };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
