// Seeds the demo world once per deployment and records it in <dataDir>/seed.json:
//   { status: 'seeding' | 'seeded', chainId, governor, ..., world, accounts }
// A record left at 'seeding' means the seed was interrupted: the chain is half-seeded, and
// `npm start` starts a new chain rather than seeding twice.
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../protocol/manifest.ts';
import { PEOPLE } from './people.ts';
// world.ts needs the generated ABIs: it is loaded only when seeding (see seed()).
import type { World } from './world.ts';

export interface SeedRecord {
  status: 'seeding' | 'seeded';
  chainId: number;
  /** The deployment seeded (its Governor). */
  governor: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  world?: World;
  accounts: { index: number; name: string; address: string; roles: string[] }[];
}

export function seedRecordPath(dataDir: string): string {
  return path.join(dataDir, 'seed.json');
}

export function readSeedRecord(dataDir: string): SeedRecord | undefined {
  const file = seedRecordPath(dataDir);
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedRecord;
  } catch {
    return undefined;
  }
}

/** Whether the deployment in `manifest` was seeded, never seeded, or its seed was interrupted. */
export function seedStatus(dataDir: string, manifest: Manifest): 'seeded' | 'interrupted' | 'none' {
  const record = readSeedRecord(dataDir);
  if (
    !record ||
    record.chainId !== manifest.chainId ||
    record.governor.toLowerCase() !== manifest.contracts.CuriaGovernor.toLowerCase()
  ) {
    return 'none';
  }
  return record.status === 'seeded' ? 'seeded' : 'interrupted';
}

function write(dataDir: string, record: SeedRecord): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = seedRecordPath(dataDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

export async function seed(opts: {
  rpcUrl: string;
  manifest: Manifest;
  dataDir: string;
  /** The document store's folder (default `<dataDir>/docs`). */
  docsDir?: string;
  log?: (line: string) => void;
  /** Awaited before the record says `seeded`: e.g. until the node has saved the seeded chain. */
  persisted?: () => Promise<void>;
}): Promise<SeedRecord> {
  const started = Date.now();
  const record: SeedRecord = {
    status: 'seeding',
    chainId: opts.manifest.chainId,
    governor: opts.manifest.contracts.CuriaGovernor,
    startedAt: new Date(started).toISOString(),
    accounts: PEOPLE.map((p) => ({
      index: p.index,
      name: p.name,
      address: p.address,
      roles: p.roles,
    })),
  };
  write(opts.dataDir, record);
  const { seedWorld } = await import('./world.ts');
  record.world = await seedWorld(opts);
  await opts.persisted?.();
  record.status = 'seeded';
  record.finishedAt = new Date().toISOString();
  record.durationMs = Date.now() - started;
  write(opts.dataDir, record);
  return record;
}
