// The deployment manifest of the portal's chain, for scripts and tools: GET /api/manifest
import { json } from '@sveltejs/kit';
import { loadManifest } from '$lib/server/manifest';
import { chainSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const chain = chainSettings();
  const result = await loadManifest(chain.id);
  if (!result.ok) return json({ error: result.message }, { status: 404 });
  return json(result.manifest, { headers: { 'cache-control': 'no-store' } });
};
