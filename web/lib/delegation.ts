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
