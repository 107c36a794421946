// One dispute's live state from the chain, with its evidence (its votes and the lists come from
// the index).
import type { DisputeState } from '$protocol/indexer/types';
import {
  DISPUTE_STATES,
  PROPOSAL_STATES,
  type DisputeStateName,
  type ProposalStateName,
} from '$protocol/enums';
import { getBlock, readContract, readContracts, type Config } from '@wagmi/core';
import { erc721Abi, type Address, type Hex } from 'viem';
import type { CuriaContracts } from './contracts';
import { formatToken } from './format';
import { rejectedWords } from './versions';
import { linkProblem } from './docs';

export interface DisputeRow {
  id: bigint;
  modelId: bigint;
  challenger: Address;
  reason: number;
  state: DisputeStateName;
  previousStatus: number;
  deposit: bigint;
  /** Votes open after the snapshot, the voting delay after the challenge. */
  snapshot: number;
  votingEndsAt: number;
  appealEndsAt: number;
  quorumBps: number;
  keepVotes: bigint;
  removeVotes: bigint;
  appealBond: bigint;
  proposalId: bigint;
  /** The version challenged: the listed version, or a candidate (issue 16). */
  version: number;
}

/** Where a dispute in `Voting` stands at `now` (chain time). */
export { votingPhase } from './can';

export interface DisputeDetail extends DisputeRow {
  /** Votes needed to remove the model: the quorum share of the supply at the snapshot. */
  quorum: bigint;
  evidenceURI: string;
  evidenceHash: Hex;
  modelOwner: Address;
  /** Governor state of the appeal proposal, when there is one. */
  proposalState?: ProposalStateName;
  /** The model's listed version now (`versionsOf`): the one a rejected candidate leaves listed. */
  listedVersion: number;
}

export async function fetchDispute(
  config: Config,
  c: CuriaContracts,
  id: bigint,
): Promise<DisputeDetail | null> {
  const d = await readContract(config, { ...c.curation, functionName: 'disputeOf', args: [id] });
  if (DISPUTE_STATES[d.state] === 'None') return null;
  const block = await getBlock(config);
  // The quorum is a share of the supply at the snapshot; before the snapshot, of the supply now.
  const atSnapshot = block.timestamp > BigInt(d.snapshot);
  const [[evidence, supply, versions], owner] = await Promise.all([
    readContracts(config, {
      allowFailure: false,
      contracts: [
        { ...c.curation, functionName: 'challengeEvidenceOf', args: [id] },
        atSnapshot
          ? { ...c.token, functionName: 'getPastTotalSupply', args: [BigInt(d.snapshot)] }
          : { ...c.token, functionName: 'totalSupply' },
        { ...c.curation, functionName: 'versionsOf', args: [d.modelId] },
      ],
    }),
    readContract(config, {
      address: c.registry.address,
      abi: erc721Abi,
      functionName: 'ownerOf',
      args: [d.modelId],
    }),
  ]);
  let proposalState: ProposalStateName | undefined;
  if (d.proposalId !== 0n) {
    proposalState =
      PROPOSAL_STATES[
        await readContract(config, { ...c.governor, functionName: 'state', args: [d.proposalId] })
      ];
  }
  return {
    id,
    ...d,
    state: DISPUTE_STATES[d.state],
    quorum: (supply * BigInt(d.quorumBps)) / 10_000n,
    evidenceURI: evidence.uri,
    evidenceHash: evidence.hash,
    modelOwner: owner,
    proposalState,
    listedVersion: versions[0],
  };
}

export interface MyDisputeVote {
  hasVoted: boolean;
  /** The account's weight at the snapshot; before the snapshot, its voting power now. */
  weight: bigint;
  /** Whether `weight` is final (the snapshot has passed). */
  atSnapshot: boolean;
  nonce: bigint;
}

