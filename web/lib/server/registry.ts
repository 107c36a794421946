// Server-side reads of the registry, for the first paint of /models: every entry with its status
// and stake (pages of 1,000 and chunked multicalls), cached per block.
import { createPublicClient, http, type Address, type Hex, type PublicClient } from 'viem';
import type { ChainSettings } from '$lib/config';
import type { Manifest } from '$protocol/manifest';
import { curationRegistryAbi, modelRegistryAbi } from '$protocol/generated/contracts';
import { KIND, LISTING_STATUS } from '$protocol/enums';
import type { ModelRow } from '$lib/models';
import { MULTICALL3_CREATION_CODE } from '$lib/multicall3';

const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';
const PAGE = 1000n;

interface Cache {
  key: string;
  rows: Promise<ModelRow[]>;
}
let cache: Cache | undefined;
const clients = new Map<string, { client: PublicClient; runtime?: Promise<Hex | null> }>();

/** The server's client of the chain (one per RPC URL). */
export function clientFor(chain: ChainSettings) {
  let entry = clients.get(chain.rpcUrl);
  if (!entry) {
    entry = {
      client: createPublicClient({
        transport: http(chain.rpcUrl, { batch: true, timeout: 5_000, retryCount: 0 }),
      }),
    };
    clients.set(chain.rpcUrl, entry);
  }
  return entry;
}

async function fetchRows(
  client: PublicClient,
  runtime: Hex | null,
  m: Manifest,
): Promise<ModelRow[]> {
  const registry = { address: m.contracts.ModelRegistry, abi: modelRegistryAbi } as const;
  const curation = { address: m.contracts.CurationRegistry, abi: curationRegistryAbi } as const;
  const count = await client.readContract({ ...registry, functionName: 'modelCount' });
  const pages = [];
  for (let offset = 0n; offset < count; offset += PAGE) {
    pages.push(
      client.readContract({ ...registry, functionName: 'getModels', args: [offset, PAGE] }),
    );
  }
  const infos = (await Promise.all(pages)).flat();
  if (infos.length === 0) return [];
  const results = await client.multicall({
    contracts: infos.flatMap((i) => [
      { ...curation, functionName: 'statusOf', args: [i.modelId] } as const,
      { ...curation, functionName: 'stakeOf', args: [i.modelId] } as const,
    ]),
    allowFailure: false,
    batchSize: 18_000,
    multicallAddress: MULTICALL3,
    stateOverride: runtime ? [{ address: MULTICALL3, code: runtime }] : undefined,
  });
  return infos.map((i, n) => ({
    id: i.modelId,
    owner: i.owner,
    kind: KIND[i.kind] ?? 'Model',
    versionCount: i.versionCount,
    registeredAt: i.registeredAt,
    contentHash: i.latestContentHash,
    metadataURI: i.latestMetadataURI,
    status: LISTING_STATUS[results[2 * n] as number] ?? 'Not applied',
    stake: (results[2 * n + 1] as readonly bigint[])[0],
  }));
}

/** All entries at the latest block; null when the chain does not answer. */
export async function registryRows(chain: ChainSettings, m: Manifest): Promise<ModelRow[] | null> {
  const entry = clientFor(chain);
  try {
    entry.runtime ??= (async () => {
      const code = await entry.client.getCode({ address: MULTICALL3 });
      if (code && code !== '0x') return null;
      return (await entry.client.request({
        method: 'eth_call',
        params: [{ data: MULTICALL3_CREATION_CODE }, 'latest'],
      } as never)) as Hex;
    })();
    const [block, runtime] = await Promise.all([
      entry.client.getBlockNumber({ cacheTime: 0 }),
      entry.runtime,
    ]);
    const key = `${chain.rpcUrl}|${m.contracts.ModelRegistry}|${block}`;
    if (cache?.key !== key) cache = { key, rows: fetchRows(entry.client, runtime, m) };
    return await cache.rows;
  } catch {
    cache = undefined;
    entry.runtime = undefined;
    return null;
  }
}
