// package.json runs forge through scripts/foundry.ts, which exits with the tool's own status: the
// npm wrapper in node_modules/.bin exits 0 whatever forge answers, so failing forge tests and
// unformatted Solidity passed CI through it (session 19).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../protocol/paths.ts';

const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const run = (...args: string[]) =>
  spawnSync(tsx, [path.join(ROOT, 'scripts', 'foundry.ts'), ...args], { encoding: 'utf8' });

describe('scripts/foundry.ts', () => {
  it("exits with forge's own status: 0 for formatted Solidity, 1 for unformatted", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-foundry-'));
    const good = path.join(dir, 'Good.sol');
    const bad = path.join(dir, 'Bad.sol');
    fs.writeFileSync(
      good,
      '// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n\ncontract Good {}\n',
    );
    fs.writeFileSync(
      bad,
      '// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\ncontract   Bad{ }\n',
    );
    try {
      expect(run('forge', 'fmt', '--check', good).status).toBe(0);
      expect(run('forge', 'fmt', '--check', bad).status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a tool it does not know', () => {
    const r = run('solc');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: tsx scripts\/foundry.ts <forge\|cast\|anvil>/);
  });
});
