// The portal's one wagmi config: the configured chain over HTTP, injected wallets, and on the
// local chain one demo connector per anvil account.
//
// viem, wagmi and the connectors are most of the portal's JavaScript: this module is loaded with a
// dynamic import (loadWagmi() in curia.svelte.ts), so that the home page is interactive without
// it. Pages that read the chain get it before they render (web/routes/+layout.ts).
import {
  getConnection,
  switchChain,
  createConfig,
  createStorage,
  http,
  injected,
  noopStorage,
  type Config,
  type Transport,
} from '@wagmi/core';
import {
  BaseError,
  createWalletClient,
  custom,
  defineChain,
  HttpRequestError,
  TimeoutError,
  type Address,
  type Chain,
  type EIP1193Provider,
  type EIP1193RequestFn,
  type Hex,
} from 'viem';
import { DEMO_ACCOUNTS, type ChainSettings } from './config';
import { demoConnector } from './demo-connector';

export function curiaChain(settings: ChainSettings): Chain {
  return defineChain({
    id: settings.id,
    name: settings.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [settings.rpcUrl] } },
    testnet: settings.demoAccounts,
    contracts: { multicall3: { address: MULTICALL3 } },
  });
}

/** Multicall3's usual address. */
export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

/**
 * How long one request to the chain's RPC may take before it fails as "not answering": a node that
 * accepts the connection and never answers must not leave a page loading for ever. Reads of a page
 * of 1,000 entries answer in well under a second on a local node.
 */
export const RPC_TIMEOUT_MS = 4_000;

/**
 * A failed request is sent once more after a short pause when the connection failed outright
 * (refused, reset, an HTTP 5xx): a node restarting answers the second time. Not after a timeout
 * (the node is hanging: waiting twice as long tells nothing more), and never after a JSON-RPC
 * error such as a revert.
 */
export function isRetryableRpcFailure(err: unknown): boolean {
  if (!(err instanceof BaseError)) return false;
  if (err.walk((e) => e instanceof TimeoutError)) return false;
  return !!err.walk((e) => e instanceof HttpRequestError);
}

/**
 * The chain's RPC over HTTP (batched, RPC_TIMEOUT_MS per request, one retry of a refused
 * connection), with Multicall3 always available: on a chain without it
 * (a fresh anvil), eth_calls to its address carry its code as a state override, so a page of
 * 1,000 models is read in a few calls, never one per model. The runtime code comes from running
 * Multicall3's creation code once in an eth_call; nothing is deployed.
 */
export function rpcTransport(settings: ChainSettings): Transport {
  const base = http(settings.rpcUrl, {
    batch: { wait: 16 },
    retryCount: 0,
    timeout: RPC_TIMEOUT_MS,
  });
  let override: Promise<Hex | null> | undefined;
  return ((opts: Parameters<typeof base>[0]) => {
    const first = base(opts);
    const send = (async (args: { method: string; params?: unknown }) => {
      try {
        return await first.request(args as never);
      } catch (err) {
        if (!isRetryableRpcFailure(err)) throw err;
        await new Promise((r) => setTimeout(r, 300));
        return first.request(args as never);
      }
    }) as EIP1193RequestFn;
    const inner = { ...first, request: send };
    const runtime = () =>
      (override ??= (async () => {
        const code = (await inner.request({
          method: 'eth_getCode',
          params: [MULTICALL3, 'latest'],
        })) as Hex;
        if (code && code !== '0x') return null;
        // Multicall3's creation code (11 kB of hex) is fetched only on a chain without it.
        const { MULTICALL3_CREATION_CODE } = await import('./multicall3');
        return (await inner.request({
          method: 'eth_call',
          params: [{ data: MULTICALL3_CREATION_CODE }, 'latest'],
        })) as Hex;
      })().catch((err: unknown) => {
        // Only a definite answer is kept: a lookup the chain did not answer (down, timed out) is
        // asked again by the next read, which fails meanwhile as unreachable. Kept as "no override",
        // it sent every later multicall without its code, refused for good until a reload.
        override = undefined;
        throw err;
      }));
    const request = (async (args: { method: string; params?: unknown }) => {
      const params = args.params as unknown[] | undefined;
      if (
        args.method === 'eth_call' &&
        params &&
        params.length < 3 &&
        typeof (params[0] as { to?: string })?.to === 'string' &&
        (params[0] as { to: string }).to.toLowerCase() === MULTICALL3.toLowerCase()
      ) {
        const code = await runtime();
        if (code) {
          return inner.request({
            method: 'eth_call',
            params: [params[0], params[1] ?? 'latest', { [MULTICALL3]: { code } }],
          } as never);
        }
      }
      return inner.request(args as never);
    }) as EIP1193RequestFn;
    return { ...inner, request };
  }) as Transport;
}

/**
 * Adds Curia's chain to the connected wallet (wallet_addEthereumChain, through viem's addChain),
 * for a wallet that does not know it (error 4902), then switches to it.
 */
export async function addCuriaChain(config: Config, settings: ChainSettings): Promise<void> {
  const { connector } = getConnection(config);
  if (!connector) throw new Error('Connect a wallet first.');
  const provider = (await connector.getProvider()) as EIP1193Provider;
  const chain = curiaChain(settings);
  await createWalletClient({ chain, transport: custom(provider) }).addChain({ chain });
  await switchChain(config, { chainId: chain.id });
}

// The wallet and chain actions the app shell uses (the layout, the wallet menu, the banners).
export {
  connect,
  disconnect,
  getBlock,
  getBlockNumber,
  getClient,
  getConnection,
  reconnect,
  switchChain,
  watchBlockNumber,
  watchConnection,
} from '@wagmi/core';
export { DEMO_CONNECTOR_TYPE } from './demo-connector';
export { explainWalletError, switchFailure } from './wallet-errors';

let current: { key: string; config: Config } | undefined;

/** The wagmi config for these settings, created once per page (and once on the server). */
export function wagmiConfig(settings: ChainSettings): Config {
  const key = `${settings.id}|${settings.rpcUrl}|${settings.demoAccounts}`;
  if (current?.key === key) return current.config;
  const chain = curiaChain(settings);
  const browser = typeof window !== 'undefined';
  const demos = settings.demoAccounts
    ? DEMO_ACCOUNTS.map((demo) => demoConnector(demo, chain, settings.rpcUrl))
    : [];
  const config = createConfig({
    chains: [chain],
    connectors: [injected({ shimDisconnect: true }), ...demos],
    // EIP-6963 discovery would list every extension twice next to `injected`; one entry is enough.
    multiInjectedProviderDiscovery: false,
    ssr: true,
    storage: createStorage({ storage: browser ? window.localStorage : noopStorage }),
    transports: { [chain.id]: rpcTransport(settings) },
    // Single reads are not folded into multicalls: Multicall3 copies every result in memory, and
    // a page of 1,000 entries would run out of gas. Batches of reads use readContracts.
    batch: { multicall: false },
    pollingInterval: settings.demoAccounts ? 1_000 : 4_000,
  });
  current = { key, config };
  return config;
}
