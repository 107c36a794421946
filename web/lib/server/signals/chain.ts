// Reads the chain for the signals: its clock and the voting power of CUR (ERC20Votes), the same
// numbers the Governor uses. The token's clock is the block timestamp (ERC-6372 mode=timestamp).
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { chainFor } from '$protocol/chain';
import { curiaTokenAbi } from '$protocol/generated/contracts';

export function signalsClient(chainId: number, rpcUrl: string): PublicClient {
  const chain = chainFor(chainId, rpcUrl);
  return createPublicClient({ chain, transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }) });
}

export interface ChainClock {
  /** The timestamp of the last mined block. */
  latest: number;
  /** The chain's current time: the timestamp the next block would get (the pending block's). */
  now: number;
}

export async function chainClock(client: PublicClient): Promise<ChainClock> {
  const latest = Number((await client.getBlock({ blockTag: 'latest' })).timestamp);
  let pending = latest;
  try {
    pending = Number((await client.getBlock({ blockTag: 'pending' })).timestamp);
  } catch {
    // a node without a pending block: the last block's time
  }
  return { latest, now: Math.max(latest, pending) };
}

/**
 * The account's voting power at `timepoint` (getPastVotes), read as the token computes it. The
 * timepoint must be in the past of the chain's clock; when no block has been mined since, the
 * read is made against the pending block, whose clock is already past it.
 */
export async function votesAt(
  client: PublicClient,
  token: Address,
  account: Address,
  timepoint: number,
  clock: ChainClock,
): Promise<bigint> {
  return client.readContract({
    address: token,
    abi: curiaTokenAbi,
    functionName: 'getPastVotes',
    args: [account, BigInt(timepoint)],
    ...(timepoint < clock.latest
      ? { blockTag: 'latest' as const }
      : { blockTag: 'pending' as const }),
  });
}

/** The account's voting power now (getVotes at the latest block). */
export async function currentVotes(
  client: PublicClient,
  token: Address,
  account: Address,
): Promise<bigint> {
  return client.readContract({
    address: token,
    abi: curiaTokenAbi,
    functionName: 'getVotes',
    args: [account],
  });
}
