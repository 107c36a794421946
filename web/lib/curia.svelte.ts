// The portal's runtime: the one wagmi config, the deployment, the connected wallet, and the
// chain's clock and health. Created once by the root layout; pages read it with getCuria().
//
// wagmi, viem and the wallet connectors (./wagmi) are loaded with a dynamic import: the home page
// hydrates without them and loads them right after (Curia.start). Every other route awaits
// loadWagmi() in its layout load (web/routes/+layout.ts), so `curia.config` is there when pages
// render, on the server and in the browser.
import type { Config, Connector } from '@wagmi/core';
import type { QueryClient } from '@tanstack/svelte-query';
import { getContext, setContext } from 'svelte';
import type { Address } from 'viem';
import type { Manifest } from '$protocol/manifest';
import type { ChainSettings } from './config';
import {
  createIndexerClient,
  isBehind,
  isLagging,
  type IndexerClient,
  type IndexHead,
} from '$protocol/indexer/client';
import { indexScope } from './queries/keys';

/** How often an index that stopped answering is asked again, besides on each new block. */
const INDEX_RETRY_MS = 5_000;
/** How often an index behind the chain's latest block is asked again until it has caught up. */
const INDEX_CATCH_UP_MS = 1_500;

export type WagmiRuntime = typeof import('./wagmi');

let runtime: WagmiRuntime | undefined;
let loading: Promise<WagmiRuntime> | undefined;

/** Loads wagmi, viem and the connectors (once). */
export function loadWagmi(): Promise<WagmiRuntime> {
  return (loading ??= import('./wagmi').then(
    (m) => (runtime = m),
    (err: Error) => {
      loading = undefined; // a failed chunk download may be tried again
      throw err;
    },
  ));
}

/** The loaded wagmi runtime, or undefined before loadWagmi() has resolved. */
export function wagmiRuntime(): WagmiRuntime | undefined {
  return runtime;
}

export interface WalletConnection {
  status: 'connected' | 'connecting' | 'reconnecting' | 'disconnected';
  address?: Address;
  chainId?: number;
  connector?: Connector;
}

/** The connected wallet, kept in sync with wagmi. */
export class WalletState {
  current = $state<WalletConnection>({ status: 'disconnected' });

  /** Follows wagmi's connection (browser only; until then the wallet shows as disconnected). */
  attach(rt: WagmiRuntime, config: Config): () => void {
    const read = () => {
      const c = rt.getConnection(config);
      this.current = {
        status: c.status,
        address: c.address,
        chainId: c.chainId,
        connector: c.connector,
      };
    };
    read();
    return rt.watchConnection(config, { onChange: read });
  }
}

/** A block-number request unanswered this long means the chain is not answering (banner). */
export const STALL_MS = 2_500;

