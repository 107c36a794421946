// Models: search with filters and sorts, one model with its whole record, curators, licenses, sales.
import { and, asc, desc, eq, exists, inArray, isNull, lte, notExists, or, sql } from 'ponder';
import { db } from 'ponder:api';
import {
  auditReport,
  dispute,
  license,
  lineage,
  listingChange,
  model,
  offer,
  sale,
  stake,
  version,
} from 'ponder:schema';
import {
  AUDITED_FILTERS,
  LISTING_STATUSES,
  MODEL_SORTS,
  type AccountStakeRow,
  type AuditSummary,
  type AuditReportRow,
  type CandidateRow,
  type DisputeRow,
  type DisputeState,
  type LicenseRow,
  type ListingStatus,
  type ModelDetail,
  type ModelSort,
  type ModelSummary,
  type OfferRow,
  type Page,
  type PriceRow,
  type SaleRow,
  type StakeRow,
} from '../../../protocol/indexer/types.ts';
import {
  address,
  asOf,
  BadRequest,
  counted,
  likeText,
  list,
  nowOf,
  num,
  pageOf,
  paging,
  str,
  totalCount,
  uint,
  type AsOf,
  type SQL,
} from './util.ts';

type Query = Record<string, string | undefined>;

/** `CurationRegistry.statusOf` at `now`, from the stored listing. */
export function statusSql(now: bigint) {
  const n = sql`${now.toString()}::numeric`;
  return sql<string>`CASE
    WHEN ${model.storedStatus} = 'Pending' AND (${model.openDispute} = 0 OR ${model.candidateChallenged})
      AND ${model.pendingUntil} <= ${n}
      THEN CASE WHEN ${model.suspendedUntil} > ${n} THEN 'Suspended' ELSE 'Listed' END
    WHEN ${model.storedStatus} = 'Listed' AND ${model.suspendedUntil} > ${n} THEN 'Suspended'
    ELSE ${model.storedStatus} END`;
}

/** Same rule in TypeScript, for one row already read. */
export function statusAt(
  m: {
    storedStatus: string;
    openDispute: bigint;
    pendingUntil: bigint;
    suspendedUntil: bigint;
    candidateChallenged?: boolean;
  },
  now: bigint,
): ListingStatus {
  let status = m.storedStatus;
  // A challenge of the candidate version does not hold the listing back.
  const held = m.openDispute !== 0n && !m.candidateChallenged;
  if (status === 'Pending' && !held && now >= m.pendingUntil) status = 'Listed';
  if (status === 'Listed' && now < m.suspendedUntil) status = 'Suspended';
  return status as ListingStatus;
}

type ModelRow = typeof model.$inferSelect;
type VersionRow = typeof version.$inferSelect;

type StoredVersions = Pick<
  ModelRow,
  'listedVersion' | 'candidateVersion' | 'candidateUntil' | 'candidateChallenged' | 'versionCount'
>;

/**
 * `CurationRegistry.versionsOf` at `now`, from the stored listing: the listed version (0: never
 * listed; a candidate whose window passed unchallenged is listed) and the pending candidate; and the
 * version whose card the lists show (the listed one, or the latest when never listed).
 */
export function versionsAt(
  m: StoredVersions,
  now: bigint,
): { listed: number; candidate: CandidateRow | null; shown: number } {
  if (m.candidateVersion !== 0 && !m.candidateChallenged && now >= m.candidateUntil) {
    return { listed: m.candidateVersion, candidate: null, shown: m.candidateVersion };
  }
  const candidate =
    m.candidateVersion === 0
      ? null
      : {
          version: m.candidateVersion,
          until: Number(m.candidateUntil),
          challenged: m.candidateChallenged,
        };
  return {
    listed: m.listedVersion,
    candidate,
    shown: m.listedVersion !== 0 ? m.listedVersion : m.versionCount,
  };
}

