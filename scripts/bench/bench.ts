// The bench's context: viem clients on the bench chain, typed Curia contracts, accounts, time
// travel, and `record`, which turns one transaction's receipt into one measurement.
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  keccak256,
  parseEther,
  toHex,
  type Address,
  type Hash,
  type Hex,
} from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { demoAccounts } from '../lib/accounts.ts';
import type { Manifest } from '../../protocol/manifest.ts';
import { curiaContracts } from '../../protocol/contracts.ts';
import type { GovernanceStep, MomentStep } from './flows/governance.ts';
import type { Distribution } from './flows/oz-dao.ts';
import type { Measurement, Target } from './report.ts';

/** What Curia's actions are compared with; measured first, in the same run (see baselines.ts). */
export type BaselineKey = GovernanceStep | MomentStep | 'erc721Mint' | 'erc20Transfer';

export interface Baseline {
  /** What was measured, e.g. "OZ Governor castVote". */
  label: string;
  gas: number;
}

export interface RecordSpec {
  group: string;
  name: string;
  /** Sends the measured transaction; everything it needs must already be on the chain. */
  tx?: () => Promise<Hash>;
  /** Or its gas, when a shared flow (e.g. the governance round) measured it. */
  gas?: number;
  baseline?: BaselineKey;
  target?: Target;
  /** The storage floor under the action (gas-anchors.md), printed beside a missed target. */
  floor?: number;
  /** Other references measured in the same run, shown beside the baseline. */
  beside?: Baseline[];
  note?: string;
}

/** One transaction of a setup batch (see {@link Bench.batch}). */
export interface SetupTx {
  from: Address;
  to: Address;
  data: Hex;
  /** Fixed, since a batch is sent before the transactions it depends on are mined. */
  gas: bigint;
  value?: bigint;
  /** For error messages. */
  label: string;
}

const ETH_FOR_GAS = parseEther('100');

function hasZeroByte(address: Address): boolean {
  return /^(?:[0-9a-f]{2})*00/i.test(address.slice(2));
}

export class Bench {
  readonly chain;
  readonly public;
  readonly wallet;
  readonly test;
  readonly manifest: Manifest;
  readonly curia;
  readonly stablecoin;
  /** anvil's demo accounts 0-9; 0 deployed Curia and funds the bench's accounts. */
  readonly demo = demoAccounts();
  readonly funder: Address;
  readonly baselines = new Map<BaselineKey, Baseline>();
  /** Curia's initial token distribution, read before the bench moved any token. */
  distribution?: Distribution;
  readonly measurements: Measurement[] = [];
  private readonly impersonated = new Set<Address>();

