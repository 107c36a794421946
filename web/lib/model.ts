// One model's page data: registry entry and versions, listing, stake, the viewer's position,
// dispute history and downstream lineage — a few multicalls and two log queries.
import { getContractEvents, readContract, readContracts, type Config } from '@wagmi/core';
import { erc721Abi, type Address, type Hex } from 'viem';
import type { CuriaContracts } from './contracts';
import { formatTime } from './format';
import { KIND, LISTING_STATUS, PARAMETER, type ListingStatusLabel } from '$protocol/enums';
import type { CurationVersions } from './versions';
import type { DocCheck } from './docs';
import { cardTitle } from '$protocol/card';

export interface VersionRow {
  number: number;
  contentHash: Hex;
  parent: number;
  publishedAt: number;
  metadataURI: string;
  derivedFrom: bigint[];
}

export interface ModelDetail {
  id: bigint;
  exists: boolean;
  owner: Address;
  kind: (typeof KIND)[number];
  versions: VersionRow[];
  status: ListingStatusLabel;
  listing: {
    pendingUntil: number;
    suspendedUntil: number;
    bondReleaseAt: number;
    bond: bigint;
    openDispute: number;
  };
  /** Which version is listed (sold) and the pending candidate (`versionsOf`, web/lib/versions). */
  curation: CurationVersions;
  /** Active and unbonding stake (nominal: a delisting's slash is taken as each curator withdraws), and the CUR held for the curators. */
  stake: { active: bigint; unbonding: bigint; held: bigint };
  params: {
    listingBond: bigint;
    challengeDeposit: bigint;
    appealBond: bigint;
    unbonding: bigint;
    curatorSlashBps: bigint;
    challengerRewardBps: bigint;
  };
}

/**
 * An entry's name on a page: the title of its newest version's card once the card is verified
 * against its link (a card that does not match names nothing), else "Model #N" / "Dataset #N".
 */
export function entryTitle(
  kind: string | undefined,
  id: bigint,
  card: DocCheck | undefined,
): string {
  return (card?.status === 'verified' && cardTitle(card.text)) || `${kind ?? 'Model'} #${id}`;
}

export async function fetchModel(
  config: Config,
  c: CuriaContracts,
  id: bigint,
): Promise<ModelDetail | null> {
  const exists = await readContract(config, { ...c.registry, functionName: 'exists', args: [id] });
  if (!exists) return null;
  const r = await readContracts(config, {
    allowFailure: false,
    contracts: [
      { address: c.registry.address, abi: erc721Abi, functionName: 'ownerOf', args: [id] },
      { ...c.registry, functionName: 'kindOf', args: [id] },
      { ...c.registry, functionName: 'getVersions', args: [id, 0n, 1000n] },
      { ...c.curation, functionName: 'statusOf', args: [id] },
      { ...c.curation, functionName: 'listingOf', args: [id] },
      { ...c.curation, functionName: 'stakeOf', args: [id] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.ListingBond] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.ChallengeDeposit] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.AppealBond] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.UnbondingPeriod] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.CuratorSlashBps] },
      { ...c.curation, functionName: 'parameter', args: [PARAMETER.ChallengerRewardBps] },
      { ...c.curation, functionName: 'versionsOf', args: [id] },
    ],
  });
  const [
    owner,
    kind,
    versions,
    status,
    listing,
    stake,
    bond,
    deposit,
    appealBond,
    unb,
    slash,
    reward,
    vs,
  ] = r;
  return {
    id,
    exists: true,
    owner,
    kind: KIND[kind] ?? 'Model',
    versions: versions.map((v, i) => ({
      number: i + 1,
      contentHash: v.contentHash,
      parent: v.parent,
      publishedAt: v.publishedAt,
      metadataURI: v.metadataURI,
      derivedFrom: [...v.derivedFrom],
    })),
    status: LISTING_STATUS[status] ?? 'Not applied',
    listing: {
      pendingUntil: listing.pendingUntil,
      suspendedUntil: listing.suspendedUntil,
      bondReleaseAt: listing.bondReleaseAt,
      bond: listing.bond,
      openDispute: listing.openDispute,
    },
    curation: {
      listed: vs[0],
      candidate: vs[1],
      candidateUntil: Number(vs[2]),
      candidateChallenged: listing.candidateChallenged,
    },
    stake: { active: stake[0], unbonding: stake[1], held: stake[2] },
    params: {
      listingBond: bond,
      challengeDeposit: deposit,
      appealBond,
      unbonding: unb,
      curatorSlashBps: slash,
      challengerRewardBps: reward,
    },
  };
}

