// What the connected user can do now on a proposal or a dispute, decided from the live state by
// name (protocol/enums.ts) and chain time. Pure: the pages show a button when these say so (and the
// contract has the last word when the write is simulated).
import type { Address } from 'viem';
import type { DisputeStateName, DisputeVotingPhase, ProposalStateName } from '$protocol/enums';
import { formatTime, formatToken, sameAddress } from './format';

export interface ProposalFacts {
  state: ProposalStateName;
  proposer: Address;
  /** Executable from (chain time, seconds; 0 when not queued). */
  eta: bigint;
}

export interface ProposalChoices {
  /** Voting is open (a wallet is still needed to vote). */
  vote: boolean;
  /** Passed: anyone can queue it in the timelock. */
  queue: boolean;
  /** Queued: 'ready' once the timelock delay is over, 'waiting' before. */
  execute: 'ready' | 'waiting' | null;
  /** The proposer before voting opens, or the proposal guardian until it executes. */
  cancel: boolean;
}

/** States the proposal guardian may cancel in (OpenZeppelin's GovernorProposalGuardian). */
const GUARDIAN_CANCELS: readonly ProposalStateName[] = ['Pending', 'Active', 'Succeeded', 'Queued'];

export function proposalChoices(
  p: ProposalFacts,
  who: { account?: Address; guardian?: Address },
  now: number,
): ProposalChoices {
  const { account, guardian } = who;
  const cancel =
    !!account &&
    ((p.state === 'Pending' && sameAddress(p.proposer, account)) ||
      (!!guardian && sameAddress(guardian, account) && GUARDIAN_CANCELS.includes(p.state)));
  return {
    vote: p.state === 'Active',
    queue: p.state === 'Succeeded',
    execute: p.state === 'Queued' ? (BigInt(now) >= p.eta ? 'ready' : 'waiting') : null,
    cancel,
  };
}

/**
 * What canceling a proposal does, said before the wallet is asked: by its proposer (before voting
 * opens) or by the proposal guardian (until it executes); an appeal's cancelation ends the appeal.
 */
export function cancelConsequences(o: {
  byGuardian: boolean;
  appeal?: { model: string; disputeId: bigint; bond: bigint | null } | null;
}): string {
  const final = 'It cannot be undone.';
  if (o.appeal) {
    const bond = o.appeal.bond ? ` of ${formatToken(o.appeal.bond)}` : '';
    return `This is the owner's appeal of ${o.appeal.model} (dispute #${o.appeal.disputeId}). Canceling it ends the appeal whatever the vote: anyone can then finalize the delisting, the model's listing bond and its curators' stake are slashed, the challenger is paid, and the owner's appeal bond${bond} goes to the treasury. ${final}`;
  }
  if (o.byGuardian) {
    return `As the proposal guardian you can stop this proposal until it executes, whatever the vote so far; the DAO can replace the guardian by a vote. ${final}`;
  }
  return `Canceling withdraws your proposal before voting opens; to propose it again, submit it anew. ${final}`;
}

/** What stopping auditing does, said before the wallet is asked (`requestBondWithdrawal`). */
export function stopAuditingConsequences(o: { bond: bigint; wait: string | null }): string {
  const when = o.wait ? `${o.wait} from now` : 'after the unbonding period';
  return `You stop auditing now: no new report, and the auditors' share of sales split from now on goes to the treasury, not to you. Your bond of ${formatToken(o.bond)} can be withdrawn ${when} (a challenge of a version you passed still freezes it). It cannot be undone: auditing again needs a new accreditation by the DAO.`;
}

/** What withdrawing a listing does (`withdrawListing`). */
export function withdrawListingConsequences(o: {
  kind: string;
  bond: bigint;
  notice: string;
}): string {
  return `The ${o.kind} comes off sale now: no license is sold, and its curators can leave. For ${o.notice} it can still be challenged and your bond of ${formatToken(o.bond)} slashed; then you can take the bond back. It cannot be undone: selling again needs a new application and its challenge period.`;
}

/** What the curation guardian's suspension does (`suspend`): one per model. */
export function suspendConsequences(o: { kind: string; window: string | null }): string {
  const most = o.window ? `for at most ${o.window}` : 'until the suspension window ends';
  return `The ${o.kind} comes off sale now, ${most}, unless you or the DAO lift it first or a challenge removes it. The guardian can suspend a ${o.kind} only once: after this, only a DAO proposal can suspend it again.`;
}

/** What lifting the guardian's suspension does (`liftSuspension`). */
export function liftSuspensionConsequences(kind: string): string {
  return `The ${kind} goes back on sale now. You cannot suspend it again: the guardian suspends a ${kind} only once, so a further suspension needs a DAO proposal.`;
}

/** Decoded actions compare against the settings now, except once executed (they are the new ones). */
export function comparesWithCurrentSettings(state: ProposalStateName): boolean {
  return state !== 'Executed';
}

