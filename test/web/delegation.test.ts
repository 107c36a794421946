// An address typed as a delegate is checked before any transaction (web/lib/delegation.ts).
import { describe, expect, it } from 'vitest';
import { delegateeProblem, delegatorsLabel, votingPowerSentence } from '../../web/lib/delegation';

describe('delegateeProblem', () => {
  it('refuses the zero address: votes delegated to it are lost', () => {
    for (const zero of [
      '0x0000000000000000000000000000000000000000',
      ' 0x0000000000000000000000000000000000000000 ',
    ])
      expect(delegateeProblem(zero)).toBe(
        "That is the zero address: votes delegated to it are lost. Enter a delegate's address, or delegate to yourself.",
      );
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', 'alice', '0x123', '0xZZ00000000000000000000000000000000000000'])
      expect(delegateeProblem(bad)).toMatch(/^Enter an address/);
  });

  it('accepts any other address', () => {
    expect(delegateeProblem('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBeNull();
    expect(delegateeProblem('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBeNull();
  });
});

describe('delegatorsLabel', () => {
  it('does not count a self-delegation as a delegator', () => {
    expect(delegatorsLabel({ delegators: 0, selfDelegated: true })).toBe('self-delegated');
    expect(delegatorsLabel({ delegators: 1, selfDelegated: true })).toBe(
      'self-delegated · 1 delegator',
    );
    expect(delegatorsLabel({ delegators: 1200, selfDelegated: false })).toBe('1,200 delegators');
    expect(delegatorsLabel({ delegators: 0, selfDelegated: false })).toBe('no delegators');
  });
});

describe('votingPowerSentence', () => {
  const CUR = 10n ** 18n;
  it('says where a delegate’s voting power comes from, its own tokens apart', () => {
    const d = { votes: 1_000n * CUR, delegators: 2, selfDelegated: true };
    expect(votingPowerSentence(d)).toBe(
      'Holds 1,000 CUR of voting power: its own tokens and those delegated by 2 other accounts.',
    );
    expect(votingPowerSentence({ ...d, delegators: 0 })).toBe(
      'Holds 1,000 CUR of voting power, from its own tokens.',
    );
    expect(votingPowerSentence({ ...d, selfDelegated: false, delegators: 1 })).toBe(
      'Holds 1,000 CUR of voting power, delegated by 1 account.',
    );
    // Its delegators all moved away: not "delegated by 0 accounts".
    expect(votingPowerSentence({ votes: 0n, delegators: 0, selfDelegated: false })).toBe(
      'Holds 0 CUR of voting power; no account delegates to it now.',
    );
  });
});
