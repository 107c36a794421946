// An address typed as a delegate is checked before any transaction (web/lib/delegation.ts).
import { describe, expect, it } from 'vitest';
import { delegateeProblem, delegatorsLabel } from '../../web/lib/delegation';

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
