// A wallet for the local chain's demo users: signs locally with anvil's well-known keys, so the
// seeded accounts can act in the portal without a browser extension. Offered on the local chain only.
import { createConnector } from '@wagmi/core';
import {
  createWalletClient,
  custom,
  getAddress,
  hexToBigInt,
  hexToNumber,
  isAddressEqual,
  numberToHex,
  type Address,
  type Chain,
  type EIP1193RequestFn,
  type Hex,
  type LocalAccount,
  type Transport,
  type WalletClient,
} from 'viem';
import { localTransport } from '$protocol/chain';
import type { DemoAccount } from './config';

export const DEMO_CONNECTOR_TYPE = 'curia-demo';

export function demoConnectorId(index: number): string {
  return `curia-demo-${index}`;
}

/** A transaction as a JSON-RPC `eth_sendTransaction` carries it (hex quantities). */
export interface RpcTransaction {
  from?: string;
  to?: string | null;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  nonce?: Hex;
}

/**
 * The fields of an `eth_sendTransaction` request as viem's sendTransaction takes them (what is
 * missing, viem fills in: nonce, gas, fees).
 */
export function fromRpcTransaction(tx: RpcTransaction) {
  const big = (v?: Hex) => (v === undefined ? undefined : hexToBigInt(v));
  const fees =
    tx.maxFeePerGas !== undefined
      ? { maxFeePerGas: big(tx.maxFeePerGas), maxPriorityFeePerGas: big(tx.maxPriorityFeePerGas) }
      : tx.gasPrice !== undefined
        ? { gasPrice: big(tx.gasPrice) }
        : {};
  return {
    to: tx.to ? getAddress(tx.to) : undefined,
    data: tx.data ?? tx.input,
    value: big(tx.value),
    gas: big(tx.gas),
    nonce: tx.nonce === undefined ? undefined : hexToNumber(tx.nonce),
    ...fees,
  };
}

export function demoConnector(demo: DemoAccount, chain: Chain, rpcUrl: string) {
  let connected = false;
  const address = demo.address;
  const storageKey = `curia.demo.${demo.index}.connected`;
  // The signing code (secp256k1) loads only when a demo account is first used. Every signature
  // and transaction is made here with the account's (public, test) key and sent raw, so any demo
  // account can act, whether or not the node holds its key (anvil unlocks only accounts 0-9).
  let signer:
    | Promise<{ account: LocalAccount; wallet: WalletClient<Transport, Chain, LocalAccount> }>
    | undefined;
  const getSigner = () =>
    (signer ??= import('viem/accounts').then(({ privateKeyToAccount }) => {
      const account = privateKeyToAccount(demo.privateKey);
      return {
        account,
        wallet: createWalletClient({ account, chain, transport: localTransport(rpcUrl) }),
      };
    }));
  const mine = (who: unknown) => typeof who === 'string' && isAddressEqual(who as Address, address);
  const refuse = (message: string) =>
    Object.assign(new Error(message), { code: 4100 /* unauthorized */ });

  // A minimal EIP-1193 provider: accounts, chain id and signatures locally, reads to the node.
  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    const args = (params ?? []) as unknown[];
    if (method === 'eth_accounts' || method === 'eth_requestAccounts') {
      return connected || method === 'eth_requestAccounts' ? [address] : [];
    }
    if (method === 'eth_chainId') return numberToHex(chain.id);
    const { account, wallet } = await getSigner();
    switch (method) {
      case 'eth_sendTransaction': {
        const tx = args[0] as RpcTransaction;
        if (tx.from && !mine(tx.from)) throw refuse(`This demo wallet holds ${address} only.`);
        return wallet.sendTransaction({ ...fromRpcTransaction(tx), account, chain } as never);
      }
      case 'eth_signTypedData_v4': {
        if (!mine(args[0])) throw refuse(`This demo wallet holds ${address} only.`);
        const typed = typeof args[1] === 'string' ? JSON.parse(args[1]) : args[1];
        return account.signTypedData(typed as never);
      }
      case 'personal_sign': {
        if (!mine(args[1])) throw refuse(`This demo wallet holds ${address} only.`);
        return account.signMessage({ message: { raw: args[0] as Hex } });
      }
      case 'eth_sign':
      case 'eth_signTransaction':
        throw refuse(`The demo wallet does not support ${method}.`);
      default:
        return wallet.request({ method, params } as never);
    }
  }) as EIP1193RequestFn;
  // The client wagmi writes through: its requests go to the provider above (signed locally).
  let client: WalletClient | undefined;
  const getClient = () =>
    (client ??= createWalletClient({
      account: address,
      chain,
      transport: custom({ request }, { retryCount: 0 }),
    }));

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
      return getClient() as never;
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
