// The /models list: its filters (kept in the URL's query) and the indexer's query for them. Rows
// come from the index (indexer.models: one indexed SQL query per page, at any registry size); the
// chain read of the first rows (`ModelRow`, $lib/server/registry) stands in without an index.
import { parseEther, type Address, type Hex } from 'viem';
import { formatDate } from './format';
import type { KIND, ListingStatusLabel } from '$protocol/enums';
import { isBehind } from '$protocol/indexer/client';
import {
  AUDITED_FILTERS,
  LISTING_STATUSES,
  MODEL_SORTS,
  type AuditedFilter,
  type AuditSummary,
  type ListingStatus,
  type ModelQuery,
  type ModelSort,
  type ModelSummary,
} from '$protocol/indexer/types';

export interface ModelRow {
  id: bigint;
  owner: Address;
  kind: (typeof KIND)[number];
  versionCount: number;
  registeredAt: number;
  contentHash: Hex;
  metadataURI: string;
  status: ListingStatusLabel;
  stake: bigint;
}

// ---------------------------------------------------------------- the /models list, from the index

/** What /models shows: the list's filters, sort and page, as kept in the URL's query. */
export interface ModelFilters {
  q: string;
  status: ListingStatus | '';
  kind: 'Model' | 'Dataset' | '';
  license: string;
  audited: AuditedFilter | '';
  /** `forsale`: an offer one can buy now; `none`: nothing for sale. */
  sale: 'forsale' | 'none' | '';
  /** Highest ETH price (decimal ETH, as typed), or ''. */
  maxPrice: string;
  /** `yes`: a candidate version is pending (in its challenge period or challenged); `no`: none. */
  candidate: 'yes' | 'no' | '';
  sort: ModelSort | '';
  /** 1-based. */
  page: number;
}

export const MODELS_PER_PAGE = 25;

export const DEFAULT_FILTERS: ModelFilters = {
  q: '',
  status: '',
  kind: '',
  license: '',
  audited: '',
  sale: '',
  maxPrice: '',
  candidate: '',
  sort: '',
  page: 1,
};

/** The sorts offered; `relevance` only while searching. Empty: the default (below). */
export const SORT_LABELS: Partial<Record<ModelSort, string>> = {
  relevance: 'Best match',
  stake: 'Most stake',
  sales: 'Most sales',
  newest: 'Newest',
  oldest: 'Oldest',
  updated: 'Recently updated',
  title: 'Name (A–Z)',
};

/** The sort in effect: relevance while searching, otherwise most stake. */
export function effectiveSort(f: ModelFilters): ModelSort {
  if (f.sort && (f.sort !== 'relevance' || f.q.trim())) return f.sort;
  return f.q.trim() ? 'relevance' : 'stake';
}

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';

/** Filters from a URL's query; unknown or malformed values fall back to "any". */
export function filtersFromUrl(params: URLSearchParams): ModelFilters {
  const page = Number(params.get('page') ?? '1');
  const maxPrice = (params.get('maxPrice') ?? '').trim();
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    status: pick(params.get('status'), LISTING_STATUSES),
    kind: pick(params.get('kind'), ['Model', 'Dataset'] as const),
    license: (params.get('license') ?? '').trim().slice(0, 100),
    audited: pick(params.get('audited'), AUDITED_FILTERS),
    sale: pick(params.get('sale'), ['forsale', 'none'] as const),
    maxPrice: parseEthAmount(maxPrice) === null ? '' : maxPrice,
    candidate: pick(params.get('candidate'), ['yes', 'no'] as const),
    sort: pick(params.get('sort'), MODEL_SORTS),
    page: Number.isInteger(page) && page >= 1 && page <= 40_000 ? page : 1,
  };
}