/** Same rule in SQL: the version whose card and audits the lists show (`versionsAt(...).shown`). */
export function shownVersionSql(now: bigint) {
  const n = sql`${now.toString()}::numeric`;
  return sql<number>`(CASE
    WHEN ${model.candidateVersion} <> 0 AND NOT ${model.candidateChallenged}
      AND ${model.candidateUntil} <= ${n} THEN ${model.candidateVersion}
    WHEN ${model.listedVersion} <> 0 THEN ${model.listedVersion}
    ELSE ${model.versionCount} END)`;
}

/** The joined version's card field, or the model row's (the latest's) when no version row joined. */
const joined = <T>(v: unknown, m: unknown) =>
  sql<T>`(CASE WHEN ${version.id} IS NULL THEN ${m} ELSE ${v} END)`;

/** The shown version's card fields (`shownVersionJoin` joins its row). */
const shownCard = {
  searchText: joined<string>(version.searchText, model.searchText),
  title: joined<string | null>(version.title, model.title),
  name: joined<string | null>(version.name, model.name),
  tags: joined<string[]>(version.tags, model.tags),
  language: joined<string[]>(version.language, model.language),
  license: joined<string | null>(version.license, model.license),
  pipelineTag: joined<string | null>(version.pipelineTag, model.pipelineTag),
};

const ETH = '0x0000000000000000000000000000000000000000';

/** An offer one can buy now: `Marketplace.buyLicense` takes it (active, not sold out). */
const offerAvailable = sql`(${offer.cap} = 0 OR ${offer.sold} < ${offer.cap})`;

export interface Market {
  prices: PriceRow[];
  audits: AuditSummary;
}

/**
 * Prices (cheapest available offer per currency) and audit verdicts (current reports on the version
 * each list shows: the listed one, or the latest when never listed) of a page of models: two
 * grouped, indexed queries for the whole page.
 */
export async function marketOf(models: { id: bigint; version: number }[]) {
  const out = new Map<bigint, Market>();
  for (const m of models) {
    out.set(m.id, {
      prices: [],
      audits: { version: m.version, pass: 0, concerns: 0, fail: 0, slashed: 0 },
    });
  }
  if (models.length === 0) return out;
  const ids = models.map((m) => m.id);
  const shown = or(
    ...models.map((m) => and(eq(auditReport.modelId, m.id), eq(auditReport.version, m.version))),
  );
  const [prices, verdicts] = await Promise.all([
    db
      .select({
        modelId: offer.modelId,
        currency: offer.currency,
        price: sql<string>`min(${offer.price})`,
        offers: sql<string>`count(*)`,
      })
      .from(offer)
      .where(and(inArray(offer.modelId, ids), eq(offer.active, true), offerAvailable))
      .groupBy(offer.modelId, offer.currency),
    db
      .select({
        modelId: auditReport.modelId,
        verdict: auditReport.verdict,
        slashed: auditReport.slashed,
        n: sql<string>`count(*)`,
      })
      .from(auditReport)
      .where(and(inArray(auditReport.modelId, ids), shown, isNull(auditReport.replacedBy)))
      .groupBy(auditReport.modelId, auditReport.verdict, auditReport.slashed),
  ]);
  for (const p of prices) {
    out.get(p.modelId)?.prices.push({
      currency: p.currency,
      price: String(p.price),
      offers: Number(p.offers),
    });
  }
  for (const m of out.values()) {
    // ETH first, then tokens by address.
    m.prices.sort((a, b) =>
      a.currency === ETH ? -1 : b.currency === ETH ? 1 : a.currency.localeCompare(b.currency),
    );
  }
  for (const v of verdicts) {
    const audits = out.get(v.modelId)?.audits;
    // A slashed Pass is no longer a Pass: its auditor paid for it after the model was delisted.
    const key = (
      v.verdict === 'Pass' && v.slashed
        ? 'slashed'
        : { Pass: 'pass', Concerns: 'concerns', Fail: 'fail' }[v.verdict]
    ) as keyof Omit<AuditSummary, 'version'> | undefined;
    if (audits && key) audits[key] += Number(v.n);
  }
  return out;
}

