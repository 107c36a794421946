// Charts, reputation and delegates from the index: the treasury's fee chart shows the sales made
// here with the fees the chain recorded, a creator's and a challenger's record read as the chain
// says, and the top delegate is the one with the most votes. Light, dark and a phone's width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  formatEther,
  getAddress,
  parseEther,
  parseEventLogs,
  zeroAddress,
  type Address,
} from 'viem';
import { curationRegistryAbi, marketplaceAbi } from '../../protocol/generated/contracts.ts';
import { createWorld, CUR, type World } from './lib/world.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { connectDemo, portalPages, screenshot, see } from './lib/ui.ts';

let stack: Stack;
let world: World;
let nimbus: bigint;
let stratus: bigint;
let disputeId: bigint;
const fees = { sales: 0, volume: 0n, curators: 0n, auditors: 0n, treasury: 0n };

/** An address as the portal shows it: short, in its checksum case whatever case the index holds. */
const short = (a: string) => `${getAddress(a).slice(0, 6)}…${getAddress(a).slice(-4)}`;
/** An element's text as a person reads it (white space collapsed). */
const text = async (l: { textContent(): Promise<string | null> }) =>
  ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const eth = (wei: bigint) => `${formatEther(wei)} ETH`;

const t0 = Date.now();
const step = (what: string) =>
  console.log(`[insights ${Math.round((Date.now() - t0) / 1000)} s] ${what}`);

