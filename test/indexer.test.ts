// The indexer end to end, on PGlite and on PostgreSQL (a throwaway Debian server): Curia deployed
// by forge and the demo world seeded through the contracts (the tests' saved seeded chain,
// test/lib/chain.ts, in an anvil of this file's own); then the index is compared
// with the contracts (every model and status, stake, dispute, proposal state and tally, offer,
// license, report, delegate, event count), the API's search, lists, history, reputation and charts
// are checked against independent readings of the chain and the cards, a restart resumes where
// it stopped, and a reorg (anvil snapshot, revert, new blocks) leaves the index equal to the chain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeEventLog,
  encodeFunctionData,
  http,
  keccak256,
  toHex,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../scripts/lib/accounts.ts';
import type { Anvil } from '../scripts/lib/anvil.ts';
import { startIndexer, type Indexer } from '../scripts/lib/indexer.ts';
import type { Manifest } from '../protocol/manifest.ts';
import { ROOT } from '../protocol/paths.ts';
import { startPostgres, type Postgres } from '../scripts/lib/postgres.ts';
import { freePort } from '../scripts/lib/rpc.ts';
import { createIndexerClient, type IndexerClient } from '../protocol/indexer/client.ts';
import { compareWithChain } from './indexer-check.ts';
import { LISTING_STATUSES, PROPOSAL_STATES, VERDICTS } from '../protocol/enums.ts';
import { chainFor } from '../protocol/chain.ts';
import { loadChain } from './lib/chain.ts';
import { registryId } from '../scripts/seed/catalog.ts';
import { CANDIDATES } from '../scripts/seed/candidates.ts';

type CuriaLib = typeof import('../protocol/contracts.ts');
type SeedRecord = Awaited<ReturnType<typeof import('../scripts/seed/index.ts').seed>>;

const ACCOUNTS = demoAccounts(14);
const ADDRESSES = ACCOUNTS.map((a) => a.address);
const ADA = ACCOUNTS[0];
const FARID = ACCOUNTS[5];
const MINUTES = 60_000;

let tmp: string;
let anvil: Anvil;
let chainId: number;
let manifest: Manifest;
let deploymentsDir: string;
let dataDir: string;
let client: PublicClient;
let lib: CuriaLib;
let record: SeedRecord;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-indexer-'));
  // The seeded chain the tests share (test/lib/chain.ts), in an anvil of this file's own.
  const loaded = await loadChain('seeded', tmp);
  ({ anvil, chainId, manifest, deploymentsDir } = loaded);
  dataDir = loaded.dataDir!;
  lib = await import('../protocol/contracts.ts');
  const { readSeedRecord } = await import('../scripts/seed/index.ts');
  record = readSeedRecord(dataDir)!;
  client = createPublicClient({ transport: http(anvil.url, { batch: true }) }) as PublicClient;
  // forge may have to compile first (the tree is shared and changes): minutes on 2 cores.
}, 8 * MINUTES);

afterAll(async () => {
  await anvil?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  for (const dir of ['broadcast', 'cache']) {
    fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(chainId)), {
      recursive: true,
      force: true,
    });
  }
});

/** Sends a transaction as a demo account and waits for it (anvil mines one block per transaction). */
async function send(from: (typeof ACCOUNTS)[number], to: Address, data: Hex): Promise<void> {
  const wallet = createWalletClient({
    account: privateKeyToAccount(from.privateKey),
    transport: http(anvil.url),
    chain: chainFor(chainId, anvil.url),
  });
  const hash = await wallet.sendTransaction({ to, data, gas: 3_000_000n });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
}

const registerModel = (from: (typeof ACCOUNTS)[number], label: string) =>
  send(
    from,
    manifest.contracts.ModelRegistry,
    encodeFunctionData({
      abi: lib.CURIA_ABIS.ModelRegistry,
      functionName: 'registerModel',
      args: [0, keccak256(toHex(label)), `ipfs://bafkrei${label.replace(/[^a-z0-9]/g, '')}`, []],
    }),
  );

