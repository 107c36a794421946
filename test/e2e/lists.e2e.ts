// The portal's lists from the index: /models search, filters, sorts and pages kept in the URL,
// prices and audit columns; /proposals by state; /disputes; a new entry showing once indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeFunctionData, keccak256, parseEther, stringToHex, zeroAddress } from 'viem';
import { curiaTokenAbi, marketplaceAbi } from '../../protocol/generated/contracts.ts';
import { PARAMETER } from '../../protocol/enums.ts';
import { createWorld, CUR, type World } from './lib/world.ts';
import { openPage, startStack, type Stack } from './lib/stack.ts';
import { follow, portalPages, screenshot, see } from './lib/ui.ts';

let stack: Stack;
let world: World;
const models: Record<string, bigint> = {};
const PROPOSAL = 'Fund the lists e2e grant';

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  await world.delegateSelf(1);
  models.whisper = await world.registerModel(1, {
    name: 'Whisperlet Tiny',
    description: 'A small speech recognition model for meetings.',
    tags: ['asr', 'speech'],
    license: 'mit',
  });
  models.nimbus = await world.registerModel(2, {
    name: 'Nimbus Vision',
    description: 'Image classification for weather photos.',
    tags: ['vision'],
    license: 'apache-2.0',
  });
  models.corpus = await world.registerModel(1, {
    name: 'Breeze Corpus',
    description: 'Transcribed speech from public radio.',
    tags: ['speech'],
    license: 'cc-by-4.0',
  });
  await world.applyForListing(1, models.whisper);
  await world.applyForListing(2, models.nimbus);
  await world.stake(3, models.whisper, 1_000n * CUR);
  await world.stake(3, models.nimbus, 4_000n * CUR);
  // Their challenge periods pass unchallenged: both are listed (only a listed entry sells licenses).
  await world.increaseTime(Number(await world.parameter(PARAMETER.ChallengePeriod)) + 1);
  // Whisperlet is for sale at 0.02 ETH.
  const market = { address: stack.manifest.contracts.Marketplace!, abi: marketplaceAbi } as const;
  await world.send(
    world.wallets[1].writeContract({
      ...market,
      functionName: 'createOffer',
      args: [
        models.whisper,
        zeroAddress,
        parseEther('0.02'),
        30n * 86_400n,
        0n,
        'ipfs://terms',
        keccak256(stringToHex('terms')),
      ],
    }),
  );
  // A proposal, pending until its voting delay has passed (votes count from the previous second).
  await world.increaseTime(2);
  const token = stack.manifest.contracts.CuriaToken;
  await world.send(
    world.wallets[1].writeContract({
      ...world.governor,
      functionName: 'propose',
      args: [
        [token],
        [0n],
        [
          encodeFunctionData({
            abi: curiaTokenAbi,
            functionName: 'delegate',
            args: [world.accounts[1].address],
          }),
        ],
        `# ${PROPOSAL}\n\nA test proposal.`,
      ],
    }),
  );
  // Past the challenge period (Whisperlet and Nimbus listed) and the voting delay (one day).
  await world.increaseTime(Math.max(Number(await world.parameter(2)), 86_400) + 1);
  await stack.indexed();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const { visit, watch } = portalPages('lists', () => stack);

/** The ids of the rows of /models, in order, once they settle on `expected`. */
async function rowsAre(page: Page, expected: bigint[]) {
  const want = expected.map(String);
  const deadline = Date.now() + 20_000;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    ids = await page
      .locator('[data-testid=model-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
    if (JSON.stringify(ids) === JSON.stringify(want)) return;
    await page.waitForTimeout(200);
  }
  expect(ids).toEqual(want);
}

