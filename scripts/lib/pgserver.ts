// A throwaway PostgreSQL server for tests: Debian's `postgresql` binaries, a fresh cluster in a
// temporary folder, listening on 127.0.0.1 on a free port, stopped and deleted afterwards.
// PostgreSQL refuses to run as root: when we are root, the cluster belongs to the `postgres`
// system user (created by the Debian package) and the server runs as that user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './rpc.ts';

export interface PgServer {
  /** postgres://curia@127.0.0.1:<port>/curia */
  url: string;
  port: number;
  dir: string;
  child: ChildProcess;
  /** Stops the server (fast shutdown) and deletes its folder. */
  stop: () => Promise<void>;
}

/** The folder holding initdb and postgres: PATH first, then the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (
      dir &&
      fs.existsSync(path.join(dir, 'initdb')) &&
      fs.existsSync(path.join(dir, 'postgres'))
    ) {
      return dir;
    }
  }
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

async function waitForServer(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
) {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited before accepting connections:\n${log()}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      last = err;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `postgres did not accept connections within ${timeoutMs} ms: ${String(last)}\n${log()}`,
  );
}

export async function startPgServer(timeoutMs = 60_000): Promise<PgServer> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error(
      "PostgreSQL is not installed: the tests need Debian's `postgresql` package (apt-get install postgresql).",
    );
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (asRoot && !owner) {
    throw new Error('Running as root, and there is no `postgres` user to run PostgreSQL as.');
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-pg-'));
  fs.chmodSync(base, 0o755);
  const dir = path.join(base, 'data');
  fs.mkdirSync(dir, { mode: 0o700 });
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };

  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', dir, '-U', 'curia', '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions'],
    { ...as, env, stdio: 'pipe' },
  );
  const port = await freePort();
  const logFile = path.join(base, 'postgres.log');
  const out = fs.openSync(logFile, 'a');
  if (owner) fs.fchownSync(out, owner.uid, owner.gid);
  const child = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      dir,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=20',
      '-c',
      'shared_buffers=16MB',
    ],
    { ...as, env, stdio: ['ignore', out, out], detached: true },
  );
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const log = () =>
    fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n')
      : '';

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(base, { recursive: true, force: true });
  };

  const url = `postgres://curia@127.0.0.1:${port}/postgres`;
  try {
    await waitForServer(url, child, log, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, dir, child, stop };
}
