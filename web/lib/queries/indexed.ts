// Reads of the index (lists, history, charts, reputation) that the browser keeps fresh itself.
// Detail pages get their history with the page instead (+page.server.ts).
import type { Address } from 'viem';
import type { Curia } from '../curia.svelte';
import type {
  AuditQuery,
  Bucket,
  DisputeState,
  ModelQuery,
  PageQuery,
  ProposalQuery,
} from '$protocol/indexer/client';
import { indexKey } from './keys';

function client(curia: Curia) {
  return curia.indexer!;
}

export function modelsIndexQuery(curia: Curia, query: ModelQuery) {
  return {
    queryKey: indexKey(curia.chain.id, 'models', [query]),
    queryFn: () => client(curia).models(query),
    enabled: !!curia.indexer,
  };
}

export function modelIndexQuery(curia: Curia, id: bigint) {
  return {
    queryKey: indexKey(curia.chain.id, 'model', [id]),
    queryFn: () => client(curia).model(id),
    enabled: !!curia.indexer,
  };
}

/** Every sale of a model. */
export function modelSalesIndexQuery(curia: Curia, id: bigint) {
  return {
    queryKey: indexKey(curia.chain.id, 'modelSales', [id]),
    queryFn: () => client(curia).all((page) => client(curia).modelSales(id, page)),
    enabled: !!curia.indexer,
  };
}

export function disputesIndexQuery(
  curia: Curia,
  query: PageQuery & { state?: DisputeState[]; challenger?: Address },
) {
  return {
    queryKey: indexKey(curia.chain.id, 'disputes', [query]),
    queryFn: () => client(curia).disputes(query),
    enabled: !!curia.indexer,
  };
}

export function auditsIndexQuery(curia: Curia, query: AuditQuery) {
  return {
    queryKey: indexKey(curia.chain.id, 'audits', [query]),
    queryFn: () => client(curia).audits(query),
    enabled: !!curia.indexer,
  };
}

/** An auditor's slashed reports, each with the dispute that delisted the entry. */
/** The models on which `account` holds a current Pass (their tills may owe it a share). */
export function auditorPassesIndexQuery(curia: Curia, account: Address) {
  return {
    queryKey: indexKey(curia.chain.id, 'auditorPasses', [account]),
    queryFn: async () => {
      const indexer = client(curia);
      const reports = await indexer.all((page) => indexer.audits({ auditor: account, ...page }));
      const ids = reports
        .filter((r) => r.verdict === 'Pass' && !r.replacedBy)
        .map((r) => BigInt(r.modelId));
      return [...new Set(ids)];
    },
    enabled: !!curia.indexer,
  };
}

export function auditorSlashesIndexQuery(curia: Curia, account: Address) {
  return {
    queryKey: indexKey(curia.chain.id, 'auditorSlashes', [account]),
    queryFn: async () => {
      const indexer = client(curia);
      const reports = await indexer.all((page) => indexer.audits({ auditor: account, ...page }));
      const slashed = reports.filter((r) => r.slashed);
      return Promise.all(
        slashed.map(async (r) => {
          const disputes = await indexer.disputes({ model: r.modelId, limit: 20 });
          const delisting = disputes.items.find(
            (d) => d.state === 'Delisted' || d.state === 'Removed',
          );
          return { report: r, dispute: delisting };
        }),
      );
    },
    enabled: !!curia.indexer,
  };
}

export function proposalsIndexQuery(curia: Curia, query: ProposalQuery) {
  return {
    queryKey: indexKey(curia.chain.id, 'proposals', [query]),
    queryFn: () => client(curia).proposals(query),
    enabled: !!curia.indexer,
  };
}

/**
 * The lists below are keyed by the index's head too: they are asked again when the index moves
 * (a block the chain's clock did not see yet).
 */
export function delegatesIndexQuery(curia: Curia, page: PageQuery, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'delegates', [page, block]),
    queryFn: () => client(curia).delegates(page),
    enabled: !!curia.indexer,
  };
}

export function reputationIndexQuery(curia: Curia, account: Address, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'reputation', [account, block]),
    queryFn: () => client(curia).reputation(account),
    enabled: !!curia.indexer,
  };
}

export function accountHistoryIndexQuery(
  curia: Curia,
  account: Address,
  page: PageQuery,
  block: number | null,
) {
  return {
    queryKey: indexKey(curia.chain.id, 'accountHistory', [account, page, block]),
    queryFn: () => client(curia).accountHistory(account, page),
    enabled: !!curia.indexer,
  };
}

/** Models (by the index's model query), keyed by the index's head. */
export function modelsAtIndexQuery(curia: Curia, query: ModelQuery, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'models', [query, block]),
    queryFn: () => client(curia).models(query),
    enabled: !!curia.indexer,
  };
}

export function disputesAtIndexQuery(
  curia: Curia,
  query: PageQuery & { challenger?: Address },
  block: number | null,
) {
  return {
    queryKey: indexKey(curia.chain.id, 'disputes', [query, block]),
    queryFn: () => client(curia).disputes(query),
    enabled: !!curia.indexer,
  };
}

export function proposalsAtIndexQuery(curia: Curia, query: ProposalQuery, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'proposals', [query, block]),
    queryFn: () => client(curia).proposals(query),
    enabled: !!curia.indexer,
  };
}

/** Sales, volume and fee shares per bucket. */
export function feeSeriesIndexQuery(curia: Curia, bucket: Bucket, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'feeSeries', [bucket, block]),
    queryFn: () => client(curia).feeSeries({ bucket }),
    enabled: !!curia.indexer,
  };
}

/** Stake movements per bucket. */
export function stakeSeriesIndexQuery(curia: Curia, bucket: Bucket, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'stakeSeries', [bucket, block]),
    queryFn: () => client(curia).stakeSeries({ bucket }),
    enabled: !!curia.indexer,
  };
}

/** Proposals created per bucket, by their state now. */
export function proposalSeriesIndexQuery(curia: Curia, bucket: Bucket, block: number | null) {
  return {
    queryKey: indexKey(curia.chain.id, 'proposalSeries', [bucket, block]),
    queryFn: () => client(curia).proposalSeries({ bucket }),
    enabled: !!curia.indexer,
  };
}
