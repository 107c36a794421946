// What a user can do now on a proposal or a dispute (web/lib/can.ts), decided by state names and
// chain time.
import { describe, expect, it } from 'vitest';
import {
  cancelConsequences,
  liftSuspensionConsequences,
  stopAuditingConsequences,
  suspendConsequences,
  withdrawListingConsequences,
  canClaim,
  challengeOffer,
  disputeBadge,
  disputeChoices,
  listingStatusLabel,
  proposalBadge,
  proposalChoices,
  votingPhase,
  type DisputeFacts,
} from '../../web/lib/can';
import type { ProposalStateName } from '../../protocol/enums';

const PROPOSER = '0x1111111111111111111111111111111111111111';
const GUARDIAN = '0x2222222222222222222222222222222222222222';
const OTHER = '0x3333333333333333333333333333333333333333';

function proposal(state: ProposalStateName, eta = 0n) {
  return { state, proposer: PROPOSER, eta } as const;
}

describe('proposalChoices', () => {
  it('offers the vote only while Active', () => {
    expect(proposalChoices(proposal('Active'), {}, 0).vote).toBe(true);
    for (const s of ['Pending', 'Succeeded', 'Queued', 'Executed', 'Defeated'] as const) {
      expect(proposalChoices(proposal(s), {}, 0).vote).toBe(false);
    }
  });

  it('offers queue when Succeeded, and execute when Queued once the eta has come', () => {
    expect(proposalChoices(proposal('Succeeded'), {}, 0)).toMatchObject({
      queue: true,
      execute: null,
    });
    expect(proposalChoices(proposal('Queued', 1_000n), {}, 999).execute).toBe('waiting');
    expect(proposalChoices(proposal('Queued', 1_000n), {}, 1_000).execute).toBe('ready');
    expect(proposalChoices(proposal('Executed', 1_000n), {}, 5_000)).toMatchObject({
      queue: false,
      execute: null,
    });
  });

  it('lets the proposer cancel only while Pending, and the guardian until it is executed', () => {
    expect(proposalChoices(proposal('Pending'), { account: PROPOSER }, 0).cancel).toBe(true);
    expect(proposalChoices(proposal('Active'), { account: PROPOSER }, 0).cancel).toBe(false);
    expect(proposalChoices(proposal('Pending'), { account: OTHER }, 0).cancel).toBe(false);
    const guardian = { account: GUARDIAN.toUpperCase().replace('0X', '0x'), guardian: GUARDIAN };
    for (const s of ['Pending', 'Active', 'Succeeded', 'Queued'] as const) {
      expect(proposalChoices(proposal(s), guardian as never, 0).cancel).toBe(true);
    }
    for (const s of ['Executed', 'Canceled', 'Defeated', 'Expired'] as const) {
      expect(proposalChoices(proposal(s), guardian as never, 0).cancel).toBe(false);
    }
    expect(proposalChoices(proposal('Active'), {}, 0).cancel).toBe(false);
  });
});

function dispute(over: Partial<DisputeFacts>): DisputeFacts {
  return {
    state: 'Voting',
    snapshot: 100,
    votingEndsAt: 200,
    appealEndsAt: 300,
    modelOwner: PROPOSER,
    ...over,
  };
}

