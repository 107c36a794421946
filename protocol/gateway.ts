// Gated delivery (issue 19): what the portal's gateway, the download and redeem scripts and the
// tests share: the EIP-712 GatewayAccess message a script's account signs for a short-lived
// bearer token (POST /api/gateway/token), so curl and Hugging Face-style download scripts work
// without a browser session; how a download carries its signed usage receipt (the receipt itself:
// ./usage.ts, MeteredLicenses' domain); and which versions a license covers.
import type { Address, Hex } from 'viem';
import type { SignedUsageReceipt } from './usage.ts';

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

/** The HTTP header a download carries its signed usage receipt in (JSON, see encodeReceipt). */
export const RECEIPT_HEADER = 'x-curia-receipt';

/** A signed receipt as JSON text (numbers as decimal strings), for the header or a query parameter. */
export function encodeReceipt({ receipt, signature }: SignedUsageReceipt): string {
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
): { ok: true; value: SignedUsageReceipt } | { ok: false; reason: string } {
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

/** GET /api/gateway/receipts answers the host's latest receipts as encodeReceipt's objects. */
export const RECEIPTS_PATH = '/api/gateway/receipts';

/** What the chain says about one account's license on one model (IMarketplace). */
/** `License.expiresAt` of a perpetual license (IMarketplace: type(uint40).max). */
export const PERPETUAL = 2n ** 40n - 1n;

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
