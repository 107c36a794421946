// Names, descriptions and tags of many model cards at once, for the models list's search:
// POST /api/docs/summaries { uris: ["ipfs://…", …] } → { [uri]: { name, description, tags, license } }
import { error, json } from '@sveltejs/kit';
import { parseCard } from '$protocol/card';
import { cidOf, readDoc } from '$lib/server/docs';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
  let uris: unknown;
  try {
    ({ uris } = (await request.json()) as { uris: unknown });
  } catch {
    error(400, 'Send JSON: { "uris": [...] }');
  }
  if (!Array.isArray(uris) || uris.length > 1000) error(400, 'uris: an array of at most 1,000');
  const out: Record<
    string,
    { name: string; description: string; tags: string[]; license: string }
  > = {};
  await Promise.all(
    uris.map(async (uri) => {
      if (typeof uri !== 'string') return;
      const cid = cidOf(uri);
      if (!cid) return;
      const doc = await readDoc(cid);
      if (!doc.ok) return;
      const { card } = parseCard(doc.text);
      out[uri] = {
        name: card.name,
        description: card.description.slice(0, 200),
        tags: card.tags.slice(0, 10),
        license: card.license || card.license_name,
      };
    }),
  );
  return json(out);
};