/** The card fields of a version row (or of the model row: the latest version's). */
type CardFields = Pick<
  ModelRow,
  'cardStatus' | 'name' | 'title' | 'description' | 'tags' | 'license' | 'pipelineTag' | 'language'
>;

/**
 * A model as the lists show it at `now`: the card is `card`'s (the shown version's row, see
 * `versionsAt`), or the model row's (the latest's) when that row is missing.
 */
export function toSummary(
  m: ModelRow,
  status: ListingStatus,
  now: bigint,
  card?: CardFields | null,
  market?: Market,
  openDisputeState: string | null = null,
): ModelSummary {
  const versions = versionsAt(m, now);
  const c = card ?? m;
  return {
    id: String(m.id),
    kind: m.kind as ModelSummary['kind'],
    creator: m.creator,
    owner: m.owner,
    registeredAt: Number(m.registeredAt),
    updatedAt: Number(m.updatedAt),
    versionCount: m.versionCount,
    contentHash: m.contentHash,
    metadataUri: m.metadataUri,
    listedVersion: versions.listed,
    candidate: versions.candidate,
    cardVersion: card ? versions.shown : m.versionCount,
    cardStatus: c.cardStatus as ModelSummary['cardStatus'],
    name: c.name,
    title: c.title,
    description: c.description,
    tags: c.tags,
    license: c.license,
    pipelineTag: c.pipelineTag,
    language: c.language,
    status,
    pendingUntil: Number(m.pendingUntil),
    suspendedUntil: Number(m.suspendedUntil),
    bond: String(m.bond),
    openDispute: m.openDispute === 0n ? null : String(m.openDispute),
    openDisputeState: m.openDispute === 0n ? null : (openDisputeState as DisputeState | null),
    disputeCount: m.disputeCount,
    stakeActive: String(m.stakeActive),
    stakeUnbonding: String(m.stakeUnbonding),
    stakeHeld: String(m.stakeHeld),
    curatorCount: m.curatorCount,
    offerCount: m.offerCount,
    saleCount: m.saleCount,
    lastSaleAt: num(m.lastSaleAt),
    reportCount: m.reportCount,
    prices: market?.prices ?? [],
    audits: market?.audits ?? {
      version: versions.shown,
      pass: 0,
      concerns: 0,
      fail: 0,
      slashed: 0,
    },
  };
}

/** Lower-cased words of a search query (at most 8, each at most 64 characters). */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => t.slice(0, 64));
}

