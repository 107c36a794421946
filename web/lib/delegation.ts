// Checks on an address typed as a delegate, before any transaction: what is wrong with it, in
// words, or null when the votes can go there.
import { isAddress, zeroAddress } from 'viem';
import { addressProblem, formatNumber, formatToken } from './format';

const count = (n: number, one: string) => `${formatNumber(n)} ${n === 1 ? one : `${one}s`}`;

/** Why `input` cannot receive delegated votes, or null when it can. */
export function delegateeProblem(input: string): string | null {
  const target = input.trim();
  if (!isAddress(target))
    return addressProblem(target, 'Enter an address: 0x followed by 40 hexadecimal characters.');
  if (target.toLowerCase() === zeroAddress)
    return "That is the zero address: votes delegated to it are lost. Enter a delegate's address, or delegate to yourself.";
  return null;
}

/**
 * Who a delegate's votes come from, in words: "self-delegated · 2 delegators", "1 delegator",
 * "self-delegated". Its own tokens are not counted as a delegator.
 */
export function delegatorsLabel(d: { delegators: number; selfDelegated: boolean }): string {
  const others = d.delegators > 0 ? count(d.delegators, 'delegator') : null;
  if (d.selfDelegated) return others ? `self-delegated · ${others}` : 'self-delegated';
  return others ?? 'no delegators';
}

/**
 * A delegate's voting power and where it comes from, in a sentence (a record page): "Holds 1,000
 * CUR of voting power: its own tokens and those delegated by 2 other accounts."
 */
export function votingPowerSentence(d: {
  votes: bigint;
  delegators: number;
  selfDelegated: boolean;
}): string {
  const power = `Holds ${formatToken(d.votes)} of voting power`;
  if (d.selfDelegated && d.delegators)
    return `${power}: its own tokens and those delegated by ${count(d.delegators, 'other account')}.`;
  if (d.selfDelegated) return `${power}, from its own tokens.`;
  if (d.delegators) return `${power}, delegated by ${count(d.delegators, 'account')}.`;
  return `${power}; no account delegates to it now.`;
}
