// CuriaGovernor, TimelockController and CuriaToken's voting side: proposals, votes with reasons,
// queueing and execution (also directly on the timelock), quorums, delegations and voting power.
import { eq, gte } from 'ponder';
import type { Context } from 'ponder:registry';
import { delegate, delegation, governance, proposal, vote, votesChange } from 'ponder:schema';
import { encodeAbiParameters, keccak256, toBytes, toHex, type Address, type Hex } from 'viem';
import { addresses, maxBig } from './lib/context.ts';
import { on, ZERO } from './lib/on.ts';
import { proposalTitle } from '../../protocol/proposal.ts';

/** GovernorVotesQuorumFraction's denominator (CuriaGovernor keeps the default). */
const QUORUM_DENOMINATOR = 100n;
const GOVERNANCE_ID = 'governor';

async function governanceRow(context: Context) {
  return (
    (await context.db.find(governance, { id: GOVERNANCE_ID })) ??
    (await context.db.insert(governance).values({
      id: GOVERNANCE_ID,
      totalSupply: 0n,
      quorumNumerator: 0n,
      quorumNumeratorSince: 0n,
    }))
  );
}

/**
 * A proposal's quorum is the supply at its voteStart times the numerator at its voteStart. When
 * either changes at `timestamp`, proposals whose voteStart is at or after it are recomputed (rare:
 * the supply is minted at deployment and the numerator changes only by a governance vote).
 */
async function refreshQuorums(context: Context, timestamp: bigint) {
  const g = await governanceRow(context);
  await context.db.sql
    .update(proposal)
    .set({ quorum: (g.totalSupply * g.quorumNumerator) / QUORUM_DENOMINATOR })
    .where(gte(proposal.voteStart, timestamp));
}

// The registry's appeal description (CurationRegistry.appeal), ending with its `#proposer=` suffix.
const APPEAL =
  /\n\n---\nAppeal of dispute #(\d+)\. Executing this proposal lists the model again\.\n\n#proposer=0x[0-9a-fA-F]{40}$/;

/** GovernorTimelockControl's operation id: salt = bytes20(governor) ^ descriptionHash. */
export function timelockIdOf(p: {
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
}): Hex {
  const descriptionHash = BigInt(keccak256(toBytes(p.description)));
  const salt = toHex((BigInt(addresses.CuriaGovernor) << 96n) ^ descriptionHash, { size: 32 });
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'address[]' },
        { type: 'uint256[]' },
        { type: 'bytes[]' },
        { type: 'bytes32' },
        { type: 'bytes32' },
      ],
      [p.targets, p.values, p.calldatas, toHex(0, { size: 32 }), salt],
    ),
  );
}

// ---------------------------------------------------------------- proposals

on('CuriaGovernor:ProposalCreated', async ({ event, context }) => {
  const a = event.args;
  const g = await governanceRow(context);
  const appeal =
    a.proposer.toLowerCase() === addresses.CurationRegistry.toLowerCase()
      ? APPEAL.exec(a.description)
      : null;
  await context.db.insert(proposal).values({
    id: a.proposalId,
    proposer: a.proposer,
    targets: [...a.targets],
    values: [...a.values],
    signatures: [...a.signatures],
    calldatas: [...a.calldatas],
    description: a.description,
    title: proposalTitle(a.description),
    appealOf: appeal ? BigInt(appeal[1]) : null,
    createdAt: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    voteStart: a.voteStart,
    voteEnd: a.voteEnd,
    deadline: a.voteEnd,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voterCount: 0,
    quorum: (g.totalSupply * g.quorumNumerator) / QUORUM_DENOMINATOR,
  });
});

