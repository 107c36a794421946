// Model registry reads: one entry with its versions, listing and stake.
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { fetchDownstream, fetchModel, fetchModelDisputes } from '../model';
import { readKey } from './keys';

/** One entry from the chain (null: no such entry). */
export function modelQuery(curia: Curia, id: bigint) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, 'ModelRegistry', 'getVersions', [id]),
    queryFn: () => fetchModel(curia.config, c!, id),
    enabled: !!c,
  };
}

/** Without an index only: the disputes ever opened on an entry, from the chain's Challenged events. */
export function modelDisputesFromLogsQuery(curia: Curia, id: bigint) {
  const c = contractsOf(curia);
  const fromBlock = BigInt(curia.manifest?.startBlock ?? 0);
  return {
    queryKey: readKey(curia.chain.id, 'CurationRegistry', 'Challenged', [id]),
    queryFn: () => fetchModelDisputes(curia.config, c!, id, fromBlock),
    enabled: !!c && !curia.indexer,
  };
}

/** Without an index only: the entries derived from this one, from VersionPublished events. */
export function downstreamFromLogsQuery(curia: Curia, id: bigint) {
  const c = contractsOf(curia);
  const fromBlock = BigInt(curia.manifest?.startBlock ?? 0);
  return {
    queryKey: readKey(curia.chain.id, 'ModelRegistry', 'VersionPublished', [id]),
    queryFn: () => fetchDownstream(curia.config, c!, id, fromBlock),
    enabled: !!c && !curia.indexer,
  };
}
