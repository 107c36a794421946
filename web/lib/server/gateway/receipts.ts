// Pay per use at the gateway (issue 19): a download under a metered offer carries the licensee's
// signed, cumulative usage receipt for units = (units this host counted for that licensee and
// offer) + 1. Checked here (pure, with the chain's answers and a signature verifier given), then
// the latest receipt is kept (store below) for the host to redeem in one batch
// (scripts/redeem-receipts.ts) on MeteredLicenses.
import { getAddress, type Address, type Hex } from 'viem';
import { receiptRefusal, type SignedUsageReceipt as SignedReceipt } from '$protocol/usage';
import type { Sql } from '../signals/db';
import { GatewayError } from './errors';

export interface MeteredOffer {
  modelId: bigint;
  price: bigint;
  /** The currency's symbol and decimals, for the words of a refusal. */
  unit?: { symbol: string; decimals: number };
  /** Units the price is for; 0: a timed offer. */
  meterUnits: number;
  active: boolean;
}

export interface Credit {
  balance: bigint;
  /** Non-zero: the licensee asked to withdraw (a gateway then serves nothing more). */
  unlockAt: number;
}

export interface ReceiptContext {
  modelId: bigint;
  /** This gateway's host address. */
  host: Address;
  nowS: number;
  offer: MeteredOffer;
  credit: Credit;
  /** usageRedeemed(offerId, licensee, host): units already paid out to this host. */
  redeemed: bigint;
  /** Units this host counted for licensee and offer (its latest stored receipt), 0 if none. */
  counted: bigint;
  isHost: boolean;
  /** Whether the signature is the licensee's over the receipt (viem verifyTypedData). */
  verify: (signed: SignedReceipt) => Promise<boolean>;
}

/** Checks a receipt for the next download (protocol/usage.ts); throws a GatewayError with a plain reason. */
export async function checkReceipt(signed: SignedReceipt, ctx: ReceiptContext): Promise<void> {
  const refusal = await receiptRefusal(signed, {
    ...ctx,
    nowS: BigInt(ctx.nowS),
    offer: { ...ctx.offer, meterUnits: BigInt(ctx.offer.meterUnits) },
    credit: { balance: ctx.credit.balance, unlockAt: BigInt(ctx.credit.unlockAt) },
  });
  if (refusal) throw new GatewayError(refusal.status, refusal.reason);
}

/** The units of the latest receipt kept for (offer, licensee, host), 0 if none. */
export async function countedUnits(
  db: Sql,
  chainId: number,
  offerId: bigint,
  licensee: Address,
  host: Address,
): Promise<bigint> {
  const rows = await db.query<{ units: string }>(
    `SELECT units::text AS units FROM gateway_receipts
     WHERE chain_id = $1 AND offer_id = $2 AND licensee = $3 AND host = $4`,
    [chainId, offerId.toString(), getAddress(licensee), getAddress(host)],
  );
  return rows[0] ? BigInt(rows[0].units) : 0n;
}

/**
 * Keeps `signed` as the latest receipt when it counts more units than the one kept (so two
 * concurrent downloads cannot both store the same unit: false for the loser).
 */
export async function storeReceipt(
  db: Sql,
  chainId: number,
  signed: SignedReceipt,
): Promise<boolean> {
  const r = signed.receipt;
  const rows = await db.query(
    `INSERT INTO gateway_receipts (chain_id, offer_id, licensee, host, model_id, units, expiry, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (chain_id, offer_id, licensee, host) DO UPDATE
       SET units = EXCLUDED.units, expiry = EXCLUDED.expiry, signature = EXCLUDED.signature,
           model_id = EXCLUDED.model_id, updated_at = now()
       WHERE gateway_receipts.units < EXCLUDED.units
     RETURNING units`,
    [
      chainId,
      r.offerId.toString(),
      getAddress(r.licensee),
      getAddress(r.host),
      r.modelId.toString(),
      r.units.toString(),
      r.expiry.toString(),
      signed.signature,
    ],
  );
  return rows.length > 0;
}

/** The latest receipt of every licensee and offer for `host`, to redeem in one batch. */
export async function latestReceipts(
  db: Sql,
  chainId: number,
  host: Address,
): Promise<SignedReceipt[]> {
  const rows = await db.query<{
    offer_id: string;
    licensee: string;
    model_id: string;
    units: string;
    expiry: string;
    signature: string;
  }>(
    `SELECT offer_id::text AS offer_id, licensee, model_id::text AS model_id, units::text AS units,
            expiry::text AS expiry, signature
     FROM gateway_receipts WHERE chain_id = $1 AND host = $2 ORDER BY offer_id, licensee`,
    [chainId, getAddress(host)],
  );
  return rows.map((r) => ({
    receipt: {
      modelId: BigInt(r.model_id),
      offerId: BigInt(r.offer_id),
      licensee: getAddress(r.licensee),
      host: getAddress(host),
      units: BigInt(r.units),
      expiry: BigInt(r.expiry),
    },
    signature: r.signature as Hex,
  }));
}