describe('disputeChoices', () => {
  it('walks the voting phases: delay, open (vote), ended (resolve)', () => {
    expect(votingPhase(dispute({}), 100)).toBe('Voting delay');
    expect(disputeChoices(dispute({}), OTHER, 50)).toMatchObject({
      phase: 'Voting delay',
      vote: false,
      resolve: false,
    });
    expect(disputeChoices(dispute({}), OTHER, 150)).toMatchObject({
      phase: 'Voting open',
      vote: true,
      resolve: false,
    });
    expect(disputeChoices(dispute({}), OTHER, 201)).toMatchObject({
      phase: 'Voting ended',
      vote: false,
      resolve: true,
    });
  });

  it("offers the appeal to the entry's owner within the window, then finalize to anyone", () => {
    const removed = dispute({ state: 'Removed' });
    expect(disputeChoices(removed, PROPOSER, 300)).toMatchObject({
      phase: null,
      appeal: 'owner',
      finalize: false,
    });
    expect(disputeChoices(removed, OTHER, 300).appeal).toBe('not-owner');
    expect(disputeChoices(removed, undefined, 300).appeal).toBe('not-owner');
    expect(disputeChoices(removed, OTHER, 301)).toMatchObject({ appeal: null, finalize: true });
  });

  it('finalizes an appealed removal only once the appeal proposal is defeated or canceled', () => {
    for (const [state, finalize] of [
      ['Active', false],
      ['Succeeded', false],
      ['Executed', false],
      ['Defeated', true],
      ['Canceled', true],
    ] as const) {
      expect(
        disputeChoices(dispute({ state: 'Appealed', proposalState: state }), OTHER, 1_000).finalize,
      ).toBe(finalize);
    }
  });

  it('offers nothing on a decided dispute', () => {
    for (const state of ['Kept', 'Restored', 'Delisted'] as const) {
      expect(disputeChoices(dispute({ state }), PROPOSER, 1_000)).toEqual({
        phase: null,
        vote: false,
        resolve: false,
        appeal: null,
        finalize: false,
      });
    }
  });
});

describe('canClaim', () => {
  it('offers the claim when rewards are claimable or pending, not when there is nothing', () => {
    expect(canClaim(0n, 0n)).toBe(false);
    expect(canClaim(1n, 0n)).toBe(true);
    expect(canClaim(0n, 5n)).toBe(true);
  });
});

describe('challengeOffer', () => {
  const listed = {
    status: 'Listed',
    openDispute: 0,
    bondReleaseAt: 0,
    owner: PROPOSER,
    account: OTHER,
    now: 1_000,
  } as const;

  it('offers the challenge form to anyone but the owner of a live listing', () => {
    expect(challengeOffer(listed)).toBe('form');
    expect(challengeOffer({ ...listed, account: undefined })).toBe('form');
    expect(challengeOffer({ ...listed, status: 'Pending' })).toBe('form');
    expect(challengeOffer({ ...listed, status: 'Suspended' })).toBe('form');
  });

  it('tells the owner why it is not offered on its own model (any case of address)', () => {
    expect(challengeOffer({ ...listed, account: PROPOSER })).toBe('owner');
    expect(challengeOffer({ ...listed, account: PROPOSER.toUpperCase() as never })).toBe('owner');
  });

  it('offers nothing with a dispute open, or nothing to challenge', () => {
    expect(challengeOffer({ ...listed, openDispute: 7n })).toBeNull();
    expect(challengeOffer({ ...listed, openDispute: 7n, account: PROPOSER })).toBeNull();
    // A challenge of the candidate does not stop one of the listing: that one ends it.
    expect(challengeOffer({ ...listed, openDispute: 7n, candidateChallenged: true })).toBe('form');
    for (const status of ['None', 'Removed', 'Delisted']) {
      expect(challengeOffer({ ...listed, status })).toBeNull();
    }
    // A withdrawn listing only during its notice.
    expect(challengeOffer({ ...listed, status: 'Withdrawn', bondReleaseAt: 2_000 })).toBe('form');
    expect(challengeOffer({ ...listed, status: 'Withdrawn', bondReleaseAt: 500 })).toBeNull();
  });
});

