// The bench's portal rows: units, targets and verdicts in bench/results.json and the table, and
// how the home page's initial JavaScript is followed through static imports.
import { describe, expect, it } from 'vitest';
import { staticImports } from '../scripts/bench/portal.ts';
import { storageFloors } from '../scripts/bench/notes.ts';
import { renderTable, toEntry, type Measurement } from '../scripts/bench/report.ts';

const GROUP = 'portal';
const js: Measurement = {
  group: GROUP,
  name: 'home page initial JavaScript (gzip)',
  value: 62.3,
  unit: 'kB',
  baseline: { label: 'target (issue 8)', gas: 90 },
  target: { kind: 'max', value: 90 },
};
const rows: Measurement = {
  group: GROUP,
  name: '/models first rows, 1,000 models (cold)',
  value: 740,
  unit: 'ms',
  baseline: { label: 'target (issue 8)', gas: 500 },
  target: { kind: 'max', value: 500 },
};
const requests: Measurement = {
  group: GROUP,
  name: 'JSON-RPC requests per load, /models',
  value: 3,
  unit: 'requests',
};

describe('bench report, portal rows', () => {
  it('keeps the entry format: name, value, unit, baseline (the target), ratio, verdict', () => {
    expect(toEntry(js)).toMatchObject({
      name: 'home page initial JavaScript (gzip)',
      value: 62.3,
      unit: 'kB',
      baseline: 90,
      ratio: 0.6922,
      target: '≤ 90.0 kB',
      limit: 90,
      pass: true,
    });
    expect(toEntry(rows)).toMatchObject({ unit: 'ms', target: '≤ 500 ms', pass: false });
    const plain = toEntry(requests);
    expect(plain).toMatchObject({ value: 3, unit: 'requests', baseline: null, ratio: null });
    expect(plain.pass).toBeUndefined();
  });

  it('prints units and met/missed targets', () => {
    const table = renderTable([js, rows, requests], []);
    expect(table).toMatch(
      /home page initial JavaScript \(gzip\)\s+62\.3 kB\s+target \(issue 8\)\s+90\.0 kB\s+0\.692x\s+≤ 90\.0 kB\s+ok/,
    );
    expect(table).toMatch(/1,000 models \(cold\)\s+740 ms .* MISSES target/);
    expect(table).toContain('1 of 2 targets missed: /models first rows, 1,000 models (cold).');
  });
});

describe('bench report, gateway row', () => {
  it('prints MB/s with the plain static file server beside it', () => {
    const row: Measurement = {
      group: 'gateway (issue 19)',
      name: 'download throughput, 100 MB file',
      value: 319.3,
      unit: 'MB/s',
      beside: [{ label: 'plain static file server', gas: 399.7 }],
    };
    expect(toEntry(row)).toMatchObject({
      unit: 'MB/s',
      baseline: null,
      beside: [{ name: 'plain static file server', value: 399.7, ratio: 0.7988 }],
    });
    expect(renderTable([row], [])).toMatch(
      /download throughput, 100 MB file\s+319\.3 MB\/s.*plain static file server 399\.7 MB\/s \(0\.799x\)/,
    );
  });
});

describe('bench report, gas rows', () => {
  const vote: Measurement = {
    group: 'castVote over the voting period',
    name: 'castVote in the window, the vote reaching quorum',
    value: 69_315,
    unit: 'gas',
    baseline: { label: 'OZ castVote (window, quorum)', gas: 66_323 },
    target: { kind: 'baselinePct', pct: 2 },
    floor: 61_481,
    beside: [
      { label: 'OZ+clock', gas: 65_566 },
      { label: 'OZ+LQ', gas: 108_030 },
    ],
  };

  it('keeps the floor and every other reference, each with its ratio, in the entry', () => {
    expect(toEntry(vote)).toMatchObject({
      baseline: 66_323,
      ratio: 1.0451,
      limit: 67_649.46,
      pass: false,
      floor: 61_481,
      beside: [
        { name: 'OZ+clock', value: 65_566, ratio: 1.0572 },
        { name: 'OZ+LQ', value: 108_030, ratio: 0.6416 },
      ],
    });
  });

  it('prints the floor beside a missed target, and the other references', () => {
    const table = renderTable([vote], []);
    expect(table).toMatch(
      /MISSES target \(floor 61,481\)\s+OZ\+clock 65,566 \(1\.057x\); OZ\+LQ 108,030 \(0\.642x\)/,
    );
  });
});

describe('bench storage floors', () => {
  const row = (name: string, value: number, baseline?: number): Measurement => ({
    group: 'g',
    name,
    value,
    unit: 'gas',
    ...(baseline ? { baseline: { label: 'OZ ERC20 transfer', gas: baseline } } : {}),
  });

  it("gives every target row its floor from the run's own transfers", () => {
    const floors = storageFloors(
      [
        row('CUR transfer (undelegated sender)', 39_204),
        row('CUR transfer (delegated sender)', 72_040),
        row('buyLicense (ERC-20, later sale)', 95_188, 34_513),
      ].map(toEntry),
    );
    // A transfer plus the fresh stake slot (22,100).
    expect(floors.get('stake (first, delegated staker)')).toBe(94_140);
    expect(floors.get('stake (first, undelegated staker)')).toBe(61_304);
    // Plus a fresh fee checkpoint in each of the 2 currencies the model sold in.
    expect(floors.get('stake (first, undelegated, model sold in ETH + ERC-20)')).toBe(105_504);
    expect(floors.get('buyLicense (ETH, later sale)')).toBe(70_900);
    expect(floors.get('buyLicense (ERC-20, later sale)')).toBe(34_513 + 70_900 - 21_000);
    // The marketplace's first balance of the token: a fresh slot instead of a rewrite.
    expect(floors.get('buyLicense (ERC-20, first sale in it)')).toBe(
      34_513 + 70_900 - 21_000 + 17_100,
    );
  });
});

describe('initial JavaScript: static imports of a built module', () => {
  it('follows import and export-from, not import()', () => {
    const code =
      'import{a as b}from"../chunks/A.js";import"./side.js";export{c}from"./B.js";' +
      'const x=()=>import("../nodes/3.js");import {d} from "./C.js"';
    const base = new URL('http://127.0.0.1/_app/immutable/entry/app.js');
    expect(staticImports(code, base).map((u) => u.pathname)).toEqual([
      '/_app/immutable/chunks/A.js',
      '/_app/immutable/entry/side.js',
      '/_app/immutable/entry/B.js',
      '/_app/immutable/entry/C.js',
    ]);
  });
});