/** A failure to reach the node at all (refused, timed out, HTTP error), as opposed to an answer. */
export function isNetworkFailure(err: unknown): boolean {
  for (
    let e = err as { name?: string; message?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 8;
    depth++
  ) {
    if (e.name === 'HttpRequestError' || e.name === 'TimeoutError') return true;
    if (e.name === 'IndexerError') return (e as { status?: number }).status === 0;
    if (e.name === 'TypeError' && /fetch|network/i.test(e.message ?? '')) return true;
    e = e.cause as typeof e;
  }
  return false;
}

export interface ChainHealth {
  reachable: boolean;
  blockNumber?: bigint;
  /** The latest block's timestamp and when we saw it (ms), to estimate chain time. */
  blockTimestamp?: number;
  seenAt?: number;
  error?: string;
}

/** The chain's latest block and whether it answers; `now` is chain time (ticks every second). */
export class ChainState {
  current = $state<ChainHealth>({ reachable: true });
  #tick = $state(Date.now());
  /** Called after each new block is read (the index's progress is asked again). */
  onBlock?: () => Promise<void>;

  get now(): number {
    const { blockTimestamp, seenAt } = this.current;
    if (blockTimestamp === undefined || seenAt === undefined) return Math.floor(this.#tick / 1000);
    return blockTimestamp + Math.floor((this.#tick - seenAt) / 1000);
  }

  start(rt: WagmiRuntime, config: Config, queryClient: QueryClient): () => void {
    const { getBlock, getBlockNumber } = rt;
    const timer = setInterval(() => (this.#tick = Date.now()), 1000);
    const interval = rt.getClient(config)?.pollingInterval ?? 4_000;
    let stopped = false;
    let failures = 0;
    /** When the block-number request now in flight was sent (null: none in flight). */
    let inflightSince: number | null = null;
    let seen: bigint | undefined;
    const down = (error: string) => {
      if (this.current.reachable || this.current.error !== error) {
        this.current = { ...this.current, reachable: false, error };
      }
    };
    const up = () => {
      failures = 0;
      if (this.current.reachable) return;
      this.current = { ...this.current, reachable: true, error: undefined };
      // Back: everything that failed meanwhile is asked again.
      void queryClient.invalidateQueries();
    };
    const onBlock = async (blockNumber: bigint) => {
      const block = await getBlock(config, { blockNumber });
      const first = this.current.blockNumber === undefined;
      const wasDown = !this.current.reachable;
      failures = 0;
      this.current = {
        reachable: true,
        blockNumber,
        blockTimestamp: Number(block.timestamp),
        seenAt: Date.now(),
      };
      // Everything shown may have changed with the new block (or while the chain was away).
      if (!first || wasDown) void queryClient.invalidateQueries();
      void this.onBlock?.();
    };
    // The chain's head, asked every polling interval (also on an idle chain, so that a node that
    // went away or came back is noticed): a failure, or a request that hangs longer than
    // STALL_MS, shows the "not reachable" banner at once; the next answer lifts it.
    const poll = async () => {
      while (!stopped) {
        inflightSince = Date.now();
        try {
          const blockNumber = await getBlockNumber(config, { cacheTime: 0 });
          inflightSince = null;
          if (blockNumber !== seen) {
            await onBlock(blockNumber);
            seen = blockNumber;
          } else up();
        } catch (err) {
          inflightSince = null;
          failures++;
          // A network failure was already tried twice by the transport; anything else (a node's
          // odd answer) is believed on the second time.
          if (failures >= 2 || isNetworkFailure(err) || this.current.blockNumber === undefined) {
            down((err as Error).message);
          }
        }
        await new Promise((r) => setTimeout(r, interval));
      }
    };
    const watchdog = setInterval(() => {
      if (inflightSince !== null && Date.now() - inflightSince > STALL_MS) {
        down('The chain takes too long to answer.');
      }
    }, 250);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(watchdog);
    };
  }

  /** Re-reads the latest block at once (after a receipt, or a time jump on the local chain). */
  async refresh(config: Config): Promise<void> {
    try {
      const block = await (await loadWagmi()).getBlock(config);
      this.current = {
        reachable: true,
        blockNumber: block.number ?? undefined,
        blockTimestamp: Number(block.timestamp),
        seenAt: Date.now(),
      };
    } catch (err) {
      this.current = { ...this.current, reachable: false, error: (err as Error).message };
    }
  }
}

export interface IndexHealth {
  /** Null until the first answer. */
  head: IndexHead | null;
  reachable: boolean;
  /** More than 2 blocks behind the chain, or still backfilling. */
  lagging: boolean;
  error?: string;
}

/**
 * How far the indexer has caught up ("indexed to block N"), asked again on every new block. Lists,
 * history, charts and reputation come from the index; balances and anything a user acts on are
 * read from the chain.
 */
export class IndexState {
  current = $state<IndexHealth>({ head: null, reachable: true, lagging: false });
  readonly client: IndexerClient | null;

  constructor(client: IndexerClient | null) {
    this.client = client;
  }

  /**
   * Asks the index's progress again every `ms` while it answers and has not processed
   * `chainBlock()`, the chain's latest block: besides each new block, because on a quiet chain no
   * next block comes to ask it, and lists stayed without the user's last transaction (walk 17: the
   * delegates after a delegation). Returns a stop.
   */
  followChain(chainBlock: () => bigint | undefined, ms = INDEX_CATCH_UP_MS): () => void {
    const timer = setInterval(() => {
      const { reachable, head } = this.current;
      if (reachable && isBehind(head?.block, chainBlock())) void this.refresh();
    }, ms);
    return () => clearInterval(timer);
  }

  async refresh(): Promise<void> {
    if (!this.client) return;
    try {
      const head = await this.client.head();
      this.current = { head, reachable: true, lagging: isLagging(head) };
    } catch (err) {
      this.current = { ...this.current, reachable: false, error: (err as Error).message };
    }
  }
}

export class Curia {
  readonly chain: ChainSettings;
  readonly manifest: Manifest | null;
  readonly wallet = new WalletState();
  readonly chainState = new ChainState();
  /** True once wagmi is loaded (`config` and the wallet connectors are available). */
  loaded = $state(false);
  /** Why wagmi could not be loaded (shown by the wallet menu). */
  loadError = $state<string | null>(null);
  #config: Config | undefined;
  /** The indexer's client (null when the portal runs without one) and its progress. */
  readonly indexer: IndexerClient | null;
  readonly index: IndexState;

  constructor(chain: ChainSettings, manifest: Manifest | null) {
    this.chain = chain;
    this.manifest = manifest;
    this.loaded = runtime !== undefined;
    this.indexer = chain.indexerUrl
      ? createIndexerClient({ baseUrl: chain.indexerUrl, timeoutMs: 8_000 })
      : null;
    this.index = new IndexState(this.indexer);
  }

  /**
   * The wagmi config, for chain reads and writes. Available once wagmi is loaded: always while a
   * page other than the home page renders, and after `load()` (or `loaded`) everywhere.
   */
  get config(): Config {
    if (!runtime) {
      throw new Error('wagmi is not loaded yet: await curia.load() (or loadWagmi()) first');
    }
    return (this.#config ??= runtime.wagmiConfig(this.chain));
  }

  /** Loads wagmi (once) and returns the config. */
  async load(): Promise<Config> {
    await loadWagmi();
    this.loaded = true;
    return this.config;
  }

  /**
   * Browser only: loads wagmi if needed, reconnects the last wallet and follows the chain.
   * Returns a cleanup.
   */
  start(queryClient: QueryClient): () => void {
    let stopped = false;
    const cleanups: (() => void)[] = [];
    this.chainState.onBlock = () => this.index.refresh();
    // An index that stopped answering is asked again on a timer too: on a quiet chain the next
    // block may be long in coming, and pages said "not answering" long after it was back.
    const retry = setInterval(() => {
      if (stopped || this.index.current.reachable) return;
      void this.index.refresh().then(() => {
        if (this.index.current.reachable)
          void queryClient.invalidateQueries({ queryKey: indexScope(this.chain.id) });
      });
    }, INDEX_RETRY_MS);
    cleanups.push(() => clearInterval(retry));
    cleanups.push(this.index.followChain(() => this.chainState.current.blockNumber));
    this.load().then(
      (config) => {
        if (stopped) return;
        const rt = runtime!;
        cleanups.push(this.wallet.attach(rt, config));
        void rt.reconnect(config);
        cleanups.push(this.chainState.start(rt, config, queryClient));
      },
      (err: Error) => {
        this.loadError = `The portal's wallet code did not load (${err.message}). Check your connection and reload the page.`;
      },
    );
    return () => {
      stopped = true;
      for (const c of cleanups) c();
    };
  }

  get wrongNetwork(): boolean {
    const w = this.wallet.current;
    return w.status === 'connected' && w.chainId !== undefined && w.chainId !== this.chain.id;
  }
}

const KEY = Symbol('curia');

export function setCuria(curia: Curia): Curia {
  return setContext(KEY, curia);
}

export function getCuria(): Curia {
  const curia = getContext<Curia | undefined>(KEY);
  if (!curia) throw new Error('getCuria() outside the root layout');
  return curia;
}
