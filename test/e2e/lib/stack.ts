// A journey file's stack, on the suite's shared one (global-setup.ts: one chain with Curia
// deployed, one Chromium). startStack() reverts the chain to the fresh deployment (evm_revert to
// the snapshot the global setup took; every file starts from the same world; a seeded stack loads
// the tests' saved seeded chain instead), then starts what cannot be shared across a revert:
//   - the indexer: a revert is a reorg to Ponder, which it follows only down to its finality depth
//     (30 blocks on a chain it does not know) and stops at a deeper one, which most files reach.
//     It indexes into a database of the file's own on the suite's PostgreSQL server (dropped when
//     the file ends): a fresh deployment in a few seconds; a seeded stack's database is a copy of
//     the seeded chain's index, built once per run (test/lib/chain.ts indexTemplate), so that
//     Ponder resumes (~10 s) instead of indexing the seeded history again (~60 s);
//   - the portal (`node build` from the shared copy): it keeps per-process state that a revert
//     would leave stale (the entries it read at a block number, the relayer's counts, its
//     databases), and some files start it with their own environment (an RPC proxy, a signals or
//     accounts database of their own). It starts in about a second.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { GATEWAY_HOST, RELAYER } from '../../../scripts/lib/accounts.ts';
import { revertChain, snapshotChain } from '../../../scripts/lib/anvil.ts';
import { connectChromium } from '../../../scripts/lib/browser.ts';
import { startIndexer, type IndexedHead, type Indexer } from '../../../scripts/lib/indexer.ts';
import { readManifest, type Manifest } from '../../../protocol/manifest.ts';
import { ROOT } from '../../../protocol/paths.ts';
import type { SeedRecord } from '../../../scripts/seed/index.ts';
import { createDatabase, dropDatabase } from '../../../scripts/lib/postgres.ts';
import { KEEP_ALIVE_ENV } from '../../../scripts/lib/portal.ts';
import { freePort, rpc } from '../../../scripts/lib/rpc.ts';
import { indexTemplate, loadChain } from '../../lib/chain.ts';
import type { Hex } from 'viem';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'e2e');

