// Marketplace and audit actions: an auditor bonds and passes a version, the owner publishes offers
// in ETH and in the test stablecoin, buyers buy licenses (the first sale of the model in a currency,
// then a later one), a curator joins a model that sells, claims fees, and everyone withdraws.
import {
  encodeFunctionData,
  keccak256,
  parseEther,
  parseUnits,
  toHex,
  zeroAddress,
  type Address,
} from 'viem';
import { marketplaceAbi } from '../../../protocol/generated/contracts.ts';
import type { Bench, SetupTx } from '../bench.ts';
import { curationParameters, listedModels, METADATA_URI, setup } from './curation.ts';

export const ETH = zeroAddress;
export const ETH_PRICE = parseEther('0.05');
export const USD_PRICE = parseUnits('25', 6);
const YEAR = 365n * 24n * 3600n;
const TERMS_HASH = keccak256(toHex('curia-bench:license-terms'));
/** buyLicense's target: at most a plain ERC-20 transfer plus 30,000 gas (issue 8). */
export const BUY_TARGET = { kind: 'baselineGas', gas: 30_000 } as const;
/** A later sale's target, in ETH and in an ERC-20: at most 100,000 gas (issue 17). */
export const LATER_SALE_TARGET = { kind: 'max', value: 100_000 } as const;

export function stablecoinOf(b: Bench) {
  if (!b.stablecoin) {
    throw new Error(
      'the deployment has no TestStablecoin (marketplace.test_stablecoin in the config): the ERC-20 sales cannot be measured',
    );
  }
  return b.stablecoin;
}

export const marketSetup = {
  createOffer: (b: Bench, owner: Address, modelId: bigint, currency: Address, price: bigint) =>
    ({
      from: owner,
      to: b.curia.marketplace.address,
      data: encodeFunctionData({
        abi: marketplaceAbi,
        functionName: 'createOffer',
        args: [modelId, currency, price, YEAR, 0n, METADATA_URI, TERMS_HASH],
      }),
      gas: 500_000n,
      label: `createOffer on ${modelId}`,
    }) satisfies SetupTx,
  buy: (b: Bench, buyer: Address, offerId: bigint, value = 0n) =>
    ({
      from: buyer,
      to: b.curia.marketplace.address,
      data: encodeFunctionData({
        abi: marketplaceAbi,
        functionName: 'buyLicense',
        args: [offerId, buyer],
      }),
      value,
      gas: 600_000n,
      label: `buyLicense ${offerId} by ${buyer}`,
    }) satisfies SetupTx,
  mintUsd: (b: Bench, to: Address, amount: bigint) =>
    ({
      from: to,
      to: stablecoinOf(b).address,
      data: encodeFunctionData({
        abi: stablecoinOf(b).abi,
        functionName: 'mint',
        args: [to, amount],
      }),
      gas: 100_000n,
      label: `mint tUSD to ${to}`,
    }) satisfies SetupTx,
  approveUsd: (b: Bench, from: Address, amount: bigint) =>
    ({
      from,
      to: stablecoinOf(b).address,
      data: encodeFunctionData({
        abi: stablecoinOf(b).abi,
        functionName: 'approve',
        args: [b.curia.marketplace.address, amount],
      }),
      gas: 100_000n,
      label: `approve tUSD by ${from}`,
    }) satisfies SetupTx,
};

/** A buyer with ETH, and with tUSD (twice the price, so a balance remains) approved for one purchase. */
export async function buyers(b: Bench, labels: string[]): Promise<Address[]> {
  const addresses = labels.map((l) => b.address(`buyer-${l}`));
  await b.batch(
    addresses.flatMap((a) => [
      marketSetup.mintUsd(b, a, 2n * USD_PRICE),
      marketSetup.approveUsd(b, a, USD_PRICE),
    ]),
  );
  return addresses;
}

