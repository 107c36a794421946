// The portal through chain outages: its RPC (a proxy in front of anvil, lib/rpc-proxy.ts) refusing
// connections, then hanging (accepting and never answering). No page shows raw RPC text (viem's
// request body, call data, "Details:", "Version: viem"), the "not reachable" banner shows within
// 5 s, a page keeps what it had already loaded, and a read that hangs ends in a plain message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorld, CUR, type World } from './lib/world.ts';
import { startRpcProxy, type RpcProxy } from './lib/rpc-proxy.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { rpc } from '../../scripts/lib/rpc.ts';
import { click, connectDemo, done, portalPages, screenshot, see } from './lib/ui.ts';

let stack: Stack;
let world: World;
let proxy: RpcProxy;
let modelId: bigint;
const disputeId = 1n;

/** What must never reach a page: an RPC or viem dump. */
const RAW = [
  /Request body/i,
  /Request Arguments/i,
  /\beth_[a-zA-Z]+/,
  /Details:/,
  /Version: viem/i,
  /URL: http/i,
  /Raw Call Arguments/i,
  /0x[0-9a-fA-F]{64,}/, // call data (an address is 40 digits, a hash is shortened)
];

beforeAll(async () => {
  proxy = await startRpcProxy();
  stack = await startStack({ portalRpcUrl: proxy.url });
  const { hostname, port } = new URL(stack.rpcUrl);
  proxy.target = { host: hostname, port: Number(port) };
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  // A listed model with a stake (for /curate), challenged (a dispute), and a proposal.
  await world.delegateSelf(3);
  await world.delegateSelf(5);
  modelId = await world.registerModel(1, {
    name: 'Outage Test Model',
    description: 'A model seen through an outage.',
    license: 'mit',
  });
  await world.applyForListing(1, modelId);
  await world.stake(3, modelId, 1_000n * CUR);
  await world.approve(5, world.curation.address, 100_000n * CUR);
  await world.send(
    world.wallets[5].writeContract({
      ...world.curation,
      functionName: 'challenge',
      args: [modelId, 0, 0, 'ipfs://evidence', `0x${'11'.repeat(32)}`],
    }),
  );
  await stack.indexed();
}, 400_000);

afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

const pages = portalPages('outage', () => stack);

function routes() {
  return [
    '/',
    '/models',
    `/models/${modelId}`,
    '/curate',
    '/proposals',
    '/proposals/new',
    `/disputes/${disputeId}`,
    '/disputes',
    '/audits',
    '/delegates',
    '/treasury',
    `/reputation/${world.accounts[3].address.toLowerCase()}`,
  ];
}

/**
 * Runs `check` on every route, on `n` pages of `page`'s browser context at once: each page waits
 * out its own failing reads (the transport's timeout), so the waits overlap instead of adding up.
 */
async function onEveryRoute(
  page: Page,
  n: number,
  check: (p: Page, route: string) => Promise<string[]>,
): Promise<string[]> {
  const list = routes();
  const others = await Promise.all(Array.from({ length: n - 1 }, () => page.context().newPage()));
  const workers = [page, ...others];
  const found: string[][] = list.map(() => []);
  await Promise.all(
    workers.map(async (p, w) => {
      for (let i = w; i < list.length; i += workers.length) found[i] = await check(p, list[i]);
    }),
  );
  for (const p of others) await p.close();
  return found.flat();
}

/** On every route, with the chain down: the banner, and any raw RPC text once the reads failed. */
function leaksOnEveryRoute(page: Page): Promise<string[]> {
  return onEveryRoute(page, 3, async (p, route) => {
    await pages.visit(p, route);
    await bannerShows(p);
    await afterReadsFail(p);
    return (await rawTextOn(p)).map((l) => `${route}: ${l}`);
  });
}

async function rawTextOn(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return RAW.filter((re) => re.test(text)).map((re) => `${re}: …${text.match(re)![0]}…`);
}

/** The banner within 5 s of the page being ready. */
async function bannerShows(page: Page) {
  await page.getByTestId('banner-unreachable').waitFor({ state: 'visible', timeout: 5_000 });
}

