// Reads deployments/<chainId>.json, the addresses the deploy script wrote. Read on every request
// (a small file), so a redeploy shows up without restarting the portal.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAddress } from 'viem';
import type { Manifest } from '$lib/config';
import { deploymentsDir } from './settings';

const REQUIRED = [
  'CuriaToken',
  'TimelockController',
  'CuriaGovernor',
  'ModelRegistry',
  'CurationRegistry',
] as const;

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
      message: `Curia is not deployed on chain ${chainId} yet (no ${path.basename(file)}). On the local chain, run npm start.`,
    };
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.chainId !== chainId) throw new Error(`it is for chain ${manifest.chainId}`);
    for (const name of REQUIRED) {
      if (!isAddress(manifest.contracts?.[name] ?? '')) throw new Error(`no address for ${name}`);
    }
    for (const [name, address] of Object.entries(manifest.contracts)) {
      if (!isAddress(address)) throw new Error(`bad address for ${name}`);
    }
    return { ok: true, manifest };
  } catch (err) {
    return {
      ok: false,
      reason: 'invalid',
      message: `The deployment manifest for chain ${chainId} is unreadable: ${(err as Error).message}.`,
    };
  }
}
