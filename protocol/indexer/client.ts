// A typed client of the indexer's HTTP API (indexer/src/api), for the portal (browser or server)
// and the scripts. The indexer serves lists, history, charts and reputation; read balances, voting
// power and anything a user is about to act on from the chain.
//
//   const indexer = createIndexerClient({ baseUrl: 'http://127.0.0.1:42069' });
//   const page = await indexer.models({ q: 'whisper', status: 'Listed', sort: 'stake' });
//   const head = await indexer.head(); // "indexed to block N", and the lag behind the chain
import type {
  AccountStakeRow,
  Address,
  AuditQuery,
  AuditRow,
  Bucket,
  DelegateRow,
  DisputeRow,
  DisputeState,
  DisputeVoteRow,
  EventCount,
  FeePoint,
  HistoryEntry,
  IndexHead,
  LicenseRow,
  ModelDetail,
  ModelQuery,
  ModelSummary,
  Page,
  ProposalOutcomePoint,
  ProposalQuery,
  ProposalRow,
  Reputation,
  SaleRow,
  CreditRow,
  UsageRow,
  Series,
  StakePoint,
  VoteRow,
} from './types.ts';

export * from './types.ts';

/** Where `npm start` runs the indexer (INDEXER_PORT, default 42069). */
export const DEFAULT_INDEXER_URL = 'http://127.0.0.1:42069';

export interface IndexerClientOptions {
  baseUrl: string;
  /** SvelteKit's `fetch` in load functions, or any fetch. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** An answer other than 200 (`status` 0: the indexer did not answer). */
export class IndexerError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'IndexerError';
  }
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

function search(params: Params = {}): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    out.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** True when the index is more than `maxBlocks` behind the chain (or has not started). */
export function isLagging(head: IndexHead, maxBlocks = 2): boolean {
  if (head.block === null || !head.ready) return true;
  return head.lagBlocks !== null && head.lagBlocks > maxBlocks;
}

/**
 * True while the index, at `block` (null: no block processed yet; undefined: not asked yet), has not
 * processed `chainBlock` (the chain's latest block as the portal last read it): what a page shows
 * from it may miss the user's own last transaction. False while either is unknown.
 */
export function isBehind(
  block: number | null | undefined,
  chainBlock: bigint | undefined,
): boolean {
  if (chainBlock === undefined || block === undefined) return false;
  return block === null || BigInt(block) < chainBlock;
}

