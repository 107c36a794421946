// An account's full history (every event that names it or that it sent) and its reputation
// figures as creator, curator, challenger, auditor, voter and delegate; a model's event history.
import { and, desc, eq, sql } from 'ponder';
import { db } from 'ponder:api';
import {
  auditor,
  auditReport,
  chainEvent,
  delegate,
  dispute,
  disputeVote,
  model,
  stake,
  vote,
} from 'ponder:schema';
import type {
  EventCount,
  HistoryEntry,
  Page,
  Reputation,
} from '../../../protocol/indexer/types.ts';
import { statusSql } from './models.ts';
import { asOf, nowOf, pageOf, paging, str, totalCount, uint, type SQL } from './util.ts';

type Query = Record<string, string | undefined>;

function toEntry(e: typeof chainEvent.$inferSelect): HistoryEntry {
  return {
    id: e.id,
    contract: e.contract,
    name: e.name,
    blockNumber: Number(e.blockNumber),
    logIndex: e.logIndex,
    timestamp: Number(e.timestamp),
    txHash: e.txHash,
    txFrom: e.txFrom,
    args: e.args as Record<string, unknown>,
    modelId: str(e.modelId),
  };
}

async function events(query: Query, where: SQL | undefined): Promise<Page<HistoryEntry>> {
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ e: chainEvent, total: totalCount })
    .from(chainEvent)
    .where(
      and(
        where,
        query.contract ? eq(chainEvent.contract, query.contract) : undefined,
        query.name ? eq(chainEvent.name, query.name) : undefined,
      ),
    )
    .orderBy(desc(chainEvent.blockNumber), desc(chainEvent.logIndex))
    .limit(limit)
    .offset(offset);
  return pageOf(rows, (r) => toEntry(r.e), { limit, offset }, asOf());
}

/** Every event that names the account (any address argument) or that its transactions emitted. */
export function accountHistory(account: `0x${string}`, query: Query) {
  return events(query, sql`${chainEvent.accounts} @> ARRAY[${account}]::text[]`);
}

/** Every event of every contract, newest first (filter with `contract` and `name`). */
export function allEvents(query: Query) {
  return events(query, undefined);
}

/** How many events of each kind the index holds. */
export async function eventCounts(): Promise<EventCount[]> {
  const rows = await db
    .select({ contract: chainEvent.contract, name: chainEvent.name, n: sql<string>`count(*)` })
    .from(chainEvent)
    .groupBy(chainEvent.contract, chainEvent.name)
    .orderBy(chainEvent.contract, chainEvent.name);
  return rows.map((r) => ({ contract: r.contract, name: r.name, count: Number(r.n) }));
}

export function modelEvents(idRaw: string | undefined, query: Query) {
  return events(query, sql`${chainEvent.modelId} = ${uint(idRaw, 'model id').toString()}::numeric`);
}

const big = (v: unknown) => (v === null || v === undefined ? '0' : String(v).split('.')[0]);

