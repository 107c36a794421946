// MeteredLicenses: pay-per-use offers, licensees' credit, authorized hosts and redeemed usage
// receipts. What a redemption spends reaches the marketplace as sales of the model (its till), and
// is split there like any sale (Marketplace:SalesSettled, indexed in marketplace.ts).
import type { Context } from 'ponder:registry';
import { meteredCredit, meteredHost, meteredOffer, usageRedemption } from 'ponder:schema';
import type { Address } from 'viem';
import { lower } from './lib/context.ts';
import { on } from './lib/on.ts';

const creditId = (offerId: bigint, licensee: Address) => `${offerId}-${lower(licensee)}`;

async function credit(context: Context, offerId: bigint, licensee: Address, timestamp: bigint) {
  const id = creditId(offerId, licensee);
  const row = await context.db.find(meteredCredit, { id });
  if (row) return row;
  const o = await context.db.find(meteredOffer, { id: offerId });
  return context.db.insert(meteredCredit).values({
    id,
    offerId,
    modelId: o?.modelId ?? 0n,
    licensee: lower(licensee),
    balance: 0n,
    unlockAt: 0n,
    deposited: 0n,
    spent: 0n,
    updatedAt: timestamp,
  });
}

on('MeteredLicenses:MeteredOfferCreated', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(meteredOffer).values({
    id: a.offerId,
    modelId: a.modelId,
    currency: a.currency,
    price: a.price,
    meterUnits: a.meterUnits,
    active: true,
    termsUri: a.termsURI,
    termsHash: a.termsHash,
    unitsRedeemed: 0n,
    revenue: 0n,
    createdAt: event.block.timestamp,
  });
});

on('MeteredLicenses:MeteredOfferRetired', async ({ event, context }) => {
  await context.db
    .update(meteredOffer, { id: event.args.offerId })
    .set({ active: false, retiredAt: event.block.timestamp });
});

on('MeteredLicenses:CreditDeposited', async ({ event, context }) => {
  const a = event.args;
  const row = await credit(context, a.offerId, a.licensee, event.block.timestamp);
  // Values read before the update: Ponder's cache updates the row it handed out in place.
  const deposited = row.deposited + a.amount;
  await context.db
    .update(meteredCredit, { id: row.id })
    .set({ balance: a.newBalance, deposited, updatedAt: event.block.timestamp });
});

on('MeteredLicenses:CreditWithdrawalRequested', async ({ event, context }) => {
  const a = event.args;
  const row = await credit(context, a.offerId, a.licensee, event.block.timestamp);
  await context.db
    .update(meteredCredit, { id: row.id })
    .set({ unlockAt: a.unlockAt, updatedAt: event.block.timestamp });
});

on('MeteredLicenses:CreditWithdrawn', async ({ event, context }) => {
  const a = event.args;
  const row = await credit(context, a.offerId, a.licensee, event.block.timestamp);
  await context.db
    .update(meteredCredit, { id: row.id })
    .set({ balance: 0n, unlockAt: 0n, updatedAt: event.block.timestamp });
});

on('MeteredLicenses:HostSet', async ({ event, context }) => {
  const a = event.args;
  const id = `${a.modelId}-${lower(a.host)}`;
  await context.db
    .insert(meteredHost)
    .values({
      id,
      modelId: a.modelId,
      host: lower(a.host),
      authorized: a.newAuthorized,
      updatedAt: event.block.timestamp,
    })
    .onConflictDoUpdate({ authorized: a.newAuthorized, updatedAt: event.block.timestamp });
});

on('MeteredLicenses:UsageRedeemed', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(usageRedemption).values({
    id: event.id,
    modelId: a.modelId,
    offerId: a.offerId,
    licensee: lower(a.licensee),
    host: lower(a.host),
    unitsBefore: a.unitsBefore,
    units: a.units,
    amount: a.amount,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  const row = await credit(context, a.offerId, a.licensee, event.block.timestamp);
  const [balance, spent] = [row.balance - a.amount, row.spent + a.amount];
  await context.db
    .update(meteredCredit, { id: row.id })
    .set({ balance, spent, updatedAt: event.block.timestamp });
  const o = await context.db.find(meteredOffer, { id: a.offerId });
  if (o) {
    const [unitsRedeemed, revenue] = [
      o.unitsRedeemed + (a.units - a.unitsBefore),
      o.revenue + a.amount,
    ];
    await context.db.update(meteredOffer, { id: a.offerId }).set({ unitsRedeemed, revenue });
  }
});
