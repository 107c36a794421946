// README's table of demo accounts says what each account really does in the seeded world: it is
// the seed's own list of people and roles (scripts/seed/people.ts, which `npm start` prints).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../protocol/paths.ts';
import { PEOPLE } from '../scripts/seed/people.ts';

/** The rows of README's accounts table: number, name, roles. */
function readmeAccounts(): { n: number; name: string; roles: string }[] {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('| #   | name  |');
  expect(start, 'README has the accounts table').toBeGreaterThan(0);
  const rows: { n: number; name: string; roles: string }[] = [];
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [n, name, roles] = line
      .split('|')
      .slice(1, 4)
      .map((c) => c.trim());
    rows.push({ n: Number(n), name, roles });
  }
  return rows;
}

describe("README's demo accounts", () => {
  it('lists every seeded account with the roles the seed gives it', () => {
    expect(readmeAccounts()).toEqual(
      PEOPLE.map((p, n) => ({ n, name: p.name, roles: p.roles.join(', ') })),
    );
  });

  it('does not call Eve a delegate: the seed has her curate, challenge and propose', () => {
    const eve = readmeAccounts().find((r) => r.name === 'Eve');
    expect(eve?.roles).toBe('curator, challenger, proposer');
    expect(eve?.roles).not.toMatch(/delegate/);
  });
});