export async function reputation(account: `0x${string}`): Promise<Reputation> {
  const at = await asOf();
  const status = statusSql(nowOf(at));
  const [byStatus, positions, challenges, auditorRow, reports, votes, disputeVotes, delegateRow] =
    await Promise.all([
      db
        .select({
          status: status.as('status'),
          n: sql<string>`count(*)`,
          datasets: sql<string>`count(*) FILTER (WHERE ${model.kind} = 'Dataset')`,
        })
        .from(model)
        .where(eq(model.creator, account))
        .groupBy(sql`1`),
      db
        .select({
          delisted: sql<boolean>`${model.storedStatus} = 'Delisted'`.as('delisted'),
          positions: sql<string>`count(*)`,
          staked: sql<string>`sum(${stake.totalStaked})`,
          current: sql<string>`sum(CASE WHEN ${model.storedStatus} = 'Delisted' THEN 0 ELSE ${stake.active} + ${stake.unbonding} END)`,
          // Known when the curator withdrew what was left; otherwise their share of the pool's slash.
          lost: sql<string>`sum(${stake.slashed} + CASE WHEN ${model.storedStatus} = 'Delisted'
            AND ${model.stakeActive} + ${model.stakeUnbonding} > 0
            THEN floor((${stake.active} + ${stake.unbonding}) * coalesce(${dispute.stakeSlashed}, 0)
              / (${model.stakeActive} + ${model.stakeUnbonding})) ELSE 0 END)`,
        })
        .from(stake)
        .innerJoin(model, eq(model.id, stake.modelId))
        .leftJoin(dispute, eq(dispute.id, model.delistedBy))
        .where(eq(stake.curator, account))
        .groupBy(sql`1`),
      db
        .select({ state: dispute.state, n: sql<string>`count(*)` })
        .from(dispute)
        .where(eq(dispute.challenger, account))
        .groupBy(dispute.state),
      db.select().from(auditor).where(eq(auditor.id, account)),
      db
        .select({
          reports: sql<string>`count(*)`,
          passes: sql<string>`count(*) FILTER (WHERE ${auditReport.verdict} = 'Pass')`,
          overturned: sql<string>`count(*) FILTER (WHERE ${auditReport.verdict} = 'Pass'
            AND ${model.storedStatus} = 'Delisted' AND ${dispute.closedAt} >= ${auditReport.submittedAt})`,
        })
        .from(auditReport)
        .innerJoin(model, eq(model.id, auditReport.modelId))
        .leftJoin(dispute, eq(dispute.id, model.delistedBy))
        .where(eq(auditReport.auditor, account)),
      db
        .select({ n: sql<string>`count(*)` })
        .from(vote)
        .where(eq(vote.voter, account)),
      db
        .select({ n: sql<string>`count(*)` })
        .from(disputeVote)
        .where(eq(disputeVote.voter, account)),
      db.select().from(delegate).where(eq(delegate.id, account)),
    ]);

  const statusCounts: Reputation['creator']['byStatus'] = {};
  let models = 0;
  let datasets = 0;
  for (const row of byStatus) {
    statusCounts[row.status as keyof typeof statusCounts] = Number(row.n);
    models += Number(row.n);
    datasets += Number(row.datasets);
  }
  const pos = {
    delisted: positions.find((p) => p.delisted),
    kept: positions.find((p) => !p.delisted),
  };
  const states = Object.fromEntries(challenges.map((c) => [c.state, Number(c.n)]));
  const a = auditorRow[0];
  const d = delegateRow[0];
  return {
    account,
    asOf: at,
    creator: {
      models,
      datasets,
      byStatus: statusCounts,
      listed: (statusCounts.Listed ?? 0) + (statusCounts.Suspended ?? 0),
      delisted: statusCounts.Delisted ?? 0,
    },
    curator: {
      positions: Number(pos.delisted?.positions ?? 0) + Number(pos.kept?.positions ?? 0),
      totalStaked: (BigInt(big(pos.delisted?.staked)) + BigInt(big(pos.kept?.staked))).toString(),
      currentStake: big(pos.kept?.current),
      onDelisted: {
        models: Number(pos.delisted?.positions ?? 0),
        staked: big(pos.delisted?.staked),
        lost: big(pos.delisted?.lost),
      },
      onKept: { models: Number(pos.kept?.positions ?? 0), staked: big(pos.kept?.staked) },
    },
    challenger: {
      disputes: challenges.reduce((s, c) => s + Number(c.n), 0),
      // A rejected candidate version is a challenge won (the deposit comes back).
      won: (states.Delisted ?? 0) + (states.Rejected ?? 0),
      lost: (states.Kept ?? 0) + (states.Restored ?? 0),
      pending: (states.Voting ?? 0) + (states.Removed ?? 0) + (states.Appealed ?? 0),
    },
    auditor: a
      ? {
          accredited: a.accredited,
          bond: String(a.bond),
          reports: Number(reports[0]?.reports ?? 0),
          passes: Number(reports[0]?.passes ?? 0),
          overturnedPasses: Number(reports[0]?.overturned ?? 0),
          slashes: a.slashCount,
          slashedAmount: String(a.slashedAmount),
        }
      : null,
    voter: {
      proposalVotes: Number(votes[0]?.n ?? 0),
      disputeVotes: Number(disputeVotes[0]?.n ?? 0),
    },
    delegate: d
      ? { votes: String(d.votes), delegators: d.delegators, selfDelegated: d.selfDelegated }
      : null,
  };
}