export interface DisputeFacts {
  state: DisputeStateName;
  /** Votes open after it (chain time, seconds). */
  snapshot: number;
  votingEndsAt: number;
  appealEndsAt: number;
  modelOwner: Address;
  /** The appeal proposal's state, when appealed. */
  proposalState?: ProposalStateName;
}

export interface DisputeChoices {
  /** Only while in Voting: before the snapshot, voting, or ended (not resolved yet). */
  phase: DisputeVotingPhase | null;
  vote: boolean;
  /** Voting ended: anyone can resolve it. */
  resolve: boolean;
  /** Removed, within the appeal window: 'owner' can appeal, 'not-owner' is told only the owner can. */
  appeal: 'owner' | 'not-owner' | null;
  /** The appeal window passed, or the appeal was defeated or canceled: anyone can finalize. */
  finalize: boolean;
}

/** Where a dispute in `Voting` stands at `now` (chain time). */
export function votingPhase(
  d: Pick<DisputeFacts, 'snapshot' | 'votingEndsAt'>,
  now: number,
): DisputeVotingPhase {
  if (now <= d.snapshot) return 'Voting delay';
  return now <= d.votingEndsAt ? 'Voting open' : 'Voting ended';
}

export function disputeChoices(
  d: DisputeFacts,
  account: Address | undefined,
  now: number,
): DisputeChoices {
  const phase = d.state === 'Voting' ? votingPhase(d, now) : null;
  const inAppealWindow = d.state === 'Removed' && now <= d.appealEndsAt;
  const appealLost = d.proposalState === 'Defeated' || d.proposalState === 'Canceled';
  return {
    phase,
    vote: phase === 'Voting open',
    resolve: phase === 'Voting ended',
    appeal: inAppealWindow ? (sameAddress(d.modelOwner, account) ? 'owner' : 'not-owner') : null,
    finalize:
      (d.state === 'Removed' && now > d.appealEndsAt) || (d.state === 'Appealed' && appealLost),
  };
}

/** A curator can claim when rewards are claimable or pending on a position. */
export function canClaim(claimable: bigint, pending: bigint): boolean {
  return claimable + pending > 0n;
}

/**
 * What the model page offers to challenge its listing: `form` (the challenge form), `owner` (the
 * owner is told in a line that a challenge is for others: its own listing it can withdraw), or null
 * (nothing to challenge: not listed or pending, a dispute of the listing already open, or a
 * withdrawn listing past its notice, when its bond is released). An open challenge of the candidate
 * does not stand in the way: a challenge of the listing ends it (the contract rejects the candidate).
 */
export function challengeOffer(o: {
  status: string;
  openDispute: number | bigint;
  /** Whether the open dispute, if any, is the candidate version's. */
  candidateChallenged?: boolean;
  /** A withdrawn listing stays challengeable until its bond is released (chain seconds). */
  bondReleaseAt: number;
  owner: Address;
  account: Address | undefined;
  now: number;
}): 'form' | 'owner' | null {
  const open =
    o.status === 'Pending' ||
    o.status === 'Listed' ||
    o.status === 'Suspended' ||
    (o.status === 'Withdrawn' && o.now < o.bondReleaseAt);
  if (!open || (BigInt(o.openDispute) !== 0n && !o.candidateChallenged)) return null;
  return sameAddress(o.owner, o.account) ? 'owner' : 'form';
}

/** A badge: `status` picks its colour (app.css `[data-status]`), `label` is what it says. */
export interface Badge {
  status: string;
  label: string;
}

/**
 * A dispute's state as one plain badge. In Voting, its phase: "Voting starts <time>" before the
 * snapshot (not "Voting · Voting delay"), "Voting open", or "Voting ended" (to resolve).
 */
export function disputeBadge(
  d: { state: DisputeStateName } & Pick<DisputeFacts, 'snapshot' | 'votingEndsAt'>,
  now: number,
): Badge {
  if (d.state !== 'Voting') return stateBadge(d.state);
  const phase = votingPhase(d, now);
  if (phase === 'Voting delay') {
    return { status: 'Pending', label: `Voting starts ${formatTime(d.snapshot)}` };
  }
  return { status: 'Voting', label: phase };
}

/**
 * A decided dispute's state as a badge. "Rejected" is the candidate version's rejection, which the
 * challenger won: said so, lest it read as the challenge rejected.
 */
export function stateBadge(state: DisputeStateName): Badge {
  return { status: state, label: state === 'Rejected' ? 'Candidate rejected' : state };
}

/** A proposal's state as one plain badge: a Pending proposal is "Voting starts <time>". */
export function proposalBadge(p: { state: ProposalStateName; voteStart: bigint | number }): Badge {
  if (p.state === 'Pending') {
    return { status: 'Pending', label: `Voting starts ${formatTime(p.voteStart)}` };
  }
  return { status: p.state, label: p.state };
}

/** A listing status as readers see it: the index's and the enum's "None" is "Not applied". */
export const listingStatusLabel = (status: string): string =>
  status === 'None' ? 'Not applied' : status;