describe('state badges read as one plain state', () => {
  const snapshot = Date.UTC(2026, 11, 5, 14, 0) / 1000;
  const voting = { state: 'Voting', snapshot, votingEndsAt: snapshot + 86_400 } as const;

  it('says when a dispute in its voting delay starts voting, not "Voting · Voting delay"', () => {
    const badge = disputeBadge(voting, snapshot - 60);
    expect(badge.label).toBe('Voting starts Dec 5, 2026, 14:00 UTC');
    expect(badge.label).not.toMatch(/delay/i);
    expect(disputeBadge(voting, snapshot + 60)).toEqual({ status: 'Voting', label: 'Voting open' });
    expect(disputeBadge(voting, snapshot + 86_401).label).toBe('Voting ended');
    expect(disputeBadge({ ...voting, state: 'Kept' }, snapshot - 60)).toEqual({
      status: 'Kept',
      label: 'Kept',
    });
  });

  it('calls a rejected candidate what it is: the challenger won', () => {
    expect(disputeBadge({ ...voting, state: 'Rejected' }, snapshot)).toEqual({
      status: 'Rejected',
      label: 'Candidate rejected',
    });
  });

  it('says when a Pending proposal starts voting', () => {
    expect(proposalBadge({ state: 'Pending', voteStart: BigInt(snapshot) })).toEqual({
      status: 'Pending',
      label: 'Voting starts Dec 5, 2026, 14:00 UTC',
    });
    expect(proposalBadge({ state: 'Active', voteStart: BigInt(snapshot) }).label).toBe('Active');
  });
});

describe('listingStatusLabel', () => {
  it('names the status an entry has before it applies', () => {
    expect(listingStatusLabel('None')).toBe('Not applied');
    expect(listingStatusLabel('Listed')).toBe('Listed');
  });
});

describe('cancelConsequences', () => {
  it("says that a guardian's cancel of an appeal ends it, and where the owner's bond goes", () => {
    const text = cancelConsequences({
      byGuardian: true,
      appeal: { model: 'Nimbus 3B (#13)', disputeId: 6n, bond: 10_000n * 10n ** 18n },
    });
    expect(text).toContain("the owner's appeal of Nimbus 3B (#13) (dispute #6)");
    expect(text).toContain('appeal bond of 10,000 CUR goes to the treasury');
    expect(text).toMatch(/cannot be undone/);
  });

  it('names the guardian power, or the proposer withdrawing before the vote', () => {
    expect(cancelConsequences({ byGuardian: true })).toMatch(/^As the proposal guardian/);
    expect(cancelConsequences({ byGuardian: false })).toMatch(/^Canceling withdraws your proposal/);
  });
});

describe('consequences of the listing and auditing writes that cannot be undone', () => {
  const cur = (n: number) => BigInt(n) * 10n ** 18n;

  it('says an auditor who stops loses the fee share now and waits for the bond', () => {
    const text = stopAuditingConsequences({ bond: cur(14_000), wait: '21 days' });
    expect(text).toContain("the auditors' share of sales split from now on goes to the treasury");
    expect(text).toContain('Your bond of 14,000 CUR can be withdrawn 21 days from now');
    expect(text).toMatch(/cannot be undone: auditing again needs a new accreditation/);
    expect(stopAuditingConsequences({ bond: cur(1), wait: null })).toContain(
      'after the unbonding period',
    );
  });

  it('says a withdrawn listing stops sales, keeps the bond at risk for the notice, and needs a new application', () => {
    const text = withdrawListingConsequences({ kind: 'model', bond: cur(5_000), notice: '7 days' });
    expect(text).toMatch(/^The model comes off sale now/);
    expect(text).toContain(
      'For 7 days it can still be challenged and your bond of 5,000 CUR slashed',
    );
    expect(text).toContain('selling again needs a new application');
  });

  it("says the guardian's suspension is its only one, and lifting it spends it", () => {
    expect(suspendConsequences({ kind: 'dataset', window: '14 days' })).toBe(
      'The dataset comes off sale now, for at most 14 days, unless you or the DAO lift it first or a challenge removes it. The guardian can suspend a dataset only once: after this, only a DAO proposal can suspend it again.',
    );
    expect(suspendConsequences({ kind: 'model', window: null })).toContain(
      'until the suspension window ends',
    );
    expect(liftSuspensionConsequences('model')).toMatch(
      /^The model goes back on sale now\. You cannot suspend it again/,
    );
  });
});
