// The portal's runtime: the one wagmi config, the deployment, the connected wallet, and the
// chain's clock and health. Created once by the root layout; pages read it with getCuria().
import {
  getConnection,
  getBlock,
  reconnect,
  watchBlockNumber,
  watchConnection,
  type Config,
  type Connector,
} from '@wagmi/core';
import type { QueryClient } from '@tanstack/svelte-query';
import { getContext, setContext } from 'svelte';
import type { Address } from 'viem';
import type { ChainSettings, Manifest } from './config';
import { createIndexerClient, isLagging, type IndexerClient, type IndexHead } from './indexer';
import { wagmiConfig } from './wagmi';

export interface WalletConnection {
  status: 'connected' | 'connecting' | 'reconnecting' | 'disconnected';
  address?: Address;
  chainId?: number;
  connector?: Connector;
}

/** The connected wallet, kept in sync with wagmi. */
export class WalletState {
  current = $state<WalletConnection>({ status: 'disconnected' });

  constructor(config: Config) {
    const read = () => {
      const c = getConnection(config);
      this.current = {
        status: c.status,
        address: c.address,
        chainId: c.chainId,
        connector: c.connector,
      };
    };
    read();
    if (typeof window !== 'undefined') watchConnection(config, { onChange: read });
  }
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

  start(config: Config, queryClient: QueryClient): () => void {
    const timer = setInterval(() => (this.#tick = Date.now()), 1000);
    let failures = 0;
    const onBlock = async (blockNumber: bigint) => {
      try {
        const block = await getBlock(config, { blockNumber });
        failures = 0;
        const first = this.current.blockNumber === undefined;
        this.current = {
          reachable: true,
          blockNumber,
          blockTimestamp: Number(block.timestamp),
          seenAt: Date.now(),
        };
        // Everything shown may have changed with the new block.
        if (!first) void queryClient.invalidateQueries();
        void this.onBlock?.();
      } catch (err) {
        onError(err as Error);
      }
    };
    // While the chain is unreachable, ask again every 2 s: the block watcher only reports new
    // blocks, so it would not notice the node coming back on an idle chain.
    let retry: ReturnType<typeof setInterval> | undefined;
    const onError = (err: Error) => {
      failures++;
      if (failures >= 2 || this.current.blockNumber === undefined) {
        this.current = { ...this.current, reachable: false, error: err.message };
        retry ??= setInterval(async () => {
          await this.refresh(config);
          if (this.current.reachable) {
            clearInterval(retry);
            retry = undefined;
            failures = 0;
            void queryClient.invalidateQueries();
          }
        }, 2_000);
      }
    };
    const unwatch = watchBlockNumber(config, {
      emitOnBegin: true,
      poll: true,
      onBlockNumber: (b) => void onBlock(b),
      onError,
    });
    return () => {
      clearInterval(timer);
      if (retry) clearInterval(retry);
      unwatch();
    };
  }

  /** Re-reads the latest block at once (after a receipt, or a time jump on the local chain). */
  async refresh(config: Config): Promise<void> {
    try {
      const block = await getBlock(config);
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
  readonly config: Config;
  readonly chain: ChainSettings;
  readonly manifest: Manifest | null;
  readonly wallet: WalletState;
  readonly chainState = new ChainState();
  /** The indexer's client (null when the portal runs without one) and its progress. */
  readonly indexer: IndexerClient | null;
  readonly index: IndexState;

  constructor(chain: ChainSettings, manifest: Manifest | null) {
    this.chain = chain;
    this.manifest = manifest;
    this.config = wagmiConfig(chain);
    this.wallet = new WalletState(this.config);
    this.indexer = chain.indexerUrl
      ? createIndexerClient({ baseUrl: chain.indexerUrl, timeoutMs: 8_000 })
      : null;
    this.index = new IndexState(this.indexer);
  }

  /** Browser only: reconnect the last wallet and follow the chain. Returns a cleanup. */
  start(queryClient: QueryClient): () => void {
    void reconnect(this.config);
    this.chainState.onBlock = () => this.index.refresh();
    return this.chainState.start(this.config, queryClient);
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
