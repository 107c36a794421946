// Gasless voting in headless Chromium: a Governor vote, a dispute vote and a delegation signed in the
// wallet and sent by the portal's relayer (CURIA_RELAYER_KEY, test account 19): the voter's ETH
// balance does not move, the chain counts the vote, and the page shows the relayed transaction.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAYER } from '../../scripts/lib/accounts.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, portalPages, screenshot, see } from './lib/ui.ts';
import { activeProposal, delegateAll, openDispute } from './lib/votes.ts';
import { createWorld, type World } from './lib/world.ts';

let stack: Stack;
let world: World;
let proposalId: bigint;
let disputeId: bigint;

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  // Dev (3) and Eve (4) vote with their own tokens; Grace (6) and Hiro (7) have not delegated.
  await delegateAll(world, [1, 2, 3, 4, 5]);
  proposalId = await activeProposal(world, 1, 'Fund the evaluation working group');
  ({ disputeId } = await openDispute(world, 2, 5, 'Cirrus 2B'));
  await stack.indexed();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('relay', () => stack);

const balance = (i: number) =>
  world.publicClient.getBalance({ address: world.accounts[i].address });

/** The relayed transaction's hash shown on the page; checks it was sent (and paid) by the relayer. */
async function relayed(page: Page) {
  const notice = page.getByTestId('relayed');
  await notice.waitFor({ state: 'visible', timeout: 30_000 });
  // Shortened like every other transaction's; the whole hash is in data-hash (and the title).
  const hash = (await notice.locator('.hash').getAttribute('data-hash'))!.trim();
  expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
  const receipt = await world.publicClient.getTransactionReceipt({ hash: hash as `0x${string}` });
  expect(receipt.status).toBe('success');
  expect(receipt.from.toLowerCase()).toBe(RELAYER.address.toLowerCase());
  return receipt;
}

describe('gasless voting through the relayer', () => {
  it('relays a Governor vote: the voter signs and pays nothing, the vote is counted', async () => {
    const status = await (await fetch(`${stack.portalUrl}/api/relay`)).json();
    expect(status).toMatchObject({ enabled: true, relayer: RELAYER.address });
    const before = await balance(3);
    const { page, context, errors } = await open();
    await visit(page, `/proposals/${proposalId}`);
    await connectDemo(page, 3);
    await see(page, 'Fund the evaluation working group');
    await page.getByTestId('proposal-vote-form').waitFor();
    await page.getByLabel('For', { exact: true }).check();
    await page.getByLabel(/Reason/).fill('Evaluations first.');
    await screenshot(page, 'relay-01-proposal-vote-form');
    await click(page, 'Vote without gas');
    const receipt = await relayed(page);
    await see(page, 'Evaluations first.');
    // Once the index has the vote, the page says which way and with what weight.
    await expect
      .poll(() => page.getByTestId('my-proposal-vote').textContent(), { timeout: 20_000 })
      .toMatch(/^\s*You voted For with [\d,.]+ CUR\.\s*$/);
    await screenshot(page, 'relay-02-proposal-voted');

    expect(await balance(3)).toBe(before);
    const weight = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getVotes',
      args: [world.accounts[3].address],
    });
    const [, forVotes] = await world.publicClient.readContract({
      ...world.governor,
      functionName: 'proposalVotes',
      args: [proposalId],
    });
    expect(weight).toBeGreaterThan(0n);
    expect(forVotes).toBe(weight);
    expect(receipt.logs.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('relays a dispute vote at phone width: counted on chain, no ETH spent', async () => {
    const before = await balance(4);
    const { page, context, errors } = await open({ viewport: { width: 390, height: 844 } });
    await visit(page, `/disputes/${disputeId}`);
    await connectDemo(page, 4);
    await page.getByTestId('dispute-vote-form').waitFor();
    await page.getByLabel('Remove').check();
    await click(page, 'Vote without gas');
    await relayed(page);
    await see(page, /You voted Remove with [\d,]+ CUR\./);
    await screenshot(page, 'relay-03-dispute-voted-390');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    expect(overflow).toBe(false);

    expect(await balance(4)).toBe(before);
    const d = await world.publicClient.readContract({
      ...world.curation,
      functionName: 'disputeOf',
      args: [disputeId],
    });
    const weight = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getPastVotes',
      args: [world.accounts[4].address, BigInt(d.snapshot)],
    });
    expect(weight).toBeGreaterThan(0n);
    expect(d.removeVotes).toBe(weight);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('delegates by signature without gas', async () => {
    const before = await balance(7);
    const { page, context, errors } = await open();
    await visit(page, '/delegates');
    await connectDemo(page, 7);
    await page.getByLabel(/Delegate without gas/).check();
    await click(page, 'Delegate to myself');
    await relayed(page);
    await see(page, 'myself');
    await screenshot(page, 'relay-04-delegated');
    expect(await balance(7)).toBe(before);
    expect(
      await world.publicClient.readContract({
        ...world.token,
        functionName: 'delegates',
        args: [world.accounts[7].address],
      }),
    ).toBe(world.accounts[7].address);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in plain words why a vote without weight is not relayed', async () => {
    // Grace (6) holds CUR but had no voting power when the proposal opened.
    const { page, context, errors } = await open({ viewport: { width: 390, height: 844 } });
    await visit(page, `/proposals/${proposalId}`);
    await connectDemo(page, 6);
    await page.getByTestId('proposal-vote-form').waitFor();
    await page.getByLabel('For', { exact: true }).check();
    await click(page, 'Vote without gas');
    await see(page, /no delegated voting power at the snapshot/);
    await expect(
      page.getByText(/Internal Error|HTTP request failed|Request body|Details:/).count(),
    ).resolves.toBe(0);
    await screenshot(page, 'relay-05-refused-390');
    expect(
      await world.publicClient.readContract({
        ...world.governor,
        functionName: 'hasVoted',
        args: [proposalId, world.accounts[6].address],
      }),
    ).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
