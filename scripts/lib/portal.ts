// The portal for `npm start`: a production build (`vite build` with adapter-node → build/) made
// only when its sources changed since the last one, served by `node build`.
//
// The build stamp `build/.curia-build.json` holds the sha-256 of every file the build reads
// (web/ and protocol/, including the generated ABIs, and the root build configuration); when it
// matches, the build is reused, whoever made it (npm start with any data folder, the e2e suite, the
// bench): the stamp lives in the build it describes, and goes with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './gen.ts';
import { withFileLock } from './lock.ts';
import { ROOT } from '../../protocol/paths.ts';

export const BUILD_DIR = path.join(ROOT, 'build');
/** Held while build/ is written (and while the e2e suite copies it). */
export const BUILD_LOCK = path.join(ROOT, '.cache', 'portal-build.lock');
// package-lock.json for the dependencies; package.json itself changes with every new npm script.
const INPUT_FILES = ['svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

export interface BuildStamp {
  hash: string;
  builtAt: string;
  durationMs: number;
}

/** The stamp of build/ (inside it: a new build replaces the folder, stamp included). */
export const STAMP_FILE = path.join(BUILD_DIR, '.curia-build.json');

/**
 * sha-256 over the paths and contents of the portal's sources and build configuration (and the
 * build's mode: builds made before it was forced to production are made again).
 */
export function portalSourceHash(): string {
  const hash = createHash('sha256').update('NODE_ENV=production\0');
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) files.push(p);
    }
  };
  visit(path.join(ROOT, 'web'));
  visit(path.join(ROOT, 'protocol'));
  for (const f of INPUT_FILES)
    if (fs.existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  for (const file of files.sort()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function readStamp(file = STAMP_FILE): BuildStamp | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as BuildStamp;
  } catch {
    return undefined;
  }
}

/**
 * Whether build/ is missing or was built from other sources than `hash` (the current ones), by
 * its stamp (read from build/ unless given; null: no stamp).
 */
export function portalBuildNeeded(
  hash = portalSourceHash(),
  stamp: BuildStamp | null = readStamp() ?? null,
): boolean {
  return !fs.existsSync(path.join(BUILD_DIR, 'index.js')) || stamp?.hash !== hash;
}

/**
 * Builds the portal (the `vite build` half of `npm run build`; the caller has generated the
 * ABIs) and writes the stamp, unless a build of the same sources was made while this one waited
 * for the lock. Output goes to `<logDir>/portal/build.log`.
 */
export async function buildPortal(logDir: string, signal?: AbortSignal): Promise<BuildStamp> {
  // One build of the working tree at a time (npm start, the e2e suite, the bench): all write build/.
  return withFileLock(BUILD_LOCK, async () => {
    const hash = portalSourceHash();
    const current = readStamp();
    if (current && !portalBuildNeeded(hash, current)) return current;
    return build(hash, logDir, signal);
  });
}

async function build(hash: string, logDir: string, signal?: AbortSignal): Promise<BuildStamp> {
  const started = Date.now();
  const logFile = path.join(logDir, 'portal', 'build.log');
  fs.rmSync(STAMP_FILE, { force: true });
  // A production build whoever asks: under vitest NODE_ENV is "test", with which Vite resolves
  // the packages' "development" exports (esm-env's DEV: Svelte's and SvelteKit's dev-only checks
  // and warnings, slower pages) into the bundle.
  await run(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], {
    signal,
    logFile,
    env: { NODE_ENV: 'production' },
  });
  const stamp = { hash, builtAt: new Date().toISOString(), durationMs: Date.now() - started };
  fs.writeFileSync(STAMP_FILE, JSON.stringify(stamp, null, 2) + '\n');
  return stamp;
}

export interface PortalServer {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  stop: (timeoutMs?: number) => Promise<void>;
}

/**
 * KEEP_ALIVE_TIMEOUT (s) for every portal server: it keeps an idle connection well past a
 * client's own idle timeout (undici's is 4 s, Node's server default 5 s). With the two a second
 * apart, a busy machine let the server close a connection that a client was just reusing: a fetch
 * failed with ECONNRESET (relay.e2e's first request, then lists.e2e's, in CI).
 */
export const KEEP_ALIVE_ENV = { KEEP_ALIVE_TIMEOUT: '65' } as const;

/**
 * A copy of build/ as `<dir>/build`, beside a link to node_modules (the build's runtime
 * dependencies, external to adapter-node's bundle, resolve through it), taken under the build
 * lock. A portal served from the copy keeps running when build/ is made again (by the e2e suite,
 * the bench, another npm start): served from build/ itself, its next lazily loaded file was gone.
 * A copy already holding this build (its stamp) is kept as it is.
 */
export async function copyBuild(dir: string): Promise<string> {
  const copy = path.join(dir, 'build');
  await withFileLock(BUILD_LOCK, async () => {
    // A copy of this very build (same stamp) is kept: a second start copies nothing.
    const built = readStamp();
    const copied = readStamp(path.join(copy, path.basename(STAMP_FILE)));
    if (built && copied?.hash === built.hash && copied.builtAt === built.builtAt) return;
    // Copied aside, then moved in: an interrupted copy never passes for a whole one.
    const partial = `${copy}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(BUILD_DIR, partial, { recursive: true });
    fs.rmSync(copy, { recursive: true, force: true });
    fs.renameSync(partial, copy);
  });
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), modules, 'dir');
  }
  return copy;
}

/**
 * Serves the build in `buildDir` (build/, or a copy: {@link copyBuild}) with `node` on
 * 127.0.0.1:`port` (its own process group) and waits until it answers HTTP. `env` reaches the
 * portal (PUBLIC_RPC_URL, PUBLIC_CHAIN_ID, ...).
 */
export async function servePortal(
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
  buildDir = BUILD_DIR,
): Promise<PortalServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [buildDir], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: url,
      ...KEEP_ALIVE_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? null : code));
    child.once('error', () => resolve(-1));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => {
    if (alive()) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const server: PortalServer = {
    url,
    child,
    exited,
    output: () => output,
    stop: async (stopTimeoutMs = 10_000) => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ended) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return server;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await server.stop();
  const tail = output.trim().split('\n').slice(-5).join('\n');
  throw new Error(
    `the portal (node build) ${ended ? 'stopped' : `did not answer within ${timeoutMs / 1000} s`}${tail ? `:\n${tail}` : ''}`,
  );
}
