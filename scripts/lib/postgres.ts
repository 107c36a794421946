// A throwaway PostgreSQL server for tests and benchmarks: Debian's `postgresql` binaries (initdb,
// pg_ctl), a fresh cluster in a temporary folder, listening on 127.0.0.1 at a free port, trusted
// local logins, no durability (fsync off). PostgreSQL refuses to run as root: as root, the cluster
// belongs to the `postgres` system user the Debian package creates (or `nobody`).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './rpc.ts';

const run = promisify(execFile);

export interface Postgres {
  /** postgresql://curia@127.0.0.1:<port>/curia */
  url: string;
  port: number;
  dir: string;
  /** Stops the server (fast shutdown) and deletes its folder. */
  stop: () => Promise<void>;
}

/** The folder holding initdb and pg_ctl: PG_BIN, `pg_config --bindir`, the newest /usr/lib/postgresql/<v>/bin, PATH. */
export function postgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debian, v, 'bin'));
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) candidates.push(dir);
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) {
      return dir;
    }
  }
  throw new Error(
    "PostgreSQL's initdb and pg_ctl were not found: install Debian's postgresql package (apt-get install postgresql) or set PG_BIN",
  );
}

/** uid and gid of a system user, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.chownSync(full, uid, gid);
  }
}

export async function startPostgres(opts: { port?: number } = {}): Promise<Postgres> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const port = opts.port ?? (await freePort());
  let user: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    user = systemUser('postgres') ?? systemUser('nobody');
    if (!user)
      throw new Error(
        'running as root and there is no postgres or nobody user to run PostgreSQL as',
      );
    fs.chmodSync(dir, 0o700);
    chownTree(dir, user.uid, user.gid);
  }
  const as = { ...user, cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
  const pgCtl = path.join(bin, 'pg_ctl');
  const fail = (step: string, err: unknown): never => {
    const out = err as { stderr?: string; stdout?: string; message: string };
    const log = fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n')
      : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL ${step} failed: ${(out.stderr || out.stdout || out.message).trim()}${log ? `\n${log}` : ''}`,
    );
  };
  try {
    await run(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'curia', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      as,
    );
  } catch (err) {
    fail('initdb', err);
  }
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  try {
    await run(pgCtl, ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], as);
    await run(
      path.join(bin, 'createdb'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'curia', 'curia'],
      as,
    );
  } catch (err) {
    fail('start', err);
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    try {
      await run(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], as);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Whatever ends this process, do not leave a server behind.
  const stopSync = () => {
    try {
      execFileSync(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], { ...as, stdio: 'ignore' });
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  return { url: `postgresql://curia@127.0.0.1:${port}/curia`, port, dir, stop };
}

/** `postgresql://…/<database>`: the server's URL with another database. */
function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, work: (c: import('pg').Client) => Promise<T>) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database on the server of `serverUrl` (e.g. one per test file, so that nothing of another
 * file's index or Ponder's RPC cache is seen): empty, or a copy of `template` (a database nobody
 * is connected to); returns its URL.
 */
export async function createDatabase(
  serverUrl: string,
  name: string,
  opts: { template?: string } = {},
): Promise<string> {
  const template = opts.template ? ` TEMPLATE ${plainName(opts.template)}` : '';
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${plainName(name)}${template}`));
  return databaseUrl(serverUrl, name);
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const { rowCount } = await admin(serverUrl, (c) =>
    c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  return rowCount === 1;
}

export async function renameDatabase(serverUrl: string, from: string, to: string): Promise<void> {
  await admin(serverUrl, (c) =>
    c.query(`ALTER DATABASE ${plainName(from)} RENAME TO ${plainName(to)}`),
  );
}

/** Drops a database made by createDatabase, closing its remaining connections first. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${plainName(name)} WITH (FORCE)`));
}

/** Database names are written into SQL: lower-case letters, digits and underscores only. */
function plainName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  return name;
}
