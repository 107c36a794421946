// The demo world: seeds a fresh Curia deployment through its real contracts, acting as the demo
// accounts, and moves the chain's clock (anvil time travel) so that it ends with governance,
// curation and the marketplace in every state the portal shows.
//
// The history is a timeline of steps at chain times computed from the deployed parameters
// (voting delay and period, timelock delay, challenge period, dispute voting delay and period, appeal
// and suspension windows), so
// that at its end E:
//   Governor proposals: Pending (proposed at E), Active (voting), Canceled (by the guardian),
//     Defeated, Succeeded (not queued), Queued (timelock ETA after E), Executed (auditor
//     accreditation, a treasury grant, an upheld appeal). Expired cannot be reached: with
//     GovernorTimelockControl a queued proposal stays Queued until executed (see the README).
//   Curation: listed, pending (challenge period open), unapplied and withdrawn models; a Kept
//     dispute; a model Delisted for Quality (its auditor's Pass slashed); an appeal the DAO upheld
//     (Restored); an appealed model whose appeal proposal is Active; a Removed model inside its
//     appeal window; a dispute in its voting period; a model suspended by the guardian.
//   Marketplace: license offers in ETH and Test USD, sales before and after the audits (some
//     licenses already expired), withdrawals and curator fee claims; two accredited, bonded
//     auditors with Pass, Concerns and Fail reports, an amended report, and a slashed Pass.
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  encodeFunctionData,
  http,
  keccak256,
  maxUint256,
  parseEther,
  parseEventLogs,
  parseGwei,
  parseUnits,
  toBytes,
  WaitForTransactionReceiptTimeoutError,
  zeroAddress,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type EncodeFunctionDataParameters,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import { nonceManager, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { chainFor } from '../../protocol/chain.ts';
import { curiaContracts } from '../../protocol/contracts.ts';
import {
  DISPUTE_SUPPORT,
  PARAMETER,
  REASONS,
  VOTE,
  type ReasonName,
} from '../../protocol/enums.ts';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  meteredLicensesAbi,
  modelRegistryAbi,
  testStablecoinAbi,
  timelockControllerAbi,
} from '../../protocol/generated/contracts.ts';
import type { Manifest } from '../../protocol/manifest.ts';
import { CANDIDATES, candidateSpec, type CandidateKey } from './candidates.ts';
import { CATALOG, entry, registryId, type EntrySpec, type Fate } from './catalog.ts';
import { defaultDocsDir, storeMarkdown, versionContent, type VersionContent } from './content.ts';
import { GATEWAY_HOST } from '../lib/accounts.ts';
import { by, PEOPLE, type Person } from './people.ts';

const TX_GAS = 3_000_000n;
const HOUR = 3600;
const DAY = 86_400;
const CUR = (n: number) => parseEther(String(n));
const USD = (n: number) => parseUnits(String(n), 6);
/** The creator who leaves their sales' proceeds unwithdrawn at the end of the story. */
export const KEEPS_PROCEEDS = 'Chloe';

export interface SeedOptions {
  rpcUrl: string;
  manifest: Manifest;
  /** Where the versions' files go (`<dataDir>/files`). */
  dataDir: string;
  /**
   * Where cards and documents go, through the portal's folder store (default `<dataDir>/docs`; the
   * folder the portal and the indexer are given as CURIA_DOCS_DIR).
   */
  docsDir?: string;
  /** Receives brief progress lines. */
  log?: (line: string) => void;
}

/** Planned proposals: key, title and the state the seeded history leaves them in. */
export const PROPOSALS = {
  accredit: 'Executed',
  grant: 'Executed',
  guardian: 'Succeeded',
  halveSlash: 'Defeated',
  drain: 'Canceled',
  deposit: 'Queued',
  votingPeriod: 'Active',
  appealWindow: 'Pending',
  appealRestored: 'Executed',
  appealActive: 'Active',
} as const;
export type ProposalKey = keyof typeof PROPOSALS;

/** Planned disputes: the entry challenged and the dispute state it ends in. */
export const DISPUTES = {
  kept: { fate: 'kept', state: 'Kept' },
  delisted: { fate: 'delisted', state: 'Delisted' },
  restored: { fate: 'restored', state: 'Restored' },
  appealed: { fate: 'appealed', state: 'Appealed' },
  removed: { fate: 'removed', state: 'Removed' },
  voting: { fate: 'voting', state: 'Voting' },
} as const satisfies Record<string, { fate: Fate; state: string }>;
export type DisputeKey = keyof typeof DISPUTES;

/** What the seed wrote on chain, by name (saved in the seed record for the portal and the tests). */
export interface World {
  chainTime: { start: number; end: number };
  entries: Record<string, number>;
  versions: number;
  proposals: Record<ProposalKey, string>;
  disputes: Record<DisputeKey, number>;
  offers: number;
  /** Pay-per-use offers (MeteredLicenses), by `${modelKey}:${kind}` (download, calls). */
  meteredOffers: Record<string, number>;
  sales: { eth: number; usd: number };
  reports: { pass: number; concerns: number; fail: number; amended: number; slashed: number };
  stakes: number;
  /** Candidate versions (scripts/seed/candidates.ts): version numbers, and the dispute that rejected one. */
  candidates: { pending: number; rejected: number; rejectedBy: number };
}

interface ProposalCall {
  target: Address;
  data: Hex;
  value?: bigint;
}

interface ProposalRecord {
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  descriptionHash: Hex;
}

const ERROR_ABI = [
  ...auditRegistryAbi,
  ...curationRegistryAbi,
  ...curiaGovernorAbi,
  ...curiaTokenAbi,
  ...marketplaceAbi,
  ...meteredLicensesAbi,
  ...modelRegistryAbi,
  ...timelockControllerAbi,
].filter((item) => item.type === 'error') as Abi;

/** The revert reason of a failed call, decoded against every Curia ABI when it is a custom error. */
function revertReason(err: unknown): string {
  if (err instanceof BaseError) {
    let data: Hex | undefined;
    err.walk((e) => {
      const d = (e as { data?: unknown }).data;
      if (typeof d === 'string' && d.startsWith('0x') && d.length >= 10) data = d as Hex;
      else if (d && typeof d === 'object' && typeof (d as { data?: unknown }).data === 'string') {
        data = (d as { data: Hex }).data;
      }
      return false;
    });
    if (data) {
      try {
        const decoded = decodeErrorResult({ abi: ERROR_ABI, data });
        return `${decoded.errorName}(${(decoded.args ?? []).map(String).join(', ')})`;
      } catch {
        // not one of ours
      }
    }
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    return (reverted as BaseError | null)?.shortMessage ?? err.shortMessage;
  }
  return (err as Error).message;
}

/** A timeline of steps at chain times; played in time order (then insertion order). */
class Timeline {
  private steps: { at: number; order: number; label: string; run: () => Promise<void> }[] = [];

  add(at: number, label: string, run: () => Promise<void>): void {
    this.steps.push({ at: Math.ceil(at), order: this.steps.length, label, run });
  }

  sorted() {
    return [...this.steps].sort((a, b) => a.at - b.at || a.order - b.order);
  }
}

