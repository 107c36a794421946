// The index's status in the portal (issue 9): the footer says how far the index has caught up
// ("indexed to block N") and follows the chain; a banner says when the index lags behind the chain
// or does not answer. The lag and the outage are played by intercepting the browser's requests
// to the indexer's /api/head; the real indexer keeps running.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type PageOptions } from './lib/stack.ts';
import { portalPages, screenshot, see } from './lib/ui.ts';
import { createWorld, type World } from './lib/world.ts';

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const pages = portalPages('index', () => stack);

async function open(opts: PageOptions = {}) {
  const opened = await pages.open(opts);
  await pages.visit(opened.page, '/models');
  return opened;
}

const status = (page: Page) => page.getByTestId('index-status');

describe('index status', () => {
  it('says how far the index has caught up, and follows the chain', async () => {
    const { page, context, errors } = await open();
    const at = await stack.indexed();
    await expect
      .poll(() => status(page).textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`indexed to block ${at.block}\\s*$`));
    // A new block: the index processes it and the footer moves on.
    await world.increaseTime(60);
    const next = await stack.indexed();
    expect(next.block).toBe(at.block + 1);
    await expect
      .poll(() => status(page).textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`indexed to block ${next.block}\\s*$`));
    expect(await page.getByTestId('banner-index-lagging').count()).toBe(0);
    expect(await page.getByTestId('banner-index-down').count()).toBe(0);
    await expect
      .poll(() => page.getByRole('link', { name: 'Reputation' }).getAttribute('href'))
      .toBe('/reputation');
    expect(await page.getByRole('link', { name: 'Signals' }).getAttribute('href')).toBe('/signals');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns when the index lags behind the chain, and when it does not answer', async () => {
    const { page, context } = await open({ viewport: { width: 390, height: 844 } });
    // The index stays 3 blocks behind whatever block the chain is at.
    let mode: 'lagging' | 'down' | 'real' = 'lagging';
    await page.route('**/api/head', async (route: Route) => {
      if (mode === 'down') return route.abort('connectionrefused');
      const res = await route.fetch();
      const head = (await res.json()) as { block: number; chainBlock: number };
      if (mode === 'real') return route.fulfill({ response: res });
      const behind = { ...head, block: head.chainBlock - 3, lagBlocks: 3 };
      return route.fulfill({ response: res, json: behind });
    });
    await world.increaseTime(60);
    await see(page, 'The index is 3 blocks behind the chain:');
    await see(page, 'lists and history may miss the latest changes.');
    const chain = Number(await world.publicClient.getBlockNumber());
    await expect
      .poll(() => status(page).textContent())
      .toMatch(new RegExp(`indexed to block ${chain - 3} of ${chain}\\s*$`));
    await screenshot(page, 'index-lagging-phone');

    mode = 'down';
    await world.increaseTime(60);
    await see(page, 'The index is not answering.');
    await expect.poll(() => status(page).textContent()).toMatch(/index not answering/);
    expect(await page.getByTestId('banner-index-lagging').count()).toBe(0);

    // It answers again, caught up: the warnings go.
    mode = 'real';
    await world.increaseTime(60);
    await stack.indexed();
    await world.increaseTime(60);
    await page.getByTestId('banner-index-down').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('banner-index-lagging').count()).toBe(0);
    await expect.poll(() => status(page).textContent()).toMatch(/indexed to block \d+\s*$/);

    // Down, then back on a quiet chain (no new block): the page finds out on its own, in seconds.
    mode = 'down';
    await world.increaseTime(60);
    await see(page, 'The index is not answering.');
    mode = 'real';
    await page.getByTestId('banner-index-down').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => status(page).textContent()).toMatch(/indexed to block \d+\s*$/);
    await context.close();
  });
});
