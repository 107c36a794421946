// Checks on an address typed as a delegate, before any transaction: what is wrong with it, in
// words, or null when the votes can go there.
import { isAddress, zeroAddress } from 'viem';

/** Why `input` cannot receive delegated votes, or null when it can. */
export function delegateeProblem(input: string): string | null {
  const target = input.trim();
  if (!isAddress(target)) return 'Enter an address: 0x followed by 40 hexadecimal characters.';
  if (target.toLowerCase() === zeroAddress)
    return "That is the zero address: votes delegated to it are lost. Enter a delegate's address, or delegate to yourself.";
  return null;
}

/**
 * Who a delegate's votes come from, in words: "self-delegated · 2 delegators", "1 delegator",
 * "self-delegated". Its own tokens are not counted as a delegator.
 */
export function delegatorsLabel(d: { delegators: number; selfDelegated: boolean }): string {
  const others =
    d.delegators > 0
      ? `${d.delegators.toLocaleString('en-US')} ${d.delegators === 1 ? 'delegator' : 'delegators'}`
      : null;
  if (d.selfDelegated) return others ? `self-delegated · ${others}` : 'self-delegated';
  return others ?? 'no delegators';
}
