// The signals store's connection: PGlite embedded (a folder, nothing to install) by default, or a
// PostgreSQL server when a connection string is given. Both speak the same SQL with $1 parameters.
import fs from 'node:fs';
import { MIGRATIONS, type Migration } from './migrations';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Db extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbConfig = { databaseUrl: string } | { dir: string } | { memory: true };

export async function openPglite(dir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pg = dir ? await PGlite.create(dir) : await PGlite.create();
  const wrap = (q: { query: typeof pg.query; exec: typeof pg.exec }): Sql => ({
    query: async <T>(text: string, params: unknown[] = []) => (await q.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await q.exec(text);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}

export async function openPostgres(databaseUrl: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  // An idle client that loses its connection must not crash the server.
  pool.on('error', () => {});
  const base: Sql = {
    query: async <T>(text: string, params: unknown[] = []) =>
      (await pool.query(text, params)).rows as T[],
    exec: async (text: string) => {
      await pool.query(text);
    },
  };
  return {
    kind: 'postgres',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params: unknown[] = []) =>
            (await client.query(text, params)).rows as T[],
          exec: async (text: string) => {
            await client.query(text);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens the store and brings its schema up to date. */
export async function openDb(config: DbConfig): Promise<Db> {
  const db =
    'databaseUrl' in config
      ? await openPostgres(config.databaseUrl)
      : await openPglite('dir' in config ? config.dir : undefined);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

/** Applies the migrations not applied yet, in order; returns the versions it applied. */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
  /** The table recording this set's versions (another module's migrations keep their own). */
  table = 'signals_migrations',
): Promise<number[]> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad migrations table name ${table}`);
  // Under the lock too: two servers creating the table at once would collide in the catalog.
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('curia ' || $1))`, [table]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS ${table} (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  });
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      // Two servers starting at once against one PostgreSQL: one migrates, the other waits.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('curia ' || $1))`, [table]);
      const rows = await tx.query(`SELECT 1 FROM ${table} WHERE version = $1`, [m.version]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