export interface MyPosition {
  active: bigint;
  unbonding: bigint;
  releaseAt: number;
  pendingRewards: bigint;
  /** What withdrawStake pays now (on a delisted model: the share of what the slash left). */
  withdrawable: bigint;
  claimable: bigint;
  balance: bigint;
}

export async function fetchPosition(
  config: Config,
  c: CuriaContracts,
  id: bigint,
  account: Address,
): Promise<MyPosition> {
  const [position, claimable, balance] = await readContracts(config, {
    allowFailure: false,
    contracts: [
      { ...c.curation, functionName: 'positionOf', args: [id, account] },
      { ...c.curation, functionName: 'claimable', args: [account] },
      { ...c.token, functionName: 'balanceOf', args: [account] },
    ],
  });
  return {
    active: position.active,
    unbonding: position.unbonding,
    releaseAt: position.releaseAt,
    pendingRewards: position.pendingRewards,
    withdrawable: position.withdrawable,
    claimable,
    balance,
  };
}

export interface ChallengeRecord {
  disputeId: bigint;
  challenger: Address;
  reason: number;
  evidenceURI: string;
  evidenceHash: Hex;
  votingEndsAt: bigint;
  state?: number;
}

/** Disputes ever opened on this model (Challenged events), newest first, with their state. */
export async function fetchModelDisputes(
  config: Config,
  c: CuriaContracts,
  id: bigint,
  fromBlock: bigint,
): Promise<ChallengeRecord[]> {
  const logs = await getContractEvents(config, {
    ...c.curation,
    eventName: 'Challenged',
    args: { modelId: id },
    fromBlock,
  });
  const records = logs.map((l) => ({
    disputeId: l.args.disputeId!,
    challenger: l.args.challenger!,
    reason: l.args.reason!,
    evidenceURI: l.args.evidenceURI!,
    evidenceHash: l.args.evidenceHash!,
    votingEndsAt: l.args.votingEndsAt!,
  }));
  if (records.length === 0) return [];
  const disputes = await readContracts(config, {
    allowFailure: false,
    contracts: records.map(
      (r) => ({ ...c.curation, functionName: 'disputeOf', args: [r.disputeId] }) as const,
    ),
  });
  return records
    .map((r, i) => ({ ...r, state: disputes[i].state }))
    .sort((a, b) => Number(b.disputeId - a.disputeId));
}

/** Entries whose versions name this one as upstream (VersionPublished events). */
export async function fetchDownstream(
  config: Config,
  c: CuriaContracts,
  id: bigint,
  fromBlock: bigint,
): Promise<{ modelId: bigint; version: number }[]> {
  const logs = await getContractEvents(config, {
    ...c.registry,
    eventName: 'VersionPublished',
    fromBlock,
  });
  const out = new Map<string, { modelId: bigint; version: number }>();
  for (const l of logs) {
    if (l.args.derivedFrom?.includes(id)) {
      out.set(String(l.args.modelId), { modelId: l.args.modelId!, version: l.args.version! });
    }
  }
  return [...out.values()];
}

/**
 * What the notice on a model with an open dispute says, in words that fit the dispute's stage:
 * "vote" only while its voting is open. `{kind}` stands for "model" or "dataset".
 */
export function disputeNotice(o: {
  status: string;
  disputeState?: string;
  /** The dispute's snapshot: votes open after it. */
  votingStartsAt?: number;
  votingEndsAt?: number;
  now: number;
}): { text: string; vote: boolean } {
  if (o.disputeState === 'Appealed') {
    return { text: 'The removal of this {kind} is appealed to the DAO:', vote: false };
  }
  if (o.status === 'Removed' || o.disputeState === 'Removed') {
    return {
      text: 'This {kind} was removed by a vote; its owner may still appeal:',
      vote: false,
    };
  }
  if (o.votingEndsAt !== undefined && o.now > o.votingEndsAt) {
    return {
      text: 'Voting on the challenge of this {kind} has ended; anyone can now resolve it:',
      vote: false,
    };
  }
  if (o.votingStartsAt !== undefined && o.now <= o.votingStartsAt) {
    return {
      text: `This {kind} is challenged; voting on it opens ${formatTime(o.votingStartsAt)}:`,
      vote: false,
    };
  }
  return { text: 'This {kind} is disputed:', vote: true };
}