export function createIndexerClient(opts: IndexerClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function request<T>(
    path: string,
    params?: Params,
    allow404 = false,
  ): Promise<T | undefined> {
    const url = `${base}${path}${search(params)}`;
    let res: Response;
    try {
      res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new IndexerError(
        `The indexer at ${base} did not answer (${(err as Error).message}); is it running?`,
        0,
      );
    }
    if (res.status === 404 && allow404) return undefined;
    if (!res.ok) {
      let message = res.statusText;
      try {
        message = ((await res.json()) as { error?: string }).error ?? message;
      } catch {
        // not JSON
      }
      throw new IndexerError(`Indexer: ${message} (HTTP ${res.status})`, res.status);
    }
    return (await res.json()) as T;
  }
  const get = <T>(path: string, params?: Params) => request<T>(path, params) as Promise<T>;
  const find = <T>(path: string) => request<T>(path, undefined, true);
  const id = (value: string | number | bigint) => encodeURIComponent(String(value));

  return {
    /** How far the index has caught up ("indexed to block N") and how far behind the chain it is. */
    head: () => get<IndexHead>('/api/head'),

    /** Model search: text over title, name, description and tags; filters; sorts; pages of ≤ 100. */
    models: (query: ModelQuery = {}) => get<Page<ModelSummary>>('/api/models', { ...query }),
    /** One model with its versions, lineage, listing history, curators, offers, disputes, audits. */
    model: (modelId: string | number | bigint) => find<ModelDetail>(`/api/models/${id(modelId)}`),
    modelEvents: (modelId: string | number | bigint, query: PageQuery = {}) =>
      get<Page<HistoryEntry>>(`/api/models/${id(modelId)}/events`, { ...query }),
    modelLicenses: (modelId: string | number | bigint, query: PageQuery = {}) =>
      get<Page<LicenseRow>>(`/api/models/${id(modelId)}/licenses`, { ...query }),
    modelSales: (modelId: string | number | bigint, query: PageQuery = {}) =>
      get<Page<SaleRow>>(`/api/models/${id(modelId)}/sales`, { ...query }),

    /** Every event of every Curia contract, newest first. */
    events: (query: PageQuery & { contract?: string; name?: string } = {}) =>
      get<Page<HistoryEntry>>('/api/events', { ...query }),
    eventCounts: () => get<EventCount[]>('/api/events/counts'),

    proposals: (query: ProposalQuery = {}) =>
      get<Page<ProposalRow>>('/api/proposals', { ...query }),
    proposal: (proposalId: string | bigint) =>
      find<ProposalRow & { asOf: Page<never>['asOf'] }>(`/api/proposals/${id(proposalId)}`),
    proposalVotes: (
      proposalId: string | bigint,
      query: PageQuery & { support?: 0 | 1 | 2; sort?: 'weight' | 'recent' } = {},
    ) => get<Page<VoteRow>>(`/api/proposals/${id(proposalId)}/votes`, { ...query }),

    disputes: (
      query: PageQuery & {
        state?: DisputeState | DisputeState[];
        model?: string | number;
        challenger?: Address;
      } = {},
    ) => get<Page<DisputeRow>>('/api/disputes', { ...query }),
    dispute: (disputeId: string | number | bigint) =>
      find<DisputeRow & { asOf: Page<never>['asOf'] }>(`/api/disputes/${id(disputeId)}`),
    disputeVotes: (disputeId: string | number | bigint, query: PageQuery = {}) =>
      get<Page<DisputeVoteRow>>(`/api/disputes/${id(disputeId)}/votes`, { ...query }),

    /** Audit reports of every entry, newest first; by auditor, verdict or entry. */
    audits: (query: AuditQuery = {}) => get<Page<AuditRow>>('/api/audits', { ...query }),

    delegates: (query: PageQuery = {}) => get<Page<DelegateRow>>('/api/delegates', { ...query }),

    /** Every event that names the account or that it sent, newest first. */
    accountHistory: (
      account: Address,
      query: PageQuery & { contract?: string; name?: string } = {},
    ) => get<Page<HistoryEntry>>(`/api/accounts/${account}/history`, { ...query }),
    reputation: (account: Address) => get<Reputation>(`/api/accounts/${account}/reputation`),
    accountStakes: (account: Address, query: PageQuery = {}) =>
      get<Page<AccountStakeRow>>(`/api/accounts/${account}/stakes`, { ...query }),
    accountLicenses: (account: Address, query: PageQuery = {}) =>
      get<Page<LicenseRow>>(`/api/accounts/${account}/licenses`, { ...query }),
    accountSales: (account: Address, query: PageQuery = {}) =>
      get<Page<SaleRow>>(`/api/accounts/${account}/sales`, { ...query }),
    /** The account's credits for pay-per-use offers. */
    accountCredits: (account: Address, query: PageQuery = {}) =>
      get<Page<CreditRow>>(`/api/accounts/${account}/credits`, { ...query }),
    /** Redeemed usage receipts of a model, newest first. */
    modelUsage: (modelId: string | number | bigint, query: PageQuery = {}) =>
      get<Page<UsageRow>>(`/api/models/${id(modelId)}/usage`, { ...query }),
    accountVotes: (account: Address, query: PageQuery = {}) =>
      get<Page<VoteRow>>(`/api/accounts/${account}/votes`, { ...query }),

    /** Sales, volume and fee shares per bucket and currency. */
    feeSeries: (
      query: {
        bucket?: Bucket;
        from?: number;
        to?: number;
        model?: string;
        currency?: Address;
      } = {},
    ) => get<Series<FeePoint>>('/api/series/fees', { ...query }),
    /** Stake movements per bucket and the running total curators hold. */
    stakeSeries: (query: { bucket?: Bucket; from?: number; to?: number; model?: string } = {}) =>
      get<Series<StakePoint>>('/api/series/stake', { ...query }),
    /** Proposals created per bucket, by their state now. */
    proposalSeries: (query: { bucket?: Bucket; from?: number; to?: number } = {}) =>
      get<Series<ProposalOutcomePoint>>('/api/series/proposals', { ...query }),

    /** Every page of a list, concatenated (for small lists and tests). */
    async all<T>(list: (page: PageQuery) => Promise<Page<T>>, pageSize = 100): Promise<T[]> {
      const items: T[] = [];
      for (let offset = 0; ; offset += pageSize) {
        const page = await list({ limit: pageSize, offset });
        items.push(...page.items);
        if (page.items.length < pageSize || items.length >= page.total) return items;
      }
    },
  };
}

export type IndexerClient = ReturnType<typeof createIndexerClient>;
