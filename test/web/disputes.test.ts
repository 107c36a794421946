// The appeal form's bond and statement, and the challenge form's evidence link.
import { describe, expect, it } from 'vitest';
import {
  MAX_STATEMENT,
  appealBondOf,
  appealStatementProblem,
  disputeOutcome,
  evidenceLinkProblem,
  mustStoreStatement,
  resolvePreview,
  challengeOutcome,
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

describe('disputeOutcome and resolvePreview', () => {
  const base = {
    keepVotes: 0n,
    removeVotes: 0n,
    quorum: 2_000_000n * CUR,
    appealBond: 0n,
    version: 2,
    listedVersion: 2,
  };
  it('says a dispute nobody voted on was kept for want of a quorum, not by the vote', () => {
    const o = disputeOutcome({ ...base, state: 'Kept' });
    expect(o?.text).toMatch(
      /^Too few voted to reach the quorum \(0 CUR of the 2,000,000 CUR needed\)/,
    );
    expect(o?.claim).toBe(true);
    expect(resolvePreview(base)).toBe(
      'Too few voted to reach the quorum: resolving it keeps the model.',
    );
  });

  it('says a vote that kept the model with its counts, and what removing would do', () => {
    const voted = { ...base, keepVotes: 3_000_000n * CUR, removeVotes: 1_000_000n * CUR };
    expect(disputeOutcome({ ...voted, state: 'Kept' })?.text).toMatch(
      /^The vote kept the model \(3,000,000 CUR Keep against 1,000,000 CUR Remove\)/,
    );
    const removing = { ...base, removeVotes: 3_000_000n * CUR };
    expect(resolvePreview(removing)).toMatch(/removes the model \(its owner may then appeal\)/);
    expect(resolvePreview({ ...removing, version: 3 })).toMatch(/rejects v3 \(v2 stays listed\)/);
  });

  it('says a canceled or defeated appeal failed, and where the appeal bond goes', () => {
    const o = disputeOutcome({
      ...base,
      state: 'Appealed',
      proposalState: 'Canceled',
      appealBond: 10_000n * CUR,
    });
    expect(o?.text).toMatch(/^The appeal failed: its proposal was canceled/);
    expect(o?.text).toContain("the owner's appeal bond of 10,000 CUR goes to the treasury");
    expect(disputeOutcome({ ...base, state: 'Appealed', proposalState: 'Active' })).toBeNull();
    // A rejected candidate: nobody slashed, the challenger's deposit credited to claim.
    const rejected = disputeOutcome({ ...base, state: 'Rejected', version: 3 });
    expect(rejected?.text).toBe(
      "Candidate version v3 rejected; version v2 stays listed. Nobody vouched for the candidate, so nobody was slashed; the challenger's deposit came back.",
    );
    expect(rejected?.claim).toBe(true);
    expect(disputeOutcome({ ...base, state: 'Restored', appealBond: 10n * CUR })?.text).toContain(
      "the owner's appeal bond of 10 CUR came back",
    );
  });
});

describe('mustStoreStatement', () => {
  const none = { stored: null, uri: '', hash: '' };
  it('stores a statement given alone, and again once it is edited after being stored', () => {
    expect(mustStoreStatement({ ...none, statement: 'The card hides a license.' })).toBe(true);
    expect(mustStoreStatement({ ...none, statement: '  ' })).toBe(false);
    const stored = { statement: 'v1', stored: 'v1', uri: 'ipfs://bafk…', hash: '0x11' };
    expect(mustStoreStatement(stored)).toBe(false);
    // Corrected after a rejected signature: the link must be the corrected statement's.
    expect(mustStoreStatement({ ...stored, statement: 'v2' })).toBe(true);
  });
  it('leaves evidence given as a file or a link alone', () => {
    expect(
      mustStoreStatement({ statement: 'see the file', stored: null, uri: 'ipfs://x', hash: '0x1' }),
    ).toBe(false);
  });
});

describe('challengeOutcome', () => {
  const CUR = 10n ** 18n;
  const base = {
    deposit: 1_000n * CUR,
    bond: 5_000n * CUR,
    slashBps: 2_000n,
    rewardBps: 5_000n,
    ofCandidate: false,
  };

  it("counts the curators' slash up to the bond, as finalize", () => {
    // 2,000 staked: 400 slashed; (5,000 + 400) / 2 = 2,700 (the forge test's numbers).
    expect(challengeOutcome({ ...base, staked: 2_000n * CUR })).toEqual({
      reward: 2_700n * CUR,
      back: 3_700n * CUR,
    });
    // 200,000 staked: 40,000 slashed counts as 5,000: the reward is the bond, no more.
    expect(challengeOutcome({ ...base, staked: 200_000n * CUR }).reward).toBe(5_000n * CUR);
  });

  it('gives a candidate challenger its deposit only', () => {
    expect(challengeOutcome({ ...base, staked: 200_000n * CUR, ofCandidate: true })).toEqual({
      reward: 0n,
      back: 1_000n * CUR,
    });
  });
});
