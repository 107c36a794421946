// Curation bound to exact versions (issue 16) on the seeded world, in headless Chromium: a creator
// publishes a new version of a Listed model from the portal; it is a candidate with its countdown,
// its diff against the listed version's card and "Challenge this version"; /models finds it with
// "has a candidate version"; a curator leaves without unbonding and gets the whole stake back in
// the same minute; a holder challenges the candidate from the page; the vote rejects it; the
// dispute page says so in words; the model page still lists and sells the version it listed.
import fs from 'node:fs';
import path from 'node:path';
import { erc20Abi, zeroAddress, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../scripts/lib/accounts.ts';
import { marketplaceAbi } from '../../protocol/generated/contracts.ts';
import { KIND } from '../../protocol/enums.ts';
import {
  DISPUTE_STATES,
  DISPUTE_SUPPORT,
  LISTING_STATUSES,
  PARAMETER,
} from '../../protocol/enums.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, done, portalPages, screenshot, see } from './lib/ui.ts';
import { createWorld, type World } from './lib/world.ts';

let stack: Stack;
let world: World;
let market: Address;
const ACCOUNTS = demoAccounts(14);
/** Dev, Eve, Farid and Grace: delegated voting power in the seeded world (they rejected its candidate). */
const VOTERS = [3, 4, 5, 6];
const CHALLENGER = 5;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  market = (stack.manifest.contracts as Record<string, Address>).Marketplace;
}, 900_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('versions', () => stack);
/** A page text with its line breaks and indents as single spaces. */
const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
const read = reads();

/** Typed reads through the world's client (set once the stack is up). */
function reads() {
  return {
    status: async (id: bigint) =>
      LISTING_STATUSES[
        await world.publicClient.readContract({
          ...world.curation,
          functionName: 'statusOf',
          args: [id],
        })
      ],
    versions: (id: bigint) =>
      world.publicClient.readContract({
        ...world.curation,
        functionName: 'versionsOf',
        args: [id],
      }),
    listing: (id: bigint) =>
      world.publicClient.readContract({
        ...world.curation,
        functionName: 'listingOf',
        args: [id],
      }),
    position: (id: bigint, a: Address) =>
      world.publicClient.readContract({
        ...world.curation,
        functionName: 'positionOf',
        args: [id, a],
      }),
    balance: (a: Address) =>
      world.publicClient.readContract({
        address: world.token.address,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [a],
      }),
  };
}

interface Target {
  id: bigint;
  owner: number;
  listed: number;
  versionCount: number;
  curator?: number;
  buyer: number;
}

/**
 * A Listed model owned by a demo account, without a candidate or an open dispute, with an ETH
 * offer one can buy, a demo curator staked on it and a demo buyer (10-13) without a license.
 */
/** Every registry entry, with its latest version. */
async function allEntries() {
  const count = await world.publicClient.readContract({
    ...world.registry,
    functionName: 'modelCount',
  });
  return world.publicClient.readContract({
    ...world.registry,
    functionName: 'getModels',
    args: [0n, count],
  });
}

async function pickTarget(): Promise<Target> {
  const entries = await allEntries();
  let fallback: Target | undefined;
  for (const m of entries) {
    if ((await read.status(m.modelId)) !== 'Listed') continue;
    const [listed, candidate] = await read.versions(m.modelId);
    const listing = await read.listing(m.modelId);
    if (candidate !== 0 || listing.openDispute !== 0 || listed === 0) continue;
    const owner = ACCOUNTS.findIndex((a) => a.address.toLowerCase() === m.owner.toLowerCase());
    if (owner < 0) continue;
    const offers = await world.publicClient.readContract({
      address: market,
      abi: marketplaceAbi,
      functionName: 'offersOf',
      args: [m.modelId],
    });
    let eth = false;
    for (const id of offers) {
      const o = await world.publicClient.readContract({
        address: market,
        abi: marketplaceAbi,
        functionName: 'getOffer',
        args: [id],
      });
      if (o.active && o.currency === zeroAddress && (o.cap === 0 || o.sold < o.cap)) eth = true;
    }
    if (!eth) continue;
    let buyer = -1;
    for (const i of [13, 12, 11, 10]) {
      const [held] = await world.publicClient.readContract({
        address: market,
        abi: marketplaceAbi,
        functionName: 'hasValidLicense',
        args: [m.modelId, ACCOUNTS[i].address],
      });
      if (!held && i !== owner) {
        buyer = i;
        break;
      }
    }
    if (buyer < 0) continue;
    const versionCount = (
      await world.publicClient.readContract({
        ...world.registry,
        functionName: 'getVersions',
        args: [m.modelId, 0n, 1000n],
      })
    ).length;
    // A curator (not a voter, not the challenger, not the owner) with an active stake on it.
    let curator: number | undefined;
    for (let i = 0; i < 14; i++) {
      if (i === owner || VOTERS.includes(i) || i === buyer) continue;
      const p = await read.position(m.modelId, ACCOUNTS[i].address);
      if (p.active > 0n) {
        curator = i;
        break;
      }
    }
    const t = { id: m.modelId, owner, listed, versionCount, curator, buyer };
    if (curator !== undefined) return t;
    fallback ??= t;
  }
  if (!fallback) throw new Error('the seeded world has no Listed model with an ETH offer');
  return fallback;
}

