// The example pay-per-use inference client and host (scripts/inference-example.ts): cumulative
// receipts, and the host's refusals of every bad receipt, without a chain.
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import {
  checkUsageReceipt,
  MeteredClient,
  type CreditView,
  type MeteredTarget,
} from '../scripts/inference-example.ts';
import { demoAccounts } from '../scripts/lib/accounts.ts';

const [licensee, other, host] = demoAccounts(3).map((a) => privateKeyToAccount(a.privateKey));
const target: MeteredTarget = {
  chainId: 31337,
  meteredLicenses: '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6',
  modelId: 6n,
  offerId: 2n,
  host: host.address,
};
const credit: CreditView = {
  balance: 5_000_000n,
  unlockAt: 0n,
  redeemed: 0n,
  price: 2_000_000n,
  meterUnits: 1000n,
};
const NOW = 1_000n;

describe('MeteredClient', () => {
  it('signs cumulative receipts: each counts on from the last', async () => {
    const client = new MeteredClient(licensee, target, NOW + 60n, 7n);
    const a = await client.receiptFor();
    const b = await client.receiptFor(3n);
    expect([a.receipt.units, b.receipt.units]).toEqual([8n, 11n]);
    expect(client.units).toBe(11n);
    expect(await checkUsageReceipt(a, target, 7n, credit, NOW)).toBeNull();
  });
});

describe('checkUsageReceipt (the host)', () => {
  it('refuses a replayed, skipped-ahead, expired, forged or misaddressed receipt', async () => {
    const client = new MeteredClient(licensee, target, NOW + 60n);
    const first = await client.receiptFor();
    expect(await checkUsageReceipt(first, target, 1n, credit, NOW)).toMatch(/sign one for 2/);
    expect(await checkUsageReceipt(first, target, 0n, credit, NOW + 60n)).toMatch(/expired/);
    const forged = { ...first, signature: await other.signMessage({ message: 'x' }) };
    expect(await checkUsageReceipt(forged, target, 0n, credit, NOW)).toMatch(/not signed/);
    const tampered = { ...first, receipt: { ...first.receipt, licensee: other.address } };
    expect(await checkUsageReceipt(tampered, target, 0n, credit, NOW)).toMatch(/not signed/);
    const elsewhere = new MeteredClient(licensee, { ...target, host: other.address }, NOW + 60n);
    expect(await checkUsageReceipt(await elsewhere.receiptFor(), target, 0n, credit, NOW)).toMatch(
      /another host/,
    );
    const otherOffer = new MeteredClient(licensee, { ...target, offerId: 3n }, NOW + 60n);
    expect(await checkUsageReceipt(await otherOffer.receiptFor(), target, 0n, credit, NOW)).toMatch(
      /another model or offer/,
    );
  });

  it('refuses a call the credit does not cover, or once a withdrawal was asked', async () => {
    // 5 tUSD of credit at 2 tUSD per 1,000 calls covers 2,500 calls.
    const client = new MeteredClient(licensee, target, NOW + 60n, 2499n);
    const last = await client.receiptFor();
    expect(await checkUsageReceipt(last, target, 2499n, credit, NOW)).toBeNull();
    const over = await client.receiptFor();
    expect(await checkUsageReceipt(over, target, 2500n, credit, NOW)).toMatch(/does not cover/);
    expect(
      await checkUsageReceipt(last, target, 2499n, { ...credit, unlockAt: NOW + 1n }, NOW),
    ).toMatch(/withdraw/);
  });
});
