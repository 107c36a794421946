// Reading the registry at scale: entries in pages of up to 1,000 (one getModels call each) and
// their listing status and stake in one multicall per page — never one call per model.
import { readContract, readContracts, type Config } from '@wagmi/core';
import type { Address, Hex } from 'viem';
import type { CuriaContracts } from './contracts';
import { KIND, LISTING_STATUS, type ListingStatusName } from './enums';

export const PAGE_SIZE = 1000;

export interface ModelRow {
  id: bigint;
  owner: Address;
  kind: (typeof KIND)[number];
  versionCount: number;
  registeredAt: number;
  contentHash: Hex;
  metadataURI: string;
  status: ListingStatusName;
  stake: bigint;
}

export async function fetchModelPage(
  config: Config,
  c: CuriaContracts,
  offset: number,
  limit = PAGE_SIZE,
): Promise<ModelRow[]> {
  const infos = await readContract(config, {
    ...c.registry,
    functionName: 'getModels',
    args: [BigInt(offset), BigInt(limit)],
  });
  if (infos.length === 0) return [];
  const calls = infos.flatMap((m) => [
    { ...c.curation, functionName: 'statusOf', args: [m.modelId] } as const,
    { ...c.curation, functionName: 'stakeOf', args: [m.modelId] } as const,
  ]);
  // Chunks of 500 reads (18 KB of calldata) stay far below the eth_call gas cap; the chunks of a
  // page leave together in one batched HTTP request.
  const results = await readContracts(config, {
    contracts: calls,
    allowFailure: false,
    batchSize: 18_000,
  });
  return infos.map((m, i) => {
    const status = results[2 * i] as number;
    const [active] = results[2 * i + 1] as readonly [bigint, bigint, bigint];
    return {
      id: m.modelId,
      owner: m.owner,
      kind: KIND[m.kind] ?? 'Model',
      versionCount: m.versionCount,
      registeredAt: m.registeredAt,
      contentHash: m.latestContentHash,
      metadataURI: m.latestMetadataURI,
      status: LISTING_STATUS[status] ?? 'Not applied',
      stake: active,
    };
  });
}

/** Every entry, page by page (1,000 per page). */
export async function fetchAllModels(config: Config, c: CuriaContracts): Promise<ModelRow[]> {
  const count = Number(await readContract(config, { ...c.registry, functionName: 'modelCount' }));
  const pages = [];
  for (let offset = 0; offset < count; offset += PAGE_SIZE) {
    pages.push(fetchModelPage(config, c, offset, Math.min(PAGE_SIZE, count - offset)));
  }
  return (await Promise.all(pages)).flat();
}

export interface CardSummary {
  name?: string;
  description?: string;
  tags?: string[];
  license?: string;
}

/** Names and tags of many cards at once, from the portal's server (for search). */
export async function fetchCardSummaries(uris: string[]): Promise<Record<string, CardSummary>> {
  const unique = [...new Set(uris.filter((u) => u.startsWith('ipfs://')))];
  if (unique.length === 0) return {};
  const out: Record<string, CardSummary> = {};
  for (let i = 0; i < unique.length; i += 1000) {
    const res = await fetch('/api/docs/summaries', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uris: unique.slice(i, i + 1000) }),
    });
    if (!res.ok) continue;
    Object.assign(out, (await res.json()) as Record<string, CardSummary>);
  }
  return out;
}
