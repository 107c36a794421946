// Model registry reads: one entry with its versions, listing and stake.
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { fetchModel } from '../model';
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
