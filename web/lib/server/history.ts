// History from the index for detail pages' server loads: what happened (a proposal's text, actions
// and votes, a dispute's votes) comes with the page; what can still change is read from the chain
// in the browser (web/lib/queries). Pages depend on INDEX_DEPENDENCY and invalidate it when the
// index moves (web/lib/follow-index.svelte.ts).
import { explainReadError } from '$lib/errors';
import type { IndexerClient } from '$protocol/indexer/client';
import { serverIndexer } from './indexer';

export { INDEX_DEPENDENCY } from '$lib/queries/keys';

export type History<T> =
  { ok: true; value: T; asOfBlock: number | null } | { ok: false; message: string };

/** Reads history from the index, or says in plain words why it cannot. */
export async function fromIndex<T>(
  fetch: typeof globalThis.fetch,
  read: (indexer: IndexerClient) => Promise<{ value: T; asOfBlock: number | null }>,
): Promise<History<T>> {
  const indexer = serverIndexer(fetch);
  if (!indexer) return { ok: false, message: 'This portal runs without an indexer.' };
  try {
    return { ok: true, ...(await read(indexer)) };
  } catch (err) {
    return { ok: false, message: explainReadError(err) };
  }
}
