// The composer's guess of the parameter a temperature check's title names; a proposal's body and
// live state.
import { readContracts } from '@wagmi/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PARAMETERS, PROPOSAL_STATES } from '../../protocol/enums.ts';
import type { CuriaContracts } from '../../web/lib/contracts';
import {
  fetchProposalLive,
  guessParameter,
  proposalBody,
  splitAppeal,
} from '../../web/lib/proposals';

vi.mock('@wagmi/core', async (original) => ({
  ...(await original<typeof import('@wagmi/core')>()),
  readContracts: vi.fn(),
}));

const index = (name: string) => PARAMETERS.findIndex((p) => p.name === name);

describe('guessParameter', () => {
  it('reads the parameter and a CUR amount from a title', () => {
    expect(guessParameter('Lower the listing bond to 2,500 CUR?')).toEqual({
      index: index('Listing bond'),
      value: '2500',
    });
    expect(guessParameter('Raise the CHALLENGE DEPOSIT to 1500.5 cur')).toEqual({
      index: index('Challenge deposit'),
      value: '1500.5',
    });
  });

  it('names the parameter without a value when the amount is not in CUR', () => {
    expect(guessParameter('Shorten the challenge period to 2 days')).toEqual({
      index: index('Challenge period'),
    });
    expect(guessParameter('Set the curator slash to 20%')).toEqual({
      index: index('Curator slash'),
    });
  });

  it('prefers the longest name mentioned, and gives nothing when none is', () => {
    expect(guessParameter('The keep share for the creator should be 10%')).toEqual({
      index: index('Keep share for the creator'),
    });
    expect(guessParameter('Fund the grants program')).toBeUndefined();
  });
});

describe('proposalBody', () => {
  const proposer = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
  it('drops the first line when it is the title, and the #proposer= suffix', () => {
    const appeal = `# Appeal: restore model #17\n\nThe license allows fine-tunes.\n\n#proposer=${proposer}`;
    expect(proposalBody(appeal, 'Appeal: restore model #17')).toBe(
      'The license allows fine-tunes.',
    );
  });
  it('keeps a first line that is not the title, and a description without suffix', () => {
    expect(proposalBody('Context first.\nMore.', 'Other title')).toBe('Context first.\nMore.');
    expect(proposalBody(`Fund X.\n#proposer=${proposer}`, 'Other')).toBe('Fund X.');
  });
});

describe('fetchProposalLive', () => {
  const proposer = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
  const c = { governor: { address: proposer, abi: [] } } as unknown as CuriaContracts;
  const config = {} as never;
  // The local chain was moved 20 days ahead; the machine's clock is Dec 3.
  const snapshot = BigInt(Date.UTC(2026, 11, 20) / 1000);
  const read = vi.mocked(readContracts);
  const answers = (quorum: { status: 'success'; result: bigint } | { status: 'failure' }) => {
    read.mockReset();
    read.mockResolvedValueOnce([snapshot, proposer] as never);
    read.mockResolvedValueOnce([
      { status: 'success', result: PROPOSAL_STATES.indexOf('Executed') },
      { status: 'success', result: [1n, 600n, 2n] },
      { status: 'success', result: snapshot + 86_400n },
      { status: 'success', result: snapshot + 3n * 86_400n },
      quorum.status === 'success' ? quorum : { status: 'failure', error: new Error('future') },
    ] as never);
  };
  afterEach(() => vi.useRealTimers());

  it("shows the quorum the chain answers, whatever the machine's clock says", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 3), toFake: ['Date'] });
    answers({ status: 'success', result: 500n });
    const live = await fetchProposalLive(config, c, 7n);
    expect(live).toMatchObject({ state: 'Executed', voteStart: snapshot, quorum: 500n });
  });

  it('has no quorum while the chain says the snapshot is ahead (quorum reverts)', async () => {
    answers({ status: 'failure' });
    const live = await fetchProposalLive(config, c, 7n);
    expect(live?.state).toBe('Executed');
    expect(live?.quorum).toBeUndefined();
  });
});

describe('splitAppeal', () => {
  const proposer = '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707';
  it("splits an appeal's body into the statement and the dispute it appeals", () => {
    // CurationHelper.appealProposal's description.
    const description = `# Appeal: restore model #17\n\nThe license allows fine-tunes.\n\n---\nAppeal of dispute #4. Executing this proposal lists the model again.\n\n#proposer=${proposer.toLowerCase()}`;
    const body = proposalBody(description, 'Appeal: restore model #17');
    expect(splitAppeal(body)).toEqual({
      statement: 'The license allows fine-tunes.',
      disputeId: 4n,
    });
  });

  it('is null for a body without the closing line', () => {
    expect(splitAppeal('Fund X.\n\nAppeal of dispute #4 is mentioned here.')).toBeNull();
  });
});
