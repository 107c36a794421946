// The owner's download log of a model (issue 19): who downloaded which version through the
// gateway, and when. Server-loaded, for the model's owner only (the SIWE session's account must be
// the entry's owner on the chain); anyone else learns only that the list is the owner's.
import { error } from '@sveltejs/kit';
import { createPublicClient, http, type Address } from 'viem';
import { env } from '$env/dynamic/private';
import { modelRegistryAbi } from '$protocol/generated/contracts';
import { appDb, appDbConfig } from '$lib/server/appdb';
import { currentSession } from '$lib/server/auth';
import { downloadsOf, type DownloadsView } from '$lib/server/gateway/log';
import { loadManifest } from '$lib/server/manifest';
import { chainSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export type DownloadsPage =
  | { state: 'sign-in'; owner: Address | null }
  | { state: 'not-owner'; owner: Address; account: Address }
  | { state: 'unavailable'; message: string }
  | { state: 'owner'; owner: Address; log: DownloadsView };

export const load: PageServerLoad = async (event): Promise<{ id: string; page: DownloadsPage }> => {
  const { id } = event.params;
  if (!/^[1-9]\d{0,19}$/.test(id)) error(404, 'No such model');
  const chain = chainSettings();
  const loaded = await loadManifest(chain.id);
  if (!loaded.ok) return { id, page: { state: 'unavailable', message: loaded.message } };
  const client = createPublicClient({
    transport: http(chain.rpcUrl, { timeout: 5_000, retryCount: 0 }),
  });
  const registry = {
    address: loaded.manifest.contracts.ModelRegistry,
    abi: modelRegistryAbi,
  } as const;
  let owner: Address;
  try {
    const exists = await client.readContract({
      ...registry,
      functionName: 'exists',
      args: [BigInt(id)],
    });
    if (!exists) error(404, 'No such model');
    owner = await client.readContract({ ...registry, functionName: 'ownerOf', args: [BigInt(id)] });
  } catch (err) {
    if ((err as { status?: number }).status === 404) throw err;
    return {
      id,
      page: {
        state: 'unavailable',
        message: 'The chain is not reachable right now: try again in a moment.',
      },
    };
  }
  let session;
  try {
    session = await currentSession(event);
  } catch {
    return {
      id,
      page: {
        state: 'unavailable',
        message: 'The accounts database did not answer: try again later.',
      },
    };
  }
  if (!session) return { id, page: { state: 'sign-in', owner } };
  if (session.address.toLowerCase() !== owner.toLowerCase())
    return { id, page: { state: 'not-owner', owner, account: session.address } };
  const db = await appDb(appDbConfig(env));
  return { id, page: { state: 'owner', owner, log: await downloadsOf(db, chain.id, BigInt(id)) } };
};
