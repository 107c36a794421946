// Proposals by state, a proposal's votes, disputes and their votes, delegates.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'ponder';
import { db } from 'ponder:api';
import { delegate, dispute, disputeVote, model, proposal, vote } from 'ponder:schema';
import {
  DISPUTE_STATES,
  PROPOSAL_STATES,
  type DelegateRow,
  type DisputeRow,
  type DisputeVoteRow,
  type Page,
  type ProposalRow,
  type ProposalState,
  type VoteRow,
} from '../../../protocol/indexer/types.ts';
import { toDispute } from './models.ts';
import {
  address,
  asOf,
  BadRequest,
  int,
  list,
  nowOf,
  num,
  pageOf,
  paging,
  str,
  totalCount,
  uint,
} from './util.ts';

type Query = Record<string, string | undefined>;

/** `Governor.state` at `now` (OpenZeppelin 5 with GovernorTimelockControl), from stored fields. */
export function proposalStateSql(now: bigint) {
  const n = sql`${now.toString()}::numeric`;
  return sql<string>`CASE
    WHEN ${proposal.executedAt} IS NOT NULL THEN 'Executed'
    WHEN ${proposal.canceledAt} IS NOT NULL THEN 'Canceled'
    WHEN ${proposal.voteStart} >= ${n} THEN 'Pending'
    WHEN ${proposal.deadline} >= ${n} THEN 'Active'
    WHEN NOT (${proposal.quorum} <= ${proposal.forVotes} + ${proposal.abstainVotes}
              AND ${proposal.forVotes} > ${proposal.againstVotes}) THEN 'Defeated'
    WHEN ${proposal.eta} IS NULL THEN 'Succeeded'
    WHEN ${proposal.timelockState} = 'Done' THEN 'Executed'
    WHEN ${proposal.timelockState} = 'Canceled' THEN 'Canceled'
    ELSE 'Queued' END`;
}

function toProposal(p: typeof proposal.$inferSelect, state: string): ProposalRow {
  return {
    id: String(p.id),
    proposer: p.proposer,
    title: p.title,
    description: p.description,
    state: state as ProposalState,
    targets: p.targets,
    values: p.values.map(String),
    signatures: p.signatures,
    calldatas: p.calldatas,
    appealOf: str(p.appealOf),
    createdAt: Number(p.createdAt),
    blockNumber: Number(p.blockNumber),
    txHash: p.txHash,
    voteStart: Number(p.voteStart),
    voteEnd: Number(p.voteEnd),
    deadline: Number(p.deadline),
    forVotes: String(p.forVotes),
    againstVotes: String(p.againstVotes),
    abstainVotes: String(p.abstainVotes),
    voterCount: p.voterCount,
    quorum: String(p.quorum),
    quorumReached: p.quorum <= p.forVotes + p.abstainVotes,
    eta: num(p.eta),
    queuedAt: num(p.queuedAt),
    executedAt: num(p.executedAt),
    canceledAt: num(p.canceledAt),
  };
}

export async function proposals(query: Query): Promise<Page<ProposalRow>> {
  const { limit, offset } = paging(query);
  const at = await asOf();
  const state = proposalStateSql(nowOf(at));
  const states = list(query.state, 'state', PROPOSAL_STATES);
  if (query.appeal !== undefined && query.appeal !== 'true' && query.appeal !== 'false') {
    throw new BadRequest(`appeal must be true or false; got "${query.appeal}"`);
  }
  const rows = await db
    .select({ p: proposal, state: state.as('state'), total: totalCount })
    .from(proposal)
    .where(
      and(
        states ? inArray(state, states) : undefined,
        query.proposer ? eq(proposal.proposer, address(query.proposer, 'proposer')) : undefined,
        query.appeal === 'true' ? isNotNull(proposal.appealOf) : undefined,
        query.appeal === 'false' ? isNull(proposal.appealOf) : undefined,
      ),
    )
    .orderBy(desc(proposal.createdAt), desc(proposal.blockNumber), asc(proposal.id))
    .limit(limit)
    .offset(offset);
  return pageOf(rows, (r) => toProposal(r.p, r.state), { limit, offset }, at);
}

export async function proposalById(idRaw: string | undefined) {
  const id = uint(idRaw, 'proposal id');
  const at = await asOf();
  const [row] = await db
    .select({ p: proposal, state: proposalStateSql(nowOf(at)).as('state') })
    .from(proposal)
    .where(eq(proposal.id, id));
  return row ? { ...toProposal(row.p, row.state), asOf: at } : undefined;
}

