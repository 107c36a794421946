// Governor proposals from ProposalCreated events (getLogs from the deployment block), with their
// state and tallies in one multicall: a proposal's own page reads it from the chain. The list of
// /proposals comes from the index (PROPOSAL_GROUPS below).
import { getContractEvents, readContracts, type Config } from '@wagmi/core';
import { keccak256, stringToHex, type Address, type Hex } from 'viem';
import type { CuriaContracts } from './contracts';
import type { DecodeContext } from './decode';
import { PARAMETERS } from '$protocol/enums';
import type { ProposalState } from '$protocol/indexer/types';

export interface Proposal {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  voteStart: bigint;
  voteEnd: bigint;
  description: string;
  descriptionHash: Hex;
  title: string;
  state: number;
  deadline: bigint;
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  quorum?: bigint;
  createdBlock: bigint;
}

/** The first heading or line of a description, without markdown marks. */
export function proposalTitle(description: string): string {
  const line = description
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return (line ?? 'Untitled proposal').replace(/^#+\s*/, '').slice(0, 140) || 'Untitled proposal';
}

export async function fetchProposals(
  config: Config,
  c: CuriaContracts,
  fromBlock: bigint,
  now: number,
  onlyId?: bigint,
): Promise<Proposal[]> {
  const logs = await getContractEvents(config, {
    ...c.governor,
    eventName: 'ProposalCreated',
    fromBlock,
  });
  const created = logs
    .map((l) => ({ ...l.args, blockNumber: l.blockNumber }))
    .filter((a) => onlyId === undefined || a.proposalId === onlyId);
  if (created.length === 0) return [];
  const calls = created.flatMap((p) => {
    const id = p.proposalId!;
    return [
      { ...c.governor, functionName: 'state', args: [id] },
      { ...c.governor, functionName: 'proposalVotes', args: [id] },
      { ...c.governor, functionName: 'proposalDeadline', args: [id] },
      { ...c.governor, functionName: 'proposalEta', args: [id] },
      // Reverts while the snapshot is in the future: allowed to fail.
      { ...c.governor, functionName: 'quorum', args: [p.voteStart!] },
    ] as const;
  });
  const results = await readContracts(config, { contracts: calls, allowFailure: true });
  return created
    .map((p, i) => {
      const r = results.slice(i * 5, i * 5 + 5);
      const votes = (r[1].result as readonly [bigint, bigint, bigint] | undefined) ?? [0n, 0n, 0n];
      const description = p.description ?? '';
      return {
        id: p.proposalId!,
        proposer: p.proposer!,
        targets: [...(p.targets ?? [])],
        values: [...(p.values ?? [])],
        calldatas: [...(p.calldatas ?? [])],
        voteStart: p.voteStart!,
        voteEnd: p.voteEnd!,
        description,
        descriptionHash: keccak256(stringToHex(description)),
        title: proposalTitle(description),
        state: (r[0].result as number | undefined) ?? 0,
        deadline: (r[2].result as bigint | undefined) ?? p.voteEnd!,
        eta: (r[3].result as bigint | undefined) ?? 0n,
        votes: { against: votes[0], for: votes[1], abstain: votes[2] },
        quorum: BigInt(now) > p.voteStart! ? (r[4].result as bigint | undefined) : undefined,
        createdBlock: p.blockNumber ?? 0n,
      };
    })
    .sort((a, b) => Number(b.createdBlock - a.createdBlock));
}

export interface ProposalVote {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
}

export async function fetchProposalVotes(
  config: Config,
  c: CuriaContracts,
  id: bigint,
  fromBlock: bigint,
): Promise<ProposalVote[]> {
  const logs = await getContractEvents(config, { ...c.governor, eventName: 'VoteCast', fromBlock });
  return logs
    .filter((l) => l.args.proposalId === id)
    .map((l) => ({
      voter: l.args.voter!,
      support: l.args.support!,
      weight: l.args.weight!,
      reason: l.args.reason ?? '',
    }));
}

/** Current settings, so that decoded changes read "from X to Y". */
export async function fetchDecodeContext(
  config: Config,
  c: CuriaContracts,
): Promise<DecodeContext> {
  const params = Array.from({ length: 13 }, (_, i) => i);
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
    ],
  });
  const r = results as readonly unknown[];
  return {
    curationParameters: r.slice(0, 13) as bigint[],
    curationGuardian: r[13] as Address,
    votingDelay: r[14] as bigint,
    votingPeriod: r[15] as bigint,
    proposalThreshold: r[16] as bigint,
    quorumNumerator: r[17] as bigint,
    lateQuorumVoteExtension: r[18] as bigint,
    proposalGuardian: r[19] as Address,
    timelockDelay: r[20] as bigint,
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
    label: 'Defeated, canceled or expired',
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