export async function measureMarketplace(b: Bench): Promise<void> {
  const { marketplace, audits, token, curation, timelock } = b.curia;
  const usd = stablecoinOf(b);
  const group = 'Marketplace and audits';
  const p = await curationParameters(b);

  // A listed model with a curator, so that sales pay curator fees.
  const owner = await b.account('creator-market', { cur: p.listingBond });
  const [modelId] = await listedModels(b, owner, 1, 'market');
  const curator = await b.account('market-curator', { cur: parseEther('2000') });
  await b.batch([
    setup.approve(b, curator, parseEther('1000')),
    setup.curation(b, curator, 'stake', [modelId, parseEther('1000')]),
  ]);
  await b.travel(p.challengePeriod + 1n);
  if ((await curation.read.saleStateOf([modelId]))[0] !== true)
    throw new Error('the market model is not listed');

  // An auditor, accredited by the DAO (here the timelock, impersonated: the vote is not measured).
  const minimumBond = await audits.read.minimumBond();
  const auditor = await b.account('auditor', { cur: 2n * minimumBond });
  await b.enable(timelock.address);
  await b.wait(audits.write.accredit([auditor], { account: timelock.address }));
  await b.wait(token.write.approve([audits.address, minimumBond], { account: auditor }));
  await b.record({
    group,
    name: 'postBond (auditor, first bond)',
    tx: () => audits.write.postBond([minimumBond], { account: auditor }),
  });
  await b.record({
    group,
    name: 'submitAudit (Pass, first report on the version)',
    tx: () =>
      audits.write.submitAudit(
        [modelId, 1, 0, [92, 97, 85, 100], METADATA_URI, keccak256(toHex('report')), 0n],
        { account: auditor },
      ),
    note: `${METADATA_URI.length}-char report URI`,
  });

  // Offers.
  await b.record({
    group,
    name: 'createOffer (ETH, 1 year)',
    tx: () =>
      marketplace.write.createOffer([modelId, ETH, ETH_PRICE, YEAR, 0n, METADATA_URI, TERMS_HASH], {
        account: owner,
      }),
  });
  const ethOffer = await marketplace.read.offerCount();
  await b.record({
    group,
    name: 'createOffer (ERC-20, 1 year)',
    tx: () =>
      marketplace.write.createOffer(
        [modelId, usd.address, USD_PRICE, YEAR, 0n, METADATA_URI, TERMS_HASH],
        { account: owner },
      ),
  });
  const usdOffer = await marketplace.read.offerCount();

  // Sales: 5% protocol fee shared by the curator, the passing auditor and the treasury.
  const [eth1, eth2, usd1, usd2] = await buyers(b, ['eth-1', 'eth-2', 'usd-1', 'usd-2']);
  await b.enable(eth1, eth2, usd1, usd2);
  const buy =
    (buyer: Address, offerId: bigint, value = 0n) =>
    () =>
      // Estimated as a wallet would: a sale only fills the model's till, its gas does not depend on the time.
      marketplace.write.buyLicense([offerId, buyer], { account: buyer, value });
  await b.record({
    group,
    name: 'buyLicense (ETH, first sale of the model)',
    tx: buy(eth1, ethOffer, ETH_PRICE),
    baseline: 'erc20Transfer',
    target: BUY_TARGET,
  });
  await b.record({
    group,
    name: 'buyLicense (ETH, later sale)',
    tx: buy(eth2, ethOffer, ETH_PRICE),
    baseline: 'erc20Transfer',
    target: LATER_SALE_TARGET,
  });
  await b.record({
    group,
    name: 'buyLicense (ERC-20, first sale in it)',
    tx: buy(usd1, usdOffer),
    baseline: 'erc20Transfer',
    target: BUY_TARGET,
  });
  await b.record({
    group,
    name: 'buyLicense (ERC-20, later sale)',
    tx: buy(usd2, usdOffer),
    baseline: 'erc20Transfer',
    target: LATER_SALE_TARGET,
    note: 'buyer holds tUSD before and after, exact approve',
  });

  // The tills hold both sales of each currency: settling splits them (creator, auditor, treasury credited; the
  // curators' share starts streaming). Anyone may; claims and stake changes do it too.
  await b.record({
    group,
    name: 'settleSales (1 model, ETH, 2 sales: creator, auditor, treasury, curator stream)',
    tx: () => marketplace.write.settleSales([[modelId], ETH], { account: eth1, gas: 600_000n }),
  });
  await b.record({
    group,
    name: 'settleSales (1 model, ERC-20, 2 sales)',
    tx: () =>
      marketplace.write.settleSales([[modelId], usd.address], { account: eth1, gas: 600_000n }),
  });

  // A curator joining a model that sells pays for a fee checkpoint per currency it sold in.
  const late = await b.account('market-curator-late', { cur: parseEther('2000') });
  await b.wait(token.write.approve([curation.address, parseEther('1000')], { account: late }));
  await b.record({
    group,
    name: 'stake (first, undelegated, model sold in ETH + ERC-20)',
    tx: () => curation.write.stake([modelId, parseEther('1000')], { account: late, gas: 600_000n }),
    baseline: 'erc20Transfer',
    target: { kind: 'max', value: 100_000 },
  });
  await b.record({
    group,
    name: 'claimAll (1 model, ETH + ERC-20 fees)',
    tx: () =>
      marketplace.write.claimAll([[modelId], [ETH, usd.address]], {
        account: curator,
        gas: 600_000n,
      }),
  });
  await b.record({
    group,
    name: 'withdraw (creator, ETH)',
    tx: () => marketplace.write.withdraw([ETH], { account: owner }),
  });
  await b.record({
    group,
    name: 'withdraw (creator, ERC-20)',
    tx: () => marketplace.write.withdraw([usd.address], { account: owner }),
  });
  await b.record({
    group,
    name: 'withdraw (auditor, ETH)',
    tx: () => marketplace.write.withdraw([ETH], { account: auditor }),
  });
  await b.record({
    group,
    name: 'withdraw (treasury, ERC-20)',
    tx: () => marketplace.write.withdraw([usd.address], { account: timelock.address }),
  });
  await b.record({
    group,
    name: 'retireOffer',
    tx: () => marketplace.write.retireOffer([ethOffer], { account: owner }),
  });
}