/** Lets the page's reads fail (the transport times out after 4 s), then returns what it shows. */
async function afterReadsFail(page: Page) {
  await page
    .waitForFunction(() => !document.querySelector('main .spinner'), undefined, {
      timeout: 12_000,
      polling: 250,
    })
    .catch(() => {});
}

describe('chain outages', () => {
  it('with the RPC refusing connections: a banner within 5 s, and no raw RPC text on any page', async () => {
    await proxy.set('pass');
    const { page } = await pages.open();
    await pages.visit(page, `/models/${modelId}`);
    await connectDemo(page, 3);
    await see(page, 'Outage Test Model');

    await proxy.set('refuse');
    await bannerShows(page);
    // What was loaded stays.
    await see(page, 'Outage Test Model', 2_000);
    expect(await rawTextOn(page)).toEqual([]);

    const leaks = await leaksOnEveryRoute(page);
    await screenshot(page, 'outage-refused-last-route');
    expect(leaks).toEqual([]);
  });

  it('comes back when the RPC answers again', async () => {
    await proxy.set('refuse');
    const { page } = await pages.open();
    await pages.visit(page, `/models/${modelId}`);
    await bannerShows(page);
    await proxy.set('pass');
    await page.getByTestId('banner-unreachable').waitFor({ state: 'hidden', timeout: 15_000 });
    await see(page, 'Outage Test Model');
  });

  it('with the RPC hanging: a banner within 5 s, the page keeps its content, and a hung read ends in words', async () => {
    await proxy.set('pass');
    const { page } = await pages.open();
    await pages.visit(page, `/models/${modelId}`);
    await see(page, 'Outage Test Model');

    await proxy.set('hang');
    await bannerShows(page);
    await see(page, 'Outage Test Model', 2_000);

    const leaks = await leaksOnEveryRoute(page);
    expect(leaks).toEqual([]);

    // A model page opened while the node hangs does not say "Loading model #…" for ever.
    await pages.visit(page, `/models/${modelId}`);
    await bannerShows(page);
    const failed = page.getByTestId('read-failed');
    await failed.waitFor({ state: 'visible', timeout: 12_000 });
    expect(await failed.innerText()).toMatch(/took too long to answer|not reachable/);
    expect(await page.getByText(/Loading model/).count()).toBe(0);
    await screenshot(page, 'outage-hung-model');

    // Once the node answers again, "Try again" loads the page without waiting for a block.
    await proxy.set('pass');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await see(page, 'Outage Test Model');
    expect(await failed.count()).toBe(0);
  });

  it('keeps a sent transaction pending while the chain stops answering, never failed, and confirms it after', async () => {
    await proxy.set('pass');
    const { page } = await pages.open();
    await pages.visit(page, '/delegates');
    await connectDemo(page, 8);
    // The next block waits: the transaction is sent, then the chain stops answering.
    await rpc(stack.rpcUrl, 'evm_setAutomine', [false]);
    try {
      await click(page, 'Delegate to myself');
      await page.locator('[data-phase=pending]').waitFor({ timeout: 30_000 });
      await proxy.set('hang');
      // The wait for its receipt fails for want of an answer: it is said so, still pending.
      const unknown = page.getByTestId('tx-unknown');
      await unknown.waitFor({ timeout: 60_000 });
      expect(await unknown.innerText()).toMatch(/It was sent, but the chain is not answering/);
      expect(await page.locator('[data-phase=failed]').count()).toBe(0);
      await screenshot(page, 'outage-sent-unknown');
      // The chain had it: mined, and answering again, the page finds the receipt.
      await rpc(stack.rpcUrl, 'evm_mine');
      await proxy.set('pass');
      await done(page, 'Delegate your votes to yourself', 60_000);
      const delegate = await world.publicClient.readContract({
        ...world.token,
        functionName: 'delegates',
        args: [world.accounts[8].address],
      });
      expect(delegate).toBe(world.accounts[8].address);
    } finally {
      await rpc(stack.rpcUrl, 'evm_setAutomine', [true]);
      await proxy.set('pass');
    }
  });
});
