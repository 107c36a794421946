// The votes an account can still cast, for the home page: proposals and disputes whose vote is
// open (the snapshot passed, the deadline not), that it has not voted in, where it has weight.
// The open votes come from the index; whether the account voted and its weight at each snapshot
// from the chain (what a vote would count).
import { readContracts, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import type { IndexerClient } from '$protocol/indexer/client';
import type { CuriaContracts } from './contracts';

export interface OpenVote {
  kind: 'proposal' | 'dispute';
  id: bigint;
  title: string;
  /** When the vote closes (chain time, seconds). */
  endsAt: number;
  /** The account's weight at the vote's snapshot. */
  weight: bigint;
}

/** A vote that is open now, before knowing whether the account voted in it. */
export interface OpenBallot {
  kind: OpenVote['kind'];
  id: bigint;
  title: string;
  snapshot: number;
  endsAt: number;
}

/** How many of each the home page asks the index for (the most recent first). */
const LIMIT = 50;

/**
 * The ballots among `ballots` the account can still cast at `now`: open (snapshot passed, end not),
 * not voted (`reads[i].voted`), with weight (`reads[i].weight`). Soonest to close first.
 */
export function openVotes(
  ballots: readonly OpenBallot[],
  reads: readonly { voted: boolean; weight: bigint }[],
  now: number,
): OpenVote[] {
  if (reads.length !== ballots.length) throw new Error('one read per ballot');
  return ballots
    .map((b, i) => ({ b, r: reads[i] }))
    .filter(({ b, r }) => now > b.snapshot && now <= b.endsAt && !r.voted && r.weight > 0n)
    .map(({ b, r }) => ({
      kind: b.kind,
      id: b.id,
      title: b.title,
      endsAt: b.endsAt,
      weight: r.weight,
    }))
    .sort((x, y) => x.endsAt - y.endsAt || (x.kind < y.kind ? -1 : 1));
}

export async function fetchOpenVotes(
  config: Config,
  c: CuriaContracts,
  indexer: IndexerClient,
  account: Address,
  now: number,
): Promise<OpenVote[]> {
  const [proposals, disputes] = await Promise.all([
    indexer.proposals({ state: 'Active', limit: LIMIT }),
    indexer.disputes({ state: 'Voting', limit: LIMIT }),
  ]);
  const ballots: OpenBallot[] = [
    ...proposals.items.map((p) => ({
      kind: 'proposal' as const,
      id: BigInt(p.id),
      title: p.title,
      snapshot: p.voteStart,
      endsAt: p.deadline,
    })),
    ...disputes.items.map((d) => ({
      kind: 'dispute' as const,
      id: BigInt(d.id),
      title: `${d.reason} challenge of ${d.modelTitle ?? `model #${d.modelId}`}`,
      snapshot: d.snapshot,
      endsAt: d.votingEndsAt,
    })),
  ].filter((b) => now > b.snapshot && now <= b.endsAt);
  if (!ballots.length) return [];
  // Checkpoints are read strictly in the past, which an open vote's snapshot is.
  const ofProposals = ballots.filter((b) => b.kind === 'proposal');
  const ofDisputes = ballots.filter((b) => b.kind === 'dispute');
  const [p, d] = await Promise.all([
    // A multicall of nothing is not sent.
    ofProposals.length === 0
      ? []
      : readContracts(config, {
          allowFailure: false,
          contracts: ofProposals.flatMap((b) => [
            { ...c.governor, functionName: 'hasVoted', args: [b.id, account] } as const,
            {
              ...c.governor,
              functionName: 'getVotes',
              args: [account, BigInt(b.snapshot)],
            } as const,
          ]),
        }),
    ofDisputes.length === 0
      ? []
      : readContracts(config, {
          allowFailure: false,
          contracts: ofDisputes.flatMap((b) => [
            { ...c.curation, functionName: 'hasVoted', args: [b.id, account] } as const,
            {
              ...c.token,
              functionName: 'getPastVotes',
              args: [account, BigInt(b.snapshot)],
            } as const,
          ]),
        }),
  ]);
  const pairs = (r: readonly unknown[]) =>
    Array.from({ length: r.length / 2 }, (_, i) => ({
      voted: r[2 * i] as boolean,
      weight: r[2 * i + 1] as bigint,
    }));
  return openVotes([...ofProposals, ...ofDisputes], [...pairs(p), ...pairs(d)], now);
}
