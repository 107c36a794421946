// The portal part of `npm run bench` (issues 6, 8 and 9), in headless Chromium against the built
// portal (`node build`), a fresh anvil and the indexer:
//   - `/models` first rows: from navigation start to the first model row on screen, with 1,000
//     and 10,000 registered models (cards in the docs folder, so names show), cold (a new browser
//     context: empty cache) and warm (the same context, its HTTP cache filled), median of RUNS;
//   - JSON-RPC requests per page load for /, /models, a model page and /proposals: requests to
//     the chain's RPC URL from the browser and from the portal's server (a counting proxy sits in
//     front of anvil), with the number of calls they carry (viem batches);
//   - the home page's initial JavaScript: every script the browser fetched before the page was
//     interactive (hydrated: the root layout sets data-ready), counted at its gzip size (the .gz
//     files adapter-node serves).
//
// The world: models registered in JSON-RPC batches with mining paused (scripts/bench/world.ts),
// the indexer (scripts/lib/indexer.ts) caught up with the chain, and the portal given its URL
// (PUBLIC_INDEXER_URL, INDEXER_URL), so the bench measures whatever /models reads.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodeFunctionData, type Hex } from 'viem';
import { demoAccounts } from '../lib/accounts.ts';
import { startAnvil } from '../lib/anvil.ts';
import { launchChromium } from '../lib/browser.ts';
import { deployCuria } from '../lib/deploy.ts';
import { startIndexer, type Indexer } from '../lib/indexer.ts';
import { readManifest, type Manifest } from '../../protocol/manifest.ts';
import {
  BUILD_DIR,
  buildPortal,
  portalBuildNeeded,
  servePortal,
  type PortalServer,
} from '../lib/portal.ts';
import { ROOT } from '../../protocol/paths.ts';
import { freePort } from '../lib/rpc.ts';
import type { Measurement } from './report.ts';
import { batchRpc, writeCard, type Tx } from './world.ts';

const GROUP = 'portal (headless Chromium, node build, indexer)';
const CHAIN_ID = 0x706f7274; // "port"
const BLOCK_GAS_LIMIT = 200_000_000;
/** Issue 8's targets. */
const FIRST_ROWS_TARGET_MS = 500;
const INITIAL_JS_TARGET_KB = 90;
/**
 * A model row on /models: a link to a model page (by its resolved URL: the server renders
 * relative links, `./models/1`, the browser absolute ones).
 */
const ROW_PATH = '^/models/\\d+$';
const NAV_TIMEOUT = 60_000;

