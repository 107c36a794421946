// Gated delivery (issue 19): what the portal's gateway, the download and redeem scripts and the
// tests share. Two EIP-712 messages:
//   - GatewayAccess, signed by a script's account for a short-lived bearer token
//     (POST /api/gateway/token), so curl and Hugging Face-style download scripts can authenticate
//     without a browser session;
//   - UsageReceipt, signed by a pay-per-use licensee for the marketplace: the units used so far
//     (cumulative), redeemed by a host against the licensee's credit.
// And the price of metered use: due(units) = units * price / meterUnits (floor), as the contract.
import { parseAbi, type Address, type Hex } from 'viem';

/** The gateway's EIP-712 domain (no verifying contract: the portal checks it, not a contract). */
export function gatewayDomain(chainId: number) {
  return { name: 'Curia Gateway', version: '1', chainId } as const;
}

export const GATEWAY_ACCESS_TYPES = {
  GatewayAccess: [
    { name: 'account', type: 'address' },
    { name: 'issuedAt', type: 'uint256' },
    { name: 'nonce', type: 'string' },
  ],
} as const;

export type GatewayAccess = {
  account: Address;
  /** Unix seconds. */
  issuedAt: bigint;
  nonce: string;
};

/** The typed data a script signs for a gateway token. */
export function gatewayAccessTypedData(chainId: number, message: GatewayAccess) {
  return {
    domain: gatewayDomain(chainId),
    types: GATEWAY_ACCESS_TYPES,
    primaryType: 'GatewayAccess',
    message,
  } as const;
}

/** The marketplace's EIP-712 domain, for usage receipts. */
export function marketplaceDomain(chainId: number, marketplace: Address) {
  return {
    name: 'Curia Marketplace',
    version: '1',
    chainId,
    verifyingContract: marketplace,
  } as const;
}

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

/** A usage receipt: `units` is cumulative (all units used so far with this host on this offer). */
export type UsageReceipt = {
  modelId: bigint;
  offerId: bigint;
  licensee: Address;
  host: Address;
  units: bigint;
  /** Unix seconds after which the receipt cannot be redeemed. */
  expiry: bigint;
};

export interface SignedReceipt {
  receipt: UsageReceipt;
  signature: Hex;
}

export function usageReceiptTypedData(
  chainId: number,
  marketplace: Address,
  message: UsageReceipt,
) {
  return {
    domain: marketplaceDomain(chainId, marketplace),
    types: USAGE_RECEIPT_TYPES,
    primaryType: 'UsageReceipt',
    message,
  } as const;
}

/** What `units` of a metered offer cost: units * price / meterUnits, rounded down (as the contract). */
export function due(units: bigint, price: bigint, meterUnits: bigint | number): bigint {
  const per = BigInt(meterUnits);
  if (per === 0n) throw new Error('not a metered offer (meterUnits is 0)');
  return (units * price) / per;
}

/** The HTTP header a download carries its signed usage receipt in (JSON, see encodeReceipt). */
export const RECEIPT_HEADER = 'x-curia-receipt';

/** A signed receipt as JSON text (numbers as decimal strings), for the header or a query parameter. */
export function encodeReceipt({ receipt, signature }: SignedReceipt): string {
  return JSON.stringify({
    modelId: receipt.modelId.toString(),
    offerId: receipt.offerId.toString(),
    licensee: receipt.licensee,
    host: receipt.host,
    units: receipt.units.toString(),
    expiry: receipt.expiry.toString(),
    signature,
  });
}

const UINT = /^(0|[1-9]\d{0,77})$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Parses {@link encodeReceipt}'s text; a plain reason when it is not a receipt. */
export function decodeReceipt(
  text: string,
): { ok: true; value: SignedReceipt } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The usage receipt is not JSON.' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'The usage receipt must be a JSON object.' };
  const r = raw as Record<string, unknown>;
  for (const k of ['modelId', 'offerId', 'units', 'expiry'])
    if (typeof r[k] !== 'string' || !UINT.test(r[k] as string))
      return { ok: false, reason: `The usage receipt's ${k} must be a whole number (as text).` };
  for (const k of ['licensee', 'host'])
    if (typeof r[k] !== 'string' || !ADDRESS.test(r[k] as string))
      return { ok: false, reason: `The usage receipt's ${k} must be an address.` };
  if (typeof r.signature !== 'string' || !/^0x[0-9a-fA-F]{2,1000}$/.test(r.signature))
    return { ok: false, reason: "The usage receipt's signature is missing or not hex." };
  return {
    ok: true,
    value: {
      receipt: {
        modelId: BigInt(r.modelId as string),
        offerId: BigInt(r.offerId as string),
        licensee: r.licensee as Address,
        host: r.host as Address,
        units: BigInt(r.units as string),
        expiry: BigInt(r.expiry as string),
      },
      signature: r.signature as Hex,
    },
  };
}

/**
 * The metering part of the marketplace (issue 19), as planned on branch `meter`: read by the
 * gateway, written by the host's redeem script. Replaced by the generated ABI once merged.
 */
export const METER_ABI = parseAbi([
  'function creditOf(uint256 offerId, address licensee) view returns ((uint128 balance, uint40 unlockAt))',
  'function usageRedeemed(uint256 offerId, address licensee, address host) view returns (uint256)',
  'function isHost(uint256 modelId, address host) view returns (bool)',
  'function redeemUsage((uint256 modelId, uint256 offerId, address licensee, address host, uint256 units, uint256 expiry)[] receipts, bytes[] signatures)',
]);

/** GET /api/gateway/receipts answers the host's latest receipts as encodeReceipt's objects. */
export const RECEIPTS_PATH = '/api/gateway/receipts';

/** What the chain says about one account's license on one model (IMarketplace). */
export interface LicenseState {
  /** hasValidLicense(modelId, account).valid */
  valid: boolean;
  /** licenseOf(...).expiresAt, Unix seconds (0: never licensed; 2^40-1: perpetual). */
  expiresAt: bigint;
  /** licenseOf(...).version: the listed version when bought or last extended. */
  version: number;
  /** licensedVersionOf(...): the newest version covered (0 without a valid license). */
  licensedVersion: number;
}

/**
 * The versions a license covers now, [first, last] inclusive, or undefined: a valid license covers
 * license.version <= v <= licensedVersionOf(model, account) (the version bought up to the one
 * listed now). The gateway enforces it; the portal shows Download links by it.
 */
export function coveredRange(license: LicenseState): [number, number] | undefined {
  if (!license.valid || license.licensedVersion === 0) return undefined;
  const first = Math.max(1, license.version);
  return first <= license.licensedVersion ? [first, license.licensedVersion] : undefined;
}
