// The e2e stack: a fresh anvil with Curia deployed (own port, chain id and folders), the indexer
// (Ponder on PGlite in the stack's temporary folder), the built portal served by `node build`,
// and headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fundRelayer, RELAYER } from '../../../scripts/lib/accounts.ts';
import { launchChromium } from '../../../scripts/lib/browser.ts';
import { deployCuria } from '../../../scripts/lib/deploy.ts';
import { foundryBinary } from '../../../scripts/lib/foundry.ts';
import { startIndexer, type IndexedHead, type Indexer } from '../../../scripts/lib/indexer.ts';
import { readManifest, type Manifest } from '../../../protocol/manifest.ts';
import { ROOT } from '../../../protocol/paths.ts';
import type { SeedRecord } from '../../../scripts/seed/index.ts';
import { freePort, waitForRpc } from '../../../scripts/lib/rpc.ts';

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

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-e2e-'));
  const deploymentsDir = path.join(dir, 'deployments');
  const docsDir = path.join(dir, 'docs');
  fs.mkdirSync(docsDir, { recursive: true });
  // Stopped in reverse order: the portal, then the indexer (it releases its database), anvil last.
  const stoppers: (() => Promise<void>)[] = [];
  let browser: Browser | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await browser?.close().catch(() => {});
    for (const s of stoppers.reverse()) await s().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The chain: a chain id of its own, so that no other deployment manifest is touched.
    const anvilPort = await freePort();
    const chainId = 31_338_000 + Math.floor(Math.random() * 100_000);
    const rpcUrl = `http://127.0.0.1:${anvilPort}`;
    const anvil = spawn(
      foundryBinary('anvil'),
      [
        '--host',
        '127.0.0.1',
        '--port',
        String(anvilPort),
        '--chain-id',
        String(chainId),
        '--silent',
      ],
      { stdio: 'ignore' },
    );
    stoppers.push(() => stopProcess(anvil));
    await waitForRpc(rpcUrl, 30_000);
    await deployCuria({ rpcUrl, chainId, deploymentsDir });
    const manifest = readManifest(deploymentsDir, chainId);
    if (!manifest) throw new Error('the deployment wrote no manifest');
    // The portal's relayer (gasless votes and delegations), as npm start runs it.
    await fundRelayer(rpcUrl);
    let seeded: SeedRecord | undefined;
    if (opts.seed) {
      const { seed } = await import('../../../scripts/seed/index.ts');
      seeded = await seed({ rpcUrl, manifest, dataDir: dir, docsDir });
    }

    // The indexer, on PGlite in the stack's folder; its log in <dir>/indexer.log (printed when it
    // fails to start or when a test times out waiting for it).
    const indexer = await startIndexer(
      {
        rpcUrl,
        chainId,
        deploymentsDir,
        dataDir: dir,
        docsDir,
        port: await freePort(),
        databaseUrl: '', // PGlite, whatever DATABASE_URL says
        logFile: path.join(dir, 'indexer.log'),
      },
      // Ponder compiles its configuration and opens PGlite first: on a loaded machine that alone
      // has taken more than 90 s (E2E_INDEXER_START_MS raises it further).
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

    // The portal, built beforehand (npm run test:e2e builds it), served by adapter-node.
    // Served from a copy, so that another build of the shared working tree cannot pull the
    // files from under the running server.
    if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) {
      throw new Error('build/index.js is missing: run `vite build` first (npm run test:e2e does)');
    }
    fs.cpSync(path.join(ROOT, 'build'), path.join(dir, 'build'), { recursive: true });
    const server = path.join(dir, 'build', 'index.js');
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
        PUBLIC_RPC_URL: opts.portalRpcUrl ?? rpcUrl,
        PUBLIC_CHAIN_ID: String(chainId),
        PUBLIC_DEMO_ACCOUNTS: '1',
        PUBLIC_INDEXER_URL: indexer.url,
        INDEXER_URL: indexer.url,
        CURIA_DEPLOYMENTS_DIR: deploymentsDir,
        CURIA_DOCS_DIR: docsDir,
        CURIA_ACCEPT_DOCS: '1',
        CURIA_RELAYER_KEY: RELAYER.privateKey,
        // Enough relayed transactions for every journey of one file.
        CURIA_RELAY_LIMIT: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stoppers.push(() => stopProcess(portal));
    portal.stdout!.on('data', (d) => (output += d));
    portal.stderr!.on('data', (d) => (output += d));
    portal.once('exit', (code, signal) => {
      if (!stopping) console.error(`the portal stopped (${code ?? signal}):\n${output}`);
    });
    await waitForHttp(`${portalUrl}/api/manifest`, 30_000, portal, () => output);
    await ready;

    browser = await launchChromium();
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
