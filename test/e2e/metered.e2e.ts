// Pay per use, the whole journey (issue 19) on the seeded world: a buyer deposits credit on a
// model's per-download offer in the portal, downloads the listed version three times through the
// gateway with signed cumulative receipts (the first from the model page, the wallet signing it) (each file's sha-256 is the chain's content hash), the
// gateway's host redeems the latest receipt on chain, the split is made like a sale's, the owner
// sees the three downloads and the earnings in the portal, and a curator's claimable fees grow by
// exactly their share of the curators' part.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEther, parseEventLogs, zeroAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts, fundRelayer, GATEWAY_HOST } from '../../scripts/lib/accounts.ts';
import {
  downloadFile,
  gatewayToken,
  redeemReceipts,
  signUsageReceipt,
} from '../../scripts/lib/gateway.ts';
import { parseCard } from '../../protocol/card.ts';
import { cidOfUri, sha256Hex } from '../../protocol/cid.ts';
import {
  curationRegistryAbi,
  marketplaceAbi,
  meteredLicensesAbi,
  modelRegistryAbi,
} from '../../protocol/generated/contracts.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, done, portalPages, see } from './lib/ui.ts';
import { createWorld, type World } from './lib/world.ts';

let stack: Stack;
let world: World;
let tmp: string;
const ACCOUNTS = demoAccounts(14);
// Demo accounts signed in the page (10-13) and other seeded buyers: the first with neither a
// license of the model nor credit on the offer is the buyer (a license would serve the download
// without a receipt).
const BUYERS = [12, 10, 13, 11, 8, 5];
const PRECISION = 10n ** 36n;
const WEEK = 7 * 24 * 3600;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-metered-e2e-'));
  process.env.CURIA_ACCOUNTS_DB_DIR = path.join(tmp, 'accounts');
  stack = await startStack({ seed: true });
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  delete process.env.CURIA_ACCOUNTS_DB_DIR;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const { open, visit } = portalPages('metered', () => stack);