async function countVote(
  context: Context,
  event: { block: { timestamp: bigint }; transaction: { hash: Hex } },
  a: {
    voter: Address;
    proposalId: bigint;
    support: number;
    weight: bigint;
    reason: string;
    params?: Hex;
  },
) {
  await context.db.insert(vote).values({
    id: `${a.proposalId}-${a.voter}`,
    proposalId: a.proposalId,
    voter: a.voter,
    support: a.support,
    weight: a.weight,
    reason: a.reason,
    params: a.params ?? null,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await context.db.update(proposal, { id: a.proposalId }).set((p) => ({
    againstVotes: p.againstVotes + (a.support === 0 ? a.weight : 0n),
    forVotes: p.forVotes + (a.support === 1 ? a.weight : 0n),
    abstainVotes: p.abstainVotes + (a.support === 2 ? a.weight : 0n),
    voterCount: p.voterCount + 1,
  }));
}

on('CuriaGovernor:VoteCast', async ({ event, context }) => {
  await countVote(context, event, event.args);
});

on('CuriaGovernor:VoteCastWithParams', async ({ event, context }) => {
  await countVote(context, event, event.args);
});

on('CuriaGovernor:ProposalExtended', async ({ event, context }) => {
  const { proposalId, extendedDeadline } = event.args;
  await context.db
    .update(proposal, { id: proposalId })
    .set((p) => ({ deadline: maxBig(p.voteEnd, extendedDeadline) }));
});

on('CuriaGovernor:ProposalQueued', async ({ event, context }) => {
  const { proposalId, etaSeconds } = event.args;
  const p = await context.db.find(proposal, { id: proposalId });
  if (!p) throw new Error(`ProposalQueued for unknown proposal ${proposalId}`);
  await context.db.update(proposal, { id: proposalId }).set({
    eta: etaSeconds,
    queuedAt: event.block.timestamp,
    timelockId: timelockIdOf(p),
    timelockState: 'Pending',
  });
});

on('CuriaGovernor:ProposalExecuted', async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ executedAt: event.block.timestamp });
});

on('CuriaGovernor:ProposalCanceled', async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ canceledAt: event.block.timestamp });
});

on('CuriaGovernor:QuorumNumeratorUpdated', async ({ event, context }) => {
  await governanceRow(context);
  await context.db.update(governance, { id: GOVERNANCE_ID }).set({
    quorumNumerator: event.args.newQuorumNumerator,
    quorumNumeratorSince: event.block.timestamp,
  });
  await refreshQuorums(context, event.block.timestamp);
});

// ---------------------------------------------------------------- timelock

/**
 * Anyone may execute a queued operation on the timelock itself; the Governor then reports the
 * proposal Executed. The operation id is known from ProposalQueued (indexed by `timelockId`).
 */
async function timelockSettled(context: Context, id: Hex, state: 'Done' | 'Canceled') {
  await context.db.sql
    .update(proposal)
    .set({ timelockState: state })
    .where(eq(proposal.timelockId, id));
}

on('TimelockController:CallExecuted', async ({ event, context }) => {
  await timelockSettled(context, event.args.id, 'Done');
});

on('TimelockController:Cancelled', async ({ event, context }) => {
  await timelockSettled(context, event.args.id, 'Canceled');
});

// ---------------------------------------------------------------- token: supply, delegations

on('CuriaToken:Transfer', async ({ event, context }) => {
  const { from, to, value } = event.args;
  if (from !== ZERO && to !== ZERO) return;
  const g = await governanceRow(context);
  const supply = g.totalSupply + (from === ZERO ? value : 0n) - (to === ZERO ? value : 0n);
  await context.db.update(governance, { id: GOVERNANCE_ID }).set({ totalSupply: supply });
  await refreshQuorums(context, event.block.timestamp);
});

on('CuriaToken:DelegateChanged', async ({ event, context }) => {
  const { delegator, fromDelegate, toDelegate } = event.args;
  const at = event.block.timestamp;
  await context.db
    .insert(delegation)
    .values({ id: delegator, delegate: toDelegate, since: at })
    .onConflictDoUpdate({ delegate: toDelegate, since: at });
  // A holder delegating to itself is not one of its own delegators: it is marked self-delegated.
  if (fromDelegate !== ZERO) {
    const self = fromDelegate === delegator;
    await context.db
      .update(delegate, { id: fromDelegate })
      .set((d) =>
        self
          ? { selfDelegated: false, updatedAt: at }
          : { delegators: d.delegators - 1, updatedAt: at },
      );
  }
  if (toDelegate !== ZERO) {
    const self = toDelegate === delegator;
    await context.db
      .insert(delegate)
      .values({
        id: toDelegate,
        votes: 0n,
        delegators: self ? 0 : 1,
        selfDelegated: self,
        updatedAt: at,
      })
      .onConflictDoUpdate((d) =>
        self
          ? { selfDelegated: true, updatedAt: at }
          : { delegators: d.delegators + 1, updatedAt: at },
      );
  }
});

on('CuriaToken:DelegateVotesChanged', async ({ event, context }) => {
  const { delegate: account, previousVotes, newVotes } = event.args;
  await context.db
    .insert(delegate)
    .values({
      id: account,
      votes: newVotes,
      delegators: 0,
      selfDelegated: false,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate({ votes: newVotes, updatedAt: event.block.timestamp });
  await context.db.insert(votesChange).values({
    id: event.id,
    delegate: account,
    previousVotes,
    newVotes,
    timestamp: event.block.timestamp,
  });
});
