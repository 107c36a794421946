// Pay-per-use licenses (contracts/interfaces/IMeteredLicenses.sol): the EIP-712 usage receipt a
// licensee's client signs, and what a cumulative count of units costs. One home for the gateway,
// the example inference client, the bench and the tests.
import { formatUnits, getAddress, type Address, type Hex, type PublicClient } from 'viem';
import { ChainUnreachableError, verifyTypedDataOnChain } from './chain.ts';

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

// A type (not an interface), so that viem takes it as typed-data message (an index signature).
export type UsageReceipt = {
  modelId: bigint;
  offerId: bigint;
  licensee: Address;
  host: Address;
  /** Units used so far with this host: cumulative, never per call. */
  units: bigint;
  /** Until when the host may redeem it (unix seconds). */
  expiry: bigint;
};

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

/**
 * Whether a receipt is signed by the licensee it names, checked on chain as MeteredLicenses redeems
 * it: an EOA's key, or a contract licensee's code (ERC-1271; viem's verifyTypedData). The
 * `verify` of a host's {@link ReceiptCheckContext}.
 */
export function usageReceiptVerifier(
  client: Pick<PublicClient, 'verifyTypedData' | 'getBlockNumber'>,
  chainId: number,
  meteredLicenses: Address,
): (signed: SignedUsageReceipt) => Promise<boolean> {
  return ({ receipt, signature }) =>
    verifyTypedDataOnChain(client, {
      address: receipt.licensee,
      signature,
      ...usageReceiptTypedData(chainId, meteredLicenses, receipt),
    });
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

/** What a host knows when it checks the next receipt of a licensee under a metered offer. */
export interface ReceiptCheckContext {
  /** The model the host serves. */
  modelId: bigint;
  /** The offer the host serves, when it serves only one (the gateway takes the receipt's). */
  offerId?: bigint;
  /** The host's own address. */
  host: Address;
  /** The chain's time (unix seconds). */
  nowS: bigint;
  /**
   * The receipt's offer on chain: its model, price per `meterUnits` units (0: a timed offer), and
   * the currency's symbol and decimals for the words (without: ETH's).
   */
  offer: {
    modelId: bigint;
    price: bigint;
    meterUnits: bigint;
    unit?: { symbol: string; decimals: number };
  };
  /** The licensee's credit on the offer; `unlockAt` non-zero: it asked to withdraw. */
  credit: { balance: bigint; unlockAt: bigint };
  /** usageRedeemed(offerId, licensee, host): units already paid out to this host. */
  redeemed: bigint;
  /** Units this host already counted for the licensee and offer (its latest receipt), 0 if none. */
  counted: bigint;
  /** Whether the model's owner authorized this host. */
  isHost: boolean;
  /** Whether the signature is the licensee's over the receipt (viem's verifyTypedData, EOA or ERC-1271). */
  verify: (signed: SignedUsageReceipt) => Promise<boolean>;
}

/** Why a receipt is refused, with the HTTP status that says so. */
export interface ReceiptRefusal {
  status: 401 | 402 | 403 | 409 | 503;
  reason: string;
}

/**
 * A host's check of the next receipt (the gateway's and the example inference host's): for this
 * model, offer and host, an authorized host, not expired, counting exactly one unit on from what
 * the host counted (or was paid), signed by the licensee it names, and covered by credit the
 * licensee did not ask back. Returns the refusal in plain words, or null to serve.
 */
export async function receiptRefusal(
  signed: SignedUsageReceipt,
  ctx: ReceiptCheckContext,
): Promise<ReceiptRefusal | null> {
  const r = signed.receipt;
  const refuse = (status: ReceiptRefusal['status'], reason: string) => ({ status, reason });
  if (r.modelId !== ctx.modelId)
    return refuse(403, `This usage receipt is for model ${r.modelId}, not model ${ctx.modelId}.`);
  if (ctx.offerId !== undefined && r.offerId !== ctx.offerId)
    return refuse(403, `This usage receipt is for offer ${r.offerId}, not offer ${ctx.offerId}.`);
  if (getAddress(r.host) !== getAddress(ctx.host))
    return refuse(
      403,
      `This usage receipt names host ${getAddress(r.host)}; this host is ${getAddress(ctx.host)}.`,
    );
  if (ctx.offer.modelId !== ctx.modelId || ctx.offer.meterUnits === 0n)
    return refuse(403, `Offer ${r.offerId} is not a pay-per-use offer of model ${ctx.modelId}.`);
  if (!ctx.isHost)
    return refuse(
      403,
      `This host (${getAddress(ctx.host)}) is not authorized by the owner of model ${ctx.modelId} to serve it per use.`,
    );
  if (r.expiry <= ctx.nowS) return refuse(401, 'This usage receipt has expired: sign a new one.');
  const counted = ctx.counted > ctx.redeemed ? ctx.counted : ctx.redeemed;
  const next = counted + 1n;
  if (r.units !== next)
    return refuse(
      409,
      r.units <= counted
        ? `This usage receipt counts ${r.units} units, but ${counted} were already used: an old receipt cannot be used again. Sign one for ${next} units.`
        : `This usage receipt counts ${r.units} units; ${counted} were used so far, so this is unit ${next}. Sign one for ${next} units.`,
    );
  const valid = await ctx
    .verify(signed)
    .catch((err: unknown) => (err instanceof ChainUnreachableError ? err : false));
  if (valid instanceof ChainUnreachableError)
    return refuse(
      503,
      "The chain is not reachable right now, so the usage receipt's signature cannot be checked: try again in a moment.",
    );
  if (!valid)
    return refuse(401, `The usage receipt's signature is not ${getAddress(r.licensee)}'s.`);
  if (ctx.credit.unlockAt !== 0n)
    return refuse(
      403,
      'You asked to withdraw your credit for this offer: nothing more is served under it. To use the offer again, withdraw the credit once it unlocks, then deposit again.',
    );
  const owedNow = usageOwed(ctx.offer.price, ctx.offer.meterUnits, r.units, ctx.redeemed);
  if (owedNow > ctx.credit.balance) {
    // In the currency's own unit, never in its smallest one (walk 19 read "10000000000000000").
    const unit = ctx.offer.unit ?? { symbol: 'ETH', decimals: 18 };
    const words = (n: bigint) => `${formatUnits(n, unit.decimals)} ${unit.symbol}`;
    return refuse(
      402,
      `Your credit on offer ${r.offerId} (${words(ctx.credit.balance)}) does not cover this use: with it, your uses not yet paid from the credit come to ${words(owedNow)}. Deposit more credit to go on.`,
    );
  }
  return null;
}
