// Drives a Curia chain from Node for the e2e tests: viem clients for the demo accounts, time
// travel, and the state each journey starts from.
import fs from 'node:fs';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  parseEventLogs,
  type Address,
  type Hex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { demoAccounts } from '../../../scripts/lib/accounts.ts';
import { localTransport } from '../../../protocol/chain.ts';
import type { Manifest } from '../../../protocol/manifest.ts';
import {
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  modelRegistryAbi,
} from '../../../protocol/generated/contracts.ts';
import { cidOfBytes, sha256Hex } from '../../../protocol/cid.ts';

export const CUR = 10n ** 18n;

export function createWorld(rpcUrl: string, chainId: number, manifest: Manifest, docsDir: string) {
  const chain = defineChain({
    id: chainId,
    name: 'e2e',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  // The wallets estimate with headroom (protocol/chain.ts: anvil's estimate can come out short).
  const transport = localTransport(rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const accounts = demoAccounts(10);
  const wallets = accounts.map((a) =>
    createWalletClient({ account: privateKeyToAccount(a.privateKey), chain, transport }),
  );
  const c = manifest.contracts as Record<string, Address>;
  const token = { address: c.CuriaToken, abi: curiaTokenAbi } as const;
  const registry = { address: c.ModelRegistry, abi: modelRegistryAbi } as const;
  const curation = { address: c.CurationRegistry, abi: curationRegistryAbi } as const;
  const governor = { address: c.CuriaGovernor, abi: curiaGovernorAbi } as const;

  async function send(hash: Promise<Hex>) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== 'success') {
      const tx = await publicClient.getTransaction({ hash: receipt.transactionHash });
      throw new Error(
        `transaction ${receipt.transactionHash} reverted (gas used ${receipt.gasUsed} of ${tx.gas})`,
      );
    }
    return receipt;
  }

  /** Stores a JSON document where the portal serves it from; returns its ipfs:// URI. */
  async function storeDoc(doc: unknown): Promise<string> {
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const cid = (await cidOfBytes(bytes)).toString();
    fs.mkdirSync(docsDir, { recursive: true });
    fs.writeFileSync(path.join(docsDir, cid), bytes);
    return `ipfs://${cid}`;
  }

  const world = {
    chain,
    publicClient,
    testClient,
    accounts,
    wallets,
    token,
    registry,
    curation,
    governor,
    send,
    storeDoc,

    async increaseTime(seconds: number) {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    },

    async delegateSelf(i: number) {
      await send(
        wallets[i].writeContract({
          ...token,
          functionName: 'delegate',
          args: [accounts[i].address],
        }),
      );
    },

    async approve(i: number, spender: Address, amount: bigint) {
      await send(
        wallets[i].writeContract({ ...token, functionName: 'approve', args: [spender, amount] }),
      );
    },

    /** Registers a model owned by account `i` with a card; returns its id. */
    async registerModel(i: number, card: Record<string, unknown>, derivedFrom: bigint[] = []) {
      const uri = await storeDoc(card);
      const content = await sha256Hex(new TextEncoder().encode(`weights of ${String(card.name)}`));
      const receipt = await send(
        wallets[i].writeContract({
          ...registry,
          functionName: 'registerModel',
          args: [0, content, uri, derivedFrom],
        }),
      );
      const [event] = parseEventLogs({
        abi: modelRegistryAbi,
        eventName: 'ModelRegistered',
        logs: receipt.logs,
      });
      return event.args.modelId;
    },

    async applyForListing(i: number, modelId: bigint) {
      await world.approve(i, curation.address, 100_000n * CUR);
      await send(
        wallets[i].writeContract({ ...curation, functionName: 'applyForListing', args: [modelId] }),
      );
    },

    async stake(i: number, modelId: bigint, amount: bigint) {
      await world.approve(i, curation.address, amount);
      await send(
        wallets[i].writeContract({ ...curation, functionName: 'stake', args: [modelId, amount] }),
      );
    },

    /** Acts as the DAO's timelock (anvil impersonation), as an executed proposal would. */
    async asTimelock(call: {
      address: Address;
      abi: readonly unknown[];
      functionName: string;
      args: readonly unknown[];
    }) {
      const timelock = c.TimelockController;
      await testClient.impersonateAccount({ address: timelock });
      await testClient.setBalance({ address: timelock, value: 10n ** 18n });
      const wallet = createWalletClient({ account: timelock, chain, transport });
      await send(wallet.writeContract(call as never));
      await testClient.stopImpersonatingAccount({ address: timelock });
    },

    async parameter(p: number) {
      return publicClient.readContract({ ...curation, functionName: 'parameter', args: [p] });
    },
  };
  return world;
}
export type World = ReturnType<typeof createWorld>;
