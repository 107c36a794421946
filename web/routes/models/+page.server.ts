// The first rows of /models come with the page (read on the server, cached per block), so they
// show before the browser has loaded any JavaScript; the page then keeps them fresh itself.
import { parseCard } from '$lib/card';
import { loadManifest } from '$lib/server/manifest';
import { cidOf, readDoc } from '$lib/server/docs';
import { registryRows } from '$lib/server/registry';
import { chainSettings } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

const FIRST_ROWS = 50;

export const load: PageServerLoad = async () => {
  const chain = chainSettings();
  const manifest = await loadManifest(chain.id);
  if (!manifest.ok) return { initial: null };
  const rows = await registryRows(chain, manifest.manifest);
  if (!rows) return { initial: null };
  // The default view: most stake first, then newest.
  const top = [...rows]
    .sort((a, b) => (a.stake === b.stake ? Number(b.id - a.id) : b.stake > a.stake ? 1 : -1))
    .slice(0, FIRST_ROWS);
  const names: Record<string, string> = {};
  await Promise.all(
    top.map(async (row) => {
      const cid = cidOf(row.metadataURI);
      const doc = cid ? await readDoc(cid) : undefined;
      if (doc?.ok) names[row.metadataURI] = parseCard(doc.text).card.name;
    }),
  );
  return { initial: { rows: top, total: rows.length, names } };
};