export async function searchModels(query: Query): Promise<Page<ModelSummary>> {
  const { limit, offset } = paging(query);
  const at = await asOf();
  const now = nowOf(at);
  const status = statusSql(now);
  const shownVersion = shownVersionSql(now);
  const terms = searchTerms(query.q);
  const statuses = list(query.status, 'status', LISTING_STATUSES);
  const sort = (query.sort ?? (terms.length ? 'relevance' : 'newest')) as ModelSort;
  if (!MODEL_SORTS.includes(sort)) {
    throw new BadRequest(`sort must be one of ${MODEL_SORTS.join(', ')}; got "${sort}"`);
  }
  if (query.kind && query.kind !== 'Model' && query.kind !== 'Dataset') {
    throw new BadRequest(`kind must be Model or Dataset; got "${query.kind}"`);
  }

  const conditions: (SQL | undefined)[] = [];
  for (const term of terms) {
    const like = `%${likeText(term)}%`;
    // "#12" or "12" also finds entry 12.
    const id = /^#?(\d{1,20})$/.exec(term)?.[1];
    conditions.push(
      id
        ? or(sql`${shownCard.searchText} LIKE ${like}`, eq(model.id, BigInt(id)))
        : sql`${shownCard.searchText} LIKE ${like}`,
    );
  }
  if (query.kind) conditions.push(eq(model.kind, query.kind));
  if (
    query.hasCandidate !== undefined &&
    query.hasCandidate !== 'true' &&
    query.hasCandidate !== 'false'
  ) {
    throw new BadRequest(`hasCandidate must be true or false; got "${query.hasCandidate}"`);
  }
  if (query.hasCandidate) {
    // A candidate version pending now: in its window, or challenged (CurationRegistry.versionsOf).
    const pending = sql`(${model.candidateVersion} <> 0 AND (${model.candidateChallenged}
      OR ${model.candidateUntil} > ${nowOf(at).toString()}::numeric))`;
    conditions.push(query.hasCandidate === 'true' ? pending : sql`NOT ${pending}`);
  }
  if (statuses) conditions.push(inArray(status, statuses));
  if (query.tag) conditions.push(sql`${shownCard.tags} @> ARRAY[${query.tag}]::text[]`);
  if (query.language) {
    conditions.push(sql`${shownCard.language} @> ARRAY[${query.language}]::text[]`);
  }
  if (query.license) conditions.push(sql`${shownCard.license} = ${query.license}`);
  if (query.pipelineTag) conditions.push(sql`${shownCard.pipelineTag} = ${query.pipelineTag}`);
  if (query.owner) conditions.push(eq(model.owner, address(query.owner, 'owner')));
  if (query.creator) conditions.push(eq(model.creator, address(query.creator, 'creator')));
  if (query.audited) {
    const [audited] = list(query.audited, 'audited', AUDITED_FILTERS) ?? [];
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(auditReport)
          .where(
            and(
              eq(auditReport.modelId, model.id),
              sql`${auditReport.version} = ${shownVersion}`,
              isNull(auditReport.replacedBy),
              // Passed: a current Pass on the listed version whose auditor was not slashed for it.
              audited === 'pass' ? eq(auditReport.verdict, 'Pass') : undefined,
              audited === 'pass' ? eq(auditReport.slashed, false) : undefined,
            ),
          ),
      ),
    );
  }
  if (query.hasOffer !== undefined && query.hasOffer !== 'true' && query.hasOffer !== 'false') {
    throw new BadRequest(`hasOffer must be true or false; got "${query.hasOffer}"`);
  }
  const maxPrice = query.maxPrice ? uint(query.maxPrice, 'maxPrice') : undefined;
  if (query.hasOffer === 'true' || query.hasOffer === 'false' || maxPrice !== undefined) {
    conditions.push(
      (query.hasOffer === 'false' ? notExists : exists)(
        db
          .select({ one: sql`1` })
          .from(offer)
          .where(
            and(
              eq(offer.modelId, model.id),
              eq(offer.active, true),
              offerAvailable,
              maxPrice !== undefined ? eq(offer.currency, ETH) : undefined,
              maxPrice !== undefined ? lte(offer.price, maxPrice) : undefined,
            ),
          ),
      ),
    );
  }
  if (query.derivedFrom) {
    const upstream = uint(query.derivedFrom, 'derivedFrom');
    conditions.push(
      inArray(
        model.id,
        db
          .selectDistinct({ id: lineage.modelId })
          .from(lineage)
          .where(eq(lineage.upstreamId, upstream)),
      ),
    );
  }

  const phrase = terms.join(' ');
  const title = sql`lower(coalesce(${shownCard.title}, ${shownCard.name}, ''))`;
  const rank = sql`CASE
    WHEN ${title} = ${phrase} OR lower(coalesce(${shownCard.name}, '')) = ${phrase} THEN 0
    WHEN ${title} LIKE ${`${likeText(phrase)}%`} THEN 1
    WHEN ${title} LIKE ${`%${likeText(phrase)}%`} THEN 2
    WHEN lower(array_to_string(${shownCard.tags}, ' ')) LIKE ${`%${likeText(phrase)}%`} THEN 3
    ELSE 4 END`;
  const orderBy: SQL[] = {
    relevance: terms.length
      ? [asc(rank), asc(sql`length(${title})`), desc(model.stakeActive), desc(model.id)]
      : [desc(model.id)],
    newest: [desc(model.registeredAt), desc(model.id)],
    oldest: [asc(model.registeredAt), asc(model.id)],
    updated: [desc(model.updatedAt), desc(model.id)],
    stake: [desc(model.stakeActive), desc(model.id)],
    sales: [desc(model.saleCount), desc(model.id)],
    title: [asc(title), asc(model.id)],
  }[sort];

  // The page and the number matching, apart: a window count (`count(*) over ()`) would compute
  // every matching row in full (its status, its shown version's card) before the LIMIT, which at
  // 10,000 models doubled the time to /models' first byte. The page reads 25 rows down an index;
  // the count joins the cards only when a filter reads them.
  const where = and(...conditions);
  const byCard =
    terms.length > 0 || !!(query.tag || query.language || query.license || query.pipelineTag);
  const [rows, total] = await Promise.all([
    db
      .select({ m: model, v: version, status: status.as('status'), disputeState: dispute.state })
      .from(model)
      .leftJoin(version, shownVersionJoin(shownVersion))
      .leftJoin(dispute, eq(dispute.id, model.openDispute))
      .where(where)
      .orderBy(...orderBy)
      .limit(limit)
      .offset(offset),
    countModels(where, byCard ? shownVersion : null),
  ]);
  const market = await marketOf(
    rows.map((r) => ({ id: r.m.id, version: versionsAt(r.m, now).shown })),
  );
  return counted(
    rows.map((r) =>
      toSummary(r.m, r.status as ListingStatus, now, r.v, market.get(r.m.id), r.disputeState),
    ),
    total,
    { limit, offset },
    at,
  );
}

