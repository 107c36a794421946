// The portal's one wagmi config: the configured chain over HTTP, injected wallets, and on the
// local chain one demo connector per anvil account.
import { createConfig, createStorage, http, injected, noopStorage, type Config } from '@wagmi/core';
import { defineChain, type Chain } from 'viem';
import { DEMO_ACCOUNTS, type ChainSettings } from './config';
import { demoConnector } from './demo-connector';

export function curiaChain(settings: ChainSettings): Chain {
  return defineChain({
    id: settings.id,
    name: settings.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [settings.rpcUrl] } },
    testnet: settings.demoAccounts,
  });
}

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
    transports: { [chain.id]: http(settings.rpcUrl, { batch: { wait: 16 }, retryCount: 1 }) },
    // No Multicall3 on a fresh anvil: multicall through viem's deployless contract, one eth_call
    // per batch whatever the number of reads.
    batch: { multicall: { deployless: true, batchSize: 0, wait: 16 } },
    pollingInterval: settings.demoAccounts ? 1_000 : 4_000,
  });
  current = { key, config };
  return config;
}
