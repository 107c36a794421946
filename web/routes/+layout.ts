// Every page but the home page reads the chain while it renders: wagmi (viem, the connectors) is
// loaded before it does. The home page hydrates without it and loads it right after (Curia.start),
// which keeps its initial JavaScript small (issue 6).
import { browser } from '$app/environment';
import { loadWagmi } from '$lib/curia.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, route }) => {
  if (!browser || route.id !== '/') await loadWagmi();
  return data;
};