/** Joins each model's shown version (its card) to the model. */
const shownVersionJoin = (shownVersion: SQL) =>
  and(eq(version.modelId, model.id), sql`${version.version} = ${shownVersion}`);

/** The number of models matching `where`; the shown version's card joined when a filter reads it. */
async function countModels(where: SQL | undefined, shownVersion: SQL | null): Promise<number> {
  const from = db.select({ n: sql<string>`count(*)` }).from(model);
  const [row] = await (
    shownVersion ? from.leftJoin(version, shownVersionJoin(shownVersion)) : from
  ).where(where);
  return Number(row?.n ?? 0);
}

export function toStake(s: typeof stake.$inferSelect): StakeRow {
  return {
    modelId: String(s.modelId),
    curator: s.curator,
    active: String(s.active),
    unbonding: String(s.unbonding),
    releaseAt: Number(s.releaseAt),
    totalStaked: String(s.totalStaked),
    totalWithdrawn: String(s.totalWithdrawn),
    slashed: String(s.slashed),
    firstStakedAt: Number(s.firstStakedAt),
    updatedAt: Number(s.updatedAt),
  };
}

export function toOffer(o: typeof offer.$inferSelect): OfferRow {
  return {
    id: String(o.id),
    modelId: String(o.modelId),
    currency: o.currency,
    price: String(o.price),
    duration: String(o.duration),
    cap: String(o.cap),
    sold: o.sold,
    active: o.active,
    termsUri: o.termsUri,
    termsHash: o.termsHash,
    createdAt: Number(o.createdAt),
    retiredAt: num(o.retiredAt),
  };
}

export function toLicense(l: typeof license.$inferSelect): LicenseRow {
  return {
    modelId: String(l.modelId),
    licensee: l.licensee,
    offerId: String(l.offerId),
    expiresAt: String(l.expiresAt),
    purchases: l.purchases,
    updatedAt: Number(l.updatedAt),
  };
}

export function toSale(s: typeof sale.$inferSelect): SaleRow {
  return {
    id: s.id,
    modelId: String(s.modelId),
    offerId: String(s.offerId),
    licensee: s.licensee,
    buyer: s.buyer,
    version: s.version,
    currency: s.currency,
    price: String(s.price),
    expiresAt: String(s.expiresAt),
    creatorShare: str(s.creatorShare),
    royalties: str(s.royalties),
    curators: str(s.curators),
    auditors: str(s.auditors),
    treasury: str(s.treasury),
    timestamp: Number(s.timestamp),
    txHash: s.txHash,
  };
}

