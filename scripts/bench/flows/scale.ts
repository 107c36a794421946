// Scale: stake, claim and slash (finalize) on models that already have 1, 10, 100 and 1,000
// curators. Curia never loops over curators, so the gas must not move: the spread
// (max - min) / min is reported against the 1% target.
import { parseEther, type Address } from 'viem';
import type { Bench, SetupTx } from '../bench.ts';
import { curationParameters, listedModels, METADATA_URI, contentHash, setup } from './curation.ts';
import { buyers, ETH, ETH_PRICE, marketSetup, stablecoinOf, USD_PRICE } from './marketplace.ts';

export const SIZES = [1, 10, 100, 1_000] as const;
const BACKGROUND_STAKE = parseEther('10');
const MEASURED_STAKE = parseEther('100');
const REMOVE = 1;
const QUALITY = 0;

const int = new Intl.NumberFormat('en-US');
const curators = (n: number) => `${int.format(n)} curator${n === 1 ? '' : 's'}`;

/** Adds the spread row of one action measured at every size. */
export function recordSpread(b: Bench, group: string, action: string, gas: number[]): void {
  const min = Math.min(...gas);
  const max = Math.max(...gas);
  b.derive({
    group,
    name: `${action}: spread over ${SIZES.map((n) => int.format(n)).join('/')} curators`,
    value: ((max - min) / min) * 100,
    unit: '%',
    target: { kind: 'max', value: 1 },
    note: `min ${int.format(min)}, max ${int.format(max)} gas`,
  });
}