export interface PortalBenchOptions {
  /** World sizes for the /models timing, ascending (default 1,000 and 10,000). */
  sizes?: number[];
  /** Navigations per median (default 5). */
  runs?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---------------------------------------------------------------- a counting JSON-RPC proxy

interface RpcHit {
  at: number;
  calls: number;
  methods: string[];
}

/** Forwards everything to `target` and records each JSON-RPC POST (and its batch size). */
async function countingProxy(target: string) {
  const hits: RpcHit[] = [];
  const server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'POST, GET, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      try {
        const parsed = JSON.parse(body) as { method: string } | { method: string }[];
        const list = Array.isArray(parsed) ? parsed : [parsed];
        hits.push({ at: Date.now(), calls: list.length, methods: list.map((c) => c.method) });
      } catch {
        hits.push({ at: Date.now(), calls: 0, methods: [] });
      }
      try {
        const answer = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        res.writeHead(answer.status, { ...cors, 'content-type': 'application/json' });
        res.end(await answer.text());
      } catch (err) {
        res.writeHead(502, cors).end(String(err));
      }
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- in the page

/**
 * Runs in every page before its own scripts: notes (performance.now(), from navigation start) when
 * the first model row is inserted and the frame after it, and when the app is hydrated.
 */
const PROBE = `(() => {
  const row = new RegExp(${JSON.stringify(ROW_PATH)});
  const marks = (window.__bench = {});
  const hasRow = () => {
    for (const a of document.querySelectorAll('main a[href]')) {
      if (row.test(new URL(a.href).pathname)) return true;
    }
    return false;
  };
  const look = () => {
    if (marks.rowInserted === undefined && hasRow()) {
      marks.rowInserted = performance.now();
      requestAnimationFrame(() => (marks.rowPainted = performance.now()));
    }
    if (marks.ready === undefined && document.documentElement.dataset.ready === 'true') {
      marks.ready = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

interface Marks {
  rowInserted?: number;
  rowPainted?: number;
  ready?: number;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: PROBE });
  return context;
}

/**
 * Navigates; returns the time from navigation start to the first model row painted, and to the
 * first byte of the HTML (the server's share).
 */
async function firstRows(
  page: Page,
  url: string,
): Promise<{ row: number; ttfb: number; fcp: number }> {
  await page.goto(url, { waitUntil: 'commit', timeout: NAV_TIMEOUT });
  const handle = await page.waitForFunction(
    () => {
      const m = (window as unknown as { __bench?: Marks }).__bench;
      return m?.rowPainted ?? undefined;
    },
    undefined,
    { timeout: NAV_TIMEOUT, polling: 50 },
  );
  const row = (await handle.jsonValue()) as number;
  const [ttfb, fcp] = await page.evaluate(() => [
    (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStart,
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  ]);
  return { row, ttfb, fcp };
}

async function waitReady(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __bench?: Marks }).__bench?.ready,
    undefined,
    { timeout: NAV_TIMEOUT, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

// ---------------------------------------------------------------- the world

async function registerModels(
  lib: typeof import('../../protocol/contracts.ts'),
  manifest: Manifest,
  rpc: ReturnType<typeof batchRpc>,
  docsDir: string,
  from: number,
  to: number,
): Promise<void> {
  const creators = demoAccounts(10)
    .slice(1, 9)
    .map((a) => a.address);
  const txs: Tx[] = [];
  for (let i = from; i < to; i++) {
    const card = await writeCard(docsDir, i);
    txs.push({
      from: creators[i % creators.length],
      to: manifest.contracts.ModelRegistry,
      data: encodeFunctionData({
        abi: lib.CURIA_ABIS.ModelRegistry,
        functionName: 'registerModel',
        args: [i % 10 === 9 ? 1 : 0, card.hash, card.uri, []],
      }),
    });
  }
  await rpc.call('evm_setAutomine', [false]);
  try {
    await rpc.sendAll(`register models ${from + 1}-${to}`, txs);
  } finally {
    await rpc.call('evm_setAutomine', [true]);
  }
}

// ---------------------------------------------------------------- the measurements

/** gzip size (the .gz adapter-node serves) of a file of the client build, by URL path. */
function gzipSize(urlPath: string): number {
  const file = path.join(BUILD_DIR, 'client', decodeURIComponent(urlPath));
  const gz = `${file}.gz`;
  if (fs.existsSync(gz)) return fs.statSync(gz).size;
  // Files too small to be precompressed are sent as they are.
  return fs.statSync(file).size;
}

/** The static imports (and re-exports) of a built ES module, as URLs; dynamic import() left out. */
export function staticImports(code: string, base: URL): URL[] {
  const out: URL[] = [];
  const re =
    /(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?\sfrom\s*|[^"'();]*?from)?\s*["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) out.push(new URL(m[1], base));
  return out;
}

/**
 * The home page's initial JavaScript: the scripts its response references (SvelteKit lists the
 * entry points, the route's nodes and their static imports as modulepreload links in the Link
 * header, and imports the entries inline) plus,
 * to be sure, every static import of those; each counted at the size of its .gz. The browser
 * then checks it: every one of them was fetched by the time the page was hydrated.
 */
export async function initialJs(browser: Browser, portalUrl: string) {
  const res = await fetch(portalUrl);
  const html = await res.text();
  const origin = new URL(portalUrl);
  const files = new Set<string>();
  const queue: URL[] = [];
  // SvelteKit lists the page's modules (the route's nodes among them) in the Link header.
  for (const m of (res.headers.get('link') ?? '').matchAll(/<([^>]+)>;[^,]*rel="modulepreload"/g)) {
    queue.push(new URL(m[1], origin));
  }
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    queue.push(new URL(m[1], origin));
  }
  for (const m of html.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) {
    queue.push(new URL(m[1], origin));
  }
  if (queue.length === 0) throw new Error('the home page references no scripts (modulepreload)');
  while (queue.length) {
    const url = queue.pop()!;
    if (url.origin !== origin.origin || files.has(url.pathname)) continue;
    files.add(url.pathname);
    const code = fs.readFileSync(
      path.join(BUILD_DIR, 'client', decodeURIComponent(url.pathname)),
      'utf8',
    );
    queue.push(...staticImports(code, url));
  }
  const gzip = [...files].reduce((n, f) => n + gzipSize(f), 0);

  // What the browser fetched: the initial scripts before hydration, the rest after.
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(portalUrl, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    const ready = await waitReady(page);
    await page.waitForLoadState('networkidle');
    const fetched = (
      await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
    )
      .map((n) => new URL(n))
      .filter((u) => u.origin === origin.origin && u.pathname.endsWith('.js'))
      .map((u) => u.pathname);
    const missing = [...files].filter((f) => !fetched.includes(f));
    if (missing.length) {
      throw new Error(`the home page did not fetch ${missing.join(', ')} (the count is wrong)`);
    }
    const later = fetched.filter((f) => !files.has(f));
    const laterGzip = later.reduce((n, f) => n + gzipSize(f), 0);
    return { files: files.size, gzip, later: later.length, laterGzip, ready };
  } finally {
    await context.close();
  }
}

async function requestsPerLoad(
  browser: Browser,
  portalUrl: string,
  rpcUrl: string,
  hits: RpcHit[],
  route: string,
) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const browserHits: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().startsWith(rpcUrl)) {
        const body = r.postData() ?? '';
        let calls = 1;
        try {
          const parsed = JSON.parse(body) as unknown;
          calls = Array.isArray(parsed) ? parsed.length : 1;
        } catch {
          // not JSON
        }
        browserHits.push(calls);
      }
    });
    const t0 = Date.now();
    const before = hits.length;
    await page.goto(`${portalUrl}${route}`, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    await waitReady(page);
    const hydrated = Date.now();
    // The load is over 2 s after hydration (wagmi loads after it on the home page) once no
    // JSON-RPC request has been made for 1 s (a production portal polls the block every 4 s),
    // at most 15 s after navigation.
    for (;;) {
      const last = hits.length > before ? hits[hits.length - 1].at : t0;
      const now = Date.now();
      if ((now - hydrated >= 2_000 && now - last >= 1_000) || now - t0 > 15_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = hits.slice(before);
    const browserCalls = browserHits.reduce((n, c) => n + c, 0);
    const totalCalls = all.reduce((n, h) => n + h.calls, 0);
    return {
      requests: all.length,
      calls: totalCalls,
      browser: browserHits.length,
      browserCalls,
      largestBatch: Math.max(0, ...all.map((h) => h.calls)),
      server: all.length - browserHits.length,
      serverCalls: totalCalls - browserCalls,
    };
  } finally {
    await context.close();
  }
}

/**
 * Median first-rows times, cold and warm. A navigation that shows no row within NAV_TIMEOUT
 * counts as NAV_TIMEOUT, and ends the series (`timedOut`).
 */
async function timeFirstRows(browser: Browser, url: string, runs: number) {
  const cold: number[] = [];
  const warm: number[] = [];
  const ttfb: number[] = [];
  const fcp: number[] = [];
  let timedOut = false;
  const attempt = async (page: Page, into?: number[]) => {
    try {
      const r = await firstRows(page, url);
      into?.push(r.row);
      ttfb.push(r.ttfb);
      fcp.push(r.fcp);
    } catch (err) {
      if (!/Timeout/i.test((err as Error).message)) throw err;
      into?.push(NAV_TIMEOUT);
      timedOut = true;
    }
  };
  // One untimed navigation first: the portal's server has served this page before (its code is
  // compiled, its per-block caches filled), as a running portal has; the browser stays cold.
  for (let i = -1; i < runs && !timedOut; i++) {
    const context = await newContext(browser);
    try {
      await attempt(await context.newPage(), i < 0 ? undefined : cold);
    } finally {
      await context.close();
    }
  }
  if (!timedOut) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await attempt(page); // fills the cache
      for (let i = 0; i < runs && !timedOut; i++) await attempt(page, warm);
    } finally {
      await context.close();
    }
  }
  if (cold.length === 0) cold.push(NAV_TIMEOUT);
  if (warm.length === 0) warm.push(NAV_TIMEOUT);
  return {
    cold: median(cold),
    warm: median(warm),
    ttfb: ttfb.length ? median(ttfb) : NaN,
    fcp: fcp.length ? median(fcp) : NaN,
    coldRuns: cold,
    warmRuns: warm,
    timedOut,
  };
}

/**
 * Builds the portal if its sources changed, starts the world and measures. Returns the
 * measurements (the caller prints and writes them).
 */
export async function measurePortal(
  log: (line: string) => void,
  opts: PortalBenchOptions = {},
): Promise<Measurement[]> {
  const sizes = opts.sizes ?? [1_000, 10_000];
  const runs = opts.runs ?? 5;
  const out: Measurement[] = [];
  const started = Date.now();

  const dataDir = path.join(ROOT, 'data');
  if (portalBuildNeeded()) {
    log('  building the portal (vite build)…');
    const stamp = await buildPortal(dataDir);
    log(`  built in ${seconds(stamp.durationMs)}`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-bench-portal-'));
  const docsDir = path.join(tmp, 'data', 'docs');
  const deploymentsDir = path.join(tmp, 'deployments');
  fs.mkdirSync(docsDir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  let indexer: Indexer | undefined;
  let portal: PortalServer | undefined;
  try {
    const anvil = await startAnvil({
      port: await freePort(),
      chainId: CHAIN_ID,
      logFile: path.join(tmp, 'anvil.log'),
    });
    stops.push(() => anvil.stop());
    // forge sometimes leaves a nonce gap on a busy machine and waits for ever: give up after 3 min.
    await deployCuria({
      rpcUrl: anvil.url,
      chainId: CHAIN_ID,
      deploymentsDir,
      signal: AbortSignal.timeout(180_000),
    }).catch((err: Error) => {
      throw new Error(`deploying Curia on the bench's anvil failed: ${err.message}`);
    });
    const manifest = readManifest(deploymentsDir, CHAIN_ID);
    if (!manifest) throw new Error('the deployment wrote no manifest');
    const lib = await import('../../protocol/contracts.ts');
    const rpc = batchRpc(anvil.url, log);
    await rpc.call('evm_setBlockGasLimit', [`0x${BLOCK_GAS_LIMIT.toString(16)}`]);
    log(`  Curia deployed on a fresh anvil (${seconds(Date.now() - started)})`);

    const proxy = await countingProxy(anvil.url);
    stops.push(() => proxy.close());
    const browser = await launchChromium();
    stops.push(() => browser.close());

    let registered = 0;
    const indexerPort = await freePort();
    for (const size of sizes) {
      const t = Date.now();
      await registerModels(lib, manifest, rpc, docsDir, registered, size);
      registered = size;
      // Ponder indexes the last 30 blocks of an unknown chain one by one, and follows new blocks
      // one by one: empty blocks on top, and a restart, index the new models in one backfill.
      for (let i = 0; i < 32; i++) await rpc.call('evm_mine');
      const head = BigInt((await rpc.call('eth_blockNumber')) as Hex);
      await indexer?.stop();
      indexer = await startIndexer({
        rpcUrl: anvil.url,
        chainId: CHAIN_ID,
        deploymentsDir,
        dataDir: path.join(tmp, 'data'),
        docsDir,
        port: indexerPort,
        logFile: path.join(tmp, 'indexer.log'),
      });
      await indexer.waitForBlock(head, 20 * 60_000);
      log(
        `  ${size.toLocaleString('en')} models registered and indexed (${seconds(Date.now() - t)})`,
      );
      if (!portal) {
        portal = await servePortal(await freePort(), {
          PUBLIC_RPC_URL: proxy.url,
          PUBLIC_CHAIN_ID: String(CHAIN_ID),
          PUBLIC_DEMO_ACCOUNTS: '0',
          PUBLIC_INDEXER_URL: indexer.url,
          INDEXER_URL: indexer.url,
          CURIA_DEPLOYMENTS_DIR: deploymentsDir,
          CURIA_DOCS_DIR: docsDir,
        });
      }

      const rows = await timeFirstRows(browser, `${portal.url}/models`, runs);
      const count = size.toLocaleString('en');
      const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
      log(
        `  /models with ${count} models: first rows cold ${Math.round(rows.cold)} ms (${fmt(rows.coldRuns)}), warm ${Math.round(rows.warm)} ms (${fmt(rows.warmRuns)}); HTML first byte ${Math.round(rows.ttfb)} ms, first contentful paint ${Math.round(rows.fcp)} ms`,
      );
      const target = { kind: 'max' as const, value: FIRST_ROWS_TARGET_MS };
      const baseline = { label: 'target (issue 8)', gas: FIRST_ROWS_TARGET_MS };
      out.push(
        {
          group: GROUP,
          name: `/models first rows, ${count} models (cold)`,
          value: Math.round(rows.cold),
          unit: 'ms',
          baseline,
          target,
          note: rows.timedOut
            ? `no row within ${NAV_TIMEOUT / 1000} s (counted as ${NAV_TIMEOUT / 1000} s); runs: ${fmt(rows.coldRuns)} ms`
            : `median of ${runs} navigations in new browser contexts (empty cache): ${fmt(rows.coldRuns)} ms; the HTML's first byte after ${Math.round(rows.ttfb)} ms (median)`,
        },
        {
          group: GROUP,
          name: `/models first rows, ${count} models (warm)`,
          value: Math.round(rows.warm),
          unit: 'ms',
          baseline,
          target,
          note: rows.timedOut
            ? `not measured: a navigation showed no row within ${NAV_TIMEOUT / 1000} s`
            : `median of ${runs} navigations with a filled HTTP cache: ${fmt(rows.warmRuns)} ms`,
        },
      );

      if (size === sizes[0]) {
        for (const route of ['/', '/models', '/models/1', '/proposals']) {
          const r = await requestsPerLoad(browser, portal.url, proxy.url, proxy.hits, route);
          log(
            `  ${route}: ${r.requests} JSON-RPC requests (${r.calls} calls; browser ${r.browser} requests / ${r.browserCalls} calls, server ${r.server} / ${r.serverCalls}; largest batch ${r.largestBatch})`,
          );
          out.push({
            group: GROUP,
            name: `JSON-RPC requests per load, ${route}`,
            value: r.requests,
            unit: 'requests',
            note: `browser ${r.browser} requests carrying ${r.browserCalls} calls, portal server ${r.server} requests carrying ${r.serverCalls} calls, largest batch ${r.largestBatch} calls (${count} models; from navigation to 2 s after hydration and 1 s without a request)`,
          });
        }
        const js = await initialJs(browser, portal.url);
        const kb = js.gzip / 1024;
        log(
          `  home page initial JavaScript: ${kb.toFixed(1)} kB gzip in ${js.files} files; ${js.later} more files (${(js.laterGzip / 1024).toFixed(1)} kB gzip) load after it is interactive`,
        );
        out.push({
          group: GROUP,
          name: 'home page initial JavaScript (gzip)',
          value: Math.round(kb * 10) / 10,
          unit: 'kB',
          baseline: { label: 'target (issue 8)', gas: INITIAL_JS_TARGET_KB },
          target: { kind: 'max', value: INITIAL_JS_TARGET_KB },
          note: `the ${js.files} scripts the response references (modulepreload, inline imports) and their static imports, at the size of their .gz, all fetched by the browser before hydration (${Math.round(js.ready)} ms); ${js.later} more scripts (${(js.laterGzip / 1024).toFixed(1)} kB gzip: wagmi, viem, the connectors) load after`,
        });
      }
    }
    log(`  portal bench done in ${seconds(Date.now() - started)}`);
    return out;
  } finally {
    await portal?.stop().catch(() => {});
    await indexer?.stop().catch(() => {});
    for (const stop of stops.reverse()) await stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const dir of ['broadcast', 'cache']) {
      fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(CHAIN_ID)), {
        recursive: true,
        force: true,
      });
    }
  }
}
