// States by name, never numbers (the project's standard): no route or component compares a state
// or status with a digit (`d.state === 3`), or looks a state up in a list of digits
// (`[2, 3].includes(p.state)`). protocol/enums.ts has the names.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../web');
const NUMERIC_STATE = [
  /\b(?:state|status|proposalState|previousStatus)\s*[!=]==?\s*\d/,
  /\d\s*[!=]==?\s*[\w.?]*\b(?:state|status|proposalState)\b/,
  /\[\s*\d+(?:\s*,\s*\d+)*\s*\]\.includes\([^)]*(?:state|status)/i,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : files(full);
    return /\.(svelte|ts)$/.test(name) ? [full] : [];
  });
}

/** Lines that compare a contract state with a number (HTTP statuses are numbers: allowed). */
export function numericStateComparisons(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => NUMERIC_STATE.some((re) => re.test(line)))
    .filter((line) => !/\b(?:res|response|e|err|page)\.status\b|\bstatus\s*\?:/.test(line))
    .map((l) => l.trim());
}

describe('states by name', () => {
  it('finds numeric state comparisons (the check itself can fail)', () => {
    expect(numericStateComparisons('{#if d.state === 3}')).toHaveLength(1);
    expect(numericStateComparisons('[2, 3, 6].includes(p.state)')).toHaveLength(1);
    expect(numericStateComparisons("{#if d.state === 'Removed'}")).toEqual([]);
    expect(numericStateComparisons('if (res.status === 404) return')).toEqual([]);
    // SvelteKit's `page.status` is the HTTP status of an error page.
    expect(numericStateComparisons('$derived(page.status === 404)')).toEqual([]);
  });

  it('no route, component or lib file compares a state with a number', () => {
    const found = files(ROOT).flatMap((file) =>
      numericStateComparisons(readFileSync(file, 'utf8')).map(
        (line) => `${path.relative(ROOT, file)}: ${line}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
