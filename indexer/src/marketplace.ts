// Marketplace: license offers, sales and where each price went, licenses, and fee flows (credits,
// withdrawals, curator fees) in ETH (the zero address) or the ERC-20 paid.
import type { Context } from 'ponder:registry';
import { feeFlow, license, model, offer, sale, saleLink } from 'ponder:schema';
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
  // SaleSplit follows in the same transaction; it names the offer, not the sale.
  await context.db
    .insert(saleLink)
    .values({ id: `${event.transaction.hash}-${a.offerId}`, saleId: event.id })
    .onConflictDoUpdate({ saleId: event.id });
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

on('Marketplace:SaleSplit', async ({ event, context }) => {
  const { offerId, split } = event.args;
  const link = await context.db.find(saleLink, { id: `${event.transaction.hash}-${offerId}` });
  if (!link) throw new Error(`SaleSplit without a sale of offer ${offerId} in its transaction`);
  await context.db.update(sale, { id: link.saleId }).set({
    creatorShare: split.creator,
    royalties: split.royalties,
    curators: split.curators,
    auditors: split.auditors,
    treasury: split.treasury,
  });
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
