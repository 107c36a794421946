// A proposal's live state from the chain (state, tally, deadline, eta, quorum): what can change
// while it lives. Its text, actions and votes are history: they come from the index
// (web/routes/proposals/[id]/+page.server.ts), like the /proposals list (PROPOSAL_GROUPS below).
import { readContracts, type Config } from '@wagmi/core';
import { keccak256, stringToHex, type Address, type Hex } from 'viem';
import type { CuriaContracts } from './contracts';
import type { DecodeContext } from './decode';
import type { MarketplaceFees } from '$protocol/contracts';
import { PARAMETERS, PROPOSAL_STATES, type ProposalStateName } from '$protocol/enums';
import type { ProposalRow, ProposalState } from '$protocol/indexer/types';
import { proposalTitle } from '$protocol/proposal';
export { proposalTitle };

/** What the chain says about a proposal now. */
export interface ProposalLive {
  id: bigint;
  state: ProposalStateName;
  proposer: Address;
  /** Voting opens after this (the snapshot). */
  voteStart: bigint;
  deadline: bigint;
  /** Executable from (0: not queued). */
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Undefined until the snapshot has passed (the chain's clock: `quorum(snapshot)` answers). */
  quorum?: bigint;
}

/** A proposal's text and actions, as the index recorded them from ProposalCreated. */
export interface ProposalText {
  proposer: Address;
  title: string;
  description: string;
  descriptionHash: Hex;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  /** The dispute an appeal proposal appeals (the index checks the registry proposed it). */
  appealOf: bigint | null;
}

/** The text and actions of an indexed proposal, typed for the chain (the arguments of queue/execute). */
export function proposalText(row: ProposalRow): ProposalText {
  return {
    proposer: row.proposer,
    title: row.title || proposalTitle(row.description),
    description: row.description,
    descriptionHash: keccak256(stringToHex(row.description)),
    targets: [...row.targets],
    values: row.values.map((v) => BigInt(v)),
    calldatas: [...row.calldatas],
    appealOf: row.appealOf === null ? null : BigInt(row.appealOf),
  };
}

/**
 * The description as a proposal page shows it under its title: without its first line when that is
 * the title, and without the `#proposer=0x…` suffix (OpenZeppelin's front-running protection; the
 * page shows the proposer).
 */
export function proposalBody(description: string, title: string): string {
  const text = description.replace(/\s*#proposer=0x[0-9a-fA-F]{40}\s*$/, '');
  const [first, ...rest] = text.split('\n');
  return first.replace(/^#+\s*/, '').trim() === title ? rest.join('\n').trim() : text;
}

// The end of an appeal's description (CurationHelper.appealProposal), before its #proposer= suffix.
const APPEAL_FOOTER =
  /\s*---\nAppeal of dispute #(\d+)\. Executing this proposal lists the model again\.$/;

/**
 * An appeal proposal's body (proposalBody) split into the owner's statement and the dispute its
 * closing line names, so that the page can link the dispute and the model; null when the body does
 * not end with that line.
 */
export function splitAppeal(body: string): { statement: string; disputeId: bigint } | null {
  const m = APPEAL_FOOTER.exec(body);
  return m ? { statement: body.slice(0, m.index).trim(), disputeId: BigInt(m[1]) } : null;
}

/**
 * A proposal's live state; null when no proposal has this id on this chain. Whether the snapshot
 * has passed is the chain's answer (`quorum(snapshot)` reverts until then), not a clock of the
 * page's: before its first block the page only has the machine's, days behind a time-travelled
 * chain, and the quorum went missing on a page opened directly until the next block.
 */
export async function fetchProposalLive(
  config: Config,
  c: CuriaContracts,
  id: bigint,
): Promise<ProposalLive | null> {
  const [snapshot, proposer] = await readContracts(config, {
    allowFailure: false,
    contracts: [
      { ...c.governor, functionName: 'proposalSnapshot', args: [id] },
      { ...c.governor, functionName: 'proposalProposer', args: [id] },
    ],
  });
  if (snapshot === 0n) return null;
  const [state, votes, deadline, eta, quorum] = await readContracts(config, {
    allowFailure: true,
    contracts: [
      { ...c.governor, functionName: 'state', args: [id] },
      { ...c.governor, functionName: 'proposalVotes', args: [id] },
      { ...c.governor, functionName: 'proposalDeadline', args: [id] },
      { ...c.governor, functionName: 'proposalEta', args: [id] },
      // Reverts until the snapshot has passed (ERC5805FutureLookup): allowed to fail.
      { ...c.governor, functionName: 'quorum', args: [snapshot] },
    ],
  });
  if (state.status === 'failure') throw state.error;
  const [against, forVotes, abstain] = (votes.result as readonly [bigint, bigint, bigint]) ?? [
    0n,
    0n,
    0n,
  ];
  return {
    id,
    state: PROPOSAL_STATES[state.result],
    proposer,
    voteStart: snapshot,
    deadline: (deadline.result as bigint | undefined) ?? snapshot,
    eta: (eta.result as bigint | undefined) ?? 0n,
    votes: { against, for: forVotes, abstain },
    quorum: quorum.status === 'success' ? (quorum.result as bigint) : undefined,
  };
}

/** Current settings, so that decoded changes read "from X to Y". */
export async function fetchDecodeContext(
  config: Config,
  c: CuriaContracts,
): Promise<DecodeContext> {
  // Every ICurationRegistry.Parameter (PARAMETERS follows the contract's enum), then the rest.
  const n = PARAMETERS.length;
  const params = Array.from({ length: n }, (_, i) => i);
  const results = await readContracts(config, {
    allowFailure: false,
    contracts: [
      ...params.map((p) => ({ ...c.curation, functionName: 'parameter', args: [p] }) as const),
      { ...c.curation, functionName: 'guardian' },
      { ...c.governor, functionName: 'votingDelay' },
      { ...c.governor, functionName: 'votingPeriod' },
      { ...c.governor, functionName: 'proposalThreshold' },
      { ...c.governor, functionName: 'quorumNumerator' },
      { ...c.governor, functionName: 'lateQuorumVoteExtension' },
      { ...c.governor, functionName: 'proposalGuardian' },
      { ...c.timelock, functionName: 'getMinDelay' },
      { ...c.marketplace, functionName: 'fees' },
    ],
  });
  const r = results as readonly unknown[];
  return {
    curationParameters: r.slice(0, n) as bigint[],
    curationGuardian: r[n] as Address,
    votingDelay: r[n + 1] as bigint,
    votingPeriod: r[n + 2] as bigint,
    proposalThreshold: r[n + 3] as bigint,
    quorumNumerator: r[n + 4] as bigint,
    lateQuorumVoteExtension: r[n + 5] as bigint,
    proposalGuardian: r[n + 6] as Address,
    timelockDelay: r[n + 7] as bigint,
    marketplaceFees: r[n + 8] as MarketplaceFees,
  };
}

// ---------------------------------------------------------------- the /proposals list (the index)

export const PROPOSALS_PER_PAGE = 20;

/** The tabs of /proposals: states as the index computes them (`Governor.state` at its block). */
export const PROPOSAL_GROUPS: readonly { key: string; label: string; states: ProposalState[] }[] = [
  { key: 'active', label: 'Active', states: ['Active'] },
  { key: 'pending', label: 'Pending', states: ['Pending'] },
  { key: 'passed', label: 'Passed, to queue or execute', states: ['Succeeded', 'Queued'] },
  { key: 'executed', label: 'Executed', states: ['Executed'] },
  {
    key: 'closed',
    // Expired stays in the group, though this Governor never reports it (README: Proposals).
    label: 'Defeated or canceled',
    states: ['Defeated', 'Canceled', 'Expired'],
  },
];

/** The tab of a `?show=` value (undefined: all proposals). */
export function proposalGroup(key: string | null) {
  return PROPOSAL_GROUPS.find((g) => g.key === key);
}

/**
 * The curation parameter a temperature check talks about, from its title: the longest parameter
 * name it mentions (PARAMETERS, case-insensitive), and for an amount in CUR the number after "to"
 * ("Lower the listing bond to 2,500 CUR?" → Listing bond, "2500"). A guess the composer shows for
 * the proposer to check; undefined when no parameter is named.
 */
export function guessParameter(text: string): { index: number; value?: string } | undefined {
  const lower = text.toLowerCase();
  let index = -1;
  PARAMETERS.forEach((p, i) => {
    if (
      lower.includes(p.name.toLowerCase()) &&
      (index < 0 || p.name.length > PARAMETERS[index].name.length)
    )
      index = i;
  });
  if (index < 0) return undefined;
  const amount = /\bto\s+(\d[\d,]*(?:\.\d+)?)\s*CUR\b/i.exec(text);
  return PARAMETERS[index].unit === 'token' && amount
    ? { index, value: amount[1].replace(/,/g, '') }
    : { index };
}