beforeAll(async () => {
  stack = await startStack();
  step('stack up');
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  const { wallets, accounts, send, curation } = world;
  const market = { address: stack.manifest.contracts.Marketplace as Address, abi: marketplaceAbi };

  // Votes: 0 and 1 for themselves; 4 and 5 give theirs to 6, who then has the most.
  for (const i of [0, 1, 6]) await world.delegateSelf(i);
  for (const i of [4, 5]) {
    await send(
      wallets[i].writeContract({
        ...world.token,
        functionName: 'delegate',
        args: [accounts[6].address],
      }),
    );
  }

  step('delegated');
  // Bea (1) creates two models; Dan (3) stakes on the first.
  nimbus = await world.registerModel(1, { name: 'Nimbus 3B', description: 'A small model.' });
  stratus = await world.registerModel(1, { name: 'Stratus Vision', description: 'Images.' });
  await world.applyForListing(1, nimbus);
  await world.applyForListing(1, stratus);
  await world.stake(3, nimbus, 5_000n * CUR);

  step('models listed');
  // Hiro (7) challenges Stratus; the vote removes it; nobody appeals: delisted.
  await world.increaseTime(2);
  await world.approve(7, curation.address, 10_000n * CUR);
  const challenged = await send(
    wallets[7].writeContract({
      ...curation,
      functionName: 'challenge',
      args: [stratus, 0, 0, 'ipfs://evidence', `0x${'11'.repeat(32)}`],
    }),
  );
  [
    {
      args: { disputeId },
    },
  ] = parseEventLogs({
    abi: curationRegistryAbi,
    eventName: 'Challenged',
    logs: challenged.logs,
  });
  // Votes open after the snapshot, the dispute voting delay after the challenge.
  await world.increaseTime(Number(await world.parameter(13)) + 1);
  await send(
    wallets[6].writeContract({
      ...curation,
      functionName: 'voteOnDispute',
      args: [disputeId, 1, 'Not what it says.'],
    }),
  );
  await world.increaseTime(Number(await world.parameter(3)) + 1);
  await send(wallets[0].writeContract({ ...curation, functionName: 'resolve', args: [stratus] }));
  await world.increaseTime(Number(await world.parameter(6)) + 1);
  await send(wallets[0].writeContract({ ...curation, functionName: 'finalize', args: [stratus] }));

  step('Stratus delisted');
  // Nimbus is listed by now: two sales in ETH, at two prices.
  for (const [price, buyer] of [
    [parseEther('1'), 8],
    [parseEther('0.25'), 9],
  ] as const) {
    const created = await send(
      wallets[1].writeContract({
        ...market,
        functionName: 'createOffer',
        args: [nimbus, zeroAddress, price, 0n, 0n, 'ipfs://terms', `0x${'22'.repeat(32)}`],
      }),
    );
    const [offer] = parseEventLogs({
      abi: marketplaceAbi,
      eventName: 'OfferCreated',
      logs: created.logs,
    });
    await send(
      wallets[buyer].writeContract({
        ...market,
        functionName: 'buyLicense',
        args: [offer.args.offerId, accounts[buyer].address],
        value: price,
      }),
    );
    // A sale fills the model's till; settling it splits it (here at once, so each split is one sale's).
    const settled = await send(
      wallets[buyer].writeContract({
        ...market,
        functionName: 'settleSales',
        args: [[nimbus], zeroAddress],
      }),
    );
    const [split] = parseEventLogs({
      abi: marketplaceAbi,
      eventName: 'SalesSettled',
      logs: settled.logs,
    });
    fees.sales += 1;
    fees.volume += price;
    fees.curators += split.args.split.curators;
    fees.auditors += split.args.split.auditors;
    fees.treasury += split.args.split.treasury;
  }
  step('sales made');
  await stack.indexed();
  step('indexed');
}, 900_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('insights', () => stack);

describe('insights from the index', () => {
  it('charts the fees of the sales with the amounts the chain recorded', async () => {
    expect(fees.treasury).toBeGreaterThan(0n);
    const { page, context, errors } = await open();
    await visit(page, '/treasury');
    const chart = page.getByTestId('fees-ETH');
    await chart.waitFor({ timeout: 30_000 });
    const fee = fees.curators + fees.auditors + fees.treasury;
    await expect
      .poll(() => text(chart.locator('.summary')))
      .toBe(
        `2 sales for ${eth(fees.volume)}; fees ${eth(fee)}, of which ${eth(fees.treasury)} to the treasury.`,
      );
    // The data table (the chart's text alternative) holds the exact shares of the day.
    await click(chart, 'Show the data');
    const cells = await chart.locator('tbody tr').last().locator('td').allTextContents();
    expect(cells).toEqual([eth(fees.curators), eth(fees.auditors), eth(fees.treasury)]);
    // The SVG is labelled, and the bars are drawn.
    await expect(chart.locator('svg[role=img] title').first().textContent()).resolves.toBe(
      'Fees in ETH',
    );
    expect(await chart.locator('svg rect').count()).toBeGreaterThan(0);
    // The stake chart holds Dan's stake; no proposals yet.
    await expect
      .poll(() => text(page.getByTestId('stake-chart').locator('.summary')))
      .toMatch(/Curators hold [\d,.]+ CUR/);
    await see(page, 'No proposals yet.');
    await see(page, /From the index, up to block/);
    // Weeks: still the same two sales.
    await page.getByText('Weeks', { exact: true }).click();
    await expect.poll(() => text(chart.locator('.summary'))).toMatch(/^2 sales/);
    await screenshot(page, 'insights-01-treasury-charts');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads a creator’s and a challenger’s record, in light and dark, on a phone', async () => {
    const bea = world.accounts[1].address;
    const hiro = world.accounts[7].address;
    const { page, context, errors } = await open({
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
    });
    await visit(page, `/reputation/${bea}`);
    const creator = page.getByTestId('rep-creator');
    await expect
      .poll(() => text(creator.locator('p').first()))
      .toMatch(/Registered 2 models: 1 listed now, 1 delisted\./);
    await creator.getByRole('link', { name: 'Nimbus 3B' }).waitFor();
    await creator.getByRole('link', { name: 'Stratus Vision' }).waitFor();
    // Earnings read with their amount and currency ("Earned 19.98 tUSD from a sale …").
    await see(page, /Earned .+ from a sale/);
    await screenshot(page, 'insights-02-creator-phone-dark');

    // From the dispute, the challenger's address links to the challenger's record.
    await visit(page, `/disputes/${disputeId}`);
    await page
      .getByRole('link', { name: new RegExp(short(hiro), 'i') })
      .first()
      .click();
    await page.waitForURL(new RegExp(`/reputation/${hiro}$`, 'i'));
    const challenger = page.getByTestId('rep-challenger');
    await expect
      .poll(() => text(challenger.locator('p').first()))
      .toMatch(/Opened 1 dispute: won 1 \(the model was delisted\), lost 0, 0 still open\./);
    await see(page, 'won (delisted)');
    // The entry by its name where the index knows it, else by its number.
    await see(page, new RegExp(`Challenged (Stratus Vision|model #${stratus})`));
    await screenshot(page, 'insights-03-challenger-phone-dark');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the delegate with the most votes first, and the connected account’s own power', async () => {
    const { page, context, errors } = await open();
    await visit(page, '/delegates');
    const grace = world.accounts[6].address;
    const votes = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getVotes',
      args: [grace],
    });
    const first = page.getByTestId('top-delegates').locator('li').first();
    await expect.poll(() => text(first)).toContain(short(grace));
    expect(await text(first)).toContain(`${Number(votes / CUR).toLocaleString('en-US')} CUR`);
    // Her delegators are the others delegating to her; her own self-delegation is said apart.
    const delegateOf = await Promise.all(
      world.accounts.map((a) =>
        world.publicClient.readContract({
          ...world.token,
          functionName: 'delegates',
          args: [a.address],
        }),
      ),
    );
    const others = world.accounts.filter(
      (a, i) => a.address !== grace && delegateOf[i].toLowerCase() === grace.toLowerCase(),
    ).length;
    expect(others).toBeGreaterThan(0);
    const self = delegateOf[6].toLowerCase() === grace.toLowerCase() ? 'self-delegated · ' : '';
    expect(await text(first)).toContain(`${self}${others} delegator${others === 1 ? '' : 's'}`);
    const beaVotes = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getVotes',
      args: [world.accounts[1].address],
    });
    await connectDemo(page, 1);
    await expect
      .poll(() => page.getByTestId('voting-power').textContent())
      .toBe(`${Number(beaVotes / CUR).toLocaleString('en-US')} CUR`);
    await screenshot(page, 'insights-04-delegates');
    await page.emulateMedia({ colorScheme: 'dark' });
    await visit(page, '/treasury');
    await page.getByTestId('fees-ETH').waitFor();
    await screenshot(page, 'insights-05-treasury-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('fees-ETH').locator('svg').waitFor();
    // On a phone the chart fits the screen (no sideways scrolling).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await screenshot(page, 'insights-06-treasury-phone-dark');
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function click(scope: ReturnType<Page['getByTestId']>, name: string) {
  await scope.getByRole('button', { name }).click();
}
