// The portal's own database for accounts: Sign-In with Ethereum sessions (auth/) and watchlists,
// notices and the delivery queue (notify/), the gateway's tokens, download log and usage receipts (gateway/). The same layer as the signals store (signals/db.ts):
// PGlite in a folder by default, PostgreSQL when DATABASE_URL is set. Several portal instances
// share one PostgreSQL; a PGlite folder belongs to one process.
import path from 'node:path';
import { AUTH_MIGRATIONS } from './auth/migrations';
import { GATEWAY_MIGRATIONS } from './gateway/migrations';
import { NOTIFY_MIGRATIONS } from './notify/migrations';
import { migrate, openPglite, openPostgres, type Db, type DbConfig } from './signals/db';

/** Opens the accounts database and applies the auth and notify migrations. */
export async function openAppDb(config: DbConfig): Promise<Db> {
  const db =
    'databaseUrl' in config
      ? await openPostgres(config.databaseUrl)
      : await openPglite('dir' in config ? config.dir : undefined);
  try {
    await migrate(db, AUTH_MIGRATIONS, 'auth_migrations');
    await migrate(db, NOTIFY_MIGRATIONS, 'notify_migrations');
    await migrate(db, GATEWAY_MIGRATIONS, 'gateway_migrations');
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

/** DATABASE_URL, else PGlite in $CURIA_ACCOUNTS_DB_DIR (default $CURIA_DATA_DIR/accounts). */
export function appDbConfig(env: Record<string, string | undefined>): DbConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  const dir = env.CURIA_ACCOUNTS_DB_DIR || path.join(env.CURIA_DATA_DIR || 'data', 'accounts');
  return { dir: path.resolve(dir) };
}

// One handle per process and configuration, kept across dev-server reloads.
const KEY = Symbol.for('curia.appdb');
type Cache = Map<string, Promise<Db>>;
const cache: Cache =
  ((globalThis as Record<symbol, unknown>)[KEY] as Cache | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[KEY] = cache;

export function appDb(config: DbConfig): Promise<Db> {
  const key = JSON.stringify(config);
  let db = cache.get(key);
  if (!db) {
    db = openAppDb(config);
    cache.set(key, db);
    db.catch(() => cache.delete(key));
  }
  return db;
}