export async function measureScale(b: Bench, log: (line: string) => void): Promise<void> {
  const { curation } = b.curia;
  const group = 'Scale (curators already on the model)';
  const p = await curationParameters(b);
  const owner = await b.account('creator-scale', { cur: BigInt(SIZES.length) * p.listingBond });
  const models = await listedModels(b, owner, SIZES.length, 'scale');

  // Background curator i stakes on every model whose size is at least i: 1,000 curators, 1,111
  // stakes. Their funding and approvals go in one batch, the stakes in the next.
  const largest = SIZES[SIZES.length - 1];
  const background = Array.from({ length: largest }, (_, i) => b.address(`curator-${i + 1}`));
  const modelsOf = (i: number) => models.filter((_, m) => SIZES[m] > i);
  // The measured accounts: one curator and two challengers per size, all fresh.
  const fresh = (what: string) => SIZES.map((n) => b.address(`${what}-${n}`));
  const stakers = fresh('scale-curator');
  const keepChallengers = fresh('scale-challenger-keep');
  const removeChallengers = fresh('scale-challenger-remove');
  const started = Date.now();
  const funding: SetupTx[] = [];
  background.forEach((c, i) => {
    funding.push(setup.transfer(b, b.funder, c, BACKGROUND_STAKE * BigInt(modelsOf(i).length)));
    funding.push(setup.approve(b, c));
  });
  SIZES.forEach((_, m) => {
    funding.push(setup.transfer(b, b.funder, stakers[m], 2n * MEASURED_STAKE));
    funding.push(setup.approve(b, stakers[m], MEASURED_STAKE));
    for (const x of [keepChallengers[m], removeChallengers[m]]) {
      funding.push(setup.transfer(b, b.funder, x, p.challengeDeposit));
      funding.push(setup.approve(b, x, p.challengeDeposit));
    }
  });
  await b.batch(funding);
  await b.batch(
    background.flatMap((c, i) =>
      modelsOf(i).map((id) => setup.curation(b, c, 'stake', [id, BACKGROUND_STAKE])),
    ),
  );
  for (const [m, n] of SIZES.entries()) {
    const [active] = await curation.read.stakeOf([models[m]]);
    if (active !== BACKGROUND_STAKE * BigInt(n)) {
      throw new Error(`model ${models[m]} should have ${n} curators' stake, has ${active} wei`);
    }
  }
  log(
    `  ${background.length} curators, ${SIZES.reduce((a, n) => a + n, 0)} stakes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  await b.enable(...stakers);
  const stake: number[] = [];
  for (const [m, n] of SIZES.entries()) {
    stake.push(
      await b.record({
        group,
        name: `stake, ${curators(n)}`,
        tx: () => curation.write.stake([models[m], MEASURED_STAKE], { account: stakers[m] }),
      }),
    );
  }

  // Sales, once the models are listed: each model has an ETH and an ERC-20 offer and one earlier
  // sale in each, then a fresh buyer buys.
  await b.travel(p.challengePeriod + 1n);
  const usd = stablecoinOf(b).address;
  const firstOffer = (await b.curia.marketplace.read.offerCount()) + 1n;
  const ethOffer = (m: number) => firstOffer + 2n * BigInt(m);
  const usdOffer = (m: number) => ethOffer(m) + 1n;
  await b.batch(
    models.flatMap((id) => [
      marketSetup.createOffer(b, owner, id, ETH, ETH_PRICE),
      marketSetup.createOffer(b, owner, id, usd, USD_PRICE),
    ]),
  );
  const [warm] = await buyers(b, ['scale-warm']);
  await b.batch([
    marketSetup.mintUsd(b, warm, USD_PRICE * BigInt(SIZES.length)),
    marketSetup.approveUsd(b, warm, USD_PRICE * BigInt(SIZES.length)),
    ...models.flatMap((_, m) => [
      marketSetup.buy(b, warm, ethOffer(m), ETH_PRICE),
      marketSetup.buy(b, warm, usdOffer(m)),
    ]),
  ]);
  const ethBuyers = await buyers(
    b,
    SIZES.map((n) => `scale-eth-${n}`),
  );
  const usdBuyers = await buyers(
    b,
    SIZES.map((n) => `scale-usd-${n}`),
  );
  await b.enable(...ethBuyers, ...usdBuyers);
  const buyEth: number[] = [];
  const buyUsd: number[] = [];
  for (const [m, n] of SIZES.entries()) {
    buyEth.push(
      await b.record({
        group,
        name: `buyLicense (ETH), ${curators(n)}`,
        tx: () =>
          b.curia.marketplace.write.buyLicense([ethOffer(m), ethBuyers[m]], {
            account: ethBuyers[m],
            value: ETH_PRICE,
          }),
        baseline: 'erc20Transfer',
      }),
    );
  }
  for (const [m, n] of SIZES.entries()) {
    buyUsd.push(
      await b.record({
        group,
        name: `buyLicense (ERC-20), ${curators(n)}`,
        tx: () =>
          b.curia.marketplace.write.buyLicense([usdOffer(m), usdBuyers[m]], {
            account: usdBuyers[m],
          }),
        baseline: 'erc20Transfer',
      }),
    );
  }

  // A failed challenge shares its deposit with the curators; then each measured curator claims.
  const challengeAll = (challengers: Address[]) =>
    b.batch(
      models.map((id, m) =>
        setup.curation(b, challengers[m], 'challenge', [
          id,
          0,
          QUALITY,
          METADATA_URI,
          contentHash(`scale-evidence-${challengers[m]}`),
        ]),
      ),
    );
  const resolveAll = () =>
    b.batch(models.map((id) => setup.curation(b, b.funder, 'resolve', [id])));
  await challengeAll(keepChallengers);
  await b.travel(p.disputeDelay + p.votingPeriod + 1n);
  await resolveAll();
  const claim: number[] = [];
  for (const [m, n] of SIZES.entries()) {
    claim.push(
      await b.record({
        group,
        name: `claim (1 model), ${curators(n)}`,
        tx: () => curation.write.claim([[models[m]]], { account: stakers[m] }),
      }),
    );
  }

  // A successful challenge: removed by the vote, no appeal, then finalize slashes every curator.
  await challengeAll(removeChallengers);
  // Votes open after the dispute's voting delay (the snapshot is taken after the challenge is public).
  await b.travel(p.disputeDelay + 1n);
  const whale = b.demo[1].address;
  const disputes = await Promise.all(
    models.map(async (id) => (await curation.read.listingOf([id])).openDispute),
  );
  await b.batch(
    disputes.map((d) => setup.curation(b, whale, 'voteOnDispute', [BigInt(d), REMOVE, ''])),
  );
  await b.travel(p.votingPeriod + 1n);
  await resolveAll();
  await b.travel(p.appealWindow + 1n);
  const slash: number[] = [];
  for (const [m, n] of SIZES.entries()) {
    slash.push(
      await b.record({
        group,
        name: `finalize (slash), ${curators(n)}`,
        tx: () => curation.write.finalize([models[m]], { account: b.funder }),
      }),
    );
  }

  recordSpread(b, group, 'stake', stake);
  recordSpread(b, group, 'claim', claim);
  recordSpread(b, group, 'finalize (slash)', slash);
  recordSpread(b, group, 'buyLicense (ETH)', buyEth);
  recordSpread(b, group, 'buyLicense (ERC-20)', buyUsd);
}
