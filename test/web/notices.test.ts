// What a notice says (web/lib/server/notify/rules.ts): a proposal named by its title, never by its
// 77-digit id; titles without markdown marks; every time in the portal's one format. And the
// plain refusals of a model to follow (web/lib/server/notify/store.ts).
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../protocol/indexer/types';
import { formatTime } from '../../web/lib/format';
import {
  indexedProposalTitle,
  noticesForEvent,
  type EventContext,
} from '../../web/lib/server/notify/rules';
import { NotifyInputError, parseModelId, requireModel } from '../../web/lib/server/notify/store';

const VOTER = '0x1111111111111111111111111111111111111111';
const PROPOSER = '0x2222222222222222222222222222222222222222';
const OWNER = '0x3333333333333333333333333333333333333333';
const ID = '12267190000000000000000000000000000000000000000000000000000000000000000000615';
const T = 1_798_216_740; // 2026-12-25 16:39 UTC

function event(contract: string, name: string, args: Record<string, unknown>): HistoryEntry {
  return {
    id: `${name}-1`,
    contract,
    name,
    blockNumber: 10,
    logIndex: 0,
    timestamp: T,
    txHash: `0x${'ab'.repeat(32)}`,
    txFrom: PROPOSER,
    args,
    modelId: contract === 'CurationRegistry' ? '7' : null,
  };
}

const subs = new Map([
  [VOTER, VOTER],
  [OWNER, OWNER],
]);
const voters: EventContext = { relations: new Map(), modelTitle: null, voters: new Set([VOTER]) };

/** Every digit run of a notice's words: none as long as a proposal id. */
const longestNumber = (text: string) =>
  Math.max(0, ...(text.match(/\d+/g) ?? []).map((d) => d.length));

describe('proposal notices', () => {
  it('name a proposal by its title, without markdown marks', () => {
    const [open] = noticesForEvent(
      event('CuriaGovernor', 'ProposalCreated', {
        proposalId: ID,
        description: '# Lower the challenge deposit\n\nIt keeps honest challengers out.',
        voteStart: T,
        voteEnd: T + 86_400,
      }),
      voters,
      subs,
    );
    expect(open.title).toBe('A proposal you can vote on: Lower the challenge deposit');
    expect(open.body).toBe(`Voting runs from ${formatTime(T)} to ${formatTime(T + 86_400)}.`);
    expect(open.body).toContain('Dec 25, 2026, 16:39 UTC');
    expect(open.link).toBe(`/proposals/${ID}`);
  });

  it('say which proposal passed or was executed, by title and never by id', () => {
    const ctx = { ...voters, proposalTitle: 'Lower the challenge deposit' };
    const [queued] = noticesForEvent(
      event('CuriaGovernor', 'ProposalQueued', { proposalId: ID, etaSeconds: T }),
      ctx,
      subs,
    );
    expect(queued.body).toBe(
      `The proposal “Lower the challenge deposit” passed and can be executed from ${formatTime(T)}.`,
    );
    const [executed] = noticesForEvent(
      event('CuriaGovernor', 'ProposalExecuted', { proposalId: ID }),
      ctx,
      subs,
    );
    expect(executed.body).toBe('The proposal “Lower the challenge deposit” was executed.');
    // The index has no title yet: still no id in the words (the link carries it).
    const [untitled] = noticesForEvent(
      event('CuriaGovernor', 'ProposalExecuted', { proposalId: ID }),
      voters,
      subs,
    );
    expect(untitled.body).toBe('A proposal was executed.');
    for (const n of [queued, executed, untitled]) {
      expect(longestNumber(`${n.title} ${n.body}`)).toBeLessThan(10);
      expect(n.link).toBe(`/proposals/${ID}`);
    }
  });

  it('name the appeal proposal by its title', () => {
    const [appeal] = noticesForEvent(
      event('CurationRegistry', 'Appealed', { proposalId: ID, disputeId: '3' }),
      {
        relations: new Map([[OWNER, 'owner' as const]]),
        modelTitle: 'Tiny LM',
        proposalTitle: 'Appeal: restore model #7',
        voters: new Set(),
      },
      subs,
    );
    expect(appeal.body).toBe(
      'The removal of Tiny LM (#7) was appealed; the DAO decides in the proposal “Appeal: restore model #7”.',
    );
  });

  it('write every time in the portal format', () => {
    const [challenge] = noticesForEvent(
      event('CurationRegistry', 'Challenged', { disputeId: '3', reason: 0, votingEndsAt: T }),
      { relations: new Map([[OWNER, 'owner' as const]]), modelTitle: 'Tiny LM', voters: new Set() },
      subs,
    );
    expect(challenge.body).toContain(`voting ends ${formatTime(T)}.`);
    expect(challenge.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('indexedProposalTitle', () => {
  it("takes the index's title, else the description's first line without heading marks", () => {
    expect(indexedProposalTitle({ title: 'Fund audits', description: '# Other' })).toBe(
      'Fund audits',
    );
    expect(indexedProposalTitle({ title: '', description: '## Fund audits\nMore.' })).toBe(
      'Fund audits',
    );
    expect(indexedProposalTitle(undefined)).toBeNull();
  });
});

describe('following a model', () => {
  it('asks for a model number in plain words', () => {
    for (const raw of ['abc', '-1', '0', '1.5', '', 12.5, null])
      expect(() => parseModelId(raw)).toThrow('Enter a model number, e.g. 12.');
    expect(parseModelId('12')).toBe('12');
    expect(parseModelId(12)).toBe('12');
  });

  it('refuses a model the chain does not have, and says when the chain did not answer', () => {
    expect(() => requireModel('99999', false)).toThrow('There is no model #99999 on this chain.');
    try {
      requireModel('99999', false);
    } catch (err) {
      expect(err).toBeInstanceOf(NotifyInputError);
      expect((err as NotifyInputError).status).toBe(404);
    }
    expect(() => requireModel('4', null)).toThrow(/chain is not reachable/);
    expect(() => requireModel('4', true)).not.toThrow();
  });
});

describe('credit notices', () => {
  const USD = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
  const tusd = { address: USD as `0x${string}`, symbol: 'tUSD', decimals: 6 };

  it('say an amount credited in its currency, never in smallest units of an address (walk 18)', () => {
    const [credited] = noticesForEvent(
      event('Marketplace', 'Credited', { account: OWNER, currency: USD, amount: '426645000' }),
      { ...voters, currency: tusd },
      subs,
    );
    expect(credited.title).toBe('Earnings to withdraw');
    expect(credited.body).toBe(
      '426.645 tUSD was credited to you by the marketplace: withdraw it from Earnings.',
    );
    expect(credited.link).toBe('/earnings');
    const [cur] = noticesForEvent(
      event('CurationRegistry', 'Credited', { account: OWNER, amount: '5' + '0'.repeat(17) }),
      voters,
      subs,
    );
    expect(cur.body).toBe('0.5 CUR was credited to you by curation: claim it from Curate.');
  });

  it('fall back to smallest units when the currency could not be read', () => {
    const [credited] = noticesForEvent(
      event('Marketplace', 'Credited', { account: OWNER, currency: USD, amount: '7' }),
      voters,
      subs,
    );
    expect(credited.body).toBe(
      `7 of the smallest unit of ${USD} was credited to you by the marketplace: withdraw it from Earnings.`,
    );
  });
});