it('a buyer deposits credit, downloads three times, the host redeems; owner and curator are paid exactly', async () => {
  const c = stack.manifest.contracts as Record<string, Address>;
  const key = Object.keys(stack.seeded?.world?.meteredOffers ?? {}).find((k) =>
    k.endsWith(':download'),
  );
  expect(key, 'a seeded per-download offer').toBeDefined();
  const offerId = BigInt(stack.seeded!.world!.meteredOffers[key!]);
  const offer = await world.publicClient.readContract({
    address: c.MeteredLicenses,
    abi: meteredLicensesAbi,
    functionName: 'getMeteredOffer',
    args: [offerId],
  });
  const modelId = BigInt(offer.modelId);
  const owner = await world.publicClient.readContract({
    address: c.ModelRegistry,
    abi: modelRegistryAbi,
    functionName: 'ownerOf',
    args: [modelId],
  });
  const ownerIndex = ACCOUNTS.findIndex((a) => a.address === owner);
  let BUYER = -1;
  for (const i of BUYERS) {
    const a = ACCOUNTS[i].address;
    const [[licensed], credit] = await Promise.all([
      world.publicClient.readContract({
        address: c.Marketplace,
        abi: marketplaceAbi,
        functionName: 'hasValidLicense',
        args: [modelId, a],
      }),
      world.publicClient.readContract({
        address: c.MeteredLicenses,
        abi: meteredLicensesAbi,
        functionName: 'creditOf',
        args: [offerId, a],
      }),
    ]);
    if (!licensed && credit.balance === 0n) {
      BUYER = i;
      break;
    }
  }
  expect(BUYER, 'a seeded buyer without a license or credit').toBeGreaterThan(-1);
  const buyer = privateKeyToAccount(ACCOUNTS[BUYER].privateKey);

  // 1. The buyer deposits 0.01 ETH of credit in the portal.
  const { page, errors } = await open();
  await visit(page, `/models/${modelId}`);
  await connectDemo(page, BUYER);
  const amount = page.getByTestId(`credit-amount-${offerId}`);
  await amount.waitFor({ state: 'visible', timeout: 60_000 });
  await amount.fill('0.01');
  await click(page, 'Deposit credit');
  await done(page, 'Deposit 0.01 ETH of credit', 90_000);
  await page
    .locator(`[data-testid="credit-${offerId}"][data-wei="${parseEther('0.01')}"]`)
    .waitFor({ timeout: 30_000 });
  expect(errors).toEqual([]);

  // 2. Three downloads of the listed version through the gateway, each with a cumulative receipt.
  const versionNumber = Number(
    await world.publicClient.readContract({
      address: c.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'versionCount',
      args: [modelId],
    }),
  );
  const v = await world.publicClient.readContract({
    address: c.ModelRegistry,
    abi: modelRegistryAbi,
    functionName: 'getVersion',
    args: [modelId, versionNumber],
  });
  const card = parseCard(
    fs.readFileSync(path.join(stack.docsDir, cidOfUri(v.metadataURI)!), 'utf8'),
  ).card;
  // The first in the page: the buyer signs in, the wallet signs the receipt for unit 1, and the
  // browser saves the file.
  await page.getByTestId('download-sign-in').getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('download-per-use-hint').waitFor({ timeout: 20_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('download-per-use').first().click(),
  ]);
  expect(download.suggestedFilename()).toBe(card.files[0].name);
  const saved = path.join(tmp, 'download-page');
  await download.saveAs(saved);
  expect(await sha256Hex(fs.readFileSync(saved))).toBe(v.contentHash);
  await page.getByTestId('download-done').waitFor();
  expect(errors).toEqual([]);
  // Then two more from a script, each receipt one unit on (cumulative).
  const { token } = await gatewayToken(stack.portalUrl, buyer, stack.chainId);
  const expiry = (await world.publicClient.getBlock()).timestamp + 30n * 24n * 3600n;
  for (let units = 2n; units <= 3n; units++) {
    const got = await downloadFile({
      portalUrl: stack.portalUrl,
      token,
      modelId,
      version: versionNumber,
      file: card.files[0].name,
      dest: path.join(tmp, `download-${units}`),
      receipt: await signUsageReceipt(buyer, stack.chainId, c.MeteredLicenses, {
        modelId,
        offerId,
        host: GATEWAY_HOST.address,
        units,
        expiry,
      }),
    });
    expect(got.sha256).toBe(v.contentHash);
  }

  // Earlier sales of the model are split, and their curator fees have streamed, before the
  // redemption: what changes afterwards is the redemption's alone.
  const ada = world.wallets[0];
  await world.send(
    ada.writeContract({
      address: c.Marketplace,
      abi: marketplaceAbi,
      functionName: 'settleSales',
      args: [[modelId], zeroAddress],
    }),
  );
  await world.increaseTime(WEEK + 60);
  const curators = await Promise.all(
    ACCOUNTS.map(async (a, i) => ({
      i,
      active: (
        await world.publicClient.readContract({
          address: c.CurationRegistry,
          abi: curationRegistryAbi,
          functionName: 'positionOf',
          args: [modelId, a.address],
        })
      ).active,
    })),
  );
  const curator = curators.find((x) => x.active > 0n);
  expect(curator, 'a curator staked on the model').toBeDefined();
  const [totalActive] = await world.publicClient.readContract({
    address: c.CurationRegistry,
    abi: curationRegistryAbi,
    functionName: 'stakeOf',
    args: [modelId],
  });
  const pendingOf = () =>
    world.publicClient.readContract({
      address: c.Marketplace,
      abi: marketplaceAbi,
      functionName: 'pendingCuratorFees',
      args: [modelId, ACCOUNTS[curator!.i].address, zeroAddress],
    });
  const owedToOwner = () =>
    world.publicClient.readContract({
      address: c.Marketplace,
      abi: marketplaceAbi,
      functionName: 'owed',
      args: [owner, zeroAddress],
    });
  const pendingBefore = await pendingOf();
  const owedBefore = await owedToOwner();

  // 3. The host redeems the latest receipt: exactly three downloads' worth leaves the credit.
  await fundRelayer(stack.rpcUrl, GATEWAY_HOST.address);
  const { hash } = await redeemReceipts({
    portalUrl: stack.portalUrl,
    rpcUrl: stack.rpcUrl,
    chainId: stack.chainId,
    meteredLicenses: c.MeteredLicenses,
    host: privateKeyToAccount(GATEWAY_HOST.privateKey),
  });
  expect(hash).toMatch(/^0x/);
  const paid = (3n * offer.price) / BigInt(offer.meterUnits);
  const credit = await world.publicClient.readContract({
    address: c.MeteredLicenses,
    abi: meteredLicensesAbi,
    functionName: 'creditOf',
    args: [offerId, buyer.address],
  });
  expect(credit.balance).toBe(parseEther('0.01') - paid);

  // 4. Split like a sale: the creator is credited its part, the curators' part streams to them.
  const settled = await world.send(
    ada.writeContract({
      address: c.Marketplace,
      abi: marketplaceAbi,
      functionName: 'settleSales',
      args: [[modelId], zeroAddress],
    }),
  );
  const [ev] = parseEventLogs({
    abi: marketplaceAbi,
    eventName: 'SalesSettled',
    logs: settled.logs,
  });
  expect(ev.args.amount).toBe(paid);
  const split = ev.args.split;
  expect(split.creator + split.royalties + split.curators + split.auditors + split.treasury).toBe(
    paid,
  );
  expect((await owedToOwner()) - owedBefore).toBe(split.creator);
  await world.increaseTime(WEEK + 60);
  const share = (curator!.active * ((split.curators * PRECISION) / totalActive)) / PRECISION;
  expect(share).toBeGreaterThan(0n);
  expect((await pendingOf()) - pendingBefore).toBe(share);

  // 5. The owner sees the three downloads and the earnings.
  const own = await open();
  await visit(own.page, `/models/${modelId}/downloads`);
  await connectDemo(own.page, ownerIndex);
  await click(own.page, 'Sign in');
  await own.page.getByTestId('downloads-by-account').waitFor({ state: 'visible', timeout: 30_000 });
  const row = own.page.getByTestId('downloads-by-account').locator('tr', {
    has: own.page.locator(`a[title^="${buyer.address}"]`),
    hasText: `v${versionNumber}`,
  });
  await row.first().waitFor({ state: 'visible' });
  expect(Number(await row.first().locator('td[data-label="Downloads"]').textContent())).toBe(3);
  await visit(own.page, `/models/${modelId}`);
  const earnings = own.page.getByTestId('earnings-ETH');
  await earnings.waitFor({ state: 'visible', timeout: 60_000 });
  await see(own.page, 'Your earnings');
  expect(BigInt((await earnings.getAttribute('data-wei')) ?? '0')).toBe(await owedToOwner());

  // 6. The buyer asks for its credit back. The page says first what that does (hosts stop at once,
  // for how long, and that it cannot be taken back); then the deposit field goes, since a deposit
  // would not be served until the credit is withdrawn.
  await click(page, 'Ask to withdraw');
  const question = page.getByTestId(`withdraw-confirm-${offerId}`);
  await expect
    .poll(async () => (await question.textContent())?.replace(/\s+/g, ' '))
    .toContain(
      'stops every host serving you under this offer, from now on. The credit unlocks in 2 days',
    );
  await click(page, 'Yes, ask to withdraw');
  await done(page, 'Ask to withdraw the credit', 90_000);
  await amount.waitFor({ state: 'detached', timeout: 30_000 });
  expect(
    (await page.getByTestId(`credit-${offerId}`).textContent())?.replace(/\s+/g, ' '),
  ).toContain('Withdrawal asked: it unlocks');
  const asked = await world.publicClient.readContract({
    address: c.MeteredLicenses,
    abi: meteredLicensesAbi,
    functionName: 'creditOf',
    args: [offerId, buyer.address],
  });
  expect(asked.unlockAt).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
