// CurationRegistry: listings and their history, curator stakes, disputes and their votes, appeals,
// slashing, suspensions, and the registry's fee flows (rewards, credits, claims, treasury).
import type { Context } from 'ponder:registry';
import {
  dispute,
  disputeVote,
  feeFlow,
  listingChange,
  model,
  stake,
  stakeChange,
  version,
} from 'ponder:schema';
import type { Address, Hex } from 'viem';
import { DISPUTE_STATES, REASONS } from '../../protocol/enums.ts';
import { addresses, CUR } from './lib/context.ts';
import { on } from './lib/on.ts';

interface Ev {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex; from: Address };
}

async function listingRow(
  context: Context,
  event: Ev,
  modelId: bigint,
  name: string,
  status: string,
  extra: { disputeId?: bigint; until?: bigint; actor?: Address } = {},
) {
  await context.db.insert(listingChange).values({
    id: event.id,
    modelId,
    event: name,
    status,
    disputeId: extra.disputeId ?? null,
    until: extra.until ?? null,
    actor: extra.actor ?? event.transaction.from,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
}

async function flow(
  context: Context,
  event: Ev,
  kind: string,
  amount: bigint,
  account: Address | null,
  modelId: bigint | null = null,
) {
  await context.db.insert(feeFlow).values({
    id: event.id,
    contract: 'CurationRegistry',
    kind,
    account,
    currency: CUR,
    amount,
    modelId,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}

async function stakeMove(
  context: Context,
  event: Ev,
  modelId: bigint,
  curator: Address | null,
  kind: string,
  amount: bigint,
) {
  await context.db.insert(stakeChange).values({
    id: event.id,
    modelId,
    curator,
    kind,
    amount,
    timestamp: event.block.timestamp,
  });
}

// ---------------------------------------------------------------- listing

on('CurationRegistry:ListingApplied', async ({ event, context }) => {
  const { modelId, owner, bond, pendingUntil } = event.args;
  await context.db.update(model, { id: modelId }).set((row) => ({
    storedStatus: 'Pending',
    pendingUntil,
    // The listing names the latest version (CurationRegistry.applyForListing).
    listedVersion: row.versionCount,
    candidateVersion: 0,
    candidateUntil: 0n,
    candidateChallenged: false,
    bond,
    bondReleaseAt: 0n,
    appliedAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  }));
  await listingRow(context, event, modelId, 'ListingApplied', 'Pending', {
    until: pendingUntil,
    actor: owner,
  });
});

on('CurationRegistry:ListingWithdrawn', async ({ event, context }) => {
  const { modelId, owner, bondReleaseAt } = event.args;
  await context.db.update(model, { id: modelId }).set({
    storedStatus: 'Withdrawn',
    bondReleaseAt,
    updatedAt: event.block.timestamp,
  });
  await listingRow(context, event, modelId, 'ListingWithdrawn', 'Withdrawn', {
    until: bondReleaseAt,
    actor: owner,
  });
});

on('CurationRegistry:BondWithdrawn', async ({ event, context }) => {
  await context.db.update(model, { id: event.args.modelId }).set({ bond: 0n });
});

on('CurationRegistry:ModelSuspended', async ({ event, context }) => {
  const { modelId, by, suspendedUntil } = event.args;
  await context.db
    .update(model, { id: modelId })
    .set({ suspendedUntil, updatedAt: event.block.timestamp });
  await listingRow(context, event, modelId, 'ModelSuspended', 'Suspended', {
    until: suspendedUntil,
    actor: by,
  });
});

on('CurationRegistry:SuspensionLifted', async ({ event, context }) => {
  const { modelId, by } = event.args;
  const row = await context.db
    .update(model, { id: modelId })
    .set({ suspendedUntil: 0n, updatedAt: event.block.timestamp });
  await listingRow(context, event, modelId, 'SuspensionLifted', row.storedStatus, { actor: by });
});

// ---------------------------------------------------------------- stakes

on('CurationRegistry:Staked', async ({ event, context }) => {
  const { modelId, curator, amount, totalActive } = event.args;
  const id = `${modelId}-${curator}`;
  const before = await context.db.find(stake, { id });
  const wasEmpty = !before || before.active + before.unbonding === 0n;
  await context.db
    .insert(stake)
    .values({
      id,
      modelId,
      curator,
      active: amount,
      unbonding: 0n,
      releaseAt: 0n,
      totalStaked: amount,
      totalWithdrawn: 0n,
      slashed: 0n,
      firstStakedAt: event.block.timestamp,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate((row) => ({
      active: row.active + amount,
      totalStaked: row.totalStaked + amount,
      updatedAt: event.block.timestamp,
    }));
  await context.db.update(model, { id: modelId }).set((m) => ({
    stakeActive: totalActive,
    stakeHeld: totalActive + m.stakeUnbonding,
    curatorCount: m.curatorCount + (wasEmpty ? 1 : 0),
  }));
  await stakeMove(context, event, modelId, curator, 'stake', amount);
});

on('CurationRegistry:UnstakeRequested', async ({ event, context }) => {
  const { modelId, curator, amount, releaseAt } = event.args;
  await context.db.update(stake, { id: `${modelId}-${curator}` }).set((s) => ({
    active: s.active - amount,
    unbonding: s.unbonding + amount,
    releaseAt,
    updatedAt: event.block.timestamp,
  }));
  await context.db.update(model, { id: modelId }).set((m) => ({
    stakeActive: m.stakeActive - amount,
    stakeUnbonding: m.stakeUnbonding + amount,
  }));
  await stakeMove(context, event, modelId, curator, 'unstake', amount);
});

on('CurationRegistry:StakeWithdrawn', async ({ event, context }) => {
  const { modelId, curator, amount } = event.args;
  const m = await context.db.find(model, { id: modelId });
  const id = `${modelId}-${curator}`;
  const position = await context.db.find(stake, { id });
  if (!m || !position) throw new Error(`StakeWithdrawn for unknown position ${id}`);
  // Read before the updates below: Ponder's cache hands out the row it then updates in place.
  const { active, unbonding } = position;
  if (m.storedStatus === 'Delisted') {
    // What the slash left of the whole position. The pool's active total loses the position's
    // active stake (CurationStaking._withdrawSlashed: fees still streaming to the model's curators
    // are shared by those who have not withdrawn yet); its unbonding total stays as it was.
    const owned = active + unbonding;
    await context.db.update(stake, { id }).set({
      active: 0n,
      unbonding: 0n,
      releaseAt: 0n,
      totalWithdrawn: position.totalWithdrawn + amount,
      slashed: position.slashed + owned - amount,
      updatedAt: event.block.timestamp,
    });
    await context.db.update(model, { id: modelId }).set({
      stakeActive: m.stakeActive - active,
      stakeHeld: m.stakeHeld - amount,
      curatorCount: m.curatorCount - (owned > 0n ? 1 : 0),
    });
  } else {
    await context.db.update(stake, { id }).set({
      unbonding: unbonding - amount,
      releaseAt: 0n,
      totalWithdrawn: position.totalWithdrawn + amount,
      updatedAt: event.block.timestamp,
    });
    await context.db.update(model, { id: modelId }).set({
      stakeUnbonding: m.stakeUnbonding - amount,
      stakeHeld: m.stakeHeld - amount,
      curatorCount: m.curatorCount - (active === 0n ? 1 : 0),
    });
  }
  await stakeMove(context, event, modelId, curator, 'withdraw', amount);
});

// ---------------------------------------------------------------- versions

/** The stored version fields once a candidate listed at read time is stored (`_promoteCandidate`). */
function promoted(
  row: {
    listedVersion: number;
    candidateVersion: number;
    candidateUntil: bigint;
    candidateChallenged: boolean;
  },
  now: bigint,
) {
  const listed =
    row.candidateVersion !== 0 && !row.candidateChallenged && now >= row.candidateUntil;
  return listed
    ? {
        listedVersion: row.candidateVersion,
        candidateVersion: 0,
        candidateUntil: 0n,
        candidateChallenged: false,
      }
    : {};
}

on('CurationRegistry:CandidatePublished', async ({ event, context }) => {
  const { modelId, version: number, candidateUntil } = event.args;
  await context.db.update(model, { id: modelId }).set((row) => ({
    ...promoted(row, event.block.timestamp),
    candidateVersion: number,
    candidateUntil,
    candidateChallenged: false,
    updatedAt: event.block.timestamp,
  }));
  await listingRow(context, event, modelId, 'CandidatePublished', 'Candidate', {
    until: candidateUntil,
  });
});

on('CurationRegistry:CandidateChallenged', async ({ event, context }) => {
  const { modelId, disputeId, version: number } = event.args;
  await context.db.update(model, { id: modelId }).set({ candidateChallenged: true });
  await context.db.update(dispute, { id: disputeId }).set({ version: number });
});

// ---------------------------------------------------------------- disputes

on('CurationRegistry:Challenged', async ({ event, context }) => {
  const { modelId, disputeId, challenger, reason, deposit, evidenceURI, evidenceHash } = event.args;
  // A listing still stored as Pending whose challenge period is over is recorded as Listed first
  // (CurationRegistry.challenge): it stays Listed while the dispute runs, and a Keep returns it there.
  const m = await context.db.update(model, { id: modelId }).set((row) => ({
    storedStatus:
      row.storedStatus === 'Pending' && event.block.timestamp >= row.pendingUntil
        ? 'Listed'
        : row.storedStatus,
    // A candidate whose window passed unchallenged is stored as the listed version (CurationRegistry.challenge).
    ...promoted(row, event.block.timestamp),
    openDispute: disputeId,
    disputeCount: row.disputeCount + 1,
    updatedAt: event.block.timestamp,
  }));
  await context.db.insert(dispute).values({
    id: disputeId,
    modelId,
    challenger,
    version: m.listedVersion,
    reason: REASONS[reason] ?? String(reason),
    deposit,
    evidenceUri: evidenceURI,
    evidenceHash,
    previousStatus: m.storedStatus,
    state: 'Voting',
    openedAt: event.block.timestamp,
    snapshot: event.args.snapshot,
    votingEndsAt: event.args.votingEndsAt,
    keepVotes: 0n,
    removeVotes: 0n,
    voterCount: 0,
    txHash: event.transaction.hash,
  });
  await listingRow(context, event, modelId, 'Challenged', m.storedStatus, {
    disputeId,
    until: event.args.votingEndsAt,
    actor: challenger,
  });
});

on('CurationRegistry:DisputeVoteCast', async ({ event, context }) => {
  const { disputeId, voter, support, weight, reason } = event.args;
  await context.db.insert(disputeVote).values({
    id: `${disputeId}-${voter}`,
    disputeId,
    voter,
    support: support === 0 ? 'Keep' : 'Remove',
    weight,
    reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await context.db.update(dispute, { id: disputeId }).set((d) => ({
    keepVotes: d.keepVotes + (support === 0 ? weight : 0n),
    removeVotes: d.removeVotes + (support === 0 ? 0n : weight),
    voterCount: d.voterCount + 1,
  }));
});

on('CurationRegistry:DisputeResolved', async ({ event, context }) => {
  const { disputeId, modelId, outcome, keepVotes, removeVotes, appealEndsAt } = event.args;
  const state = DISPUTE_STATES[outcome] ?? String(outcome);
  const d = await context.db.update(dispute, { id: disputeId }).set({
    state,
    keepVotes,
    removeVotes,
    resolvedAt: event.block.timestamp,
    appealEndsAt: state === 'Removed' ? appealEndsAt : null,
    closedAt: state === 'Kept' || state === 'Rejected' ? event.block.timestamp : null,
  });
  // A rejected candidate leaves the listing as it was (CurationRegistry.resolve).
  const closed = state === 'Kept' || state === 'Rejected';
  const status = closed ? d.previousStatus : 'Removed';
  await context.db.update(model, { id: modelId }).set({
    storedStatus: status,
    ...(closed ? { openDispute: 0n, candidateChallenged: false } : {}),
    ...(state === 'Rejected' ? { candidateVersion: 0, candidateUntil: 0n } : {}),
    updatedAt: event.block.timestamp,
  });
  if (state === 'Rejected' && d.version !== null) {
    await context.db
      .update(version, { id: `${modelId}-${d.version}` })
      .set({ rejectedBy: disputeId });
  }
  await listingRow(context, event, modelId, `DisputeResolved:${state}`, status, {
    disputeId,
    until: state === 'Removed' ? appealEndsAt : undefined,
  });
});

on('CurationRegistry:Appealed', async ({ event, context }) => {
  const { modelId, disputeId, proposalId, bond } = event.args;
  await context.db.update(dispute, { id: disputeId }).set({
    state: 'Appealed',
    proposalId,
    appealBond: bond,
    appealedAt: event.block.timestamp,
  });
  await listingRow(context, event, modelId, 'Appealed', 'Removed', { disputeId });
});

on('CurationRegistry:ModelRestored', async ({ event, context }) => {
  const { modelId, disputeId } = event.args;
  const d = await context.db
    .update(dispute, { id: disputeId })
    .set({ state: 'Restored', closedAt: event.block.timestamp });
  // A listing withdrawn before its challenge stays withdrawn (CurationRegistry.restoreModel).
  const status = d.previousStatus === 'Withdrawn' ? 'Withdrawn' : 'Listed';
  await context.db.update(model, { id: modelId }).set({
    storedStatus: status,
    suspendedUntil: 0n,
    openDispute: 0n,
    updatedAt: event.block.timestamp,
  });
  await listingRow(context, event, modelId, 'ModelRestored', status, { disputeId });
});

on('CurationRegistry:ModelDelisted', async ({ event, context }) => {
  const { modelId, disputeId, bondSlashed, stakeSlashed, challengerReward, toTreasury } =
    event.args;
  await context.db.update(dispute, { id: disputeId }).set({
    state: 'Delisted',
    closedAt: event.block.timestamp,
    bondSlashed,
    stakeSlashed,
    challengerReward,
    toTreasury,
  });
  await context.db.update(model, { id: modelId }).set((m) => ({
    storedStatus: 'Delisted',
    openDispute: 0n,
    bond: 0n,
    delistedBy: disputeId,
    // The pool keeps its nominal totals; what curators can still withdraw is what the slash left.
    stakeHeld: m.stakeActive + m.stakeUnbonding - stakeSlashed,
    updatedAt: event.block.timestamp,
  }));
  await stakeMove(context, event, modelId, null, 'slash', stakeSlashed);
  await listingRow(context, event, modelId, 'ModelDelisted', 'Delisted', { disputeId });
});

// ---------------------------------------------------------------- rewards and fees (CUR)

on('CurationRegistry:CuratorRewardsDistributed', async ({ event, context }) => {
  await flow(context, event, 'curatorRewards', event.args.amount, null, event.args.modelId);
});

on('CurationRegistry:Credited', async ({ event, context }) => {
  await flow(context, event, 'credited', event.args.amount, event.args.account);
});

on('CurationRegistry:Claimed', async ({ event, context }) => {
  await flow(context, event, 'claimed', event.args.amount, event.args.account);
});

on('CurationRegistry:TreasuryPaid', async ({ event, context }) => {
  await flow(context, event, 'treasury', event.args.amount, addresses.TimelockController);
});