export async function seedWorld(opts: SeedOptions): Promise<World> {
  const log = opts.log ?? (() => {});
  const { manifest, dataDir } = opts;
  const docsDir = opts.docsDir ?? defaultDocsDir(dataDir);
  const chain = chainFor(manifest.chainId, opts.rpcUrl);
  const transport = http(opts.rpcUrl, { retryCount: 0, timeout: 30_000 });
  const client = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient;
  // anvil answers eth_sendRawTransaction before it mines the block: when the first receipt lookup
  // comes too early on a loaded machine and no later block follows, viem's wait would sit out its
  // whole timeout. Short waits, each starting with a fresh lookup, find the mined receipt.
  const receiptOf = async (hash: Hex): Promise<TransactionReceipt> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.waitForTransactionReceipt({
          hash,
          pollingInterval: 20,
          timeout: 10_000,
        });
      } catch (err) {
        if (!(err instanceof WaitForTransactionReceiptTimeoutError) || attempt === 12) throw err;
      }
    }
  };
  const test = createTestClient({ chain, transport, mode: 'anvil' });
  const c = curiaContracts(manifest.contracts, client);
  const { marketplace, audits, stablecoin } = c;
  if (!marketplace || !audits) {
    throw new Error(
      'the manifest has no Marketplace or AuditRegistry (an older deployment): `npm start -- --fresh` redeploys',
    );
  }
  const A = manifest.contracts;

  if ((await c.registry.read.modelCount()) !== 0n) {
    throw new Error(
      `the registry at ${A.ModelRegistry} is not empty: the demo world seeds a fresh deployment only`,
    );
  }

  // ---------------------------------------------------------------- transactions
  const accounts = new Map<string, PrivateKeyAccount>();
  const wallets = new Map<string, ReturnType<typeof createWalletClient>>();
  for (const p of PEOPLE) {
    const account = privateKeyToAccount(p.privateKey, { nonceManager });
    accounts.set(p.name, account);
    wallets.set(p.name, createWalletClient({ account, chain, transport }));
  }
  let txCount = 0;
  let currentStep = '';

  async function tx(
    who: Person,
    to: Address,
    data: Hex,
    value?: bigint,
  ): Promise<TransactionReceipt> {
    const wallet = wallets.get(who.name)!;
    let hash: Hex;
    try {
      hash = await wallet.sendTransaction({
        account: accounts.get(who.name)!,
        chain,
        to,
        data,
        value,
        // A fixed limit: anvil's eth_estimateGas can come out a few hundred gas short when a token
        // transfer runs near the SSTORE stipend (ReentrancySentryOOG), and skipping the estimate
        // keeps the seed fast. A revert is replayed below for its reason.
        gas: TX_GAS,
        maxFeePerGas: parseGwei('5'),
        maxPriorityFeePerGas: parseGwei('1'),
      });
    } catch (err) {
      throw new Error(`seed step "${currentStep}" (${who.name}) failed: ${revertReason(err)}`);
    }
    const receipt = await receiptOf(hash);
    if (receipt.status !== 'success') {
      // Replay it as a call on the state it ran on, for the reason.
      let reason = `out of gas? (used ${receipt.gasUsed})`;
      try {
        await client.call({
          account: who.address,
          to,
          data,
          value,
          blockNumber: receipt.blockNumber - 1n,
        });
      } catch (err) {
        reason = revertReason(err);
      }
      throw new Error(
        `seed step "${currentStep}" (${who.name}): transaction ${hash} reverted: ${reason}`,
      );
    }
    txCount++;
    return receipt;
  }

  const curation = (who: Person, data: Hex) => tx(who, A.CurationRegistry, data);
  const governorTx = (who: Person, data: Hex) => tx(who, A.CuriaGovernor, data);
  /** Calldata of a CurationRegistry function, type-checked against the generated ABI. */
  const cur = <
    const F extends ContractFunctionName<typeof curationRegistryAbi, 'nonpayable'>,
  >(call: {
    functionName: F;
    args: ContractFunctionArgs<typeof curationRegistryAbi, 'nonpayable', F>;
  }): Hex =>
    encodeFunctionData({
      abi: curationRegistryAbi,
      ...call,
    } as unknown as EncodeFunctionDataParameters);

  async function now(): Promise<number> {
    return Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
  }

  // ---------------------------------------------------------------- parameters
  const [
    votingDelay,
    votingPeriod,
    timelockDelay,
    challengePeriod,
    disputePeriod,
    appealWindow,
    suspensionWindow,
    disputeDelay,
  ] = (
    await Promise.all([
      c.governor.read.votingDelay(),
      c.governor.read.votingPeriod(),
      c.timelock.read.getMinDelay(),
      c.curation.read.parameter([2]),
      c.curation.read.parameter([3]),
      c.curation.read.parameter([6]),
      c.curation.read.parameter([8]),
      c.curation.read.parameter([13]),
    ])
  ).map(Number);
  const auditorBond = await audits.read.minimumBond();

  const T0 = await now();
  const tl = new Timeline();
  const world: World = {
    chainTime: { start: T0, end: 0 },
    entries: {},
    versions: 0,
    proposals: {} as Record<ProposalKey, string>,
    disputes: {} as Record<DisputeKey, number>,
    offers: 0,
    meteredOffers: {},
    sales: { eth: 0, usd: 0 },
    reports: { pass: 0, concerns: 0, fail: 0, amended: 0, slashed: 0 },
    stakes: 0,
    candidates: { pending: 0, rejected: 0, rejectedBy: 0 },
  };
  const proposals = new Map<ProposalKey, ProposalRecord>();
  const id = (key: string) => BigInt(registryId(key));
  const fateKey = (fate: Fate) => CATALOG.find((e) => e.fate === fate)!.key;

  // ---------------------------------------------------------------- governance helpers
  async function propose(
    key: ProposalKey,
    who: Person,
    title: string,
    body: string,
    calls: ProposalCall[],
  ) {
    const description = `# ${title}\n\n${body}`;
    const targets = calls.map((x) => x.target);
    const values = calls.map((x) => x.value ?? 0n);
    const calldatas = calls.map((x) => x.data);
    const receipt = await governorTx(
      who,
      encodeFunctionData({
        abi: curiaGovernorAbi,
        functionName: 'propose',
        args: [targets, values, calldatas, description],
      }),
    );
    const [created] = parseEventLogs({
      abi: curiaGovernorAbi,
      eventName: 'ProposalCreated',
      logs: receipt.logs,
    });
    proposals.set(key, {
      id: created.args.proposalId,
      targets,
      values,
      calldatas,
      descriptionHash: keccak256(toBytes(description)),
    });
    world.proposals[key] = created.args.proposalId.toString();
  }

  /** The proposal the curation registry opened for an appeal, read back from its event. */
  function recordAppeal(key: ProposalKey, receipt: TransactionReceipt) {
    const [created] = parseEventLogs({
      abi: curiaGovernorAbi,
      eventName: 'ProposalCreated',
      logs: receipt.logs,
    });
    proposals.set(key, {
      id: created.args.proposalId,
      targets: [...created.args.targets],
      values: [...created.args.values],
      calldatas: [...created.args.calldatas],
      descriptionHash: keccak256(toBytes(created.args.description)),
    });
    world.proposals[key] = created.args.proposalId.toString();
  }

  const proposal = (key: ProposalKey) => {
    const p = proposals.get(key);
    if (!p) throw new Error(`proposal ${key} was not created`);
    return p;
  };

  async function vote(key: ProposalKey, ballots: [string, keyof typeof VOTE, string?][]) {
    for (const [name, support, reason] of ballots) {
      await governorTx(
        by(name),
        encodeFunctionData({
          abi: curiaGovernorAbi,
          functionName: 'castVoteWithReason',
          args: [proposal(key).id, VOTE[support], reason ?? ''],
        }),
      );
    }
  }

  const lifecycle = (fn: 'queue' | 'execute' | 'cancel', key: ProposalKey, who: Person) => {
    const p = proposal(key);
    return governorTx(
      who,
      encodeFunctionData({
        abi: curiaGovernorAbi,
        functionName: fn,
        args: [p.targets, p.values, p.calldatas, p.descriptionHash],
      }),
    );
  };

  /** Proposes at `t`, votes after the voting delay, and optionally queues and executes. */
  function governance(
    t: number,
    key: ProposalKey,
    who: string,
    title: string,
    body: string,
    calls: () => ProposalCall[],
    ballots: [string, keyof typeof VOTE, string?][],
    until: 'voting' | 'voted' | 'queued' | 'executed',
  ) {
    tl.add(t, `propose: ${title}`, () => propose(key, by(who), title, body, calls()));
    if (ballots.length > 0)
      tl.add(t + votingDelay + HOUR, `vote: ${title}`, () => vote(key, ballots));
    const closed = t + votingDelay + votingPeriod + 60;
    if (until === 'queued' || until === 'executed')
      tl.add(closed, `queue: ${title}`, () => lifecycle('queue', key, by('Ada')).then(() => {}));
    if (until === 'executed') {
      tl.add(closed + timelockDelay + 60, `execute: ${title}`, () =>
        lifecycle('execute', key, by('Ada')).then(() => {}),
      );
    }
    return closed + timelockDelay + 60;
  }

  // ---------------------------------------------------------------- curation helpers
  async function challenge(
    key: DisputeKey,
    who: Person,
    reason: ReasonName,
    title: string,
    evidence: string,
  ) {
    const target = fateKey(DISPUTES[key].fate);
    const doc = await storeMarkdown(
      docsDir,
      `# ${title}\n\nModel: ${target} (registry #${registryId(target)})\n\n${evidence}\n`,
    );
    const receipt = await curation(
      who,
      cur({
        functionName: 'challenge',
        args: [id(target), 0, REASONS.indexOf(reason), doc.uri, doc.sha256],
      }),
    );
    const [ev] = parseEventLogs({
      abi: curationRegistryAbi,
      eventName: 'Challenged',
      logs: receipt.logs,
    });
    world.disputes[key] = Number(ev.args.disputeId);
  }

  async function disputeVotes(key: DisputeKey, ballots: [string, 'Keep' | 'Remove', string][]) {
    for (const [name, support, reason] of ballots) {
      await curation(
        by(name),
        cur({
          functionName: 'voteOnDispute',
          args: [BigInt(world.disputes[key]), DISPUTE_SUPPORT[support], reason],
        }),
      );
    }
  }

  const resolve = (key: DisputeKey) =>
    curation(
      by('Farid'),
      cur({ functionName: 'resolve', args: [id(fateKey(DISPUTES[key].fate))] }),
    );

  // ================================================================ setup (T0)
  const creators = [...new Set(CATALOG.map((e) => e.owner))].map((i) => PEOPLE[i]);
  const curators = ['Dev', 'Eve', 'Farid', 'Grace', 'Hiro', 'Ines', 'Kai', 'Mo', 'Noor'].map(by);
  const contents = new Map<string, VersionContent[]>();

  tl.add(T0, 'fund the extra accounts', async () => {
    for (const name of ['Kai', 'Lea', 'Mo', 'Noor'])
      await tx(by('Ada'), by(name).address, '0x', parseEther('100'));
    const grants: [string, number][] = [
      ['Kai', 250_000],
      ['Lea', 100_000],
      ['Mo', 300_000],
      ['Noor', 150_000],
    ];
    for (const [name, amount] of grants) {
      await tx(
        by('Ben'),
        A.CuriaToken,
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'transfer',
          args: [by(name).address, CUR(amount)],
        }),
      );
    }
  });

  tl.add(T0, 'delegate votes', async () => {
    const delegations: [string, string][] = [
      ['Ada', 'Ada'],
      ['Ben', 'Ben'],
      ['Chloe', 'Chloe'],
      ['Dev', 'Dev'],
      ['Eve', 'Eve'],
      ['Farid', 'Farid'],
      ['Grace', 'Grace'],
      ['Hiro', 'Grace'],
      ['Ines', 'Dev'],
      ['Jun', 'Jun'],
      ['Lea', 'Lea'],
      ['Mo', 'Mo'],
    ];
    for (const [from, to] of delegations) {
      await tx(
        by(from),
        A.CuriaToken,
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'delegate',
          args: [by(to).address],
        }),
      );
    }
    for (const p of PEOPLE.filter((x) => x.name !== 'Jun')) {
      await tx(
        p,
        A.CuriaToken,
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'approve',
          args: [A.CurationRegistry, maxUint256],
        }),
      );
    }
  });

  tl.add(T0, 'register models and datasets', async () => {
    for (const spec of CATALOG) {
      const versions: VersionContent[] = [];
      for (let v = 1; v <= spec.versions.length; v++)
        versions.push(await versionContent(dataDir, spec, v, docsDir));
      contents.set(spec.key, versions);
      const first = versions[0];
      const receipt = await tx(
        PEOPLE[spec.owner],
        A.ModelRegistry,
        encodeFunctionData({
          abi: modelRegistryAbi,
          functionName: 'registerModel',
          args: [
            spec.kind === 'model' ? 0 : 1,
            first.contentHash,
            first.metadataURI,
            first.derivedFrom,
          ],
        }),
      );
      const [ev] = parseEventLogs({
        abi: modelRegistryAbi,
        eventName: 'ModelRegistered',
        logs: receipt.logs,
      });
      if (Number(ev.args.modelId) !== registryId(spec.key)) {
        throw new Error(
          `${spec.key} got registry id ${ev.args.modelId}, expected ${registryId(spec.key)}`,
        );
      }
      world.entries[spec.key] = Number(ev.args.modelId);
      world.versions++;
    }
  });

  // Later versions, except the appealed model's fix, which is published right before its appeal.
  const publish = async (spec: EntrySpec, v: number) => {
    const content = contents.get(spec.key)![v - 1];
    await tx(
      PEOPLE[spec.owner],
      A.ModelRegistry,
      encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: 'publishVersion',
        args: [id(spec.key), v - 1, content.contentHash, content.metadataURI, content.derivedFrom],
      }),
    );
    world.versions++;
  };
  tl.add(T0 + 10 * 60, 'publish new versions', async () => {
    for (const spec of CATALOG) {
      if (spec.fate === 'appealed') continue;
      for (let v = 2; v <= spec.versions.length; v++) await publish(spec, v);
    }
  });

  const appliesAtStart = CATALOG.filter((e) => e.fate !== 'draft' && e.fate !== 'pending');
  tl.add(T0 + 10 * 60, 'apply for listing', async () => {
    for (const spec of appliesAtStart)
      await curation(
        PEOPLE[spec.owner],
        cur({ functionName: 'applyForListing', args: [id(spec.key)] }),
      );
  });

  // Curator stakes: a deterministic spread, making sure every disputed or suspended model has curators.
  const AMOUNTS = [1_000, 2_500, 5_000, 10_000, 25_000];
  const stakePlan: [string, string, number][] = [];
  appliesAtStart.forEach((spec, i) => {
    curators.forEach((p, j) => {
      const pick = (i * 7 + j * 3) % 5;
      if (pick === 0 || (pick === 3 && spec.fate !== 'listed'))
        stakePlan.push([p.name, spec.key, AMOUNTS[(i + j) % 5]]);
    });
  });
  tl.add(T0 + 20 * 60, 'curators stake', async () => {
    for (const [name, key, amount] of stakePlan) {
      await curation(by(name), cur({ functionName: 'stake', args: [id(key), CUR(amount)] }));
      world.stakes++;
    }
  });

  // ================================================================ governance history
  const T1 = T0 + challengePeriod + HOUR; // the first listings are through their challenge period
  const auditors = ['Hiro', 'Lea'];
  const TA =
    governance(
      T0 + 30 * 60,
      'accredit',
      'Grace',
      'Accredit Hiro and Lea as auditors',
      'Hiro (ML evaluation, 6 years) and Lea (AI safety and licensing) applied to audit models on Curia. ' +
        'Both published sample reports in the forum. Once accredited, each posts the minimum bond before auditing.\n\n' +
        '- `AuditRegistry.accredit(Hiro)`\n- `AuditRegistry.accredit(Lea)`',
      () =>
        auditors.map((n) => ({
          target: A.AuditRegistry,
          data: encodeFunctionData({
            abi: auditRegistryAbi,
            functionName: 'accredit',
            args: [by(n).address],
          }),
        })),
      [
        ['Grace', 'For', 'Both have solid track records.'],
        ['Dev', 'For'],
        ['Ben', 'For'],
        ['Ada', 'For'],
        ['Jun', 'Abstain', 'Guardian abstains.'],
      ],
      'executed',
    ) + HOUR;

  governance(
    T1,
    'grant',
    'Dev',
    'Fund the evaluation working group: 250,000 CUR',
    'The evaluation working group re-runs the self-reported benchmarks of listed models and publishes the results. ' +
      'This grant covers six months of compute and two part-time maintainers, paid to the group lead (Grace).\n\n' +
      '- `CuriaToken.transfer(Grace, 250,000 CUR)` from the treasury',
    () => [
      {
        target: A.CuriaToken,
        data: encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'transfer',
          args: [by('Grace').address, CUR(250_000)],
        }),
      },
    ],
    [
      ['Dev', 'For', 'Independent evals are the best use of the treasury.'],
      ['Grace', 'For'],
      ['Chloe', 'For'],
      ['Farid', 'Against', 'Too much for six months.'],
    ],
    'executed',
  );

  governance(
    T1,
    'guardian',
    'Ada',
    'Hand the guardian role to the safety council',
    "Suspensions should not depend on one person. The safety council (a 3-of-5 multisig, here Noor's account for the demo) " +
      'takes over from Jun, who stays on the council.\n\n- `CurationRegistry.setGuardian(safety council)`',
    () => [
      {
        target: A.CurationRegistry,
        data: cur({ functionName: 'setGuardian', args: [by('Noor').address] }),
      },
    ],
    [
      ['Ada', 'For'],
      ['Ben', 'For', 'A council is more robust.'],
      ['Grace', 'For'],
      ['Eve', 'Against', 'Multisigs are slow in emergencies.'],
    ],
    'voted',
  );

  governance(
    T1,
    'halveSlash',
    'Farid',
    'Halve the curator slash to 10%',
    "A 20% slash makes careful curators pay for voters' mistakes. Proposal: `curator_slash_bps` from 2000 to 1000.\n\n" +
      '- `CurationRegistry.setParameter(CuratorSlashBps, 1000)`',
    () => [
      {
        target: A.CurationRegistry,
        data: cur({ functionName: 'setParameter', args: [PARAMETER.CuratorSlashBps, 1000n] }),
      },
    ],
    [
      ['Farid', 'For'],
      ['Eve', 'For', 'Curators need less downside.'],
      ['Ben', 'Against', 'The slash is what makes stakes mean something.'],
      ['Chloe', 'Against'],
      ['Dev', 'Against'],
    ],
    'voted',
  );

  tl.add(T1, 'propose: Market-making budget', () =>
    propose(
      'drain',
      by('Mo'),
      'Market-making budget: 5,000,000 CUR',
      'Send 5,000,000 CUR to a market maker to deepen CUR liquidity. Terms to be shared later.\n\n' +
        '- `CuriaToken.transfer(Mo, 5,000,000 CUR)` from the treasury',
      [
        {
          target: A.CuriaToken,
          data: encodeFunctionData({
            abi: curiaTokenAbi,
            functionName: 'transfer',
            args: [by('Mo').address, CUR(5_000_000)],
          }),
        },
      ],
    ),
  );
  tl.add(T1 + HOUR, 'guardian cancels the market-making budget', () =>
    lifecycle('cancel', 'drain', by('Jun')).then(() => {}),
  );

  // ================================================================ marketplace: offers and first sales
  const termsDocs = new Map<string, { uri: string; sha256: Hex }>();
  const OFFER_TERMS: Record<string, string> = {
    research:
      '# Curia Research License 1.0\n\nNon-commercial research and evaluation. No deployment to end users. ' +
      'Publications must cite the model card. Valid for the licensed period.\n',
    commercial:
      '# Curia Commercial License 1.0\n\nUse in commercial products and services, including hosted inference. ' +
      'No redistribution of the weights. Perpetual.\n',
    trial: '# Curia Trial License 1.0\n\nEvaluation for 24 hours. No production use.\n',
    download:
      '# Curia Pay-per-download License 1.0\n\nEach download of a version through an authorized host is paid ' +
      'from your credit. Research and commercial use of what you downloaded. No redistribution of the weights.\n',
    calls:
      '# Curia Pay-per-use Inference License 1.0\n\nHosted inference, paid per block of calls from your credit ' +
      'through signed usage receipts. No access to the weights.\n',
  };
  const offers = new Map<string, bigint>(); // `${modelKey}:${kind}` → offer id
  const offerModels = CATALOG.filter((e) =>
    [
      'listed',
      'kept',
      'restored',
      'suspended',
      'appealed',
      'removed',
      'voting',
      'delisted',
    ].includes(e.fate),
  ).map((e) => e.key);
  const usd = stablecoin?.address;

  tl.add(T0 + 30 * 60, 'license offers', async () => {
    for (const [kind, text] of Object.entries(OFFER_TERMS))
      termsDocs.set(kind, await storeMarkdown(docsDir, text));
    let n = 0;
    for (const key of offerModels) {
      const spec = entry(key);
      const plan: [string, Address, bigint, number, number][] = [
        [
          'research',
          zeroAddress,
          parseEther(spec.kind === 'dataset' ? '0.01' : '0.02'),
          30 * DAY,
          0,
        ],
      ];
      if (usd)
        plan.push(['commercial', usd, USD(n % 3 === 0 ? 999 : 499), 0, n % 4 === 0 ? 100 : 0]);
      else plan.push(['commercial', zeroAddress, parseEther('0.25'), 0, 0]);
      if (n % 5 === 0) plan.push(['trial', zeroAddress, parseEther('0.001'), DAY, 0]);
      for (const [kind, currency, price, duration, cap] of plan) {
        const terms = termsDocs.get(kind)!;
        const receipt = await tx(
          PEOPLE[spec.owner],
          A.Marketplace,
          encodeFunctionData({
            abi: marketplaceAbi,
            functionName: 'createOffer',
            args: [
              id(key),
              currency,
              price,
              BigInt(duration),
              BigInt(cap),
              terms.uri,
              terms.sha256,
            ],
          }),
        );
        const [ev] = parseEventLogs({
          abi: marketplaceAbi,
          eventName: 'OfferCreated',
          logs: receipt.logs,
        });
        offers.set(`${key}:${kind}`, ev.args.offerId);
        world.offers++;
      }
      n++;
    }
    // Pay-per-use: the first three listed models are also offered per download (ETH) and per 1,000
    // inference calls (tUSD), served by the portal's gateway (GATEWAY_HOST), which their owners authorize.
    const meteredModels = offerModels
      .filter((k) => entry(k).kind !== 'dataset' && entry(k).fate === 'listed')
      .slice(0, 3);
    for (const key of meteredModels) {
      const owner = PEOPLE[entry(key).owner];
      const plan: [string, Address, bigint, bigint][] = [
        ['download', zeroAddress, parseEther('0.002'), 1n],
      ];
      if (usd) plan.push(['calls', usd, USD(2), 1000n]);
      for (const [kind, currency, price, units] of plan) {
        const terms = termsDocs.get(kind)!;
        const receipt = await tx(
          owner,
          A.MeteredLicenses,
          encodeFunctionData({
            abi: meteredLicensesAbi,
            functionName: 'createMeteredOffer',
            args: [id(key), currency, price, units, terms.uri, terms.sha256],
          }),
        );
        const [ev] = parseEventLogs({
          abi: meteredLicensesAbi,
          eventName: 'MeteredOfferCreated',
          logs: receipt.logs,
        });
        world.meteredOffers[`${key}:${kind}`] = Number(ev.args.offerId);
      }
      await tx(
        owner,
        A.MeteredLicenses,
        encodeFunctionData({
          abi: meteredLicensesAbi,
          functionName: 'setHost',
          args: [id(key), GATEWAY_HOST.address, true],
        }),
      );
    }
    // Ines keeps credit for downloads of the first of them.
    const [firstMetered] = meteredModels;
    if (firstMetered) {
      const amount = parseEther('0.05');
      await tx(
        by('Ines'),
        A.MeteredLicenses,
        encodeFunctionData({
          abi: meteredLicensesAbi,
          functionName: 'depositCredit',
          args: [
            BigInt(world.meteredOffers[`${firstMetered}:download`]),
            by('Ines').address,
            amount,
          ],
        }),
        amount,
      );
    }
    if (stablecoin) {
      for (const [name, amount] of [
        ['Ines', 20_000],
        ['Mo', 10_000],
        ['Kai', 10_000],
        ['Grace', 5_000],
        ['Dev', 5_000],
      ] as const) {
        await tx(
          by('Ada'),
          stablecoin.address,
          encodeFunctionData({
            abi: testStablecoinAbi,
            functionName: 'mint',
            args: [by(name).address, USD(amount)],
          }),
        );
        await tx(
          by(name),
          stablecoin.address,
          encodeFunctionData({
            abi: testStablecoinAbi,
            functionName: 'approve',
            args: [A.Marketplace, maxUint256],
          }),
        );
      }
    }
  });

  async function buy(buyer: string, key: string, kind: string, licensee?: string) {
    const offerId = offers.get(`${key}:${kind}`);
    if (offerId === undefined) return;
    const offer = await marketplace!.read.getOffer([offerId]);
    // The marketplace refuses a purchase that would give the licensee nothing (a perpetual holder buying a timed
    // offer, or the same perpetual offer again) or re-term someone else's valid license: skip those.
    const holder = by(licensee ?? buyer).address;
    const held = await marketplace!.read.licenseOf([offer.modelId, holder]);
    if (held.expiresAt > (await now())) {
      const perpetual = held.expiresAt === 2 ** 40 - 1;
      if (perpetual && (offer.duration !== 0 || held.offerId === offerId)) return;
      if (held.offerId !== offerId && licensee !== undefined && licensee !== buyer) return;
    }
    await tx(
      by(buyer),
      A.Marketplace,
      encodeFunctionData({
        abi: marketplaceAbi,
        functionName: 'buyLicense',
        args: [offerId, by(licensee ?? buyer).address],
      }),
      offer.currency === zeroAddress ? offer.price : undefined,
    );
    if (offer.currency === zeroAddress) world.sales.eth++;
    else world.sales.usd++;
  }

  /** A sale only fills its model's till: anyone splits the tills (here Ada), crediting each party. */
  async function settleSales() {
    const currencies = stablecoin ? [zeroAddress, stablecoin.address] : [zeroAddress];
    for (const currency of currencies) {
      await tx(
        by('Ada'),
        A.Marketplace,
        encodeFunctionData({
          abi: marketplaceAbi,
          functionName: 'settleSales',
          args: [offerModels.map((k) => id(k)), currency],
        }),
      );
    }
  }

  const salesRound = (round: number): [string, string, string, string?][] => {
    const buyers = ['Ines', 'Mo', 'Kai', 'Grace', 'Dev'];
    const listedNow = offerModels.filter((k) => {
      const f = entry(k).fate;
      if (round === 0) return true; // everything offered is listed at T1
      if (round === 1) return f !== 'delisted' && f !== 'restored' && f !== 'kept'; // disputes open
      return f === 'listed' || f === 'kept'; // the restored model is re-listed only at the very end
    });
    const out: [string, string, string, string?][] = [];
    listedNow.forEach((key, i) => {
      if ((i + round) % 3 === 0) out.push([buyers[(i + round) % buyers.length], key, 'research']);
      if ((i + round) % 4 === 1)
        out.push([buyers[(i + 2 * round) % buyers.length], key, 'commercial']);
      if (round === 0 && i % 5 === 0) out.push(['Kai', key, 'trial']);
    });
    if (round === 2) out.push(['Ines', listedNow[0], 'commercial', 'Noor']); // a license bought for someone else
    return out;
  };
  tl.add(T1 + HOUR, 'first license sales', async () => {
    for (const [buyer, key, kind, licensee] of salesRound(0)) await buy(buyer, key, kind, licensee);
    await settleSales();
  });

  // ================================================================ audits (after accreditation)
  type Report = [string, string, number, 0 | 1 | 2, [number, number, number, number], string];
  const REPORTS: Report[] = [
    [
      'Hiro',
      'lumen/aurora-1b',
      3,
      0,
      [82, 74, 68, 95],
      'Benchmarks reproduced within 0.4 points. Tokenizer change verified.',
    ],
    [
      'Hiro',
      'lumen/aurora-7b-instruct',
      1,
      0,
      [88, 79, 71, 96],
      'MT-Bench reproduced (7.0 vs 7.1 claimed). Refusals adequate for general use.',
    ],
    [
      'Hiro',
      'open-speech/whisperlet-small',
      2,
      0,
      [85, 90, 66, 97],
      'WER reproduced on the held-out split; accented-speech gap is documented.',
    ],
    [
      'Hiro',
      'open-vision/pathfinder-det',
      2,
      0,
      [80, 72, 70, 94],
      'mAP reproduced; night-time gains confirmed.',
    ],
    [
      'Hiro',
      'lumen/summarizer-news-base',
      1,
      1,
      [61, 58, 70, 95],
      'Entity hallucinations at 7% of summaries; the card understates the risk.',
    ],
    [
      'Hiro',
      'open-speech/voxlet-tts-en',
      1,
      1,
      [86, 41, 73, 80],
      'Zero-shot cloning is enabled by default; the watermark is fragile.',
    ],
    [
      'Hiro',
      'lumen/aurora-merge-7b',
      1,
      2,
      [70, 55, 66, 30],
      'Merge recipe includes a checkpoint whose license forbids commercial use.',
    ],
    [
      'Lea',
      'open-vision/depthlet',
      1,
      0,
      [79, 85, 80, 92],
      'AbsRel reproduced on the evaluation images provided by the authors.',
    ],
    [
      'Lea',
      'lumen/aurora-1b-instruct',
      2,
      0,
      [76, 70, 69, 96],
      'Instruction following reproduced; French prompt fix verified.',
    ],
    [
      'Lea',
      'lumen/meridian-embed-base',
      1,
      1,
      [74, 88, 62, 97],
      'MTEB average reproduced, but the bias section omits occupation-gender associations.',
    ],
    ['Lea', 'lumen/translate-en-fr', 1, 0, [81, 86, 75, 93], 'BLEU reproduced on WMT14 test.'],
    [
      'Lea',
      'curia-commons/fraudscope-gbdt',
      1,
      2,
      [35, 60, 50, 90],
      'Synthetic training data only: unfit for any production decision.',
    ],
  ];
  const reportIds = new Map<string, bigint>(); // `${auditor}:${model}` → report id

  async function submit(
    who: string,
    key: string,
    version: number,
    verdict: 0 | 1 | 2,
    scores: number[],
    text: string,
    replaces = 0n,
  ) {
    const verdictName = ['Pass', 'Concerns', 'Fail'][verdict];
    const doc = await storeMarkdown(
      docsDir,
      `# Audit of ${key} v${version}: ${verdictName}\n\nAuditor: ${who}\n\n` +
        `| quality | safety | bias | license |\n| --- | --- | --- | --- |\n| ${scores.join(' | ')} |\n\n${text}\n`,
    );
    const receipt = await tx(
      by(who),
      A.AuditRegistry,
      encodeFunctionData({
        abi: auditRegistryAbi,
        functionName: 'submitAudit',
        args: [
          id(key),
          version,
          verdict,
          scores as [number, number, number, number],
          doc.uri,
          doc.sha256,
          replaces,
        ],
      }),
    );
    const [ev] = parseEventLogs({
      abi: auditRegistryAbi,
      eventName: 'AuditSubmitted',
      logs: receipt.logs,
    });
    reportIds.set(`${who}:${key}`, ev.args.reportId);
    world.reports[(['pass', 'concerns', 'fail'] as const)[verdict]]++;
  }

  tl.add(TA, 'auditors bond and report', async () => {
    for (const name of auditors) {
      await tx(
        by(name),
        A.CuriaToken,
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'approve',
          args: [A.AuditRegistry, maxUint256],
        }),
      );
      await tx(
        by(name),
        A.AuditRegistry,
        encodeFunctionData({
          abi: auditRegistryAbi,
          functionName: 'postBond',
          args: [auditorBond * (name === 'Hiro' ? 3n : 2n)],
        }),
      );
    }
    for (const [who, key, version, verdict, scores, text] of REPORTS)
      await submit(who, key, version, verdict, scores, text);
  });
  tl.add(TA + HOUR, 'an amended audit report', async () => {
    // Lea amends her Concerns on Meridian-Embed-Base after the authors extended the bias section.
    await submit(
      'Lea',
      'lumen/meridian-embed-base',
      1,
      0,
      [74, 88, 71, 97],
      'Amended: the bias section now covers occupation-gender associations.',
      reportIds.get('Lea:lumen/meridian-embed-base'),
    );
    world.reports.amended++;
  });
  tl.add(TA + 2 * HOUR, 'license sales after the audits', async () => {
    for (const [buyer, key, kind, licensee] of salesRound(1)) await buy(buyer, key, kind, licensee);
    await settleSales();
  });

  // ================================================================ dispute history (after the audits)
  const TD = TA + 3 * HOUR;
  tl.add(TD, 'challenges: kept, delisted, restored', async () => {
    await challenge(
      'kept',
      by('Farid'),
      'Quality',
      'MT-Bench score not reproducible',
      'Three runs with the published chat template give 4.2-4.4, not 5.1.',
    );
    await challenge(
      'delisted',
      by('Farid'),
      'Quality',
      'Depth accuracy measured on training images',
      'The AbsRel of 0.098 was computed on images from the training scenes. On the held-out NYUv2 test split the model scores 0.21.',
    );
    await challenge(
      'restored',
      by('Eve'),
      'Quality',
      'Distillation regressed accented speech',
      'On our accented-English set WER is 31% vs 14% for the teacher; the card does not say so.',
    );
  });
  // Dispute votes open after the snapshot, the dispute voting delay after the challenge.
  tl.add(TD + disputeDelay + 60, 'dispute votes', async () => {
    await disputeVotes('kept', [
      ['Ben', 'Keep', 'Our numbers use the v2 template; reproduction script linked.'],
      ['Ada', 'Keep', ''],
      ['Chloe', 'Keep', ''],
      ['Farid', 'Remove', ''],
    ]);
    await disputeVotes('delisted', [
      ['Dev', 'Remove', 'Confirmed on the held-out split.'],
      ['Eve', 'Remove', ''],
      ['Grace', 'Remove', ''],
      ['Farid', 'Remove', ''],
      ['Chloe', 'Keep', 'We will retrain.'],
    ]);
    await disputeVotes('restored', [
      ['Eve', 'Remove', ''],
      ['Farid', 'Remove', ''],
      ['Dev', 'Remove', ''],
      ['Chloe', 'Keep', 'Accented speech is out of scope per the card.'],
    ]);
  });
  const resolvedAt = TD + disputeDelay + disputePeriod + 60;
  tl.add(resolvedAt, 'resolve disputes', async () => {
    await resolve('kept');
    await resolve('delisted');
    await resolve('restored');
  });
  tl.add(resolvedAt + 60, 'appeal: Whisperlet-Tiny', async () => {
    const receipt = await curation(
      by('Chloe'),
      cur({
        functionName: 'appeal',
        args: [
          id(fateKey('restored')),
          'An independent evaluation (Hiro) finds WER 12.6% on accented speech with the v1 decoding settings; the challenge used greedy decoding without the language prompt.',
        ],
      }),
    );
    recordAppeal('appealRestored', receipt);
  });
  tl.add(resolvedAt + 60 + votingDelay + HOUR, 'vote: appeal of Whisperlet-Tiny', () =>
    vote('appealRestored', [
      ['Chloe', 'For'],
      ['Ben', 'For', 'The re-evaluation is convincing.'],
      ['Ada', 'For'],
      ['Eve', 'Against'],
      ['Farid', 'Against'],
    ]),
  );
  const appealClosed = resolvedAt + 60 + votingDelay + votingPeriod + 60;
  tl.add(appealClosed, 'queue: appeal of Whisperlet-Tiny', () =>
    lifecycle('queue', 'appealRestored', by('Chloe')).then(() => {}),
  );
  tl.add(appealClosed + timelockDelay + 60, 'execute: appeal of Whisperlet-Tiny (restored)', () =>
    lifecycle('execute', 'appealRestored', by('Chloe')).then(() => {}),
  );
  tl.add(resolvedAt + HOUR, 'claims after the kept dispute', async () => {
    const keptId = id(fateKey('kept'));
    for (const p of [...curators, PEOPLE[entry(fateKey('kept')).owner]]) {
      const [position, claimable] = await Promise.all([
        c.curation.read.positionOf([keptId, p.address]),
        c.curation.read.claimable([p.address]),
      ]);
      if (position.pendingRewards + claimable > 0n)
        await curation(p, cur({ functionName: 'claim', args: [[keptId]] }));
    }
  });
  tl.add(
    resolvedAt + appealWindow + 120,
    'finalize: Depthlet delisted; slash its Pass',
    async () => {
      const delistedId = id(fateKey('delisted'));
      await curation(by('Farid'), cur({ functionName: 'finalize', args: [delistedId] }));
      await tx(
        by('Farid'),
        A.AuditRegistry,
        encodeFunctionData({
          abi: auditRegistryAbi,
          functionName: 'slash',
          args: [reportIds.get('Lea:open-vision/depthlet')!],
        }),
      );
      world.reports.slashed++;
      await curation(by('Farid'), cur({ functionName: 'claim', args: [[]] }));
      // A curator takes back what the slash left.
      for (const p of curators) {
        const position = await c.curation.read.positionOf([delistedId, p.address]);
        if (position.active + position.unbonding > 0n) {
          await curation(p, cur({ functionName: 'withdrawStake', args: [delistedId] }));
          break;
        }
      }
    },
  );

  // ================================================================ the present (end E) and what leads to it
  const E = appealClosed + timelockDelay + HOUR;
  world.chainTime.end = E;

  // ================================================================ candidate versions (scripts/seed/candidates.ts)
  // A new version of a Listed model is a candidate for a challenge period while the listed version stays on sale.
  const publishCandidate = async (key: CandidateKey) => {
    const spec = candidateSpec(key);
    const v = spec.versions.length;
    const content = await versionContent(dataDir, spec, v, docsDir);
    await tx(
      PEOPLE[spec.owner],
      A.ModelRegistry,
      encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: 'publishVersion',
        args: [id(spec.key), v - 1, content.contentHash, content.metadataURI, content.derivedFrom],
      }),
    );
    world.versions++;
    world.candidates[key] = v;
    return v;
  };
  const rejectedKey = CANDIDATES.rejected.key;
  const rejectedAt = E - disputeDelay - disputePeriod - 2 * HOUR;
  tl.add(rejectedAt, 'candidate version challenged: Toxicity-Guard', async () => {
    const v = await publishCandidate('rejected');
    const doc = await storeMarkdown(
      docsDir,
      `# Dialect bias in the candidate version\n\nModel: ${rejectedKey} v${v} (registry #${registryId(rejectedKey)})\n\nOn 2,000 posts in African-American English and Scottish English, the candidate flags 31% as toxic against 9% for the listed version.\n`,
    );
    const receipt = await curation(
      by('Grace'),
      cur({
        functionName: 'challenge',
        args: [id(rejectedKey), v, REASONS.indexOf('Safety'), doc.uri, doc.sha256],
      }),
    );
    const [ev] = parseEventLogs({
      abi: curationRegistryAbi,
      eventName: 'Challenged',
      logs: receipt.logs,
    });
    world.candidates.rejectedBy = Number(ev.args.disputeId);
  });
  tl.add(rejectedAt + disputeDelay + 60, 'candidate dispute votes: Toxicity-Guard', async () => {
    for (const [name, support] of [
      ['Grace', 1],
      ['Farid', 1],
      ['Eve', 1],
      ['Dev', 1],
    ] as const) {
      await curation(
        by(name),
        cur({
          functionName: 'voteOnDispute',
          args: [BigInt(world.candidates.rejectedBy), support, ''],
        }),
      );
    }
  });
  tl.add(rejectedAt + disputeDelay + disputePeriod + 60, 'candidate rejected: Toxicity-Guard', () =>
    curation(by('Farid'), cur({ functionName: 'resolve', args: [id(rejectedKey)] })).then(() => {}),
  );
  tl.add(E - challengePeriod / 3, 'candidate version published: Translate-EN-FR', () =>
    publishCandidate('pending').then(() => {}),
  );

  governance(
    E - timelockDelay / 2 - votingDelay - votingPeriod - 2 * HOUR,
    'deposit',
    'Eve',
    'Raise the challenge deposit to 1,500 CUR',
    'Low-effort challenges cost curators and creators time. Raising the deposit from 1,000 to 1,500 CUR keeps ' +
      'challenges affordable while discouraging spam.\n\n- `CurationRegistry.setParameter(ChallengeDeposit, 1,500 CUR)`',
    () => [
      {
        target: A.CurationRegistry,
        data: cur({ functionName: 'setParameter', args: [PARAMETER.ChallengeDeposit, CUR(1_500)] }),
      },
    ],
    [
      ['Eve', 'For'],
      ['Dev', 'For'],
      ['Ada', 'For', 'Reasonable.'],
      ['Farid', 'Against', 'Challengers do the work nobody else does.'],
    ],
    'voted',
  );
  tl.add(E - timelockDelay / 2, 'queue: Raise the challenge deposit', () =>
    lifecycle('queue', 'deposit', by('Eve')).then(() => {}),
  );

  const activeAt = E - votingDelay - votingPeriod / 3;
  // The appealed model: challenged, removed, a fixed version published, then appealed.
  const appealedAt = activeAt - disputeDelay - disputePeriod - 180;
  tl.add(appealedAt, 'challenge: Summarizer-News-Base', () =>
    challenge(
      'appealed',
      by('Farid'),
      'Quality',
      'Hallucinated named entities',
      '7.1% of summaries on a 500-article sample name people or places absent from the article.',
    ),
  );
  tl.add(appealedAt + disputeDelay + 60, 'dispute votes: Summarizer-News-Base', async () => {
    await disputeVotes('appealed', [
      ['Farid', 'Remove', ''],
      ['Grace', 'Remove', 'Confirmed on our sample.'],
      ['Eve', 'Remove', ''],
      ['Ben', 'Keep', 'v2 fixes this.'],
    ]);
  });
  tl.add(activeAt - 60, 'resolve and publish a fix: Summarizer-News-Base', async () => {
    await resolve('appealed');
    const spec = entry(fateKey('appealed'));
    for (let v = 2; v <= spec.versions.length; v++) await publish(spec, v);
  });
  tl.add(activeAt, 'appeal: Summarizer-News-Base', async () => {
    const receipt = await curation(
      by('Ben'),
      cur({
        functionName: 'appeal',
        args: [
          id(fateKey('appealed')),
          'Version 2 adds an entity-consistency filter: hallucinated entities fall from 7.1% to 2.3% on the same sample.',
        ],
      }),
    );
    recordAppeal('appealActive', receipt);
  });
  tl.add(activeAt + votingDelay + HOUR, 'vote: appeal of Summarizer-News-Base', () =>
    vote('appealActive', [
      ['Ben', 'For', 'See the v2 evaluation.'],
      ['Farid', 'Against', '2.3% is still too high for news.'],
    ]),
  );
  governance(
    activeAt,
    'votingPeriod',
    'Ben',
    'Extend the voting period to 7 days',
    'Five days is too short for delegates who review every proposal in a weekly call; a seven-day period ' +
      'covers one full week.\n\n- `CuriaGovernor.setVotingPeriod(604800)`',
    () => [
      {
        target: A.CuriaGovernor,
        data: encodeFunctionData({
          abi: curiaGovernorAbi,
          functionName: 'setVotingPeriod',
          args: [7 * DAY],
        }),
      },
    ],
    [
      ['Ben', 'For'],
      ['Dev', 'For', 'Our delegate call is weekly.'],
      ['Chloe', 'Against', 'Slower decisions on appeals.'],
      ['Grace', 'Abstain'],
    ],
    'voting',
  );

  const removedAt = E - disputeDelay - disputePeriod - 240;
  tl.add(removedAt, 'challenge: Aurora-Merge-7B', () =>
    challenge(
      'removed',
      by('Eve'),
      'License',
      'Merge includes a non-commercial checkpoint',
      'The merge recipe (mergekit.yaml, line 12) pulls a LoRA trained under CC-BY-NC; the merged weights cannot be licensed commercially.',
    ),
  );
  tl.add(removedAt + disputeDelay + 60, 'dispute votes: Aurora-Merge-7B', async () => {
    await disputeVotes('removed', [
      ['Dev', 'Remove', ''],
      ['Grace', 'Remove', 'The recipe is public; the claim checks out.'],
      ['Eve', 'Remove', ''],
      ['Ben', 'Keep', ''],
    ]);
  });
  tl.add(E - 60, 'resolve: Aurora-Merge-7B removed', () => resolve('removed').then(() => {}));

  // In its voting period at E: challenged a voting delay before its snapshot, a third of the period before E.
  const votingAt = E - disputeDelay - disputePeriod / 3;
  tl.add(votingAt, 'challenge: Pathfinder-Seg', () =>
    challenge(
      'voting',
      by('Farid'),
      'Quality',
      'mIoU measured on overlapping drives',
      'Validation frames come from the same drives as training frames (same timestamps ±10 s).',
    ),
  );
  tl.add(votingAt + disputeDelay + 60, 'dispute votes: Pathfinder-Seg', async () => {
    await disputeVotes('voting', [
      ['Chloe', 'Keep', 'Frames are 10 s apart; scenes differ.'],
      ['Farid', 'Remove', ''],
    ]);
  });

  tl.add(Math.max(T1, E - suspensionWindow / 3), 'guardian suspends Voxlet-TTS-EN', async () => {
    const doc = await storeMarkdown(
      docsDir,
      '# Suspension: Voxlet-TTS-EN\n\nA cloned voice of a sitting minister made with zero-shot prompts circulates on social media. Suspended pending a fix that disables zero-shot prompts by default.\n',
    );
    await curation(
      by('Jun'),
      cur({ functionName: 'suspend', args: [id(fateKey('suspended')), doc.uri, doc.sha256] }),
    );
  });

  tl.add(E - challengePeriod / 3, 'new arrivals apply for listing', async () => {
    for (const spec of CATALOG.filter((e) => e.fate === 'pending')) {
      await curation(
        PEOPLE[spec.owner],
        cur({ functionName: 'applyForListing', args: [id(spec.key)] }),
      );
      for (const name of ['Kai', 'Noor']) {
        await curation(by(name), cur({ functionName: 'stake', args: [id(spec.key), CUR(2_000)] }));
        world.stakes++;
      }
    }
  });

  tl.add(E - DAY, 'recent sales, withdrawals and claims', async () => {
    for (const [buyer, key, kind, licensee] of salesRound(2)) await buy(buyer, key, kind, licensee);
    await settleSales();
    const currencies = usd ? [zeroAddress, usd] : [zeroAddress];
    // Every creator but one withdraws: Chloe leaves her proceeds on the marketplace, so that a creator's
    // withdrawal can be tried on the seeded world.
    for (const p of creators.filter((c) => c.name !== KEEPS_PROCEEDS)) {
      for (const currency of currencies) {
        if ((await marketplace.read.owed([p.address, currency])) > 0n) {
          await tx(
            p,
            A.Marketplace,
            encodeFunctionData({ abi: marketplaceAbi, functionName: 'withdraw', args: [currency] }),
          );
        }
      }
    }
    for (const p of curators.slice(0, 3)) {
      const staked = stakePlan.filter(([n]) => n === p.name).map(([, key]) => id(key));
      let due = 0n;
      for (const currency of currencies) {
        due += await marketplace.read.owed([p.address, currency]);
        for (const m of staked)
          due += await marketplace.read.pendingCuratorFees([m, p.address, currency]);
      }
      if (due > 0n)
        await tx(
          p,
          A.Marketplace,
          encodeFunctionData({
            abi: marketplaceAbi,
            functionName: 'claimAll',
            args: [staked, currencies],
          }),
        );
    }
    // A curator starts unbonding part of a position.
    const [name, key, amount] = stakePlan.find(([, k]) => entry(k).fate === 'listed')!;
    await curation(
      by(name),
      cur({
        functionName: 'requestUnstake',
        args: [id(key), CUR(amount / 2 >= 1 ? amount / 2 : amount)],
      }),
    );
  });

  tl.add(E - 2 * HOUR, 'GridCast withdraws its listing', () =>
    curation(
      PEOPLE[entry(fateKey('withdrawn')).owner],
      cur({ functionName: 'withdrawListing', args: [id(fateKey('withdrawn'))] }),
    ).then(() => {}),
  );

  governance(
    E,
    'appealWindow',
    'Chloe',
    'Extend the appeal window to 3 days',
    'Two days is too short for a small team to prepare an appeal with a new evaluation. Proposal: `appeal_window` from 2 to 3 days.\n\n' +
      '- `CurationRegistry.setParameter(AppealWindow, 259200)`',
    () => [
      {
        target: A.CurationRegistry,
        data: cur({
          functionName: 'setParameter',
          args: [PARAMETER.AppealWindow, 3n * BigInt(DAY)],
        }),
      },
    ],
    [],
    'voting',
  );

  // ================================================================ play
  const steps = tl.sorted();
  if (steps[steps.length - 1].at > E) throw new Error('seed timeline runs past its end');
  let lastDay = -1;
  let dayLabels: string[] = [];
  const flush = () => {
    if (dayLabels.length === 0) return;
    let line = `  day ${String(lastDay).padStart(2)}  ${dayLabels[0]}`;
    let shown = 1;
    while (shown < dayLabels.length && line.length + dayLabels[shown].length + 2 <= 100)
      line += `; ${dayLabels[shown++]}`;
    log(shown < dayLabels.length ? `${line} (+${dayLabels.length - shown} more)` : line);
    dayLabels = [];
  };
  for (const step of steps) {
    const t = await now();
    if (step.at > t) {
      await test.setNextBlockTimestamp({ timestamp: BigInt(step.at) });
      await test.mine({ blocks: 1 });
    }
    const day = Math.floor((step.at - T0) / DAY);
    if (day !== lastDay) {
      flush();
      lastDay = day;
    }
    currentStep = step.label;
    dayLabels.push(step.label);
    await step.run();
  }
  flush();
  const end = await now();
  log(
    `  ${txCount} transactions; chain time now ${formatDays(end - T0)} after the deployment (${new Date(end * 1000).toISOString().slice(0, 16)}Z)`,
  );
  return world;
}

function formatDays(seconds: number): string {
  return `${(seconds / DAY).toFixed(1)} days`;
}
