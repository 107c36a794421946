// A wallet for the local chain's demo users: signs locally with anvil's well-known keys, so the
// seeded accounts can act in the portal without a browser extension. Offered on the local chain only.
import { createConnector } from '@wagmi/core';
import {
  createWalletClient,
  getAddress,
  http,
  numberToHex,
  type Chain,
  type EIP1193RequestFn,
  type WalletClient,
} from 'viem';
import type { DemoAccount } from './config';

export const DEMO_CONNECTOR_TYPE = 'curia-demo';

export function demoConnectorId(index: number): string {
  return `curia-demo-${index}`;
}

export function demoConnector(demo: DemoAccount, chain: Chain, rpcUrl: string) {
  let connected = false;
  const address = demo.address;
  const storageKey = `curia.demo.${demo.index}.connected`;
  // The signing code (secp256k1) loads only when a demo account is first used.
  let wallet: Promise<WalletClient> | undefined;
  const getWallet = () =>
    (wallet ??= import('viem/accounts').then(({ privateKeyToAccount }) =>
      createWalletClient({
        account: privateKeyToAccount(demo.privateKey),
        chain,
        transport: http(rpcUrl),
      }),
    ));

  // A minimal EIP-1193 provider: accounts and chain id locally, everything else to the node.
  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === 'eth_accounts' || method === 'eth_requestAccounts') {
      return connected || method === 'eth_requestAccounts' ? [address] : [];
    }
    if (method === 'eth_chainId') return numberToHex(chain.id);
    return (await getWallet()).request({ method, params } as never);
  }) as EIP1193RequestFn;

  return createConnector((config) => ({
    id: demoConnectorId(demo.index),
    name: `Demo: ${demo.name} (${demo.role})`,
    type: DEMO_CONNECTOR_TYPE,
    async connect({ withCapabilities } = {}) {
      connected = true;
      try {
        localStorage.setItem(storageKey, '1');
      } catch {
        // storage unavailable: the connection lasts for this page only
      }
      const accounts = [address];
      return {
        accounts: (withCapabilities
          ? accounts.map((address) => ({ address, capabilities: {} }))
          : accounts) as never,
        chainId: chain.id,
      };
    },
    async disconnect() {
      connected = false;
      try {
        localStorage.removeItem(storageKey);
      } catch {
        // nothing to forget
      }
    },
    async getAccounts() {
      return [getAddress(address)];
    },
    async getChainId() {
      return chain.id;
    },
    async getProvider() {
      return { request };
    },
    async getClient() {
      return (await getWallet()) as never;
    },
    async isAuthorized() {
      try {
        return localStorage.getItem(storageKey) === '1';
      } catch {
        return false;
      }
    },
    onAccountsChanged() {},
    onChainChanged() {},
    onDisconnect() {
      config.emitter.emit('disconnect');
    },
  }));
}
