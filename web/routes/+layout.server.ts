import { loadManifest } from '$lib/server/manifest';
import { chainSettings } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async () => {
  const chain = chainSettings();
  const result = await loadManifest(chain.id);
  return {
    chain,
    manifest: result.ok ? result.manifest : null,
    manifestError: result.ok ? null : result.message,
  };
};