export function toDispute(
  d: typeof dispute.$inferSelect,
  modelTitle: string | null,
  now: bigint,
): DisputeRow {
  return {
    id: String(d.id),
    modelId: String(d.modelId),
    modelTitle,
    challenger: d.challenger,
    reason: d.reason,
    deposit: String(d.deposit),
    evidenceUri: d.evidenceUri,
    evidenceHash: d.evidenceHash,
    previousStatus: d.previousStatus,
    state: d.state as DisputeRow['state'],
    votingOpen: d.state === 'Voting' && now > d.snapshot && now <= d.votingEndsAt,
    openedAt: Number(d.openedAt),
    snapshot: Number(d.snapshot),
    votingEndsAt: Number(d.votingEndsAt),
    keepVotes: String(d.keepVotes),
    removeVotes: String(d.removeVotes),
    voterCount: d.voterCount,
    resolvedAt: num(d.resolvedAt),
    appealEndsAt: num(d.appealEndsAt),
    appealedAt: num(d.appealedAt),
    proposalId: str(d.proposalId),
    appealBond: str(d.appealBond),
    closedAt: num(d.closedAt),
    bondSlashed: str(d.bondSlashed),
    stakeSlashed: str(d.stakeSlashed),
    challengerReward: str(d.challengerReward),
    toTreasury: str(d.toTreasury),
    txHash: d.txHash,
  };
}

export function toReport(r: typeof auditReport.$inferSelect): AuditReportRow {
  return {
    id: String(r.id),
    modelId: String(r.modelId),
    version: r.version,
    auditor: r.auditor,
    verdict: r.verdict as AuditReportRow['verdict'],
    scores: { quality: r.quality, safety: r.safety, bias: r.bias, license: r.licenseScore },
    contentHash: r.contentHash,
    reportUri: r.reportUri,
    reportHash: r.reportHash,
    replaces: str(r.replaces),
    replacedBy: str(r.replacedBy),
    slashed: r.slashed,
    slashAmount: str(r.slashAmount),
    submittedAt: Number(r.submittedAt),
    txHash: r.txHash,
  };
}

export async function modelDetail(idRaw: string | undefined): Promise<ModelDetail | undefined> {
  const id = uint(idRaw, 'model id');
  const at = await asOf();
  const now = nowOf(at);
  const [m] = await db.select().from(model).where(eq(model.id, id));
  if (!m) return undefined;
  const upstreamModel = db
    .select({
      id: model.id,
      title: sql<string | null>`coalesce(${model.title}, ${model.name})`.as('title'),
    })
    .from(model)
    .as('other');
  const [versions, upstream, downstream, history, curators, offers, disputes, reports] =
    await Promise.all([
      db.select().from(version).where(eq(version.modelId, id)).orderBy(asc(version.version)),
      db
        .select({ l: lineage, title: upstreamModel.title })
        .from(lineage)
        .leftJoin(upstreamModel, eq(upstreamModel.id, lineage.upstreamId))
        .where(eq(lineage.modelId, id))
        .orderBy(asc(lineage.version), asc(lineage.upstreamId)),
      db
        .select({ l: lineage, title: upstreamModel.title })
        .from(lineage)
        .leftJoin(upstreamModel, eq(upstreamModel.id, lineage.modelId))
        .where(eq(lineage.upstreamId, id))
        .orderBy(asc(lineage.modelId), asc(lineage.version))
        .limit(500),
      db
        .select()
        .from(listingChange)
        .where(eq(listingChange.modelId, id))
        .orderBy(asc(listingChange.blockNumber), asc(listingChange.id)),
      db.select().from(stake).where(eq(stake.modelId, id)).orderBy(desc(stake.active)),
      db.select().from(offer).where(eq(offer.modelId, id)).orderBy(asc(offer.id)),
      db.select().from(dispute).where(eq(dispute.modelId, id)).orderBy(asc(dispute.id)),
      db.select().from(auditReport).where(eq(auditReport.modelId, id)).orderBy(asc(auditReport.id)),
    ]);
  const title = m.title ?? m.name;
  const shown = versionsAt(m, now).shown;
  const market = await marketOf([{ id: m.id, version: shown }]);
  return {
    ...toSummary(
      m,
      statusAt(m, now),
      now,
      versions.find((v: VersionRow) => v.version === shown),
      market.get(m.id),
      disputes.find((d) => d.id === m.openDispute)?.state ?? null,
    ),
    versions: versions.map((v) => ({
      version: v.version,
      parent: v.parent,
      contentHash: v.contentHash,
      metadataUri: v.metadataUri,
      derivedFrom: v.derivedFrom.map(String),
      publishedAt: Number(v.publishedAt),
      txHash: v.txHash,
    })),
    upstream: upstream.map((r) => ({
      modelId: String(r.l.modelId),
      version: r.l.version,
      upstreamId: String(r.l.upstreamId),
      title: r.title ?? null,
    })),
    downstream: downstream.map((r) => ({
      modelId: String(r.l.modelId),
      version: r.l.version,
      upstreamId: String(r.l.upstreamId),
      title: r.title ?? null,
    })),
    history: history.map((h) => ({
      event: h.event,
      status: h.status,
      disputeId: str(h.disputeId),
      actor: h.actor,
      until: num(h.until),
      timestamp: Number(h.timestamp),
      blockNumber: Number(h.blockNumber),
      txHash: h.txHash,
    })),
    curators: curators.map(toStake),
    offers: offers.map(toOffer),
    disputes: disputes.map((d) => toDispute(d, title, now)),
    reports: reports.map(toReport),
    asOf: at,
  };
}

