// Pay-per-use: an account's credits (with each offer's price and the model's title), and a
// model's redeemed usage receipts.
import { asc, desc, eq } from 'ponder';
import { db } from 'ponder:api';
import { meteredCredit, meteredOffer, model, usageRedemption } from 'ponder:schema';
import type { CreditRow, Page, UsageRow } from '../../../protocol/indexer/types.ts';
import { asOf, pageOf, paging, totalCount } from './util.ts';

type Query = Record<string, string | undefined>;

export async function creditsOf(query: Query, licensee: `0x${string}`): Promise<Page<CreditRow>> {
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ c: meteredCredit, o: meteredOffer, title: model.title, total: totalCount })
    .from(meteredCredit)
    .innerJoin(meteredOffer, eq(meteredOffer.id, meteredCredit.offerId))
    .leftJoin(model, eq(model.id, meteredCredit.modelId))
    .where(eq(meteredCredit.licensee, licensee))
    .orderBy(desc(meteredCredit.updatedAt), asc(meteredCredit.id))
    .limit(limit)
    .offset(offset);
  return pageOf(
    rows,
    (r) => ({
      offerId: String(r.c.offerId),
      modelId: String(r.c.modelId),
      modelTitle: r.title ?? null,
      licensee: r.c.licensee,
      currency: r.o.currency,
      price: String(r.o.price),
      meterUnits: String(r.o.meterUnits),
      balance: String(r.c.balance),
      unlockAt: String(r.c.unlockAt),
      deposited: String(r.c.deposited),
      spent: String(r.c.spent),
      updatedAt: Number(r.c.updatedAt),
    }),
    { limit, offset },
    asOf(),
  );
}

export async function usageOf(query: Query, modelId: bigint): Promise<Page<UsageRow>> {
  const { limit, offset } = paging(query);
  const rows = await db
    .select({ u: usageRedemption, total: totalCount })
    .from(usageRedemption)
    .where(eq(usageRedemption.modelId, modelId))
    .orderBy(desc(usageRedemption.timestamp), asc(usageRedemption.id))
    .limit(limit)
    .offset(offset);
  return pageOf(
    rows,
    ({ u }) => ({
      id: u.id,
      modelId: String(u.modelId),
      offerId: String(u.offerId),
      licensee: u.licensee,
      host: u.host,
      unitsBefore: String(u.unitsBefore),
      units: String(u.units),
      amount: String(u.amount),
      timestamp: Number(u.timestamp),
      txHash: u.txHash,
    }),
    { limit, offset },
    asOf(),
  );
}
