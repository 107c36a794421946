// The appeal form's bond and statement, and the challenge form's evidence link.
import { describe, expect, it } from 'vitest';
import {
  MAX_STATEMENT,
  appealBondOf,
  appealStatementProblem,
  evidenceLinkProblem,
} from '../../web/lib/disputes';

const CUR = 10n ** 18n;

describe('appealBondOf', () => {
  it('is the curation parameter before the appeal (the dispute records 0 until then)', () => {
    expect(appealBondOf({ appealBond: 0n, proposalId: 0n }, 10_000n * CUR)).toBe(10_000n * CUR);
    expect(appealBondOf({ appealBond: 0n, proposalId: 0n }, undefined)).toBeUndefined();
  });

  it('is the bond the appeal took once appealed, even if the parameter changed since', () => {
    expect(appealBondOf({ appealBond: 10_000n * CUR, proposalId: 42n }, 20_000n * CUR)).toBe(
      10_000n * CUR,
    );
  });
});

describe('appealStatementProblem', () => {
  it('asks for a statement', () => {
    expect(appealStatementProblem('  \n')).toBe('Explain why the model should be restored.');
  });

  it(`accepts up to ${MAX_STATEMENT} characters, and says how long a longer one is`, () => {
    expect(appealStatementProblem('x'.repeat(MAX_STATEMENT))).toBeNull();
    expect(appealStatementProblem(`  ${'x'.repeat(MAX_STATEMENT)}\n`)).toBeNull();
    expect(appealStatementProblem('x'.repeat(20_000))).toBe(
      'The statement is 20,000 characters; at most 2,000 go on chain. Shorten it, and attach the full argument as a document.',
    );
  });
});

describe('evidenceLinkProblem', () => {
  it('accepts ipfs://, https:// and http:// links', () => {
    for (const uri of [
      'ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
      'https://example.org/evidence.pdf',
      ' http://localhost:8080/e.md ',
    ]) {
      expect(evidenceLinkProblem(uri), uri).toBeNull();
    }
  });

  it('refuses anything else in words', () => {
    expect(evidenceLinkProblem('')).toBe('Give a link to the evidence.');
    for (const uri of [
      'not a link',
      'ftp://example.org/e',
      'javascript:alert(1)',
      'ipfs://',
      'https://',
    ]) {
      expect(evidenceLinkProblem(uri), uri).toBe(
        'The evidence link must be an ipfs://, https:// or http:// address.',
      );
    }
  });
});
