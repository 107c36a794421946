// Curation reads: a curator's position and stakes, a dispute's live state and a voter's ballot,
// the registry's guardian and parameters.
import { getContractEvents, readContract, readContracts } from '@wagmi/core';
import type { Address } from 'viem';
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { fetchDispute, fetchMyDisputeVote, type DisputeRow } from '../disputes';
import { CURATION_PARAMETERS, LISTING_STATUS } from '$protocol/enums';
import { fetchPosition } from '../model';
import { NO_SUCH_MODEL } from '../proposal-actions';
import { readKey } from './keys';

const CURATION = 'CurationRegistry';

/** An account's stake on a model, its claimable rewards and CUR balance. */
export function positionQuery(curia: Curia, modelId: bigint, account: Address | undefined) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'positionOf', [modelId, account]),
    queryFn: () => fetchPosition(curia.config, c!, modelId, account!),
    enabled: !!c && !!account,
  };
}

/** A dispute's state, tally, quorum and evidence (null: no such dispute). */
export function disputeQuery(curia: Curia, id: bigint) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'disputeOf', [id]),
    queryFn: () => fetchDispute(curia.config, c!, id),
    enabled: !!c,
  };
}

/**
 * Whether `account` voted on a dispute and its weight: the power now until the snapshot, final
 * after (so the key holds whether the snapshot has passed).
 */
export function disputeVoterQuery(
  curia: Curia,
  d: DisputeRow | null | undefined,
  account: Address | undefined,
  now: number,
) {
  const c = contractsOf(curia);
  const atSnapshot = !!d && now > d.snapshot;
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'hasVoted', [d?.id, account, atSnapshot]),
    queryFn: () => fetchMyDisputeVote(curia.config, c!, d!, account!, curia.chainState.now),
    enabled: !!c && !!d && !!account,
  };
}

/** The models a curator staked on, with their titles: from the index, else the Staked events. */
async function stakedModels(curia: Curia, curator: Address): Promise<Map<bigint, string | null>> {
  const indexer = curia.indexer;
  if (indexer) {
    const rows = await indexer.all((page) => indexer.accountStakes(curator, page));
    return new Map(rows.map((r) => [BigInt(r.modelId), r.modelTitle]));
  }
  const logs = await getContractEvents(curia.config, {
    ...contractsOf(curia)!.curation,
    eventName: 'Staked',
    args: { curator },
    fromBlock: BigInt(curia.manifest?.startBlock ?? 0),
  });
  return new Map(logs.map((l) => [l.args.modelId!, null]));
}

/**
 * A curator's positions (on the models it staked on) and claimable rewards: amounts, rewards and
 * unbonding from the chain, since they are what it acts on. `indexBlock` (the index's head, when
 * the list comes from it) is part of the key: a newly indexed stake shows.
 */
export function curatorStakesQuery(
  curia: Curia,
  account: Address | undefined,
  indexBlock: number | null,
) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'positionsOf', [account, indexBlock]),
    queryFn: async () => {
      const titles = await stakedModels(curia, account!);
      const ids = [...titles.keys()].sort((a, b) => Number(a - b));
      const calls: readonly unknown[] = [
        { ...c!.curation, functionName: 'claimable', args: [account!] },
        ...ids.flatMap((id) => [
          { ...c!.curation, functionName: 'positionOf', args: [id, account!] },
          { ...c!.curation, functionName: 'statusOf', args: [id] },
          { ...c!.curation, functionName: 'listingOf', args: [id] },
        ]),
      ];
      const [claimable, ...rest] = (await readContracts(curia.config, {
        allowFailure: false,
        contracts: calls as never,
      })) as unknown[];
      const positions = ids.map((id, i) => {
        const p = rest[3 * i] as {
          active: bigint;
          unbonding: bigint;
          releaseAt: number;
          pendingRewards: bigint;
          withdrawable: bigint;
        };
        const status = LISTING_STATUS[rest[3 * i + 1] as number];
        const listing = rest[3 * i + 2] as { openDispute: number; candidateChallenged: boolean };
        // A dispute of the listed version freezes the stakes (a candidate's challenge does not).
        const freezingDispute = listing.candidateChallenged ? 0 : listing.openDispute;
        return { id, title: titles.get(id) ?? null, ...p, status, freezingDispute };
      });
      return { claimable: claimable as bigint, positions };
    },
    enabled: !!c && !!account,
  };
}

/** The curation registry's guardian (who may suspend an entry). */
export function curationGuardianQuery(curia: Curia) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'guardian'),
    queryFn: () => readContract(curia.config, { ...c!.curation, functionName: 'guardian' }),
    enabled: !!c,
    staleTime: 60_000,
  };
}

/** A model's latest suspension: its evidence, and whether the guardian used its one suspension of it. */
export function suspensionQuery(curia: Curia, modelId: bigint) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'suspensionOf', [modelId]),
    queryFn: async () => {
      const [evidence, guardianUsed, byDao] = await readContract(curia.config, {
        ...c!.curation,
        functionName: 'suspensionOf',
        args: [modelId],
      });
      return { uri: evidence.uri, hash: evidence.hash, guardianUsed, byDao };
    },
    enabled: !!c,
  };
}

/** One curation parameter, by name. */
export function curationParameterQuery(curia: Curia, name: (typeof CURATION_PARAMETERS)[number]) {
  const c = contractsOf(curia);
  const index = CURATION_PARAMETERS.indexOf(name);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'parameter', [index]),
    queryFn: () =>
      readContract(curia.config, { ...c!.curation, functionName: 'parameter', args: [index] }),
    enabled: !!c,
    staleTime: 60_000,
  };
}

/**
 * A model's listing status by name ('Not applied' before it applies), for a model id typed in;
 * 'No such model' when the registry has no entry of that id.
 */
export function listingStatusQuery(curia: Curia, modelId: bigint | undefined) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, CURATION, 'statusOf', [modelId]),
    queryFn: async () => {
      const [exists, status] = await readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...c!.registry, functionName: 'exists', args: [modelId!] },
          { ...c!.curation, functionName: 'statusOf', args: [modelId!] },
        ],
      });
      return exists ? LISTING_STATUS[status] : NO_SUCH_MODEL;
    },
    enabled: !!c && modelId !== undefined,
  };
}
