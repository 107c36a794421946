// Time series for charts: fees per currency, curator stake, proposal outcomes. Buckets start at
// multiples of their length in chain time (UTC hours, days, weeks from the epoch's Thursday).
import { and, asc, eq, gte, lt, sql } from 'ponder';
import { db } from 'ponder:api';
import { proposal, sale, stakeChange } from 'ponder:schema';
import {
  BUCKETS,
  type Bucket,
  type FeePoint,
  type ProposalOutcomePoint,
  type ProposalState,
  type Series,
  type StakePoint,
} from '../../../protocol/indexer/types.ts';
import { proposalStateSql } from './governance.ts';
import { address, asOf, BadRequest, int, nowOf, uint } from './util.ts';

type Query = Record<string, string | undefined>;

function bucketOf(query: Query): Bucket {
  const bucket = (query.bucket ?? 'day') as Bucket;
  if (!(bucket in BUCKETS)) {
    throw new BadRequest(
      `bucket must be one of ${Object.keys(BUCKETS).join(', ')}; got "${bucket}"`,
    );
  }
  return bucket;
}

/** Optional time range [from, to) in unix seconds. */
function range(query: Query, column: Parameters<typeof gte>[0]) {
  const max = 2 ** 40;
  const from = query.from ? int(query.from, 'from', 0, max) : undefined;
  const to = query.to ? int(query.to, 'to', 0, max) : undefined;
  return and(
    from !== undefined ? gte(column, BigInt(from)) : undefined,
    to !== undefined ? lt(column, BigInt(to)) : undefined,
  );
}

const sum = (column: unknown) => sql<string>`coalesce(sum(${column}), 0)`;
const whole = (v: string | null) => (v ?? '0').split('.')[0];

export async function feeSeries(query: Query): Promise<Series<FeePoint>> {
  const bucket = bucketOf(query);
  const size = BUCKETS[bucket];
  const t = sql<string>`floor(${sale.timestamp} / ${size}) * ${size}`;
  const rows = await db
    .select({
      t: t.as('t'),
      currency: sale.currency,
      sales: sql<string>`count(*)`,
      volume: sum(sale.price),
      curators: sum(sale.curators),
      auditors: sum(sale.auditors),
      treasury: sum(sale.treasury),
      royalties: sum(sale.royalties),
    })
    .from(sale)
    .where(
      and(
        range(query, sale.timestamp),
        query.model ? eq(sale.modelId, uint(query.model, 'model')) : undefined,
        query.currency ? eq(sale.currency, address(query.currency, 'currency')) : undefined,
      ),
    )
    .groupBy(sql`1`, sale.currency)
    .orderBy(asc(sql`1`), asc(sale.currency));
  return {
    bucket,
    points: rows.map((r) => {
      const [curators, auditors, treasury] = [r.curators, r.auditors, r.treasury].map(whole);
      return {
        t: Number(r.t),
        currency: r.currency,
        sales: Number(r.sales),
        volume: whole(r.volume),
        protocolFee: (BigInt(curators) + BigInt(auditors) + BigInt(treasury)).toString(),
        curators,
        auditors,
        treasury,
        royalties: whole(r.royalties),
      };
    }),
    asOf: await asOf(),
  };
}

export async function stakeSeries(query: Query): Promise<Series<StakePoint>> {
  const bucket = bucketOf(query);
  const size = BUCKETS[bucket];
  const t = sql<string>`floor(${stakeChange.timestamp} / ${size}) * ${size}`;
  const rows = await db
    .select({ t: t.as('t'), kind: stakeChange.kind, amount: sum(stakeChange.amount) })
    .from(stakeChange)
    .where(query.model ? eq(stakeChange.modelId, uint(query.model, 'model')) : undefined)
    .groupBy(sql`1`, stakeChange.kind)
    .orderBy(asc(sql`1`));
  const from = query.from ? int(query.from, 'from', 0, 2 ** 40) : 0;
  const to = query.to ? int(query.to, 'to', 0, 2 ** 40) : Number.MAX_SAFE_INTEGER;
  const points: StakePoint[] = [];
  let total = 0n;
  const byBucket = new Map<number, Record<string, bigint>>();
  for (const r of rows) {
    const key = Number(r.t);
    const entry = byBucket.get(key) ?? {};
    entry[r.kind] = BigInt(whole(r.amount));
    byBucket.set(key, entry);
  }
  for (const [key, k] of [...byBucket].sort((a, b) => a[0] - b[0])) {
    const [staked, unstaked, withdrawn, slashed] = ['stake', 'unstake', 'withdraw', 'slash'].map(
      (kind) => k[kind] ?? 0n,
    );
    // The running total counts everything before the range too.
    total += staked - withdrawn - slashed;
    if (key < from || key >= to) continue;
    points.push({
      t: key,
      staked: staked.toString(),
      unstakeRequested: unstaked.toString(),
      withdrawn: withdrawn.toString(),
      slashed: slashed.toString(),
      total: total.toString(),
    });
  }
  return { bucket, points, asOf: await asOf() };
}

export async function proposalSeries(query: Query): Promise<Series<ProposalOutcomePoint>> {
  const bucket = bucketOf(query);
  const size = BUCKETS[bucket];
  const at = await asOf();
  const t = sql<string>`floor(${proposal.createdAt} / ${size}) * ${size}`;
  const rows = await db
    .select({
      t: t.as('t'),
      state: proposalStateSql(nowOf(at)).as('state'),
      n: sql<string>`count(*)`,
    })
    .from(proposal)
    .where(range(query, proposal.createdAt))
    .groupBy(sql`1`, sql`2`)
    .orderBy(asc(sql`1`));
  const points = new Map<number, ProposalOutcomePoint>();
  for (const r of rows) {
    const key = Number(r.t);
    const point = points.get(key) ?? { t: key, created: 0, byState: {} };
    point.created += Number(r.n);
    point.byState[r.state as ProposalState] = Number(r.n);
    points.set(key, point);
  }
  return { bucket, points: [...points.values()], asOf: at };
}
