// Coverage gate (issue 8): forge coverage of contracts/ must reach 95% of lines and 90% of branches.
// Runs `forge coverage --report lcov`, sums the LF/LH and BRF/BRH records of the files under
// contracts/, prints the totals and exits 1 when a threshold is missed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { foundryBinary } from './lib/foundry.ts';
import { ROOT } from '../protocol/paths.ts';

const LINES_MIN = 95;
const BRANCHES_MIN = 90;

const run = spawnSync(
  foundryBinary('forge'),
  [
    'coverage',
    '--report',
    'lcov',
    '--report-file',
    'cache/lcov.info',
    '--no-match-coverage',
    '^(test|scripts)/',
  ],
  // Coverage compiles without the optimizer; the default profile's fuzz runs are plenty here.
  {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, FOUNDRY_PROFILE: 'default' },
  },
);
if (run.status !== 0) {
  console.error('forge coverage failed');
  process.exit(1);
}

interface Totals {
  lines: number;
  linesHit: number;
  branches: number;
  branchesHit: number;
}
const perFile = new Map<string, Totals>();
let current: Totals | undefined;
for (const line of fs.readFileSync(path.join(ROOT, 'cache/lcov.info'), 'utf8').split('\n')) {
  const [key, value] = line.split(':');
  if (key === 'SF') {
    const file = path.relative(ROOT, path.resolve(ROOT, value));
    current = file.startsWith('contracts/')
      ? { lines: 0, linesHit: 0, branches: 0, branchesHit: 0 }
      : undefined;
    if (current) perFile.set(file, current);
  } else if (current && key === 'LF') current.lines = Number(value);
  else if (current && key === 'LH') current.linesHit = Number(value);
  else if (current && key === 'BRF') current.branches = Number(value);
  else if (current && key === 'BRH') current.branchesHit = Number(value);
}

const total: Totals = { lines: 0, linesHit: 0, branches: 0, branchesHit: 0 };
const pct = (hit: number, all: number) => (all === 0 ? 100 : (100 * hit) / all);
for (const [file, t] of [...perFile].sort()) {
  total.lines += t.lines;
  total.linesHit += t.linesHit;
  total.branches += t.branches;
  total.branchesHit += t.branchesHit;
  console.log(
    `${file.padEnd(60)} lines ${pct(t.linesHit, t.lines).toFixed(1).padStart(5)}%  branches ${pct(t.branchesHit, t.branches).toFixed(1).padStart(5)}%`,
  );
}
const lines = pct(total.linesHit, total.lines);
const branches = pct(total.branchesHit, total.branches);
console.log(
  `contracts/ total: lines ${lines.toFixed(2)}% (${total.linesHit}/${total.lines}, gate ${LINES_MIN}%), ` +
    `branches ${branches.toFixed(2)}% (${total.branchesHit}/${total.branches}, gate ${BRANCHES_MIN}%)`,
);
if (perFile.size === 0 || lines < LINES_MIN || branches < BRANCHES_MIN) {
  console.error('Coverage gate failed: contracts/ needs 95% of lines and 90% of branches covered.');
  process.exit(1);
}
