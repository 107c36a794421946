// Settings the browser and the server share: the chain, and the demo accounts of the local chain.
import type { Address, Hex } from 'viem';

export const LOCAL_CHAIN_ID = 31337;

/**
 * Networks a wallet or a deployment is likely on, by id, with viem's names ("Ethereum", "OP
 * Mainnet"). Written out rather than imported from viem/chains: the app shell reads this table, and
 * viem's chain objects (their formatters and serializers) would add ~20 kB gzip to every page's
 * first load. test/web/words.test.ts checks each entry against viem/chains.
 */
export const KNOWN_CHAINS: ReadonlyMap<number, string> = new Map([
  [1, 'Ethereum'],
  [11155111, 'Sepolia'],
  [17000, 'Holesky'],
  [8453, 'Base'],
  [84532, 'Base Sepolia'],
  [10, 'OP Mainnet'],
  [11155420, 'OP Sepolia'],
  [42161, 'Arbitrum One'],
  [421614, 'Arbitrum Sepolia'],
  [137, 'Polygon'],
  [80002, 'Polygon Amoy'],
  [100, 'Gnosis'],
]);

/**
 * A network as a reader knows it, not as a bare id: viem's name ("Ethereum" for chain 1, "Sepolia"),
 * "Local chain (31337)" for the local chain (or another chain run with demo accounts: `local`), and
 * "chain <id>" only for a network viem does not name.
 */
export function networkName(id: number | bigint, local = false): string {
  const n = Number(id);
  if (local || n === LOCAL_CHAIN_ID) return `Local chain (${n})`;
  return KNOWN_CHAINS.get(n) ?? `chain ${n}`;
}

export interface ChainSettings {
  id: number;
  rpcUrl: string;
  name: string;
  /** Offer the demo-account connector (anvil's keys): chain 31337, or PUBLIC_DEMO_ACCOUNTS=1. */
  demoAccounts: boolean;
  /**
   * The indexer's HTTP API as the browser reaches it (PUBLIC_INDEXER_URL, default
   * http://127.0.0.1:$INDEXER_PORT): lists, history, charts and reputation. Null: no index.
   */
  indexerUrl: string | null;
}

export interface DemoAccount {
  index: number;
  address: Address;
  privateKey: Hex;
  name: string;
  role: string;
}

/**
 * The well-known test accounts of anvil's mnemonic ("test test … junk"), indexes 0-13. Public keys for a local chain
 * only: never send real funds to them. test/web/demo.test.ts checks them against scripts/lib.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  // Accounts and roles of the seeded demo world (scripts/seed/people.ts).
  [
    '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    'Ada',
    'deployer, creator',
  ],
  [
    '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    'Ben',
    'creator, proposer',
  ],
  [
    '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
    'Chloe',
    'creator, proposer',
  ],
  [
    '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
    '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
    'Dev',
    'curator, delegate',
  ],
  [
    '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
    '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
    'Eve',
    'curator, challenger',
  ],
  [
    '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
    '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
    'Farid',
    'challenger, voter',
  ],
  [
    '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
    '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
    'Grace',
    'delegate, curator',
  ],
  [
    '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
    '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
    'Hiro',
    'auditor, curator',
  ],
  [
    '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
    '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
    'Ines',
    'buyer, curator',
  ],
  [
    '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
    '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
    'Jun',
    'guardian',
  ],
  [
    '0xBcd4042DE499D14e55001CcbB24a551F3b954096',
    '0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897',
    'Kai',
    'curator, buyer',
  ],
  [
    '0x71bE63f3384f5fb98995898A86B02Fb2426c5788',
    '0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82',
    'Lea',
    'auditor',
  ],
  [
    '0xFABB0ac9d68B0B445fB7357272Ff202C5651694a',
    '0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1',
    'Mo',
    'buyer, proposer',
  ],
  [
    '0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec',
    '0x47c99abed3324a2707c28affff1267e45918ec8c3f20b8aa892e8b065d2942dd',
    'Noor',
    'curator',
  ],
].map(([address, privateKey, name, role], index) => ({
  index,
  address: address as Address,
  privateKey: privateKey as Hex,
  name,
  role,
}));

export function demoAccountOf(address: string | undefined): DemoAccount | undefined {
  if (!address) return undefined;
  return DEMO_ACCOUNTS.find((a) => a.address.toLowerCase() === address.toLowerCase());
}

/** Names the demo accounts in sentences on a chain that has them ("0x1CBd…C9Ec (Noor)"); else none. */
export function demoNames(enabled: boolean): ((address: string) => string | undefined) | undefined {
  return enabled ? (address) => demoAccountOf(address)?.name : undefined;
}
