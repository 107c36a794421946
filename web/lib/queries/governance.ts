// Governance reads: a proposal's live state (the index has its text, actions and votes: they come
// with the page from +page.server.ts), the settings decoded actions compare against, the bounds the
// composer checks, and an account's power and vote.
import { readContracts } from '@wagmi/core';
import type { Address } from 'viem';
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { PARAMETERS } from '$protocol/enums';
import { fetchDecodeContext, fetchProposalLive } from '../proposals';
import { fetchOpenVotes } from '../open-votes';
import { indexKey, readKey } from './keys';

const GOVERNOR = 'CuriaGovernor';

/** The current settings, so that decoded changes read "from X to Y". */
export function decodeContextQuery(curia: Curia) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, GOVERNOR, 'settings'),
    queryFn: () => fetchDecodeContext(curia.config, c!),
    enabled: !!c,
  };
}

/** What changes while a proposal lives: its state, tally, deadline, eta and quorum (null: no such proposal). */
export function proposalLiveQuery(curia: Curia, id: bigint) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, GOVERNOR, 'state', [id]),
    queryFn: () => fetchProposalLive(curia.config, c!, id),
    enabled: !!c,
  };
}

/**
 * Whether `account` voted on a proposal, its power at the snapshot (before it, now), and the
 * proposal guardian. Whether the snapshot has passed at `now` (chain time) is part of the key: the
 * page's clock is the machine's until the chain's first block, and the power is read again then.
 */
export function proposalVoterQuery(
  curia: Curia,
  id: bigint,
  account: Address | undefined,
  snapshot: bigint | undefined,
  now: number,
) {
  const c = contractsOf(curia);
  const atSnapshot = snapshot !== undefined && BigInt(now) > snapshot;
  return {
    queryKey: readKey(curia.chain.id, GOVERNOR, 'hasVoted', [id, account, snapshot, atSnapshot]),
    queryFn: async () => {
      const now = BigInt(curia.chainState.now);
      const [voted, power, guardian] = await readContracts(curia.config, {
        allowFailure: true,
        contracts: [
          { ...c!.governor, functionName: 'hasVoted', args: [id, account!] },
          {
            ...c!.governor,
            functionName: 'getVotes',
            args: [account!, now > snapshot! ? snapshot! : now - 1n],
          },
          { ...c!.governor, functionName: 'proposalGuardian' },
        ],
      });
      return {
        hasVoted: voted.result === true,
        power: (power.result as bigint | undefined) ?? 0n,
        guardian: guardian.result as Address | undefined,
      };
    },
    enabled: !!c && !!account && snapshot !== undefined,
  };
}

/** The bounds each curation parameter may be set within. */
export function parameterBoundsQuery(curia: Curia) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, 'CurationRegistry', 'parameterBounds'),
    queryFn: () =>
      readContracts(curia.config, {
        allowFailure: false,
        contracts: PARAMETERS.map(
          (_, i) => ({ ...c!.curation, functionName: 'parameterBounds', args: [i] }) as const,
        ),
      }),
    enabled: !!c,
    staleTime: Infinity,
  };
}

/** The bounds of the governor's own settings, by the setter's name. */
export function governorBoundsQuery(curia: Curia) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, GOVERNOR, 'bounds'),
    queryFn: async () => {
      const [delay, period, threshold, quorum, extension] = await readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...c!.governor, functionName: 'votingDelayBounds' },
          { ...c!.governor, functionName: 'votingPeriodBounds' },
          { ...c!.governor, functionName: 'proposalThresholdBounds' },
          { ...c!.governor, functionName: 'quorumNumeratorBounds' },
          { ...c!.governor, functionName: 'lateQuorumVoteExtensionBounds' },
        ],
      });
      return {
        setVotingDelay: delay,
        setVotingPeriod: period,
        setProposalThreshold: threshold,
        updateQuorumNumerator: quorum,
        setLateQuorumVoteExtension: extension,
      } as Record<string, readonly [bigint, bigint]>;
    },
    enabled: !!c,
    staleTime: Infinity,
  };
}

/**
 * An account's voting power now and the threshold to propose. The token's current votes: the
 * Governor counts them at the proposal's block minus one second, which is this block or later
 * (asking the Governor for `chainState.now - 1` failed once the page's clock ran past the last
 * block, ERC5805FutureLookup, and the warning went missing).
 */
export function proposerPowerQuery(curia: Curia, account: Address | undefined) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, GOVERNOR, 'proposerVotes', [account]),
    queryFn: async () => {
      const [votes, threshold] = await readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...c!.token, functionName: 'getVotes', args: [account!] },
          { ...c!.governor, functionName: 'proposalThreshold' },
        ],
      });
      return { votes, threshold };
    },
    enabled: !!c && !!account,
  };
}

/**
 * The votes `account` can still cast (the home page): open proposals and disputes from the index
 * (asked again as the index follows the chain), whether it voted and its weight from the chain.
 */
export function openVotesQuery(curia: Curia, account: Address | undefined, block: number | null) {
  const c = contractsOf(curia);
  return {
    queryKey: indexKey(curia.chain.id, 'open-votes', [account, block]),
    queryFn: () => fetchOpenVotes(curia.config, c!, curia.indexer!, account!, curia.chainState.now),
    enabled: !!c && !!curia.indexer && !!account,
  };
}
