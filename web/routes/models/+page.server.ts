// The rows of /models come with the page, from the index (one indexed query for the filters in the
// URL), so they show before the browser has loaded any JavaScript; the page then keeps them fresh
// itself. Without an index (none configured, or it does not answer), the most-staked entries are
// read from the chain instead, and the page says that search and filters need the index.
import { parseCard } from '$protocol/card';
import { IndexerError, type ModelSummary, type Page } from '$protocol/indexer/client';
import { filtersFromUrl, toModelQuery } from '$lib/models';
import { cidOf, readDoc } from '$lib/server/docs';
import { serverIndexer } from '$lib/server/indexer';
import { loadManifest } from '$lib/server/manifest';
import { registryRows } from '$lib/server/registry';
import { chainSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

const FALLBACK_ROWS = 50;

export const load: PageServerLoad = async ({ fetch, url }) => {
  const filters = filtersFromUrl(url.searchParams);
  const query = toModelQuery(filters);
  const indexer = serverIndexer(fetch);
  let indexError: string | null = indexer ? null : 'this portal runs without one.';
  if (indexer) {
    try {
      const first: Page<ModelSummary> = await indexer.models(query);
      return { filters, query, first, indexError, fallback: null };
    } catch (err) {
      // In words: the indexer's address and fetch's own text are for its operator's log.
      console.error('models: the indexer did not answer', err);
      indexError =
        err instanceof IndexerError && err.status !== 0
          ? `it could not answer (error ${err.status}). Reload the page to try again.`
          : 'it did not answer. Reload the page to try again.';
    }
  }
  return { filters, query, first: null, indexError, fallback: await chainRows() };
};

/** The most-staked entries, read from the chain (cached per block), with their cards' names. */
async function chainRows() {
  const chain = chainSettings();
  const manifest = await loadManifest(chain.id);
  if (!manifest.ok) return null;
  const rows = await registryRows(chain, manifest.manifest);
  if (!rows) return null;
  const top = [...rows]
    .sort((a, b) => (a.stake === b.stake ? Number(b.id - a.id) : b.stake > a.stake ? 1 : -1))
    .slice(0, FALLBACK_ROWS);
  const names: Record<string, string> = {};
  await Promise.all(
    top.map(async (row) => {
      const cid = cidOf(row.metadataURI);
      const doc = cid ? await readDoc(cid) : undefined;
      if (doc?.ok) names[row.metadataURI] = parseCard(doc.text).card.name;
    }),
  );
  return { rows: top, total: rows.length, names };
}