describe('a candidate version of a Listed model', () => {
  let t: Target;
  let candidate: number;

  it('is published from the portal and shown with its countdown, its diff and a challenge', async () => {
    t = await pickTarget();
    candidate = t.versionCount + 1;
    const { page, context, errors } = await open();
    await visit(page, `/models/${t.id}/publish`);
    await connectDemo(page, t.owner);
    await see(page, /Filled in from the card of v\d+/, 30_000);
    await page.getByLabel('Content hash (sha-256)').fill(`0x${'7e'.repeat(32)}`);
    await page.getByLabel('License (SPDX id)').fill('cc-by-nc-4.0');
    await click(page, 'Publish version');
    await page.waitForURL(/\/models\/\d+$/, { timeout: 30_000 });
    const [entry] = await world.publicClient.readContract({
      ...world.registry,
      functionName: 'getModels',
      args: [t.id - 1n, 1n],
    });
    const published = JSON.parse(
      fs.readFileSync(
        path.join(stack.docsDir, entry.latestMetadataURI.replace('ipfs://', '')),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(published.license).toBe('cc-by-nc-4.0');

    const [listed, onChain, until] = await read.versions(t.id);
    expect(listed).toBe(t.listed);
    expect(onChain).toBe(candidate);
    const panel = page.getByTestId('curated-versions');
    await panel.getByTestId('candidate-window').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('listed-version').textContent()).toBe(`v${t.listed}`);
    expect(await panel.textContent()).toContain('Listed version (licenses sell it)');
    expect(await panel.getByTestId('candidate-version').textContent()).toBe(`v${candidate}`);
    expect(await panel.getByTestId('candidate-window').textContent()).toMatch(
      new RegExp(`v${candidate} is a candidate: it is listed in \\d`),
    );
    expect(Number(until)).toBeGreaterThan(0);
    // The diff: the new content hash and the license field.
    const diff = panel.getByTestId('version-diff');
    await diff.waitFor({ timeout: 30_000 });
    await diff.locator(`[data-testid="hash"][data-value="0x${'7e'.repeat(32)}"]`).waitFor();
    await diff.getByText('cc-by-nc-4.0').waitFor();
    // Licenses still sell the listed version.
    expect(await page.getByTestId('sold-version').textContent()).toContain(`v${t.listed}`);
    // The owner is not offered to challenge its own candidate (a holder is, below).
    expect(await panel.getByTestId('challenge-candidate').count()).toBe(0);
    await screenshot(page, 'versions-01-candidate-1280');
    expect(errors).toEqual([]);
    await context.close();

    const phone = await open({ viewport: { width: 390, height: 844 } });
    await visit(phone.page, `/models/${t.id}`);
    await phone.page.getByTestId('version-diff').waitFor({ timeout: 30_000 });
    await screenshot(phone.page, 'versions-02-candidate-390');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('is found by the /models filter "has a candidate version"', async () => {
    await stack.indexed();
    const { page, context } = await open();
    await visit(page, '/models');
    await page.locator('select[name=candidate]').selectOption('yes');
    await page.waitForURL(/candidate=yes/);
    await page
      .getByTestId('models-table')
      .locator(`a[href$="/models/${t.id}"]`)
      .first()
      .waitFor({ timeout: 30_000 });
    // The row is the listed version's, and says the candidate is pending.
    const row = page.locator(`[data-testid=model-row][data-id="${t.id}"]`);
    expect(await row.getByTestId('row-version').textContent()).toContain(
      `v${t.listed} of ${candidate}`,
    );
    expect(await row.getByTestId('listing-note').textContent()).toContain(
      `Candidate v${candidate} pending`,
    );
    await context.close();
  });

  it('lets a curator leave without unbonding, and refuses new stake meanwhile', async () => {
    if (t.curator === undefined) {
      throw new Error(`no demo curator is staked on model #${t.id}`);
    }
    const curator = ACCOUNTS[t.curator].address;
    const before = await read.position(t.id, curator);
    const balance = await read.balance(curator);
    const { page, context } = await open();
    await visit(page, `/models/${t.id}`);
    await connectDemo(page, t.curator);
    await page.getByTestId('stake-refused').waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name=stake-amount]').count()).toBe(0);
    await page.getByTestId('leave-at-once').waitFor();
    await click(page, 'Leave without unbonding');
    await done(page, /Withdraw .* from model/, 60_000);
    const after = await read.position(t.id, curator);
    expect(after.active).toBe(0n);
    expect(after.unbonding).toBe(0n);
    expect(await read.balance(curator)).toBe(balance + before.active + before.unbonding);
    await context.close();
  });

  it('is challenged by a holder, rejected by the vote, and the listed version stays on sale', async () => {
    const { page, context, errors } = await open();
    await visit(page, `/models/${t.id}`);
    await connectDemo(page, CHALLENGER);
    const form = page.getByTestId('challenge-candidate');
    await form.getByText(`Challenge this version (v${candidate})`).click();
    await form.locator('select[name=reason]').selectOption({ label: 'Quality' });
    // Only a statement, no link: the challenge stores it as the evidence first.
    await form.getByLabel(/^Statement/).fill('The new weights do not match the card.');
    await form.getByRole('button', { name: 'Challenge', exact: true }).click();
    await expect.poll(() => form.getByLabel('Evidence link').inputValue()).toMatch(/^ipfs:\/\//);
    expect(await form.getByTestId('challenge-review-win').textContent()).toMatch(
      new RegExp(`v${candidate} is rejected for good and your deposit comes back`),
    );
    await form.getByRole('button', { name: /^Yes, challenge and post / }).click();
    // Once confirmed the form gives way to the candidate's dispute (no second challenge can open).
    await page.getByTestId('candidate-challenged').waitFor({ timeout: 60_000 });
    const listing = await read.listing(t.id);
    expect(listing.candidateChallenged).toBe(true);
    const disputeId = BigInt(listing.openDispute);
    // Still listed and on sale while the vote runs.
    expect(await read.status(t.id)).toBe('Listed');
    await expect
      .poll(async () => words(await page.getByTestId('disputed-notice').textContent()))
      .toContain(`v${t.listed} stays listed and on sale`);

    // The vote: the voting delay, four Remove votes, the voting period.
    await world.increaseTime(Number(await world.parameter(PARAMETER.DisputeVotingDelay)) + 1);
    for (const i of VOTERS) {
      await world.send(
        world.wallets[i].writeContract({
          ...world.curation,
          functionName: 'voteOnDispute',
          args: [disputeId, DISPUTE_SUPPORT.Remove, ''],
        }),
      );
    }
    await world.increaseTime(Number(await world.parameter(PARAMETER.DisputeVotingPeriod)) + 1);
    await visit(page, `/disputes/${disputeId}`);
    await click(page, 'Resolve');
    await done(page, `Resolve dispute #${disputeId}`);
    const d = await world.publicClient.readContract({
      ...world.curation,
      functionName: 'disputeOf',
      args: [disputeId],
    });
    expect(DISPUTE_STATES[d.state]).toBe('Rejected');
    await expect
      .poll(async () => words(await page.getByTestId('dispute-outcome').textContent()), {
        timeout: 30_000,
      })
      .toContain(`Candidate version v${candidate} rejected; version v${t.listed} stays listed.`);

    // The model page: the listed version is still listed, without a candidate, and sold.
    const [listed, after] = await read.versions(t.id);
    expect([listed, after]).toEqual([t.listed, 0]);
    await visit(page, `/models/${t.id}`);
    await connectDemo(page, t.buyer);
    const panel = page.getByTestId('curated-versions');
    await panel.getByTestId('listed-version').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('listed-version').textContent()).toBe(`v${t.listed}`);
    expect(await panel.getByTestId('candidate-version').count()).toBe(0);
    expect(await page.getByTestId('sold-version').textContent()).toContain(`v${t.listed}`);
    // An ETH offer's button (the seeded models also sell for tUSD).
    await page
      .getByTestId('licenses')
      .locator('li', { hasText: 'ETH' })
      .first()
      .getByRole('button', { name: 'Buy license' })
      .click();
    await done(page, /Buy a .*license/, 60_000);
    const version = await world.publicClient.readContract({
      address: market,
      abi: marketplaceAbi,
      functionName: 'licensedVersionOf',
      args: [t.id, ACCOUNTS[t.buyer].address],
    });
    expect(version).toBe(t.listed);
    await page.getByTestId('my-license').waitFor({ timeout: 30_000 });
    await screenshot(page, 'versions-03-rejected-still-sold');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("offers a model's evaluation results to a new version without carrying them over", async () => {
    // A seeded model (not a dataset) whose latest card has results, owned by a demo account.
    const withResults = (await allEntries()).find((m) => {
      if (KIND[m.kind] !== 'Model' || !m.latestMetadataURI.startsWith('ipfs://')) return false;
      const file = path.join(stack.docsDir, m.latestMetadataURI.slice('ipfs://'.length));
      if (!fs.existsSync(file)) return false;
      const card = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const index = card['model-index'] as { results?: unknown[] }[] | undefined;
      return !!index?.some((e) => e.results?.length);
    });
    expect(withResults, 'a seeded model card with evaluation results').toBeDefined();
    const owner = ACCOUNTS.findIndex(
      (a) => a.address.toLowerCase() === withResults!.owner.toLowerCase(),
    );
    const { page, context, errors } = await open();
    await visit(page, `/models/${withResults!.modelId}/publish`);
    await connectDemo(page, owner);
    await see(page, /Filled in from the card of v\d+/, 30_000);
    const keep = page.getByTestId('keep-evaluation');
    await keep.waitFor();
    expect(await keep.textContent()).toMatch(/measured on v\d+/);
    expect(await keep.locator('input').isChecked()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