describe('lists from the index', () => {
  it('searches, filters, sorts and pages /models in the URL', async () => {
    const { page, context, errors } = await openPage(stack);
    watch(page);
    // The first rows come with the page (rendered on the server from the index).
    const html = await (await fetch(`${stack.portalUrl}/models`)).text();
    expect(html).toContain('Whisperlet Tiny');
    expect(html).toContain('Nimbus Vision');

    await visit(page, '/models');
    // Most stake first: Nimbus (4,000), Whisperlet (1,000), then the corpus (none).
    await rowsAre(page, [models.nimbus, models.whisper, models.corpus]);
    await see(page, '1–3 of 3 entries');
    const whisperRow = page.locator(`[data-testid=model-row][data-id="${models.whisper}"]`);
    await whisperRow.getByText('from 0.02 ETH').waitFor();
    expect(await whisperRow.getByTestId('audits').textContent()).toContain('None');

    // A word of a card's description finds it; the URL keeps the search.
    await page.getByLabel('Search').fill('recognition');
    await rowsAre(page, [models.whisper]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('recognition');
    await page.getByLabel('Search').fill('speech');
    // Both have the tag; neither title has the word: the shorter title first.
    await rowsAre(page, [models.corpus, models.whisper]);

    // A filter narrows the rows; a sort reorders them.
    await page.getByLabel('Search').fill('');
    await page.waitForURL((u) => !u.searchParams.has('q'));
    await page.getByLabel('For sale').selectOption('forsale');
    await rowsAre(page, [models.whisper]);
    await page.getByLabel('For sale').selectOption('');
    await page.getByLabel('Status').selectOption('Not applied');
    await rowsAre(page, [models.corpus]);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Sort by').selectOption('newest');
    await rowsAre(page, [models.corpus, models.nimbus, models.whisper]);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('newest');
    await page.getByLabel('License', { exact: true }).fill('apache-2.0');
    await rowsAre(page, [models.nimbus]);
    await screenshot(page, 'lists-01-models-filtered');

    // The back button returns to the previous filters.
    await page.goBack();
    await rowsAre(page, [models.corpus, models.nimbus, models.whisper]);
    // A shared link opens the same view.
    await visit(page, '/models?sale=forsale&maxPrice=0.01');
    await see(page, 'No entry matches these filters.');
    await visit(page, '/models?maxPrice=0.05');
    await rowsAre(page, [models.whisper]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a new registration once the index has it', async () => {
    const { page, context } = await openPage(stack);
    watch(page);
    await visit(page, '/models?sort=newest');
    await rowsAre(page, [models.corpus, models.nimbus, models.whisper]);
    models.fresh = await world.registerModel(4, {
      name: 'Zephyr Translate',
      description: 'Translation between twelve languages.',
      tags: ['translation'],
    });
    // No further block comes: the page asks the index again until it has caught up.
    await rowsAre(page, [models.fresh, models.corpus, models.nimbus, models.whisper]);
    await see(page, 'Zephyr Translate');
    await context.close();
  });

  it('lists proposals by state and disputes', async () => {
    const { page, context, errors } = await openPage(stack);
    watch(page);
    await visit(page, '/proposals');
    const card = page.locator('[data-testid=proposal]', { hasText: PROPOSAL });
    await card.waitFor();
    // The index computes its state (Governor.state at the indexed block).
    const state = await card.getAttribute('data-state');
    expect(['Active', 'Defeated']).toContain(state);
    const tab = state === 'Active' ? 'Active' : 'Defeated or canceled';
    await page.getByRole('link', { name: tab, exact: true }).click();
    await page.waitForURL(state === 'Active' ? /show=active/ : /show=closed/);
    await card.waitFor();
    await page.getByRole('link', { name: 'Executed', exact: true }).click();
    await see(page, 'No proposal is executed.');
    await page.goBack();
    await card.waitFor();
    await screenshot(page, 'lists-02-proposals');
    await follow(page, card.getByRole('link', { name: PROPOSAL }), /\/proposals\/\d+$/);

    await visit(page, '/disputes');
    await see(page, 'No open dispute.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads both dispute lists every time /disputes is opened directly', async () => {
    // Both lists' answers can come back in the same tick; the page once kept saying "Loading
    // disputes…" for good when they did (a stale query result, web/routes/+layout.svelte). Ten
    // direct opens reproduced it within four before the fix.
    const { page, context, errors } = await openPage(stack);
    watch(page);
    for (let i = 0; i < 10; i++) {
      await visit(page, '/models');
      await visit(page, '/disputes');
      await see(page, 'No open dispute.', 10_000);
      await see(page, 'None yet.');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  // Last: it adds entries the journeys above do not expect.
  it('pages /models 25 entries at a time with Next and Previous', async () => {
    for (let i = 0; i < 25; i++) await world.registerModel(2, { name: `Filler ${i}` });
    await stack.indexed();
    const { page, context, errors } = await openPage(stack);
    watch(page);
    await visit(page, '/models?sort=newest');
    const total = await page.locator('[data-testid=model-row]').count();
    expect(total).toBe(25);
    await see(page, 'Page 1 of 2');
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Next' })
      .click();
    await page.waitForURL(/page=2/);
    await see(page, 'Page 2 of 2');
    await expect.poll(() => page.locator('[data-testid=model-row]').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Previous' }).click();
    await see(page, 'Page 1 of 2');
    expect(page.url()).not.toMatch(/page=2/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
