// Parsing what people type into amount fields.
import { maxUint256, parseUnits } from 'viem';

export type Parsed = { value: bigint; error?: undefined } | { value?: undefined; error: string };

/**
 * "1,000.5" → 1000.5 × 10^18; a message for anything that is not a positive amount of at most
 * `max` units (what the contract's field holds: 2^256 - 1 unless said). A comma only groups
 * thousands: "1,5" is refused rather than read as 15 (or as 1.5, as half the world writes it).
 */
export function parseAmount(input: string, decimals = 18, max = maxUint256): Parsed {
  const spaced = input.trim().replace(/[_\s]/g, '');
  if (spaced.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(spaced)) {
    return {
      error: 'Use a dot for decimals, like 1.5: a comma only groups thousands, as in 1,000.',
    };
  }
  const text = spaced.replace(/,/g, '');
  if (text === '') return { error: 'Enter an amount.' };
  if (!/^\d*\.?\d*$/.test(text) || text === '.') {
    return { error: 'Enter a number, like 100 or 12.5.' };
  }
  const [, fraction = ''] = text.split('.');
  if (fraction.length > decimals) return { error: `At most ${decimals} decimals.` };
  const value = parseUnits(text, decimals);
  if (value === 0n) return { error: 'Enter an amount greater than zero.' };
  if (value > max) return { error: 'That amount is too large.' };
  return { value };
}

/**
 * `parseAmount`, also refusing more than `available` when it is known (a balance, a stake), in
 * `tooMuch`'s words: checked before any transaction, so an amount far beyond it gets the same
 * plain answer as one just above it (not a contract's overflow error).
 */
export function parseAmountWithin(
  input: string,
  available: bigint | undefined,
  tooMuch: (available: bigint) => string,
  decimals = 18,
): Parsed {
  const parsed = parseAmount(input, decimals);
  if (parsed.value !== undefined && available !== undefined && parsed.value > available) {
    return { error: tooMuch(available) };
  }
  return parsed;
}

/** A 0x-prefixed 32-byte hex string, or a message. */
export function parseBytes32(input: string): { value?: `0x${string}`; error?: string } {
  const text = input.trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) {
    return { error: 'Enter a 32-byte hash: 0x followed by 64 hexadecimal characters.' };
  }
  return { value: text as `0x${string}` };
}