  constructor(url: string, chainId: number, manifest: Manifest) {
    this.chain = defineChain({
      id: chainId,
      name: 'Curia bench',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [url] } },
    });
    // Concurrent requests travel as JSON-RPC batches: setup sends thousands of transactions.
    const transport = http(url, { batch: { batchSize: 200 }, timeout: 60_000, retryCount: 0 });
    this.public = createPublicClient({ chain: this.chain, transport, pollingInterval: 20 });
    this.wallet = createWalletClient({ chain: this.chain, transport, pollingInterval: 20 });
    this.test = createTestClient({ chain: this.chain, transport, mode: 'anvil' });
    this.manifest = manifest;
    const client = { public: this.public, wallet: this.wallet };
    const { stablecoin, ...curia } = curiaContracts(manifest.contracts, client);
    this.curia = curia;
    // The ERC-20 the marketplace accepts on local chains (config: marketplace.test_stablecoin).
    this.stablecoin = stablecoin;
    this.funder = this.demo[0].address;
  }

  // ---------------------------------------------------------------- accounts

  /**
   * A deterministic fresh account (with a private key, for signatures), e.g. `key("voter-1")`.
   * Addresses with a zero byte are skipped: calldata prices zero bytes lower, and a measurement
   * should not move by a few gas with the address it happens to use.
   */
  key(label: string): PrivateKeyAccount {
    for (let i = 0; ; i++) {
      const account = privateKeyToAccount(keccak256(toHex(`curia-bench:${label}:${i}`)));
      if (!hasZeroByte(account.address)) return account;
    }
  }

  /** A deterministic fresh address without a key (and without a zero byte), for curators and buyers. */
  address(label: string): Address {
    for (let i = 0; ; i++) {
      const address =
        `0x${keccak256(toHex(`curia-bench:address:${label}:${i}`)).slice(26)}` as Address;
      if (!hasZeroByte(address)) return address;
    }
  }

  /** Lets the bench send transactions as `address` and gives it ETH for gas. */
  async enable(...addresses: Address[]): Promise<void> {
    await Promise.all(
      addresses.map(async (address) => {
        if (this.impersonated.has(address)) return;
        this.impersonated.add(address);
        await this.test.setBalance({ address, value: ETH_FOR_GAS });
        await this.test.impersonateAccount({ address });
      }),
    );
  }

  /** A fresh account with ETH, `cur` CUR from the funder and, if asked, its votes delegated to itself. */
  async account(label: string, opts: { cur?: bigint; delegate?: boolean } = {}): Promise<Address> {
    const { address } = this.key(label);
    await this.enable(address);
    if (opts.cur) {
      await this.wait(
        this.curia.token.write.transfer([address, opts.cur], { account: this.funder }),
      );
    }
    if (opts.delegate) {
      await this.wait(this.curia.token.write.delegate([address], { account: address }));
    }
    return address;
  }

  // ---------------------------------------------------------------- transactions

  /** The EIP-712 domain a contract reports (ERC-5267), without the salt it does not use. */
  async domainOf(address: Address) {
    const { domain } = await this.public.getEip712Domain({ address });
    return {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    };
  }

  /** Waits for a transaction and fails unless it succeeded; returns its total gas. */
  async wait(tx: Promise<Hash> | Hash, what = 'a setup transaction'): Promise<number> {
    const hash = await tx;
    const receipt = await this.public.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== 'success') {
      throw new Error(`${what} reverted (${hash}): ${await this.revertReason(hash)}`);
    }
    return Number(receipt.gasUsed);
  }

  /** Replays a reverted transaction on the state before its block, for the error message. */
  private async revertReason(hash: Hash): Promise<string> {
    const tx = await this.public.getTransaction({ hash });
    try {
      await this.public.call({
        account: tx.from,
        to: tx.to,
        data: tx.input,
        value: tx.value,
        blockNumber: tx.blockNumber === null ? undefined : tx.blockNumber - 1n,
      });
      return 'it succeeds when replayed';
    } catch (err) {
      return (err as Error).message.split('\n').slice(0, 3).join(' ');
    }
  }

  /**
   * Sends one measured transaction in a block of its own, 12 seconds (one mainnet slot) after the
   * last one, and returns its total gas. Without the gap, setup done in the same second would make
   * it cheaper than it is for anyone: ERC20Votes rewrites a checkpoint of the current second in
   * place instead of pushing a new one.
   */
  async measure(send: () => Promise<Hash>, what: string): Promise<number> {
    const { timestamp } = await this.public.getBlock();
    await this.test.setNextBlockTimestamp({ timestamp: timestamp + 12n });
    return this.wait(send(), what);
  }

  /**
   * Measures one transaction: its receipt's gasUsed (total gas, the 21,000 base included) becomes
   * a row of the table, compared with its baseline and checked against its target.
   */
  async record(spec: RecordSpec): Promise<number> {
    if ((spec.tx === undefined) === (spec.gas === undefined)) {
      throw new Error(`${spec.name}: give either tx or gas`);
    }
    const value = spec.tx ? await this.measure(spec.tx, spec.name) : (spec.gas as number);
    const baseline = spec.baseline ? this.baselines.get(spec.baseline) : undefined;
    if (spec.baseline && !baseline) throw new Error(`baseline ${spec.baseline} was not measured`);
    this.measurements.push({
      group: spec.group,
      name: spec.name,
      value,
      unit: 'gas',
      baseline,
      target: spec.target,
      floor: spec.floor,
      beside: spec.beside,
      note: spec.note,
    });
    return value;
  }

  /** Adds a derived measurement (e.g. a spread in %). */
  derive(m: Measurement): void {
    this.measurements.push(m);
  }

  /**
   * Sends setup transactions without waiting for each receipt: automine is off, every sender's
   * nonces are assigned here, and the whole batch is mined in as few blocks as the gas limit
   * allows. Fails if any transaction reverted. Transactions of one sender run in the given order;
   * across senders there is no order, so dependent transactions go in a later batch.
   */
  async batch(txs: SetupTx[]): Promise<void> {
    if (txs.length === 0) return;
    await this.enable(...new Set(txs.map((t) => t.from)));
    const bases = new Map<Address, Promise<number>>();
    const counts = new Map<Address, number>();
    await this.test.setAutomine(false);
    try {
      const hashes = await Promise.all(
        txs.map((tx) => {
          let base = bases.get(tx.from);
          if (!base) {
            base = this.public.getTransactionCount({ address: tx.from });
            bases.set(tx.from, base);
          }
          const index = counts.get(tx.from) ?? 0;
          counts.set(tx.from, index + 1);
          return base.then((nonce) =>
            this.test.sendUnsignedTransaction({
              from: tx.from,
              to: tx.to,
              data: tx.data,
              gas: tx.gas,
              value: tx.value,
              nonce: nonce + index,
            }),
          );
        }),
      );
      for (let blocks = 0; ; blocks++) {
        const pool = await this.test.getTxpoolStatus();
        if (pool.pending === 0 && pool.queued === 0) break;
        if (blocks > 1_000)
          throw new Error(`setup batch stuck in the pool: ${JSON.stringify(pool)}`);
        await this.test.mine({ blocks: 1 });
      }
      const receipts = await Promise.all(
        hashes.map((hash) => this.public.getTransactionReceipt({ hash })),
      );
      const failed = receipts.findIndex((r) => r.status !== 'success');
      if (failed !== -1) {
        throw new Error(
          `setup transaction "${txs[failed].label}" reverted (${hashes[failed]}): ${await this.revertReason(hashes[failed])}`,
        );
      }
    } finally {
      await this.test.setAutomine(true);
    }
  }

  // ---------------------------------------------------------------- time

  async now(): Promise<bigint> {
    return (await this.public.getBlock()).timestamp;
  }

  /** Moves the chain's clock forward by `seconds` and mines a block there. */
  async travel(seconds: bigint | number): Promise<void> {
    await this.test.increaseTime({ seconds: Number(seconds) });
    await this.test.mine({ blocks: 1 });
  }
}