export async function fetchMyDisputeVote(
  config: Config,
  c: CuriaContracts,
  d: DisputeRow,
  account: Address,
  now: number,
): Promise<MyDisputeVote> {
  // Checkpoints are read strictly in the past: before the snapshot, only the power now is known.
  const atSnapshot = now > d.snapshot;
  const [hasVoted, weight, nonce] = await readContracts(config, {
    allowFailure: false,
    contracts: [
      { ...c.curation, functionName: 'hasVoted', args: [d.id, account] },
      atSnapshot
        ? { ...c.token, functionName: 'getPastVotes', args: [account, BigInt(d.snapshot)] }
        : { ...c.token, functionName: 'getVotes', args: [account] },
      { ...c.curation, functionName: 'nonces', args: [account] },
    ],
  });
  return { hasVoted, weight, atSnapshot, nonce };
}

/** The EIP-712 ballot of CurationDisputes.sol. */
export function disputeBallot(
  c: CuriaContracts,
  chainId: number,
  ballot: {
    disputeId: bigint;
    support: number;
    voter: Address;
    nonce: bigint;
    /** Unix seconds after which the signed ballot is refused. */
    deadline: bigint;
    reason: string;
  },
) {
  return {
    domain: {
      name: 'Curia Curation',
      version: '1',
      chainId,
      verifyingContract: c.curation.address,
    },
    types: {
      DisputeBallot: [
        { name: 'disputeId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
        { name: 'reason', type: 'string' },
      ],
    },
    primaryType: 'DisputeBallot',
    message: ballot,
  } as const;
}

// ---------------------------------------------------------------- the /disputes list (the index)

export const DISPUTES_PER_PAGE = 25;

/** Still being decided: voting, removed within the appeal window, or appealed to the DAO. */
export const OPEN_DISPUTE_STATES = [
  'Voting',
  'Removed',
  'Appealed',
] as const satisfies DisputeState[];
/** Decided: kept, restored on appeal, delisted for good, or a candidate version rejected. */
export const PAST_DISPUTE_STATES = [
  'Kept',
  'Restored',
  'Delisted',
  'Rejected',
] as const satisfies DisputeState[];

/**
 * The bond an appeal takes: what the appeal recorded once there is one, else what `appeal()` would
 * take now (the curation parameter AppealBond; `current`, undefined until read).
 */
export function appealBondOf(
  d: Pick<DisputeRow, 'appealBond' | 'proposalId'>,
  current: bigint | undefined,
): bigint | undefined {
  return d.proposalId !== 0n ? d.appealBond : current;
}

/**
 * The longest appeal statement the portal sends. It becomes the appeal proposal's description on
 * chain, where every voter reads it: a longer argument goes in an attached document (linked by its
 * content id and hash).
 */
export const MAX_STATEMENT = 2_000;

/** What is wrong with an appeal statement, in words (null: nothing). */
export function appealStatementProblem(statement: string): string | null {
  const text = statement.trim();
  if (!text) return 'Explain why the model should be restored.';
  if (text.length > MAX_STATEMENT) {
    return `The statement is ${text.length.toLocaleString('en-US')} characters; at most ${MAX_STATEMENT.toLocaleString('en-US')} go on chain. Shorten it, and attach the full argument as a document.`;
  }
  return null;
}

/** What is wrong with a challenge's evidence link, in words (null: nothing). */
export function evidenceLinkProblem(uri: string): string | null {
  if (!uri.trim()) return 'Give a link to the evidence.';
  return linkProblem(uri, 'evidence link');
}

/** How a dispute's vote stands (or ended): enough votes for a quorum, and which side leads. */
export function voteStanding(d: { keepVotes: bigint; removeVotes: bigint; quorum: bigint }) {
  const total = d.keepVotes + d.removeVotes;
  return { quorumReached: total >= d.quorum, removes: d.removeVotes > d.keepVotes, total };
}

/**
 * What a closed (or failed-appeal) dispute ended in, in words, and whether someone has CUR to
 * claim from it (refunds, rewards and shares are credited in the curation registry: /curate's
 * Claim pays them). Null for the states the page words itself (Voting, Removed, a live appeal,
 * Rejected).
 */
export function disputeOutcome(d: {
  state: DisputeStateName;
  keepVotes: bigint;
  removeVotes: bigint;
  quorum: bigint;
  proposalState?: ProposalStateName;
  appealBond: bigint;
  /** The disputed version and the listed one (a candidate is above it). */
  version: number;
  listedVersion: number;
}): { text: string; claim: boolean } | null {
  const shared =
    "the challenger's deposit was shared among its curators, its owner and the treasury";
  const bond = d.appealBond > 0n ? ` of ${formatToken(d.appealBond)}` : '';
  switch (d.state) {
    case 'Kept': {
      const s = voteStanding(d);
      return {
        text: s.quorumReached
          ? `The vote kept the model (${formatToken(d.keepVotes)} Keep against ${formatToken(d.removeVotes)} Remove): ${shared}.`
          : `Too few voted to reach the quorum (${formatToken(s.total)} of the ${formatToken(d.quorum)} needed), so the model stays: ${shared}.`,
        claim: true,
      };
    }
    case 'Delisted':
      return {
        text: "The model was delisted for good and slashed: the challenger's deposit came back with a reward.",
        claim: true,
      };
    case 'Restored':
      return {
        text: `The DAO upheld the appeal: the model is listed again, the owner's appeal bond${bond} came back, and ${shared}.`,
        claim: true,
      };
    case 'Rejected':
      return {
        text: `${rejectedWords(d.version, d.listedVersion)} Nobody vouched for the candidate, so nobody was slashed; the challenger's deposit came back.`,
        claim: true,
      };
    case 'Appealed':
      if (d.proposalState === 'Canceled' || d.proposalState === 'Defeated') {
        return {
          text: `The appeal failed: its proposal was ${d.proposalState === 'Canceled' ? 'canceled (by the proposal guardian or its proposer)' : 'defeated'}. Anyone can now finalize the delisting: the model's listing bond and its curators' stake are slashed, the challenger is paid, and the owner's appeal bond${bond} goes to the treasury.`,
          claim: false,
        };
      }
      return null;
    default:
      return null;
  }
}

/** What resolving a dispute whose vote ended does, as the votes stand (quorum, then majority). */
export function resolvePreview(d: {
  keepVotes: bigint;
  removeVotes: bigint;
  quorum: bigint;
  version: number;
  listedVersion: number;
}): string {
  const s = voteStanding(d);
  if (!s.quorumReached) return 'Too few voted to reach the quorum: resolving it keeps the model.';
  if (!s.removes) return 'Keep leads or ties: resolving it keeps the model.';
  return d.version > d.listedVersion
    ? `Remove leads with the quorum reached: resolving it rejects v${d.version} (v${d.listedVersion} stays listed).`
    : 'Remove leads with the quorum reached: resolving it removes the model (its owner may then appeal).';
}

/**
 * Whether a challenge's statement must be stored (again) as its evidence before it is sent: no
 * other evidence is given, or the evidence link is the statement's own document (`stored`, the
 * statement it was made from) and the statement changed since: a statement corrected after a
 * failed try must not send the old one on chain.
 */
export function mustStoreStatement(f: {
  statement: string;
  stored: string | null;
  uri: string;
  hash: string;
}): boolean {
  if (!f.statement.trim()) return false;
  if (f.stored !== null) return f.statement !== f.stored;
  return !f.uri.trim() && !f.hash.trim();
}

/**
 * What a challenger of a listing would get if the removal stands and nothing changes before it is
 * final (CurationDisputes.finalize): its deposit back and `rewardBps` of the owner's bond plus the
 * curators' slash (`slashBps` of their active and unbonding stake) counted up to the bond. A
 * challenge of a candidate version rejects it and slashes nothing: the deposit only.
 */
export function challengeOutcome(o: {
  deposit: bigint;
  bond: bigint;
  staked: bigint;
  slashBps: bigint;
  rewardBps: bigint;
  ofCandidate: boolean;
}): { reward: bigint; back: bigint } {
  if (o.ofCandidate) return { reward: 0n, back: o.deposit };
  const stakeSlashed = (o.staked * o.slashBps) / 10_000n;
  const counted = o.bond + (stakeSlashed < o.bond ? stakeSlashed : o.bond);
  const reward = (counted * o.rewardBps) / 10_000n;
  return { reward, back: o.deposit + reward };
}
