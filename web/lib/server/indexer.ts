// The indexer for load functions and endpoints (lists, history, charts, reputation on the server).
import { createIndexerClient, type IndexerClient } from '$protocol/indexer/client';
import { serverIndexerUrl } from './settings';

/** A client of the indexer through SvelteKit's `fetch`, or null when the portal runs without one. */
export function serverIndexer(
  fetch: typeof globalThis.fetch,
  timeoutMs = 5_000,
): IndexerClient | null {
  const baseUrl = serverIndexerUrl();
  return baseUrl ? createIndexerClient({ baseUrl, fetch, timeoutMs }) : null;
}
