// Typed handles of Curia's contracts for the portal: the addresses of the page's manifest with the
// ABIs of the one contract table (protocol/contracts.ts).
import { contractRefs } from '$protocol/contracts';
import type { Manifest } from '$protocol/manifest';

export function curiaContracts(manifest: Manifest) {
  return contractRefs(manifest.contracts);
}
export type CuriaContracts = ReturnType<typeof curiaContracts>;

const cache = new WeakMap<Manifest, CuriaContracts>();

/** The contracts of the page's deployment (null when Curia is not deployed on this chain). */
export function contractsOf(curia: { manifest: Manifest | null }): CuriaContracts | null {
  if (!curia.manifest) return null;
  let c = cache.get(curia.manifest);
  if (!c) cache.set(curia.manifest, (c = curiaContracts(curia.manifest)));
  return c;
}
