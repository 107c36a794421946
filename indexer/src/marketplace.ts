// Marketplace: license offers, sales and where each price went, licenses, and fee flows (credits,
// withdrawals, curator fees) in ETH (the zero address) or the ERC-20 paid.
//
// A sale only fills its model's till; the split comes later, for every sale in the till at once
// (SalesSettled). The sales of a (model, currency) not yet split are exactly that till's, so each
// gets its part of the split pro rata to its price (the last one takes the rounding, so the parts
// add up to the chain's split exactly).
import { and, asc, eq, isNull } from 'ponder';
import type { Context } from 'ponder:registry';
import { feeFlow, license, model, offer, sale } from 'ponder:schema';
import type { Address, Hex } from 'viem';
import { on } from './lib/on.ts';

async function flow(
  context: Context,
  event: { id: string; block: { timestamp: bigint }; transaction: { hash: Hex } },
  kind: string,
  currency: Address,
  amount: bigint,
  account: Address | null,
  modelId: bigint | null = null,
) {
  await context.db.insert(feeFlow).values({
    id: event.id,
    contract: 'Marketplace',
    kind,
    account,
    currency,
    amount,
    modelId,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}

on('Marketplace:OfferCreated', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(offer).values({
    id: a.offerId,
    modelId: a.modelId,
    currency: a.currency,
    price: a.price,
    duration: a.duration,
    cap: a.cap,
    sold: 0,
    active: true,
    termsUri: a.termsURI,
    termsHash: a.termsHash,
    createdAt: event.block.timestamp,
  });
  await context.db.update(model, { id: a.modelId }).set((m) => ({ offerCount: m.offerCount + 1 }));
});

on('Marketplace:OfferRetired', async ({ event, context }) => {
  await context.db
    .update(offer, { id: event.args.offerId })
    .set({ active: false, retiredAt: event.block.timestamp });
});

on('Marketplace:LicenseBought', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(sale).values({
    id: event.id,
    modelId: a.modelId,
    offerId: a.offerId,
    licensee: a.licensee,
    buyer: a.buyer,
    version: a.version,
    currency: a.currency,
    price: a.price,
    expiresAt: a.expiresAt,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  await context.db.update(offer, { id: a.offerId }).set((o) => ({ sold: o.sold + 1 }));
  await context.db
    .insert(license)
    .values({
      id: `${a.modelId}-${a.licensee}`,
      modelId: a.modelId,
      licensee: a.licensee,
      offerId: a.offerId,
      expiresAt: a.expiresAt,
      purchases: 1,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate((l) => ({
      offerId: a.offerId,
      expiresAt: a.expiresAt,
      purchases: l.purchases + 1,
      updatedAt: event.block.timestamp,
    }));
  await context.db.update(model, { id: a.modelId }).set((m) => ({
    saleCount: m.saleCount + 1,
    lastSaleAt: event.block.timestamp,
  }));
});

on('Marketplace:SalesSettled', async ({ event, context }) => {
  const { modelId, currency, amount, split } = event.args;
  const open = await context.db.sql
    .select({ id: sale.id, price: sale.price })
    .from(sale)
    .where(and(eq(sale.modelId, modelId), eq(sale.currency, currency), isNull(sale.creatorShare)))
    .orderBy(asc(sale.blockNumber), asc(sale.id));
  const parts = ['creator', 'royalties', 'curators', 'auditors', 'treasury'] as const;
  const given = { creator: 0n, royalties: 0n, curators: 0n, auditors: 0n, treasury: 0n };
  for (const [i, row] of open.entries()) {
    const last = i === open.length - 1;
    const share = Object.fromEntries(
      parts.map((k) => {
        const v = last || amount === 0n ? split[k] - given[k] : (split[k] * row.price) / amount;
        given[k] += v;
        return [k, v];
      }),
    ) as typeof given;
    await context.db.update(sale, { id: row.id }).set({
      creatorShare: share.creator,
      royalties: share.royalties,
      curators: share.curators,
      auditors: share.auditors,
      treasury: share.treasury,
    });
  }
  await flow(context, event, 'salesSettled', currency, amount, null, modelId);
});

on('Marketplace:Credited', async ({ event, context }) => {
  const { account, currency, amount } = event.args;
  await flow(context, event, 'credited', currency, amount, account);
});

on('Marketplace:Withdrawn', async ({ event, context }) => {
  const { account, currency, amount } = event.args;
  await flow(context, event, 'withdrawn', currency, amount, account);
});

on('Marketplace:CuratorFeesDistributed', async ({ event, context }) => {
  const { modelId, currency, amount } = event.args;
  await flow(context, event, 'curatorFees', currency, amount, null, modelId);
});
