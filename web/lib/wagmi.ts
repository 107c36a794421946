// The portal's one wagmi config: the configured chain over HTTP, injected wallets, and on the
// local chain one demo connector per anvil account.
//
// viem, wagmi and the connectors are most of the portal's JavaScript: this module is loaded with a
// dynamic import (loadWagmi() in curia.svelte.ts), so that the home page is interactive without
// it. Pages that read the chain get it before they render (web/routes/+layout.ts).
import {
  createConfig,
  createStorage,
  http,
  injected,
  noopStorage,
  type Config,
  type Transport,
} from '@wagmi/core';
import { defineChain, type Address, type Chain, type EIP1193RequestFn, type Hex } from 'viem';
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
 * The chain's RPC over HTTP (batched), with Multicall3 always available: on a chain without it
 * (a fresh anvil), eth_calls to its address carry its code as a state override, so a page of
 * 1,000 models is read in a few calls, never one per model. The runtime code comes from running
 * Multicall3's creation code once in an eth_call; nothing is deployed.
 */
function rpcTransport(settings: ChainSettings): Transport {
  const base = http(settings.rpcUrl, { batch: { wait: 16 }, retryCount: 1 });
  let override: Promise<Hex | null> | undefined;
  return ((opts: Parameters<typeof base>[0]) => {
    const inner = base(opts);
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
      })().catch(() => null));
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

// The wallet and chain actions the app shell uses (the layout, the wallet menu, the banners).
export {
  connect,
  disconnect,
  getBlock,
  getConnection,
  reconnect,
  switchChain,
  watchBlockNumber,
  watchConnection,
} from '@wagmi/core';
export { DEMO_CONNECTOR_TYPE } from './demo-connector';
export { explainWalletError } from './wallet-errors';

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
