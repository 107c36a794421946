// The portal's signals service, configured from the environment:
//   DATABASE_URL      PostgreSQL connection string; unset: PGlite in $CURIA_DATA_DIR/signals
//   SIGNALS_DB_DIR    where the embedded PGlite database lives (default $CURIA_DATA_DIR/signals)
//   SNAPSHOT_SPACE    the Snapshot space the messages name (default curia.eth)
//   SNAPSHOT_HUB_URL  a Snapshot hub (sequencer) that accepted envelopes are also sent to
import path from 'node:path';
import { env } from '$env/dynamic/private';
import { loadManifest } from '../manifest';
import { chainSettings } from '../settings';
import { signalsClient } from './chain';
import { openDb, type Db, type DbConfig } from './db';
import { SignalsService } from './service';

export const DEFAULT_SPACE = 'curia.eth';

// One database handle per process, kept across dev-server reloads (PGlite allows one opener).
const KEY = Symbol.for('curia.signals.db');
type Cache = Map<string, Promise<Db>>;
const cache: Cache =
  ((globalThis as Record<symbol, unknown>)[KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[KEY] = cache;

export function dbConfigFromEnv(): DbConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  const dir = env.SIGNALS_DB_DIR || path.join(env.CURIA_DATA_DIR || 'data', 'signals');
  return { dir: path.resolve(dir) };
}

function database(config: DbConfig): Promise<Db> {
  const key = JSON.stringify(config);
  let db = cache.get(key);
  if (!db) {
    db = openDb(config);
    cache.set(key, db);
    // A failed open is retried on the next request rather than cached.
    db.catch(() => cache.delete(key));
  }
  return db;
}

const clients = new Map<string, ReturnType<typeof signalsClient>>();
function clientFor(chainId: number, rpcUrl: string) {
  const key = `${chainId}|${rpcUrl}`;
  let client = clients.get(key);
  if (!client) {
    client = signalsClient(chainId, rpcUrl);
    clients.set(key, client);
  }
  return client;
}

export type SignalsResult =
  { ok: true; service: SignalsService } | { ok: false; status: number; message: string };

export async function getSignals(): Promise<SignalsResult> {
  const chain = chainSettings();
  const manifest = await loadManifest(chain.id);
  if (!manifest.ok) return { ok: false, status: 503, message: manifest.message };
  const config = dbConfigFromEnv();
  let db: Db;
  try {
    db = await database(config);
  } catch (err) {
    const where = 'databaseUrl' in config ? 'the PostgreSQL server (DATABASE_URL)' : 'its folder';
    return {
      ok: false,
      status: 503,
      message: `The signals database could not be opened in ${where}: ${(err as Error).message}`,
    };
  }
  const service = new SignalsService({
    chainId: chain.id,
    token: manifest.manifest.contracts.CuriaToken,
    space: env.SNAPSHOT_SPACE || DEFAULT_SPACE,
    client: clientFor(chain.id, chain.rpcUrl),
    db,
    hubUrl: env.SNAPSHOT_HUB_URL || undefined,
  });
  return { ok: true, service };
}
