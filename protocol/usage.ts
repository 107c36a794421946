// Pay-per-use licenses (contracts/interfaces/IMeteredLicenses.sol): the EIP-712 usage receipt a
// licensee's client signs, and what a cumulative count of units costs. One home for the gateway,
// the example inference client, the bench and the tests.
import type { Address, Hex } from 'viem';

/** EIP-712 types of a usage receipt (the contract's RECEIPT_TYPEHASH). */
export const USAGE_RECEIPT_TYPES = {
  UsageReceipt: [
    { name: 'modelId', type: 'uint256' },
    { name: 'offerId', type: 'uint256' },
    { name: 'licensee', type: 'address' },
    { name: 'host', type: 'address' },
    { name: 'units', type: 'uint256' },
    { name: 'expiry', type: 'uint256' },
  ],
} as const;

export interface UsageReceipt {
  modelId: bigint;
  offerId: bigint;
  licensee: Address;
  host: Address;
  /** Units used so far with this host: cumulative, never per call. */
  units: bigint;
  /** Until when the host may redeem it (unix seconds). */
  expiry: bigint;
}

export interface SignedUsageReceipt {
  receipt: UsageReceipt;
  signature: Hex;
}

/** The EIP-712 domain of the metered-licenses contract at `verifyingContract`. */
export function usageReceiptDomain(chainId: number, verifyingContract: Address) {
  return { name: 'Curia Metered Licenses', version: '1', chainId, verifyingContract } as const;
}

/** Everything `signTypedData` / `verifyTypedData` take for `receipt`, but the signer. */
export function usageReceiptTypedData(
  chainId: number,
  verifyingContract: Address,
  receipt: UsageReceipt,
) {
  return {
    domain: usageReceiptDomain(chainId, verifyingContract),
    types: USAGE_RECEIPT_TYPES,
    primaryType: 'UsageReceipt',
    message: receipt,
  } as const;
}

/** What `units` units cost in total under `price` per `meterUnits` units (rounded down, as on chain). */
export function usageDue(price: bigint, meterUnits: bigint, units: bigint): bigint {
  return (units * price) / meterUnits;
}

/** What a receipt for `units` adds once `redeemed` units were paid (0 for a stale receipt). */
export function usageOwed(
  price: bigint,
  meterUnits: bigint,
  units: bigint,
  redeemed: bigint,
): bigint {
  if (units <= redeemed) return 0n;
  return usageDue(price, meterUnits, units) - usageDue(price, meterUnits, redeemed);
}
