// Reads deployments/<chainId>.json, the addresses the deploy script wrote. Read on every request
// (a small file), so a redeploy shows up without restarting the portal.
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkManifest, type Manifest } from '$protocol/manifest';
import { networkName } from '$lib/config';
import { deploymentsDir } from './settings';

export type ManifestResult =
  { ok: true; manifest: Manifest } | { ok: false; reason: 'missing' | 'invalid'; message: string };

export async function loadManifest(chainId: number): Promise<ManifestResult> {
  const file = path.join(deploymentsDir(), `${chainId}.json`);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return {
      ok: false,
      reason: 'missing',
      message: `Curia is not deployed on ${networkName(chainId)} yet (no ${path.basename(file)}). On the local chain, run npm start.`,
    };
  }
  try {
    return { ok: true, manifest: checkManifest(JSON.parse(text), chainId) };
  } catch (err) {
    return {
      ok: false,
      reason: 'invalid',
      message: `The deployment manifest for chain ${chainId} is unreadable: ${(err as Error).message}.`,
    };
  }
}
