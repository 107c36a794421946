// Compares the index (through its typed client) with the contracts, read at the block the index
// says it reached: every model and its status, stake totals and positions, disputes and tallies,
// proposal states and tallies, offers and license counts, licenses, auditors and reports,
// delegates, the number of events of each kind, the series totals and the reputation figures.
// Returns the differences, one line each (empty: the index equals the chain).
import {
  decodeEventLog,
  type Abi,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from 'viem';
import type { Manifest } from '../protocol/manifest.ts';
import type { IndexerClient, ModelDetail } from '../protocol/indexer/client.ts';
import {
  DISPUTE_STATES,
  KIND,
  LISTING_STATUSES,
  PROPOSAL_STATES,
  VERDICTS,
} from '../protocol/enums.ts';

type CuriaLib = typeof import('../protocol/contracts.ts');

const lower = (a: string) => a.toLowerCase();

/** `IModelRegistry.ModelInfo`. */
interface ModelInfo {
  modelId: bigint;
  owner: Address;
  kind: number;
  versionCount: number;
  registeredAt: number;
  latestContentHash: Hex;
  latestMetadataURI: string;
}

export interface CheckOptions {
  client: PublicClient;
  indexer: IndexerClient;
  manifest: Manifest;
  lib: CuriaLib;
  /** Accounts whose positions, licenses, votes and reputation are checked (the demo accounts). */
  accounts: Address[];
}

export interface CheckResult {
  block: bigint;
  differences: string[];
  counts: Record<string, number>;
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function compareWithChain(opts: CheckOptions): Promise<CheckResult> {
  const { client, indexer, manifest, lib, accounts } = opts;
  const differences: string[] = [];
  const expect = (what: string, indexed: unknown, chain: unknown) => {
    // Numbers, bigints and decimal strings compare by value.
    const norm = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : v);
    const a = norm(indexed);
    const b = norm(chain);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      differences.push(`${what}: index ${JSON.stringify(a)}, chain ${JSON.stringify(b)}`);
    }
  };

  const head = await indexer.head();
  if (head.block === null || head.timestamp === null) {
    return { block: 0n, differences: ['the index has no block yet'], counts: {} };
  }
  const blockNumber = BigInt(head.block);
  const block = await client.getBlock({ blockNumber });
  expect('indexed block timestamp', head.timestamp, Number(block.timestamp));
  const at = { blockNumber };
  const c = lib.curiaContracts(manifest.contracts, client);
  const marketplace = c.marketplace!;
  const audits = c.audits!;

  // ---------------------------------------------------------------- every event of every contract
  const abis: Record<string, Abi> = lib.CURIA_ABIS;

  const byAddress = new Map(
    Object.entries(manifest.contracts).map(([name, address]) => [lower(address), name]),
  );
  const logs: Log[] = await client.getLogs({
    address: Object.values(manifest.contracts),
    fromBlock: BigInt(manifest.startBlock),
    toBlock: blockNumber,
  });
  const chainCounts = new Map<string, number>();
  /** Reports whose auditor was slashed for them (AuditorSlashed): no longer a Pass in the lists. */
  const slashedReports = new Set<bigint>();
  for (const log of logs) {
    const name = byAddress.get(lower(log.address))!;
    const decoded = decodeEventLog({ abi: abis[name], data: log.data, topics: log.topics });
    const key = `${name}:${decoded.eventName}`;
    chainCounts.set(key, (chainCounts.get(key) ?? 0) + 1);
    if (key === 'AuditRegistry:AuditorSlashed') {
      slashedReports.add((decoded.args as unknown as { reportId: bigint }).reportId);
    }
  }
  const indexCounts = new Map(
    (await indexer.eventCounts()).map((e) => [`${e.contract}:${e.name}`, e.count]),
  );
  for (const key of new Set([...chainCounts.keys(), ...indexCounts.keys()])) {
    expect(`events ${key}`, indexCounts.get(key) ?? 0, chainCounts.get(key) ?? 0);
  }

  // ---------------------------------------------------------------- models
  const count = Number(await c.registry.read.modelCount(at));
  const indexed = await indexer.all((page) => indexer.models({ ...page, sort: 'oldest' }));
  expect('model count', indexed.length, count);
  const infos: ModelInfo[] = [];
  const maxPage = Number(await c.registry.read.MAX_PAGE(at));
  for (let offset = 0; offset < count; offset += maxPage) {
    infos.push(...(await c.registry.read.getModels([BigInt(offset), BigInt(maxPage)], at)));
  }
  const details = new Map<string, ModelDetail>();
  await pool(indexed, 8, async (m) => {
    details.set(m.id, (await indexer.model(m.id))!);
  });
  let statusTotals = 0n;
  /** The version each list shows (and audits): `versionsOf`'s listed one, or the latest if never listed. */
  const shownVersions = new Map<bigint, number>();
  await pool(infos, 8, async (info) => {
    const id = info.modelId;
    const m = indexed.find((x) => x.id === String(id));
    if (!m) {
      differences.push(`model #${id} is not indexed`);
      return;
    }
    const [status, stakeOf, listing, [listed, candidate, candidateUntil]] = await Promise.all([
      c.curation.read.statusOf([id], at),
      c.curation.read.stakeOf([id], at),
      c.curation.read.listingOf([id], at),
      c.curation.read.versionsOf([id], at),
    ]);
    const shown = listed !== 0 ? listed : info.versionCount;
    shownVersions.set(id, shown);
    const w = `model #${id}`;
    expect(`${w} owner`, m.owner, lower(info.owner));
    expect(`${w} kind`, m.kind, info.kind === 0 ? 'Model' : 'Dataset');
    expect(`${w} versionCount`, m.versionCount, info.versionCount);
    expect(`${w} registeredAt`, m.registeredAt, info.registeredAt);
    expect(`${w} contentHash`, m.contentHash, info.latestContentHash);
    expect(`${w} metadataUri`, m.metadataUri, info.latestMetadataURI);
    expect(`${w} status`, m.status, LISTING_STATUSES[status]);
    expect(`${w} stake active`, m.stakeActive, stakeOf[0]);
    expect(`${w} stake unbonding`, m.stakeUnbonding, stakeOf[1]);
    expect(`${w} stake held`, m.stakeHeld, stakeOf[2]);
    expect(`${w} bond`, m.bond, listing.bond);
    expect(`${w} pendingUntil`, m.pendingUntil, listing.pendingUntil);
    expect(`${w} suspendedUntil`, m.suspendedUntil, listing.suspendedUntil);
    expect(`${w} openDispute`, m.openDispute ?? '0', String(listing.openDispute));
    // The lists name an open dispute by its state ("Appealed to the DAO"…).
    expect(
      `${w} openDisputeState`,
      m.openDisputeState,
      BigInt(listing.openDispute) === 0n
        ? null
        : DISPUTE_STATES[
            (await c.curation.read.disputeOf([BigInt(listing.openDispute)], at)).state
          ],
    );
    // Curation bound to versions (issue 16): the listed version, the pending candidate, and the
    // card the lists show is the listed version's (the latest's when never listed).
    expect(`${w} listedVersion`, m.listedVersion, listed);
    expect(
      `${w} candidate`,
      m.candidate,
      candidate === 0
        ? null
        : {
            version: candidate,
            until: Number(candidateUntil),
            challenged: listing.candidateChallenged,
          },
    );
    expect(`${w} cardVersion`, m.cardVersion, shown);
    statusTotals += stakeOf[2];
    const detail = details.get(String(id))!;
    expect(`${w} versions`, detail.versions.length, info.versionCount);
    // Curator positions of every account.
    for (const account of accounts) {
      const p = await c.curation.read.positionOf([id, account], at);
      const row = detail.curators.find((s) => s.curator === lower(account));
      const active = row?.active ?? '0';
      const unbonding = row?.unbonding ?? '0';
      expect(`${w} position of ${account} active`, active, p.active);
      expect(`${w} position of ${account} unbonding`, unbonding, p.unbonding);
      expect(`${w} position of ${account} releaseAt`, row?.releaseAt ?? 0, p.releaseAt);
    }
    // Licenses of every account.
    const licenses = await indexer.all((page) => indexer.modelLicenses(String(id), page));
    for (const account of accounts) {
      const l = await marketplace.read.licenseOf([id, account], at);
      const row = licenses.find((x) => x.licensee === lower(account));
      expect(`${w} license of ${account} expiresAt`, row?.expiresAt ?? '0', l.expiresAt);
      expect(`${w} license of ${account} offer`, row?.offerId ?? '0', l.offerId);
    }
  });

  // ---------------------------------------------------------------- pay-per-use credits
  // Every (offer, account) credit on chain, read once; the index must hold each non-empty one as it is.
  const meteredCount = BigInt(await c.metering.read.meteredOfferCount(at));
  const chainCredits = new Map<string, { balance: bigint; unlockAt: number }>();
  for (let offerId = 1n; offerId <= meteredCount; offerId++) {
    for (const account of accounts) {
      const credit = await c.metering.read.creditOf([offerId, account], at);
      if (credit.balance > 0n || credit.unlockAt !== 0)
        chainCredits.set(`${offerId}-${lower(account)}`, credit);
    }
  }
  let indexedCredits = 0;
  for (const account of accounts) {
    const rows = await indexer.all((page) => indexer.accountCredits(account, page));
    for (const r of rows) {
      const credit = chainCredits.get(`${r.offerId}-${lower(account)}`);
      expect(
        `credit of ${account} on offer #${r.offerId} balance`,
        r.balance,
        credit?.balance ?? 0n,
      );
      expect(
        `credit of ${account} on offer #${r.offerId} unlockAt`,
        r.unlockAt,
        credit?.unlockAt ?? 0,
      );
      if (BigInt(r.balance) > 0n) indexedCredits++;
    }
  }
  expect(
    'credits held',
    indexedCredits,
    [...chainCredits.values()].filter((x) => x.balance > 0n).length,
  );

  // ---------------------------------------------------------------- offers and license counts
  const offerCount = Number(await marketplace.read.offerCount(at));
  const offers = [...details.values()].flatMap((d) => d.offers);
  expect('offer count', offers.length, offerCount);
  const soldByModel = new Map<string, number>();
  const volume = new Map<string, bigint>();
  // Cheapest offer one can buy now (active, not sold out), per model and currency.
  const cheapest = new Map<string, Map<string, { price: bigint; offers: number }>>();
  await pool(
    Array.from({ length: offerCount }, (_, i) => BigInt(i + 1)),
    8,
    async (offerId) => {
      const o = await marketplace.read.getOffer([offerId], at);
      const row = offers.find((x) => x.id === String(offerId));
      const w = `offer #${offerId}`;
      if (!row) return void differences.push(`${w} is not indexed`);
      expect(`${w} model`, row.modelId, String(o.modelId));
      expect(`${w} currency`, row.currency, lower(o.currency));
      expect(`${w} price`, row.price, String(o.price));
      expect(`${w} active`, row.active, o.active);
      expect(`${w} sold`, row.sold, o.sold);
      expect(`${w} cap`, row.cap, String(o.cap));
      expect(`${w} duration`, row.duration, String(o.duration));
      const key = String(o.modelId);
      soldByModel.set(key, (soldByModel.get(key) ?? 0) + o.sold);
      if (o.active && (o.cap === 0 || o.sold < o.cap)) {
        const byCurrency = cheapest.get(key) ?? new Map();
        const prev = byCurrency.get(lower(o.currency));
        byCurrency.set(lower(o.currency), {
          price: prev && prev.price < o.price ? prev.price : o.price,
          offers: (prev?.offers ?? 0) + 1,
        });
        cheapest.set(key, byCurrency);
      }
      const cur = lower(o.currency);
      volume.set(cur, (volume.get(cur) ?? 0n) + BigInt(o.sold) * o.price);
    },
  );
  const ETH = '0x0000000000000000000000000000000000000000';
  for (const m of indexed) {
    expect(`model #${m.id} license sales`, m.saleCount, soldByModel.get(m.id) ?? 0);
    const want = [...(cheapest.get(m.id) ?? new Map()).entries()]
      .map(([currency, v]) => ({ currency, price: String(v.price), offers: v.offers }))
      .sort((a, b) =>
        a.currency === ETH ? -1 : b.currency === ETH ? 1 : a.currency.localeCompare(b.currency),
      );
    expect(`model #${m.id} prices`, m.prices, want);
  }
  // The price filters select exactly the entries with such offers.
  const forSale = await indexer.all((page) => indexer.models({ ...page, hasOffer: true }));
  expect(
    'models with an offer (hasOffer)',
    forSale.map((m) => m.id).sort(),
    [...cheapest.keys()].sort(),
  );
  const ethPrices = [...cheapest.values()].flatMap((b) => (b.has(ETH) ? [b.get(ETH)!.price] : []));
  if (ethPrices.length) {
    const median = ethPrices.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[
      Math.floor(ethPrices.length / 2)
    ];
    const cheap = await indexer.all((page) =>
      indexer.models({ ...page, maxPrice: String(median) }),
    );
    const wantCheap = [...cheapest.entries()]
      .filter(([, b]) => b.has(ETH) && b.get(ETH)!.price <= median)
      .map(([id]) => id);
    expect(
      `models priced ≤ ${median} wei (maxPrice)`,
      cheap.map((m) => m.id).sort(),
      wantCheap.sort(),
    );
  }

  // ---------------------------------------------------------------- disputes
  const disputeCount = Number(await c.curation.read.disputeCount(at));
  const disputes = await indexer.all((page) => indexer.disputes(page));
  expect('dispute count', disputes.length, disputeCount);
  const challengerOutcomes = new Map<string, { won: number; lost: number; pending: number }>();
  await pool(
    Array.from({ length: disputeCount }, (_, i) => BigInt(i + 1)),
    8,
    async (disputeId) => {
      const d = await c.curation.read.disputeOf([disputeId], at);
      const row = disputes.find((x) => x.id === String(disputeId));
      const w = `dispute #${disputeId}`;
      if (!row) return void differences.push(`${w} is not indexed`);
      const state = DISPUTE_STATES[d.state];
      expect(`${w} model`, row.modelId, String(d.modelId));
      expect(`${w} challenger`, row.challenger, lower(d.challenger));
      expect(`${w} state`, row.state, state);
      expect(`${w} keep votes`, row.keepVotes, String(d.keepVotes));
      expect(`${w} remove votes`, row.removeVotes, String(d.removeVotes));
      expect(`${w} snapshot`, row.snapshot, d.snapshot);
      expect(`${w} voting ends`, row.votingEndsAt, d.votingEndsAt);
      expect(`${w} appeal proposal`, row.proposalId ?? '0', String(d.proposalId));
      expect(`${w} deposit`, row.deposit, String(d.deposit));
      const tally = challengerOutcomes.get(lower(d.challenger)) ?? { won: 0, lost: 0, pending: 0 };
      if (state === 'Delisted' || state === 'Rejected') tally.won++;
      else if (state === 'Kept' || state === 'Restored') tally.lost++;
      else tally.pending++;
      challengerOutcomes.set(lower(d.challenger), tally);
      const votes = await indexer.all((page) => indexer.disputeVotes(String(disputeId), page));
      for (const account of accounts) {
        const voted = await c.curation.read.hasVoted([disputeId, account], at);
        expect(
          `${w} vote of ${account}`,
          votes.some((v) => v.voter === lower(account)),
          voted,
        );
      }
    },
  );

  // ---------------------------------------------------------------- proposals
  const proposals = await indexer.all((page) => indexer.proposals(page));
  expect('proposal count', proposals.length, chainCounts.get('CuriaGovernor:ProposalCreated') ?? 0);
  const stateCounts = new Map<string, number>();
  await pool(proposals, 6, async (p) => {
    const id = BigInt(p.id);
    const w = `proposal ${p.id.slice(0, 10)}… "${p.title}"`;
    if ((await c.governor.read.proposalSnapshot([id], at)) === 0n) {
      return void differences.push(`${w} does not exist on chain`);
    }
    const [state, votes, snapshot, deadline, eta, proposer] = await Promise.all([
      c.governor.read.state([id], at),
      c.governor.read.proposalVotes([id], at),
      c.governor.read.proposalSnapshot([id], at),
      c.governor.read.proposalDeadline([id], at),
      c.governor.read.proposalEta([id], at),
      c.governor.read.proposalProposer([id], at),
    ]);
    const name = PROPOSAL_STATES[state];
    stateCounts.set(name, (stateCounts.get(name) ?? 0) + 1);
    expect(`${w} state`, p.state, name);
    expect(`${w} against`, p.againstVotes, String(votes[0]));
    expect(`${w} for`, p.forVotes, String(votes[1]));
    expect(`${w} abstain`, p.abstainVotes, String(votes[2]));
    expect(`${w} snapshot`, p.voteStart, Number(snapshot));
    expect(`${w} deadline`, p.deadline, Number(deadline));
    expect(`${w} eta`, p.eta ?? 0, Number(eta));
    expect(`${w} proposer`, p.proposer, lower(proposer));
    if (snapshot < block.timestamp) {
      expect(`${w} quorum`, p.quorum, String(await c.governor.read.quorum([snapshot], at)));
    }
    const ballots = await indexer.all((page) => indexer.proposalVotes(p.id, page));
    expect(`${w} voters`, ballots.length, p.voterCount);
    for (const account of accounts) {
      const voted = await c.governor.read.hasVoted([id, account], at);
      expect(
        `${w} vote of ${account}`,
        ballots.some((b) => b.voter === lower(account)),
        voted,
      );
    }
  });

  // ---------------------------------------------------------------- auditors and reports
  const reportCount = Number(await audits.read.reportCount(at));
  const reports = [...details.values()].flatMap((d) => d.reports);
  expect('report count', reports.length, reportCount);
  const verdicts = new Map<
    string,
    { pass: number; concerns: number; fail: number; slashed: number }
  >();
  await pool(
    Array.from({ length: reportCount }, (_, i) => BigInt(i + 1)),
    8,
    async (reportId) => {
      const r = await audits.read.getReport([reportId], at);
      const row = reports.find((x) => x.id === String(reportId));
      const w = `report #${reportId}`;
      if (!row) return void differences.push(`${w} is not indexed`);
      expect(`${w} auditor`, row.auditor, lower(r.auditor));
      expect(`${w} model`, row.modelId, String(r.modelId));
      expect(`${w} version`, row.version, r.version);
      expect(`${w} verdict`, row.verdict, VERDICTS[r.verdict]);
      expect(`${w} replacedBy`, row.replacedBy ?? '0', String(r.replacedBy));
      // Verdicts per model: current reports on the version the lists show; a slashed Pass apart.
      if (r.replacedBy === 0n && r.version === shownVersions.get(r.modelId)) {
        const key = String(r.modelId);
        const v = verdicts.get(key) ?? { pass: 0, concerns: 0, fail: 0, slashed: 0 };
        const slashed = r.verdict === 0 && slashedReports.has(reportId);
        v[slashed ? 'slashed' : (['pass', 'concerns', 'fail'] as const)[r.verdict]]++;
        verdicts.set(key, v);
      }
    },
  );
  for (const m of indexed) {
    const v = verdicts.get(m.id) ?? { pass: 0, concerns: 0, fail: 0, slashed: 0 };
    expect(`model #${m.id} audits`, m.audits, {
      version: shownVersions.get(BigInt(m.id)),
      ...v,
    });
  }
  const passed = await indexer.all((page) => indexer.models({ ...page, audited: 'pass' }));
  expect(
    'models whose listed version has a Pass not slashed (audited=pass)',
    passed.map((m) => m.id).sort(),
    [...verdicts.entries()]
      .filter(([, v]) => v.pass > 0)
      .map(([id]) => id)
      .sort(),
  );
  const audited = await indexer.all((page) => indexer.models({ ...page, audited: 'any' }));
  expect(
    'models with a report (audited=any)',
    audited.map((m) => m.id).sort(),
    [...verdicts.keys()].sort(),
  );

  // ---------------------------------------------------------------- accounts
  const delegates = await indexer.all((page) => indexer.delegates(page));
  // Who each account delegates to, from the chain: a delegate's delegators are the others.
  const delegateOf = new Map<string, string>();
  await pool(accounts, 4, async (account) => {
    delegateOf.set(lower(account), lower(await c.token.read.delegates([account], at)));
  });
  for (const [a, to] of delegateOf) {
    const d = delegates.find((x) => x.account === to);
    if (to === a) expect(`${a} self-delegated`, d?.selfDelegated, true);
  }
  await pool(accounts, 4, async (account) => {
    const a = lower(account);
    const [votes, auditor, rep] = await Promise.all([
      c.token.read.getVotes([account], at),
      audits.read.auditorOf([account], at),
      indexer.reputation(account),
    ]);
    const d = delegates.find((x) => x.account === a);
    expect(`votes of ${account}`, d?.votes ?? '0', String(votes));
    const others = [...delegateOf].filter(([from, to]) => to === a && from !== a).length;
    if (d || others) expect(`delegators of ${account}`, d?.delegators, others);
    if (d) expect(`${account} self-delegated`, d.selfDelegated, delegateOf.get(a) === a);
    if (auditor.accredited || auditor.bond > 0n || rep.auditor) {
      expect(`auditor ${account} accredited`, rep.auditor?.accredited, auditor.accredited);
      expect(`auditor ${account} bond`, rep.auditor?.bond, String(auditor.bond));
    }
    const outcome = challengerOutcomes.get(a) ?? { won: 0, lost: 0, pending: 0 };
    expect(`challenger ${account} won`, rep.challenger.won, outcome.won);
    expect(`challenger ${account} lost`, rep.challenger.lost, outcome.lost);
    expect(`challenger ${account} pending`, rep.challenger.pending, outcome.pending);
    // The demo world never transfers an entry: owners are the creators.
    const created = infos.filter((i) => lower(i.owner) === a);
    expect(`creator ${account} models`, rep.creator.models, created.length);
    expect(
      `creator ${account} datasets`,
      rep.creator.datasets,
      created.filter((i) => KIND[i.kind] === 'Dataset').length,
    );
    const delisted = indexed.filter((m) => m.owner === a && m.status === 'Delisted').length;
    expect(`creator ${account} delisted`, rep.creator.delisted, delisted);
  });

  // ---------------------------------------------------------------- series
  const fees = await indexer.feeSeries({ bucket: 'day' });
  const feeVolume = new Map<string, bigint>();
  for (const p of fees.points)
    feeVolume.set(p.currency, (feeVolume.get(p.currency) ?? 0n) + BigInt(p.volume));
  for (const cur of new Set([...volume.keys(), ...feeVolume.keys()])) {
    expect(`sales volume in ${cur}`, feeVolume.get(cur) ?? 0n, volume.get(cur) ?? 0n);
  }
  const stake = await indexer.stakeSeries({ bucket: 'day' });
  expect('stake held (series total)', stake.points.at(-1)?.total ?? '0', String(statusTotals));
  const outcomes = await indexer.proposalSeries({ bucket: 'week' });
  const seriesStates = new Map<string, number>();
  for (const p of outcomes.points) {
    for (const [state, n] of Object.entries(p.byState)) {
      seriesStates.set(state, (seriesStates.get(state) ?? 0) + (n ?? 0));
    }
  }
  for (const state of new Set([...stateCounts.keys(), ...seriesStates.keys()])) {
    expect(
      `proposals ${state} (series)`,
      seriesStates.get(state) ?? 0,
      stateCounts.get(state) ?? 0,
    );
  }

  return {
    block: blockNumber,
    differences,
    counts: {
      events: logs.length,
      models: count,
      proposals: proposals.length,
      disputes: disputeCount,
      offers: offerCount,
      reports: reportCount,
    },
  };
}
