// The example pay-per-use inference client and host (scripts/inference-example.ts): cumulative
// receipts, and the host's refusals of every bad receipt, without a chain.
import { verifyTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import {
  receiptRefusal,
  usageReceiptTypedData,
  type ReceiptCheckContext,
  type SignedUsageReceipt,
} from '../protocol/usage.ts';
import { MeteredClient, type MeteredTarget } from '../scripts/inference-example.ts';
import { demoAccounts } from '../scripts/lib/accounts.ts';

const [licensee, other, host] = demoAccounts(3).map((a) => privateKeyToAccount(a.privateKey));
const target: MeteredTarget = {
  chainId: 31337,
  meteredLicenses: '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6',
  modelId: 6n,
  offerId: 2n,
  host: host.address,
};
const NOW = 1_000n;

/** What the example host checks a receipt against: 5 tUSD of credit at 2 tUSD per 1,000 calls. */
function ctx(counted: bigint, over: Partial<ReceiptCheckContext> = {}): ReceiptCheckContext {
  return {
    modelId: target.modelId,
    offerId: target.offerId,
    host: target.host,
    nowS: NOW,
    offer: { modelId: target.modelId, price: 2_000_000n, meterUnits: 1000n },
    credit: { balance: 5_000_000n, unlockAt: 0n },
    redeemed: 0n,
    counted,
    isHost: true,
    verify: ({ receipt, signature }: SignedUsageReceipt) =>
      verifyTypedData({
        address: receipt.licensee,
        ...usageReceiptTypedData(target.chainId, target.meteredLicenses, receipt),
        signature,
      }),
    ...over,
  };
}
const reason = async (signed: SignedUsageReceipt, c: ReceiptCheckContext) =>
  (await receiptRefusal(signed, c))?.reason ?? null;

describe('MeteredClient', () => {
  it('signs cumulative receipts: each counts on from the last', async () => {
    const client = new MeteredClient(licensee, target, NOW + 60n, 7n);
    const a = await client.receiptFor();
    const b = await client.receiptFor(3n);
    expect([a.receipt.units, b.receipt.units]).toEqual([8n, 11n]);
    expect(client.units).toBe(11n);
    expect(await reason(a, ctx(7n))).toBeNull();
  });
});

describe('receiptRefusal (the example host)', () => {
  it('refuses a replayed, skipped-ahead, expired, forged or misaddressed receipt', async () => {
    const client = new MeteredClient(licensee, target, NOW + 60n);
    const first = await client.receiptFor();
    expect(await reason(first, ctx(1n))).toMatch(/Sign one for 2 units/);
    expect(await reason(first, ctx(0n, { nowS: NOW + 60n }))).toMatch(/expired/);
    const forged = { ...first, signature: await other.signMessage({ message: 'x' }) };
    expect(await reason(forged, ctx(0n))).toMatch(/signature is not/);
    const tampered = { ...first, receipt: { ...first.receipt, licensee: other.address } };
    expect(await reason(tampered, ctx(0n))).toMatch(/signature is not/);
    const elsewhere = new MeteredClient(licensee, { ...target, host: other.address }, NOW + 60n);
    expect(await reason(await elsewhere.receiptFor(), ctx(0n))).toMatch(/names host/);
    const otherOffer = new MeteredClient(licensee, { ...target, offerId: 3n }, NOW + 60n);
    expect(await reason(await otherOffer.receiptFor(), ctx(0n))).toMatch(/not offer 2/);
    const otherModel = new MeteredClient(licensee, { ...target, modelId: 7n }, NOW + 60n);
    expect(await reason(await otherModel.receiptFor(), ctx(0n))).toMatch(/not model 6/);
    expect(await reason(first, ctx(0n, { isHost: false }))).toMatch(/not authorized/);
  });

  it('refuses a call the credit does not cover, or once a withdrawal was asked', async () => {
    // 5 tUSD of credit at 2 tUSD per 1,000 calls covers 2,500 calls.
    const client = new MeteredClient(licensee, target, NOW + 60n, 2499n);
    const last = await client.receiptFor();
    expect(await reason(last, ctx(2499n))).toBeNull();
    const over = await client.receiptFor();
    expect(await reason(over, ctx(2500n))).toMatch(/does not cover/);
    expect(
      await reason(last, ctx(2499n, { credit: { balance: 5_000_000n, unlockAt: NOW + 1n } })),
    ).toMatch(/withdraw/);
  });
});
