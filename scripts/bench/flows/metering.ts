// Pay-per-use licenses (MeteredLicenses): the owner publishes a per-download offer and authorizes a
// host; licensees deposit credit (the first deposit of an account, then a top-up); the host redeems
// one licensee's latest usage receipt (the first redemption of the model, then a later one), and the
// receipts of 50 licensees in one batch (reported per receipt), each beside a plain ERC-20 transfer.
import { keccak256, parseEther, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { usageReceiptTypedData, type UsageReceipt } from '../../../protocol/usage.ts';
import type { Bench } from '../bench.ts';
import { curationParameters, listedModels, METADATA_URI } from './curation.ts';

const UNIT_PRICE = parseEther('0.002');
const TERMS_HASH = keccak256(toHex('curia-bench:metered-terms'));
const BATCH = 50;

export async function measureMetering(b: Bench): Promise<void> {
  const { metering } = b.curia;
  const group = 'Pay per use';
  const p = await curationParameters(b);
  const owner = await b.account('creator-metered', { cur: p.listingBond });
  const [modelId] = await listedModels(b, owner, 1, 'metered');
  await b.travel(p.challengePeriod + 1n);

  await b.record({
    group,
    name: 'createMeteredOffer (ETH, per download)',
    tx: () =>
      metering.write.createMeteredOffer(
        [modelId, zeroAddress, UNIT_PRICE, 1n, METADATA_URI, TERMS_HASH],
        { account: owner },
      ),
  });
  const offerId = await metering.read.meteredOfferCount();
  const host = await b.account('metered-host');
  await b.record({
    group,
    name: 'setHost (authorize a host)',
    tx: () => metering.write.setHost([modelId, host, true], { account: owner }),
  });

  // Licensees with keys (they sign receipts); a payer deposits for them (anyone may fund a credit).
  const licensees = Array.from({ length: BATCH + 1 }, (_, i) => b.key(`metered-licensee-${i}`));
  const payer = await b.account('metered-payer');
  const deposit = (licensee: Address, amount: bigint) => () =>
    metering.write.depositCredit([offerId, licensee, amount], { account: payer, value: amount });
  await b.record({
    group,
    name: 'depositCredit (first credit of the licensee)',
    tx: deposit(licensees[0].address, parseEther('0.05')),
    baseline: 'erc20Transfer',
  });
  await b.record({
    group,
    name: 'depositCredit (top-up)',
    tx: deposit(licensees[0].address, parseEther('0.05')),
    baseline: 'erc20Transfer',
  });
  for (const l of licensees.slice(1)) await b.wait(deposit(l.address, parseEther('0.05'))());

  const chainId = b.chain.id;
  const expiry = (await b.now()) + 30n * 24n * 3600n;
  const sign = async (i: number, units: bigint) => {
    const receipt: UsageReceipt = {
      modelId,
      offerId,
      licensee: licensees[i].address,
      host,
      units,
      expiry,
    };
    const signature: Hex = await licensees[i].signTypedData(
      usageReceiptTypedData(chainId, metering.address, receipt),
    );
    return { receipt, signature };
  };
  const redeem = (signed: { receipt: UsageReceipt; signature: Hex }[]) => () =>
    metering.write.redeemUsage([signed.map((s) => s.receipt), signed.map((s) => s.signature)], {
      account: host,
      gas: 10_000_000n,
    });

  await b.record({
    group,
    name: 'redeemUsage (1 receipt, first redemption of the model)',
    tx: redeem([await sign(0, 3n)]),
    baseline: 'erc20Transfer',
  });
  await b.record({
    group,
    name: 'redeemUsage (1 receipt, later: the same licensee used more)',
    tx: redeem([await sign(0, 5n)]),
    baseline: 'erc20Transfer',
  });
  const batch = await Promise.all(Array.from({ length: BATCH }, (_, i) => sign(i + 1, 10n)));
  const total = await b.record({
    group,
    name: `redeemUsage (${BATCH} licensees in one batch, whole transaction)`,
    tx: redeem(batch),
  });
  b.derive({
    group,
    name: `redeemUsage (${BATCH} licensees in one batch, per receipt)`,
    value: Math.round(total / BATCH),
    unit: 'gas',
    baseline: b.baselines.get('erc20Transfer'),
    note: `${total.toLocaleString('en-US')} gas / ${BATCH}: each a first redemption of its licensee; one sale to the marketplace for the batch`,
  });
  await b.enable(licensees[0].address);
  await b.record({
    group,
    name: 'requestCreditWithdrawal',
    tx: () => metering.write.requestCreditWithdrawal([offerId], { account: licensees[0].address }),
  });
}