export async function proposalVotes(
  idRaw: string | undefined,
  query: Query,
): Promise<Page<VoteRow>> {
  const id = uint(idRaw, 'proposal id');
  const { limit, offset } = paging(query);
  const support = query.support === undefined ? undefined : int(query.support, 'support', 0, 2);
  const sort = query.sort ?? 'weight';
  if (sort !== 'weight' && sort !== 'recent') {
    throw new BadRequest(`sort must be weight or recent; got "${sort}"`);
  }
  const rows = await db
    .select({ v: vote, total: totalCount })
    .from(vote)
    .where(
      and(eq(vote.proposalId, id), support === undefined ? undefined : eq(vote.support, support)),
    )
    .orderBy(
      ...(sort === 'weight'
        ? [desc(vote.weight), asc(vote.voter)]
        : [desc(vote.timestamp), asc(vote.voter)]),
    )
    .limit(limit)
    .offset(offset);
  return pageOf(rows, ({ v }) => toVote(v), { limit, offset }, asOf());
}

function toVote(v: typeof vote.$inferSelect): VoteRow {
  return {
    proposalId: String(v.proposalId),
    voter: v.voter,
    support: v.support as VoteRow['support'],
    weight: String(v.weight),
    reason: v.reason,
    params: v.params,
    timestamp: Number(v.timestamp),
    txHash: v.txHash,
  };
}

/** A voter's proposal votes. */
export async function votesBy(voter: `0x${string}`, query: Query): Promise<Page<VoteRow>> {
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ v: vote, total: totalCount })
    .from(vote)
    .where(eq(vote.voter, voter))
    .orderBy(desc(vote.timestamp), asc(vote.id))
    .limit(limit)
    .offset(offset);
  return pageOf(rows, ({ v }) => toVote(v), { limit, offset }, asOf());
}

const modelTitle = sql<string | null>`coalesce(${model.title}, ${model.name})`;

export async function disputes(query: Query): Promise<Page<DisputeRow>> {
  const { limit, offset } = paging(query);
  const at = await asOf();
  const states = list(query.state, 'state', DISPUTE_STATES);
  const rows = await db
    .select({ d: dispute, title: modelTitle.as('title'), total: totalCount })
    .from(dispute)
    .leftJoin(model, eq(model.id, dispute.modelId))
    .where(
      and(
        states ? inArray(dispute.state, states) : undefined,
        query.model ? eq(dispute.modelId, uint(query.model, 'model')) : undefined,
        query.challenger
          ? eq(dispute.challenger, address(query.challenger, 'challenger'))
          : undefined,
      ),
    )
    .orderBy(desc(dispute.id))
    .limit(limit)
    .offset(offset);
  return pageOf(rows, (r) => toDispute(r.d, r.title, nowOf(at)), { limit, offset }, at);
}

export async function disputeById(idRaw: string | undefined) {
  const id = uint(idRaw, 'dispute id');
  const at = await asOf();
  const [row] = await db
    .select({ d: dispute, title: modelTitle.as('title') })
    .from(dispute)
    .leftJoin(model, eq(model.id, dispute.modelId))
    .where(eq(dispute.id, id));
  return row ? { ...toDispute(row.d, row.title, nowOf(at)), asOf: at } : undefined;
}

export async function disputeVotes(
  idRaw: string | undefined,
  query: Query,
): Promise<Page<DisputeVoteRow>> {
  const id = uint(idRaw, 'dispute id');
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ v: disputeVote, total: totalCount })
    .from(disputeVote)
    .where(eq(disputeVote.disputeId, id))
    .orderBy(desc(disputeVote.weight), asc(disputeVote.voter))
    .limit(limit)
    .offset(offset);
  return pageOf(
    rows,
    ({ v }) => ({
      disputeId: String(v.disputeId),
      voter: v.voter,
      support: v.support as DisputeVoteRow['support'],
      weight: String(v.weight),
      reason: v.reason,
      timestamp: Number(v.timestamp),
      txHash: v.txHash,
    }),
    { limit, offset },
    asOf(),
  );
}

export async function delegates(query: Query): Promise<Page<DelegateRow>> {
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ d: delegate, total: totalCount })
    .from(delegate)
    .where(sql`${delegate.votes} > 0 OR ${delegate.delegators} > 0`)
    .orderBy(desc(delegate.votes), asc(delegate.id))
    .limit(limit)
    .offset(offset);
  return pageOf(
    rows,
    ({ d }) => ({
      account: d.id,
      votes: String(d.votes),
      delegators: d.delegators,
      selfDelegated: d.selfDelegated,
      updatedAt: Number(d.updatedAt),
    }),
    { limit, offset },
    asOf(),
  );
}