/** A page of `fetchPage`'s rows at the query's paging. */
async function pagedQuery<T, R>(
  query: Query,
  fetchPage: (limit: number, offset: number) => Promise<(R & { total: string })[]>,
  map: (row: R & { total: string }) => T,
  at?: AsOf,
): Promise<Page<T>> {
  const { limit, offset } = paging(query);
  return pageOf(await fetchPage(limit, offset), map, { limit, offset }, at ?? asOf());
}

/** Licenses on a model, or held by an account. */
export function licenses(query: Query, where: { modelId?: bigint; licensee?: `0x${string}` }) {
  return pagedQuery(
    query,
    (limit, offset) =>
      db
        .select({ l: license, total: totalCount })
        .from(license)
        .where(
          and(
            where.modelId !== undefined ? eq(license.modelId, where.modelId) : undefined,
            where.licensee ? eq(license.licensee, where.licensee) : undefined,
          ),
        )
        .orderBy(desc(license.updatedAt), asc(license.id))
        .limit(limit)
        .offset(offset),
    (r) => toLicense(r.l),
  );
}

/** Sales of a model, or to a buyer or licensee. */
export function sales(
  query: Query,
  where: { modelId?: bigint; account?: `0x${string}` },
): Promise<Page<SaleRow>> {
  return pagedQuery(
    query,
    (limit, offset) =>
      db
        .select({ s: sale, total: totalCount })
        .from(sale)
        .where(
          and(
            where.modelId !== undefined ? eq(sale.modelId, where.modelId) : undefined,
            where.account
              ? or(eq(sale.buyer, where.account), eq(sale.licensee, where.account))
              : undefined,
          ),
        )
        .orderBy(desc(sale.blockNumber), desc(sale.id))
        .limit(limit)
        .offset(offset),
    (r) => toSale(r.s),
  );
}

/** A curator's positions. */
/** A curator's stakes, with each entry's title. */
export function stakesOf(query: Query, curator: `0x${string}`): Promise<Page<AccountStakeRow>> {
  return pagedQuery(
    query,
    (limit, offset) =>
      db
        .select({
          s: stake,
          title: sql<string | null>`coalesce(${model.title}, ${model.name})`.as('title'),
          total: totalCount,
        })
        .from(stake)
        .leftJoin(model, eq(model.id, stake.modelId))
        .where(eq(stake.curator, curator))
        .orderBy(desc(stake.active), asc(stake.id))
        .limit(limit)
        .offset(offset),
    (r) => ({ ...toStake(r.s), modelTitle: r.title }),
  );
}