const castVote = (
  from: (typeof ACCOUNTS)[number],
  proposalId: string,
  support: number,
  reason: string,
) =>
  send(
    from,
    manifest.contracts.CuriaGovernor,
    encodeFunctionData({
      abi: lib.CURIA_ABIS.CuriaGovernor,
      functionName: 'castVoteWithReason',
      args: [BigInt(proposalId), support, reason],
    }),
  );

async function caughtUp(indexer: Indexer): Promise<bigint> {
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  await indexer.waitForBlock(latest, 3 * MINUTES);
  return latest;
}

/**
 * The card text the lists search for every model: its listed version's (`versionsOf`; the latest's
 * when never listed), read from the data folder at the URI the chain holds.
 */
async function cardTexts(): Promise<Map<string, { text: string; tags: string[] }>> {
  const c = lib.curiaContracts(manifest.contracts, client);
  const count = await c.registry.read.modelCount();
  const infos = await c.registry.read.getModels([0n, count]);
  const out = new Map<string, { text: string; tags: string[] }>();
  for (const info of infos) {
    const [listed] = await c.curation.read.versionsOf([info.modelId]);
    const uri =
      listed === 0
        ? info.latestMetadataURI
        : (await c.registry.read.getVersion([info.modelId, listed])).metadataURI;
    const cid = uri.replace('ipfs://', '');
    const file = path.join(dataDir, 'docs', cid);
    if (!fs.existsSync(file)) continue;
    const card = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const tags = (card.tags as string[] | undefined) ?? [];
    const text = [card.title, card.name, card.description, ...tags].join('\n').toLowerCase();
    out.set(String(info.modelId), { text, tags });
  }
  return out;
}