export interface Stack {
  rpcUrl: string;
  chainId: number;
  manifest: Manifest;
  portalUrl: string;
  docsDir: string;
  /** The seed's record (the demo world's entries, proposals, disputes), when the stack was seeded. */
  seeded?: SeedRecord;
  /** The indexer's HTTP API (`/api/...`), as the portal is given it. */
  indexerUrl: string;
  indexer: Indexer;
  /**
   * Resolves once the index has processed the chain's current head block: await it after a
   * transaction, before asserting on a list, history or chart the portal reads from the index.
   */
  indexed(timeoutMs?: number): Promise<IndexedHead>;
  browser: Browser;
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  return new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited early:\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the portal did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

export interface StackOptions {
  /**
   * Seed the demo world (scripts/seed, as `npm start` does) before the indexer starts: its cards
   * and documents go to the stack's document folder through the same store the portal reads.
   */
  seed?: boolean;
  /**
   * The RPC the portal is given (PUBLIC_RPC_URL), instead of the chain's own: e.g. a proxy that
   * can refuse or hang (lib/rpc-proxy.ts). The indexer and the test's clients use the chain.
   */
  portalRpcUrl?: string;
}

/**
 * Reverts the shared chain to the fresh deployment and takes the snapshot again (anvil forgets a
 * snapshot it reverted to) for the next file. Files run one at a time (fileParallelism: false).
 */
async function freshDeployment(rpcUrl: string, snapshotFile: string) {
  await revertChain(rpcUrl, fs.readFileSync(snapshotFile, 'utf8').trim() as Hex);
  fs.writeFileSync(snapshotFile, await snapshotChain(rpcUrl));
  // The revert also set the chain's clock back to the snapshot's time: as on a chain deployed a
  // moment ago, it goes on from the wall clock (signed messages carry the wall clock's time).
  const latest = await rpc<{ timestamp: Hex }>(rpcUrl, 'eth_getBlockByNumber', ['latest', false]);
  const now = Math.max(Math.floor(Date.now() / 1000), Number(latest.timestamp) + 1);
  await rpc(rpcUrl, 'evm_setTime', [now]);
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const shared = inject('e2eStack');
  const { chainId } = shared;
  let { rpcUrl, deploymentsDir } = shared;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-e2e-'));
  let docsDir = path.join(dir, 'docs');
  fs.mkdirSync(docsDir, { recursive: true });
  // Stopped in reverse order: the portal, then the indexer (it releases its database).
  const stoppers: (() => Promise<void>)[] = [];
  let browser: Browser | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await browser?.close().catch(() => {}); // this file's connection and contexts
    for (const s of stoppers.reverse()) await s().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let seeded: SeedRecord | undefined;
    if (opts.seed) {
      // The seeded world is a chain of its own: the tests' saved seeded chain (test/lib/chain.ts:
      // the same deployment, seeded once per build by scripts/seed) in an anvil of this file's
      // own, with a copy of the seed's documents.
      const loaded = await loadChain('seeded', dir);
      stoppers.push(() => loaded.anvil.stop());
      rpcUrl = loaded.anvil.url;
      deploymentsDir = loaded.deploymentsDir;
      docsDir = path.join(loaded.dataDir!, 'docs');
      const { readSeedRecord } = await import('../../../scripts/seed/index.ts');
      seeded = readSeedRecord(loaded.dataDir!);
    } else {
      await freshDeployment(rpcUrl, shared.snapshotFile);
    }
    // The index's database, the file's own on the suite's server: empty, or for a seeded stack a
    // copy of the seeded index.
    const database = `e2e_${path.basename(dir).replace(/\W/g, '_').toLowerCase()}`;
    const databaseUrl = await createDatabase(shared.postgresUrl, database, {
      template: opts.seed ? await indexTemplate('seeded', shared.postgresUrl) : undefined,
    });
    stoppers.push(() => dropDatabase(shared.postgresUrl, database));
    const manifest = readManifest(deploymentsDir, chainId);
    if (!manifest) throw new Error(`no deployment manifest in ${deploymentsDir}`);

    // The indexer; its log in <dir>/indexer.log (printed when it fails to start or when a test
    // times out waiting for it).
    const indexer = await startIndexer(
      {
        rpcUrl,
        chainId,
        deploymentsDir,
        dataDir: dir,
        docsDir,
        port: await freePort(),
        databaseUrl,
        logFile: path.join(dir, 'indexer.log'),
      },
      // Ponder compiles its configuration first: on a loaded machine that alone has taken more
      // than 90 s (E2E_INDEXER_START_MS raises it further).
      Number(process.env.E2E_INDEXER_START_MS) || 180_000,
    );
    stoppers.push(() => indexer.stop());
    const indexed = async (timeoutMs = 60_000) => {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      });
      const { result } = (await res.json()) as { result: string };
      return indexer.waitForBlock(BigInt(result), timeoutMs);
    };
    // The journeys start from an index that has caught up with the deployment.
    const ready = indexed(opts.seed ? 180_000 : 90_000);
    ready.catch(() => {}); // awaited below, once the portal is up

    // The portal, from the shared copy of the build.
    const server = path.join(shared.buildDir, 'index.js');
    const portalPort = await freePort();
    const portalUrl = `http://127.0.0.1:${portalPort}`;
    let output = '';
    const portal = spawn(process.execPath, [server], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(portalPort),
        ORIGIN: portalUrl,
        ...KEEP_ALIVE_ENV,
        PUBLIC_RPC_URL: opts.portalRpcUrl ?? rpcUrl,
        PUBLIC_CHAIN_ID: String(chainId),
        PUBLIC_DEMO_ACCOUNTS: '1',
        PUBLIC_INDEXER_URL: indexer.url,
        INDEXER_URL: indexer.url,
        CURIA_DEPLOYMENTS_DIR: deploymentsDir,
        CURIA_DOCS_DIR: docsDir,
        CURIA_ACCEPT_DOCS: '1',
        CURIA_RELAYER_KEY: RELAYER.privateKey,
        // The gateway's pay-per-use host (test account 18).
        CURIA_GATEWAY_HOST_KEY: GATEWAY_HOST.privateKey,
        // Enough relayed transactions for every journey of one file.
        CURIA_RELAY_LIMIT: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stoppers.push(() => stopProcess(portal));
    portal.stdout!.on('data', (d) => (output += d));
    portal.stderr!.on('data', (d) => (output += d));
    // E2E_PORTAL_LOG=1 shows the portal's errors as they happen (a 500's stack, for instance).
    if (process.env.E2E_PORTAL_LOG) portal.stderr!.pipe(process.stderr);
    portal.once('exit', (code, signal) => {
      if (!stopping) console.error(`the portal stopped (${code ?? signal}):\n${output}`);
    });
    await waitForHttp(`${portalUrl}/api/manifest`, 30_000, portal, () => output);
    await ready;

    browser = await connectChromium(shared.wsEndpoint);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return {
      rpcUrl,
      chainId,
      manifest,
      portalUrl,
      docsDir,
      seeded,
      indexerUrl: indexer.url,
      indexer,
      indexed,
      browser,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface PageOptions {
  /** An injected EIP-1193 wallet stub (see walletStub) instead of no wallet. */
  wallet?: { address: string; chainId: number; rejectSignatures?: boolean };
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

/** A fresh browser context and page; collects page errors so tests can assert there were none. */
export async function openPage(
  stack: Stack,
  opts: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await stack.browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  if (opts.wallet) {
    const settings = {
      rpcUrl: stack.rpcUrl,
      address: opts.wallet.address,
      chainId: opts.wallet.chainId,
      portalChainId: stack.chainId,
      rejectSignatures: !!opts.wallet.rejectSignatures,
    };
    await context.addInitScript({ content: `(${WALLET_STUB})(${JSON.stringify(settings)});` });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || process.env.E2E_CONSOLE)
      console.log(`[page ${m.type()}] ${m.text()}`);
  });
  return { context, page, errors };
}

/**
 * Runs in the page: a minimal injected wallet (window.ethereum). Reads go to the node; the chain
 * id can be wrong until wallet_switchEthereumChain; with rejectSignatures, every signing request
 * is rejected with EIP-1193 code 4001, as when the user clicks "Reject". Plain JavaScript in a
 * string, so that no transpiler helper leaks into the page.
 */
const WALLET_STUB = `(o) => {
  let chainId = o.chainId;
  const listeners = {};
  const emit = (event, ...args) => (listeners[event] || []).forEach((l) => l(...args));
  const signing = ['eth_sendTransaction', 'eth_signTypedData_v4', 'personal_sign', 'eth_sign', 'eth_signTransaction'];
  let id = 0;
  const provider = {
    requests: [],
    async request({ method, params }) {
      provider.requests.push(method);
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [o.address];
      if (method === 'eth_chainId') return '0x' + chainId.toString(16);
      if (method === 'wallet_switchEthereumChain') {
        const wanted = parseInt(params[0].chainId, 16);
        if (wanted !== o.portalChainId) throw Object.assign(new Error('Unrecognized chain'), { code: 4902 });
        chainId = wanted;
        emit('chainChanged', '0x' + chainId.toString(16));
        return null;
      }
      if (method === 'wallet_requestPermissions' || method === 'wallet_revokePermissions') {
        return [{ parentCapability: 'eth_accounts' }];
      }
      if (signing.includes(method) && o.rejectSignatures) {
        throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
      }
      const res = await fetch(o.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params || [] }),
      });
      const body = await res.json();
      if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
      return body.result;
    },
    on(event, listener) {
      (listeners[event] = listeners[event] || []).push(listener);
      return provider;
    },
    removeListener(event, listener) {
      listeners[event] = (listeners[event] || []).filter((l) => l !== listener);
      return provider;
    },
  };
  window.ethereum = provider;
}`;