/** The query string of a set of filters (defaults left out), with a leading `?` or empty. */
export function filtersToSearch(f: ModelFilters): '' | `?${string}` {
  const out = new URLSearchParams();
  if (f.q.trim()) out.set('q', f.q.trim());
  if (f.status) out.set('status', f.status);
  if (f.kind) out.set('kind', f.kind);
  if (f.license.trim()) out.set('license', f.license.trim());
  if (f.audited) out.set('audited', f.audited);
  if (f.sale) out.set('sale', f.sale);
  if (f.maxPrice && parseEthAmount(f.maxPrice) !== null) out.set('maxPrice', f.maxPrice);
  if (f.candidate) out.set('candidate', f.candidate);
  if (f.sort && f.sort !== effectiveSort({ ...f, sort: '' })) out.set('sort', f.sort);
  if (f.page > 1) out.set('page', String(f.page));
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** A non-negative ETH amount in wei, or null when it is not one (at most 18 decimals). */
export function parseEthAmount(text: string): bigint | null {
  if (!/^\d{1,30}(\.\d{0,18})?$/.test(text.trim())) return null;
  try {
    return parseEther(text.trim());
  } catch {
    return null;
  }
}

/** The indexer query of a set of filters. */
export function toModelQuery(f: ModelFilters, perPage = MODELS_PER_PAGE): ModelQuery {
  const maxPrice = f.maxPrice ? parseEthAmount(f.maxPrice) : null;
  return {
    q: f.q.trim() || undefined,
    kind: f.kind || undefined,
    license: f.license.trim() || undefined,
    audited: f.audited || undefined,
    // "For sale" means a license one can buy now: an offer on a listing that sells (a suspended,
    // removed or withdrawn listing keeps its offers, but buyLicense refuses them).
    status: f.status || (f.sale === 'forsale' ? 'Listed' : undefined),
    hasOffer: f.sale === 'forsale' ? true : f.sale === 'none' ? false : undefined,
    maxPrice: maxPrice === null ? undefined : String(maxPrice),
    hasCandidate: f.candidate === 'yes' ? true : f.candidate === 'no' ? false : undefined,
    sort: effectiveSort(f),
    limit: perPage,
    offset: (f.page - 1) * perPage,
  };
}

/**
 * What a row's price column says: the offers' lowest prices while the listing sells licenses
 * (Listed), else no price and why: offers stay on chain while a listing is suspended, removed,
 * delisted or withdrawn (or before it is listed), but buyLicense refuses them.
 */
export function rowPrices<P>(m: { status: ListingStatus; prices: P[] }): {
  prices: P[];
  none: string;
} {
  if (m.status === 'Listed') return { prices: m.prices, none: 'Not for sale' };
  if (!m.prices.length) return { prices: [], none: 'Not for sale' };
  const why: Record<Exclude<ListingStatus, 'Listed'>, string> = {
    None: 'Not for sale until listed',
    Pending: 'On sale once listed',
    Suspended: 'Not on sale while suspended',
    Removed: 'Not on sale while removed',
    Delisted: 'Not on sale: delisted',
    Withdrawn: 'Not on sale: withdrawn',
  };
  return { prices: [], none: why[m.status] };
}

/** The entry's display name: its card's title or name, or its number. */
export function displayName(m: Pick<ModelSummary, 'id' | 'title' | 'name' | 'kind'>): string {
  return m.title || m.name || `${m.kind === 'Dataset' ? 'Dataset' : 'Model'} #${m.id}`;
}

/**
 * "3 Pass · 1 Fail" for the version the list shows (the listed one), or null when it has no current
 * report. A Pass whose auditor was slashed for it (the model was delisted) is not a Pass: "1 Pass
 * slashed".
 */
export function auditText(a: AuditSummary): string | null {
  const parts = [
    a.pass ? `${a.pass} Pass` : '',
    a.concerns ? `${a.concerns} Concerns` : '',
    a.fail ? `${a.fail} Fail` : '',
    a.slashed ? `${a.slashed} Pass slashed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The colour of an audit summary: a Fail or a slashed Pass first, then Concerns, then Pass. */
export function auditTone(a: AuditSummary): 'fail' | 'concerns' | 'pass' {
  return a.fail || a.slashed ? 'fail' : a.concerns ? 'concerns' : 'pass';
}

/**
 * Which version a row shows, after its name: "v2" (the listed version of several), "v1 of 2"
 * when a newer one is not listed (a pending or rejected candidate, or published after the listing
 * ended), or null for an entry with one version.
 */
export function versionText(m: Pick<ModelSummary, 'cardVersion' | 'versionCount'>): string | null {
  if (m.cardVersion !== m.versionCount) return `v${m.cardVersion} of ${m.versionCount}`;
  return m.versionCount > 1 ? `v${m.versionCount}` : null;
}

/** A line under a row's status: what is under way, with the dispute it links to. */
export interface ListingNote {
  text: string;
  disputeId: string | null;
}

/**
 * A row's open dispute in the words the dispute page uses: a vote under way ("Under dispute"), or,
 * once a vote removed the entry, the owner's appeal window ("Appeal window open") or the appeal
 * itself ("Appealed to the DAO").
 */
function openDisputeWords(m: Pick<ModelSummary, 'status' | 'openDisputeState'>): string {
  if (m.openDisputeState === 'Appealed') return 'Appealed to the DAO';
  if (m.openDisputeState === 'Removed' || m.status === 'Removed') return 'Appeal window open';
  return 'Under dispute';
}

/**
 * What a list row says under its status, by name, as the model page does: the listing is under
 * dispute (its status stays Listed meanwhile), or a candidate version is pending (in its challenge
 * window, "listed <date> unless challenged") or challenged. `now`: chain time (seconds).
 */
export function listingNotes(
  m: Pick<ModelSummary, 'status' | 'openDispute' | 'openDisputeState' | 'candidate'>,
  now: number,
): ListingNote[] {
  const notes: ListingNote[] = [];
  const c = m.candidate;
  if (m.openDispute && !c?.challenged) {
    notes.push({ text: openDisputeWords(m), disputeId: m.openDispute });
  }
  if (c?.challenged) {
    notes.push({ text: `Candidate v${c.version} challenged`, disputeId: m.openDispute });
  } else if (c && now < c.until) {
    // A live listing lists its candidate when the window ends; a removed one only if restored.
    const live = m.status === 'Listed' || m.status === 'Pending' || m.status === 'Suspended';
    notes.push({
      text: live
        ? `Candidate v${c.version} pending, listed ${formatDate(c.until)} unless challenged`
        : `Candidate v${c.version} pending`,
      disputeId: null,
    });
  }
  return notes;
}

/**
 * How often to ask the index again while a page it gave is behind the chain (ms), or false: each
 * new block refreshes the lists, but the index answers a moment after the block, and an idle chain
 * brings no next block to refresh them. While the chain's head is not known yet (the page has just
 * opened), the index is asked again too: TanStack reckons the interval only when an answer comes,
 * so an answer that came before the head would otherwise never be followed up.
 */
export function catchUpInterval(
  asOfBlock: number | null | undefined,
  chainBlock: bigint | undefined,
): number | false {
  if (asOfBlock === undefined) return false;
  if (chainBlock === undefined) return 1_500;
  return isBehind(asOfBlock, chainBlock) ? 1_500 : false;
}