describe.each(['pglite', 'postgres'] as const)('indexer on %s', (database) => {
  let postgres: Postgres | undefined;
  let indexer: Indexer;
  let api: IndexerClient;
  let port: number;

  const start = async () => {
    indexer = await startIndexer(
      {
        rpcUrl: anvil.url,
        chainId,
        deploymentsDir,
        dataDir,
        port,
        databaseUrl: postgres?.url,
        logFile: path.join(tmp, `indexer-${database}.log`),
      },
      // A hang guard, not a timing: Ponder's first start compiles its configuration, which takes
      // minutes on a loaded 2-core machine.
      2.5 * MINUTES,
    );
    api = createIndexerClient({ baseUrl: indexer.url });
  };

  beforeAll(async () => {
    if (database === 'postgres') postgres = await startPostgres();
    port = await freePort();
    await start();
  }, 3 * MINUTES);

  afterAll(async () => {
    await indexer?.stop();
    await postgres?.stop();
  });

  it(
    'indexes the seeded world equal to the chain, to the chain head',
    async () => {
      const latest = await caughtUp(indexer);
      const head = await api.head();
      expect(head).toMatchObject({
        chainId,
        block: Number(latest),
        chainBlock: Number(latest),
        lagBlocks: 0,
      });
      const result = await compareWithChain({
        client,
        indexer: api,
        manifest,
        lib,
        accounts: ADDRESSES,
      });
      expect(result.differences).toEqual([]);
      // The first database's run adds entries (restart and reorg tests) before the second's.
      expect(result.counts.models).toBeGreaterThanOrEqual(
        Object.keys(record.world!.entries).length,
      );
      expect(result.counts.proposals).toBe(Object.keys(record.world!.proposals).length);
      expect(result.counts.events).toBeGreaterThan(1_000);

      // The comparison can fail: read the chain 20 blocks before the index's head and it differs.
      const behind = await compareWithChain({
        client,
        indexer: { ...api, head: async () => ({ ...head, block: head.block! - 20 }) },
        manifest,
        lib,
        accounts: ADDRESSES.slice(0, 4),
      });
      expect(behind.differences.length).toBeGreaterThan(0);
    },
    5 * MINUTES,
  );

  it(
    'searches models over card text with filters and sorts',
    async () => {
      const cards = await cardTexts();
      expect(cards.size).toBe(Object.keys(record.world!.entries).length);
      for (const q of ['whisperlet', 'french', 'aurora instruct', 'Street', 'retrieval']) {
        const terms = q.toLowerCase().split(' ');
        const expected = [...cards].filter(([, c]) => terms.every((t) => c.text.includes(t)));
        const page = await api.models({ q, limit: 100 });
        expect(page.items.map((m) => m.id).sort(), q).toEqual(expected.map(([id]) => id).sort());
        expect(page.total, q).toBe(expected.length);
        expect(expected.length, q).toBeGreaterThan(0);
      }
      // Relevance: an exact title first.
      expect((await api.models({ q: 'aurora-1b' })).items[0].title).toBe('Aurora-1B');

      const all = await api.all((p) => api.models(p));
      const c = lib.curiaContracts(manifest.contracts, client);
      const { block } = await api.head();
      const chainStatus = new Map<string, string>();
      for (const m of all) {
        const s = await c.curation.read.statusOf([BigInt(m.id)], { blockNumber: BigInt(block!) });
        chainStatus.set(m.id, LISTING_STATUSES[s]);
      }
      for (const status of ['Listed', 'Pending', 'Delisted', 'Suspended', 'Removed'] as const) {
        const onChain = [...chainStatus].filter(([, s]) => s === status).map(([id]) => id);
        const page = await api.models({ status, limit: 100 });
        expect(page.items.map((m) => m.id).sort(), status).toEqual(onChain.sort());
      }
      const datasets = await api.models({ kind: 'Dataset', limit: 100 });
      expect(datasets.items.every((m) => m.kind === 'Dataset')).toBe(true);
      expect(datasets.total).toBe(all.filter((m) => m.kind === 'Dataset').length);
      const tagged = await api.models({ tag: 'asr', limit: 100 });
      expect(tagged.items.map((m) => m.id).sort()).toEqual(
        [...cards]
          .filter(([, x]) => x.tags.includes('asr'))
          .map(([id]) => id)
          .sort(),
      );
      const byStake = (await api.models({ sort: 'stake', limit: 100 })).items.map((m) =>
        BigInt(m.stakeActive),
      );
      expect(byStake).toEqual([...byStake].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
      const second = await api.models({ sort: 'oldest', limit: 5, offset: 5 });
      expect(second.items.map((m) => m.id)).toEqual(
        all
          .map((m) => m.id)
          .sort((a, b) => Number(a) - Number(b))
          .slice(5, 10),
      );
      await expect(api.models({ sort: 'loudest' as 'stake' })).rejects.toThrow(
        /sort must be one of/,
      );
      const bySales = (await api.models({ sort: 'sales', limit: 100 })).items.map(
        (m) => m.saleCount,
      );
      expect(bySales).toEqual([...bySales].sort((a, b) => b - a));
      // The seeded world sells and audits entries: the price and audit filters are not vacuous
      // (compareWithChain checks them against the chain's offers and reports).
      const forSale = await api.models({ hasOffer: true, limit: 100 });
      expect(forSale.total).toBeGreaterThan(0);
      expect(forSale.items.every((m) => m.prices.length > 0)).toBe(true);
      const notForSale = await api.models({ hasOffer: false, limit: 1 });
      expect(forSale.total + notForSale.total).toBe(all.length);
      // "Has a candidate version" (issue 16): the entries whose versionsOf names a pending candidate
      // at the indexed block, among them the seeded Listed model with one (scripts/seed/candidates.ts).
      const withCandidate: string[] = [];
      for (const m of all) {
        const [, candidate] = await c.curation.read.versionsOf([BigInt(m.id)], {
          blockNumber: BigInt(block!),
        });
        if (candidate !== 0) withCandidate.push(m.id);
      }
      expect(withCandidate).toContain(String(registryId(CANDIDATES.pending.key)));
      expect(withCandidate).not.toContain(String(registryId(CANDIDATES.rejected.key)));
      const candidates = await api.models({ hasCandidate: true, limit: 100 });
      expect(candidates.items.map((m) => m.id).sort()).toEqual(withCandidate.sort());
      const noCandidate = await api.models({ hasCandidate: false, limit: 1 });
      expect(candidates.total + noCandidate.total).toBe(all.length);
      const passed = await api.models({ audited: 'pass', sort: 'stake', limit: 100 });
      expect(passed.total).toBeGreaterThan(0);
      expect(passed.items.every((m) => m.audits.pass > 0)).toBe(true);
      // The lists follow the listed version, not the newest (issue 16): the seeded model whose v3
      // is a pending candidate shows v2's card and audits and says v3 is pending; the one whose
      // candidate was rejected shows its listed version and no candidate.
      const pendingId = String(registryId(CANDIDATES.pending.key));
      const pending = all.find((m) => m.id === pendingId)!;
      const [listedNow] = await c.curation.read.versionsOf([BigInt(pendingId)], {
        blockNumber: BigInt(block!),
      });
      expect(pending.versionCount).toBeGreaterThan(listedNow);
      expect(pending).toMatchObject({
        listedVersion: listedNow,
        cardVersion: listedNow,
        audits: { version: listedNow },
        candidate: { version: pending.versionCount, challenged: false },
      });
      const rejectedId = String(registryId(CANDIDATES.rejected.key));
      const rejected = all.find((m) => m.id === rejectedId)!;
      expect(rejected.versionCount).toBeGreaterThan(rejected.listedVersion);
      expect(rejected).toMatchObject({ cardVersion: rejected.listedVersion, candidate: null });
      expect(rejected.audits.version).toBe(rejected.listedVersion);
      // A slashed Pass is not a Pass: the delisted model whose auditor was slashed for passing it
      // counts it apart and is not among the models that passed an audit.
      const slashed = all.filter((m) => m.audits.slashed > 0);
      expect(slashed.length).toBeGreaterThan(0);
      for (const m of slashed) {
        if (m.audits.pass === 0) expect(passed.items.map((x) => x.id)).not.toContain(m.id);
      }
      await expect(api.models({ audited: 'maybe' as 'pass' })).rejects.toThrow(/audited must be/);
      await expect(api.models({ maxPrice: '-1' })).rejects.toThrow(/maxPrice must be/);
    },
    3 * MINUTES,
  );

  it(
    'lists proposals by state, their votes with reasons, and disputes',
    async () => {
      const c = lib.curiaContracts(manifest.contracts, client);
      const all = await api.all((p) => api.proposals(p));
      const states = new Map<string, string[]>();
      for (const p of all) {
        const s = PROPOSAL_STATES[await c.governor.read.state([BigInt(p.id)])];
        states.set(s, [...(states.get(s) ?? []), p.id]);
      }
      expect(states.size).toBeGreaterThanOrEqual(6);
      for (const [state, ids] of states) {
        const page = await api.proposals({ state: state as 'Active', limit: 100 });
        expect(page.items.map((p) => p.id).sort(), state).toEqual(ids.sort());
      }
      // Votes and their reasons, as the VoteCast events say.
      const logs = await client.getLogs({
        address: manifest.contracts.CuriaGovernor,
        fromBlock: BigInt(manifest.startBlock),
      });
      const casts = logs
        .map((l) =>
          decodeEventLog({
            abi: lib.CURIA_ABIS.CuriaGovernor as Abi,
            data: l.data,
            topics: l.topics,
          }),
        )
        .filter((e) => e.eventName === 'VoteCast')
        .map(
          (e) =>
            e.args as unknown as {
              voter: Address;
              proposalId: bigint;
              reason: string;
              weight: bigint;
            },
        );
      for (const p of all) {
        const votes = await api.all((page) => api.proposalVotes(p.id, page));
        const expected = casts.filter((v) => v.proposalId === BigInt(p.id));
        expect(votes.length).toBe(expected.length);
        for (const v of expected) {
          const row = votes.find((x) => x.voter === v.voter.toLowerCase());
          expect(row?.reason).toBe(v.reason);
          expect(row?.weight).toBe(String(v.weight));
        }
      }
      const appeals = await api.proposals({ appeal: true });
      expect(appeals.items.map((p) => p.appealOf).sort()).toEqual(
        [record.world!.disputes.restored, record.world!.disputes.appealed].map(String).sort(),
      );
      const voting = await api.disputes({ state: 'Voting' });
      expect(voting.items.map((d) => d.id)).toEqual([String(record.world!.disputes.voting)]);
      expect(voting.items[0].votingOpen).toBe(true);
    },
    3 * MINUTES,
  );

  it(
    'lists audit reports across models as the chain has them, newest first, with filters',
    async () => {
      await caughtUp(indexer);
      const audits = lib.curiaContracts(manifest.contracts, client).audits!;
      const { block } = await api.head();
      const at = { blockNumber: BigInt(block!) };
      const count = Number(await audits.read.reportCount(at));
      const chain = await Promise.all(
        Array.from({ length: count }, async (_, i) => ({
          id: String(i + 1),
          r: await audits.read.getReport([BigInt(i + 1)], at),
        })),
      );
      // The seeded world has Pass, Concerns and Fail reports, an amendment and a slashed Pass.
      expect(new Set(chain.map((x) => x.r.verdict))).toEqual(new Set([0, 1, 2]));
      const all = await api.all((p) => api.audits(p), 7);
      expect(all.map((a) => a.id).sort()).toEqual(chain.map((x) => x.id).sort());
      for (const { id, r } of chain) {
        const row = all.find((a) => a.id === id)!;
        expect(row, `report #${id}`).toMatchObject({
          modelId: String(r.modelId),
          version: r.version,
          auditor: r.auditor.toLowerCase(),
          verdict: VERDICTS[r.verdict],
          scores: { quality: r.quality, safety: r.safety, bias: r.bias, license: r.license },
          contentHash: r.contentHash,
          reportUri: r.reportURI,
          reportHash: r.reportHash,
          replaces: r.replaces === 0n ? null : String(r.replaces),
          replacedBy: r.replacedBy === 0n ? null : String(r.replacedBy),
          submittedAt: r.submittedAt,
        });
        const info = await api.model(row.modelId);
        expect(row.modelTitle).toBe(info?.title ?? info?.name ?? null);
      }
      // Newest first.
      expect(
        all.every(
          (a, i) =>
            i === 0 ||
            all[i - 1].submittedAt > a.submittedAt ||
            (all[i - 1].submittedAt === a.submittedAt && Number(all[i - 1].id) > Number(a.id)),
        ),
      ).toBe(true);
      const first = await api.audits({ limit: 2 });
      expect(first).toMatchObject({ total: count, limit: 2, offset: 0 });
      expect(first.asOf.block).toBe(block);
      // Filters: verdict (one or several), auditor, model.
      for (const verdict of ['Pass', 'Concerns', 'Fail'] as const) {
        const page = await api.audits({ verdict, limit: 100 });
        const expected = chain.filter((x) => VERDICTS[x.r.verdict] === verdict);
        expect(page.items.map((a) => a.id).sort(), verdict).toEqual(
          expected.map((x) => x.id).sort(),
        );
        expect(page.total, verdict).toBe(expected.length);
      }
      const notPass = await api.audits({ verdict: ['Concerns', 'Fail'], limit: 100 });
      expect(notPass.total).toBe(chain.filter((x) => x.r.verdict !== 0).length);
      for (const auditor of new Set(chain.map((x) => x.r.auditor))) {
        const page = await api.audits({ auditor, limit: 100 });
        expect(page.items.map((a) => a.id).sort()).toEqual(
          chain
            .filter((x) => x.r.auditor === auditor)
            .map((x) => x.id)
            .sort(),
        );
      }
      const modelId = chain[0].r.modelId;
      const ofModel = await api.audits({ model: String(modelId), verdict: 'Pass', limit: 100 });
      expect(ofModel.items.map((a) => a.id).sort()).toEqual(
        chain
          .filter((x) => x.r.modelId === modelId && x.r.verdict === 0)
          .map((x) => x.id)
          .sort(),
      );
      await expect(api.audits({ verdict: 'Maybe' as 'Pass' })).rejects.toThrow(
        /verdict must be one of/,
      );
      await expect(api.audits({ auditor: '0x12' })).rejects.toThrow(/auditor must be an address/);
    },
    3 * MINUTES,
  );

  it('answers GraphQL over the same tables as the JSON API', async () => {
    const [first] = (await api.proposals({ limit: 1 })).items;
    const res = await fetch(`${indexer.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ models(limit: 1) { totalCount }
          votes(where: { proposalId: "${first.id}" }) { totalCount items { voter weight } } }`,
      }),
    });
    const { data } = (await res.json()) as {
      data: {
        models: { totalCount: number };
        votes: { totalCount: number; items: { voter: string; weight: string }[] };
      };
    };
    expect(data.models.totalCount).toBe((await api.models({ limit: 1 })).total);
    expect(data.votes.totalCount).toBe(first.voterCount);
    const ballots = await api.all((p) => api.proposalVotes(first.id, p));
    for (const v of data.votes.items) {
      expect(ballots.find((b) => b.voter === v.voter)?.weight).toBe(String(v.weight));
    }
  });

  it(
    "serves an account's history and reputation, and charts",
    async () => {
      const farid = FARID.address.toLowerCase();
      // Every log that names Farid or that his transactions emitted.
      const logs = await client.getLogs({
        address: Object.values(manifest.contracts),
        fromBlock: BigInt(manifest.startBlock),
      });
      const senders = new Map<Hex, string>();
      for (const hash of new Set(logs.map((l) => l.transactionHash!))) {
        senders.set(hash, (await client.getTransaction({ hash })).from.toLowerCase());
      }
      const expected = logs.filter(
        (l) =>
          senders.get(l.transactionHash!) === farid ||
          l.topics.some((t) => t?.toLowerCase().endsWith(farid.slice(2))) ||
          l.data.toLowerCase().includes(farid.slice(2)),
      );
      const history = await api.all((p) => api.accountHistory(FARID.address, p));
      expect(history.length).toBe(expected.length);
      expect(history.map((h) => `${h.txHash}:${h.logIndex}`).sort()).toEqual(
        expected.map((l) => `${l.transactionHash}:${l.logIndex}`).sort(),
      );
      expect(history.every((h, i) => i === 0 || history[i - 1].blockNumber >= h.blockNumber)).toBe(
        true,
      );

      const rep = await api.reputation(FARID.address);
      expect(rep.challenger).toMatchObject({ won: 1, lost: 1 });
      expect(rep.voter.proposalVotes).toBeGreaterThan(0);
      const lea = await api.reputation(ACCOUNTS[11].address);
      expect(lea.auditor).toMatchObject({ accredited: true, slashes: 1, overturnedPasses: 1 });
      // Curators of the delisted model lost a share of their stake.
      const delisted = await api.model(record.world!.entries['open-vision/depthlet']);
      expect(delisted?.status).toBe('Delisted');
      const curator = delisted!.curators[0].curator;
      const curatorRep = await api.reputation(curator);
      expect(curatorRep.curator.onDelisted.models).toBe(1);
      // An account's stakes name their entries (for /curate).
      const stakes = await api.all((p) => api.accountStakes(curator, p));
      expect(stakes.find((s) => s.modelId === delisted!.id)?.modelTitle).toBe(
        delisted!.title ?? delisted!.name,
      );
      expect(BigInt(curatorRep.curator.onDelisted.lost)).toBeGreaterThan(0n);

      const fees = await api.feeSeries({ bucket: 'day' });
      expect(fees.points.reduce((n, p) => n + p.sales, 0)).toBe(
        record.world!.sales.eth + record.world!.sales.usd,
      );
      for (const p of fees.points) {
        expect(BigInt(p.protocolFee)).toBe(
          BigInt(p.curators) + BigInt(p.auditors) + BigInt(p.treasury),
        );
        expect(p.t % 86_400).toBe(0);
      }
      const weekly = await api.proposalSeries({ bucket: 'week' });
      expect(weekly.points.reduce((n, p) => n + p.created, 0)).toBe(
        Object.keys(record.world!.proposals).length,
      );
    },
    5 * MINUTES,
  );

  it(
    'resumes after a restart from where it stopped, not from the start block',
    async () => {
      await caughtUp(indexer);
      await indexer.stop();
      // The chain moves on while the indexer is down.
      await registerModel(ADA, `restart-${database}`);
      await start();
      const latest = await caughtUp(indexer);
      const log = indexer.logTail(500);
      expect(log).toMatch(/Detected crash recovery/);
      // Plain text on a terminal, JSON lines under CI: match the block range either way.
      const range = /Started backfill indexing[^\n]*?block_range\W*(\d+)\W+(\d+)/.exec(log);
      expect(Number(range?.[1])).toBeGreaterThan(manifest.startBlock + 100);
      const result = await compareWithChain({
        client,
        indexer: api,
        manifest,
        lib,
        accounts: ADDRESSES,
      });
      expect(result.block).toBe(latest);
      expect(result.differences).toEqual([]);
    },
    5 * MINUTES,
  );

  it(
    'follows a reorg (anvil snapshot and revert, then new blocks) back to the chain',
    async () => {
      const test = createTestClient({ mode: 'anvil', transport: http(anvil.url) });
      await caughtUp(indexer);
      // An Active proposal (not an appeal) the voter has not voted on (each database's run votes).
      const voter = database === 'pglite' ? ADA : FARID;
      const governor = lib.curiaContracts(manifest.contracts, client).governor;
      const active = (await api.proposals({ state: 'Active', appeal: false })).items;
      let fee = '';
      for (const p of active) {
        if (!(await governor.read.hasVoted([BigInt(p.id), voter.address]))) fee = p.id;
      }
      expect(fee).not.toBe('');
      const snapshot = await test.snapshot();
      // A history that will not last: a model, a vote For.
      await registerModel(ACCOUNTS[6], `lost-${database}`);
      await castVote(voter, fee, 1, 'a vote that a reorg undoes');
      await caughtUp(indexer);
      const lost = await api.models({ sort: 'newest', limit: 1 });
      expect(lost.items[0].contentHash).toBe(keccak256(toHex(`lost-${database}`)));
      expect(
        (await api.proposalVotes(fee)).items.some((v) => v.voter === voter.address.toLowerCase()),
      ).toBe(true);

      await test.revert({ id: snapshot });
      // Another history, longer than the one reverted.
      await castVote(voter, fee, 0, 'the vote that stays');
      await registerModel(ACCOUNTS[2], `kept-${database}`);
      await test.mine({ blocks: 3 });
      await caughtUp(indexer);
      // Ponder noticed the fork and rolled its tables back (its realtime reorg handling).
      expect(indexer.logTail(500)).toMatch(/Reorged block/);
      const result = await compareWithChain({
        client,
        indexer: api,
        manifest,
        lib,
        accounts: ADDRESSES,
      });
      expect(result.differences).toEqual([]);
      const newest = await api.models({ sort: 'newest', limit: 1 });
      expect(newest.items[0].contentHash).toBe(keccak256(toHex(`kept-${database}`)));
      const ballot = (await api.all((p) => api.proposalVotes(fee, p))).find(
        (v) => v.voter === voter.address.toLowerCase(),
      );
      expect(ballot).toMatchObject({ support: 0, reason: 'the vote that stays' });
      // Grace registers nothing in the demo world: the reverted registration left no trace.
      const history = await api.all((p) => api.accountHistory(ACCOUNTS[6].address, p));
      expect(history.some((h) => h.name === 'ModelRegistered')).toBe(false);
    },
    5 * MINUTES,
  );
});
