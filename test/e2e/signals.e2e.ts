// Signals in headless Chromium against a fresh chain and the built portal (the e2e stack): a
// temperature check opened and voted on by two demo accounts in their wallets, results shown as
// snapshot.js counts them from the chain's voting power, an account without power told why, and
// the poll turned into a Governor proposal in the composer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import snapshot from '@snapshot-labs/snapshot.js';
import type { Page } from 'playwright-core';
import { formatUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollDetail } from '../../web/lib/signals/types.ts';
import { ROOT } from '../../protocol/paths.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, portalPages, screenshot, see } from './lib/ui.ts';
import { createWorld, type World } from './lib/world.ts';
import { apiPoll as pollThroughApi } from './lib/signals.ts';

let stack: Stack;
let world: World;
let signalsDir: string;
let pollUrl = '';

beforeAll(async () => {
  // The portal inherits this environment: its signals database lives in a throwaway folder.
  signalsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-e2e-signals-'));
  process.env.SIGNALS_DB_DIR = path.join(signalsDir, 'db');
  // The stack serves a copy of build/ from a temporary folder; the portal's runtime dependencies
  // (PGlite, pg, snapshot.js: kept external by adapter-node) must resolve from there, so the copy
  // goes under a folder that sees the repository's node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(signalsDir, 'node_modules'), 'dir');
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = signalsDir;
  try {
    stack = await startStack();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  for (const i of [1, 2, 3]) await world.delegateSelf(i);
  await world.increaseTime(5);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
  if (signalsDir) fs.rmSync(signalsDir, { recursive: true, force: true });
});

const { open, visit } = portalPages('signals', () => stack);

async function pollJson(): Promise<PollDetail> {
  const id = pollUrl.split('/').pop();
  const res = await fetch(`${stack.portalUrl}/api/signals/${id}`);
  return (await res.json()) as PollDetail;
}

async function vote(page: Page, choice: string, reason = '') {
  await page.getByRole('radio', { name: choice }).check();
  if (reason) await page.getByLabel(/Reason/).fill(reason);
  await click(page, 'Sign and vote');
  await see(page, /Your vote was counted|replaced your earlier one/);
}

describe('signals journeys', () => {
  it('opens a temperature check signed in the wallet', async () => {
    const { page, context, errors } = await open();
    await visit(page, '/signals/new?kind=temperature-check');
    await connectDemo(page, 1);
    await page.getByLabel('Title').fill('Lower the listing bond to 2,500 CUR?');
    await page.getByLabel(/Description/).fill('Listing costs too much for **small** creators.');
    await page.getByLabel('Voting type').selectOption('single-choice');
    await page.getByRole('textbox', { name: 'Choice 1', exact: true }).fill('Yes, 2,500 CUR');
    await page.getByRole('textbox', { name: 'Choice 2', exact: true }).fill('No, keep 5,000 CUR');
    await click(page, 'Add a choice');
    await page.getByRole('textbox', { name: 'Choice 3', exact: true }).fill('Somewhere between');
    await click(page, 'Sign and open the poll');
    // Preparing the poll reads every voter's power at its snapshot: slow on a loaded machine (a hang guard, not a
    // timing assertion).
    await page.waitForURL(/\/signals\/0x[0-9a-f]{64}$/, { timeout: 90_000 });
    pollUrl = page.url();
    await see(page, 'Lower the listing bond to 2,500 CUR?');
    await see(page, 'No votes yet.');
    const poll = await pollJson();
    expect(poll).toMatchObject({ type: 'single-choice', context: { kind: 'temperature-check' } });
    expect(poll.envelope.data.domain).toEqual({
      name: 'snapshot',
      version: '0.1.4',
      chainId: stack.chainId,
    });
    await screenshot(page, 'signals-01-new-poll');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts votes of two accounts as snapshot.js does, and tells an account without power why', async () => {
    await world.increaseTime(30);
    for (const [account, choice, reason] of [
      [1, 'Yes, 2,500 CUR', 'More models.'],
      [2, 'No, keep 5,000 CUR', ''],
    ] as const) {
      const { page, context, errors } = await open();
      await visit(page, pollUrl);
      await connectDemo(page, account);
      await vote(page, choice, reason);
      expect(errors).toEqual([]);
      await context.close();
    }
    const poll = await pollJson();
    expect(poll.votes).toBe(2);
    // snapshot.js's single-choice count over each voter's power read from the chain.
    const votes = await Promise.all(
      poll.votesList.map(async (v) => {
        const vp = await world.publicClient.readContract({
          ...world.token,
          functionName: 'getPastVotes',
          args: [v.voter as Address, BigInt(poll.snapshot)],
        });
        const balance = Number(formatUnits(vp, 18));
        return { choice: v.choice, balance, scores: [balance] };
      }),
    );
    const Voting = snapshot.utils.voting['single-choice'];
    const expected = new Voting({ choices: poll.choices }, votes as never, [], 0).getScores();
    expect(poll.scores).toEqual(expected);

    const { page, context } = await open();
    await visit(page, pollUrl);
    const rows = page.getByTestId('result-row');
    await expect.poll(() => rows.count()).toBe(3);
    for (const [i, score] of expected.entries()) {
      await expect
        .poll(async () => (await rows.nth(i).innerText()).replace(/,/g, ''))
        .toContain(String(score));
    }
    await see(page, '“More models.”');
    await screenshot(page, 'signals-02-results');
    // Account 6 never delegated: no ballot, an explanation instead.
    await connectDemo(page, 6);
    await see(page, /no voting power when this poll opened/);
    await context.close();
  });

  it('turns the temperature check into a Governor proposal in the composer', async () => {
    const { page, context } = await open();
    await visit(page, pollUrl);
    const link = page.getByTestId('promote');
    const href = await link.getAttribute('href');
    const url = new URL(href!, stack.portalUrl);
    expect(url.pathname).toBe('/proposals/new');
    expect(url.searchParams.get('title')).toBe('Lower the listing bond to 2,500 CUR?');
    expect(url.searchParams.get('signal')).toBe(pollUrl.split('/').pop());
    const description = url.searchParams.get('description')!;
    expect(description).toContain('Listing costs too much for **small** creators.');
    expect(description).toMatch(/\| Yes, 2,500 CUR \| 8,000,000 \| 57\.1% \|/);
    await link.click();
    await page.waitForURL(/\/proposals\/new\?/);
    await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
    // The composer opens prefilled with the poll's title, description and result.
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Lower the listing bond to 2,500 CUR?',
    );
    const body = await page.getByLabel('Description (markdown)').inputValue();
    expect(body).toBe(description);
    expect(body).toMatch(/\| Yes, 2,500 CUR \| 8,000,000 \| 57\.1% \|/);
    await expect
      .poll(() => page.getByTestId('from-signal').getByRole('link').getAttribute('href'))
      .toBe(`/signals/${pollUrl.split('/').pop()}`);
    // The parameter and amount the title names are preselected, for the proposer to check.
    expect(await page.locator('select[name=parameter] option:checked').textContent()).toBe(
      'Listing bond',
    );
    expect(await page.locator('input[name=parameter-value]').inputValue()).toBe('2500');
    await see(page, /the parameter its title names \(Listing bond, 2500 CUR\)/);
    await screenshot(page, 'signals-03-composer');
    await context.close();
  });
});

describe('ballots of the other voting types', () => {
  const apiPoll = (author: number, type: string, choices: string[]) =>
    pollThroughApi(stack.portalUrl, world, author, type, choices);

  it('spreads power on a weighted poll and ranks a ranked-choice poll in the browser', async () => {
    const weighted = await apiPoll(2, 'weighted', ['Docs', 'Tooling', 'Audits']);
    const ranked = await apiPoll(2, 'ranked-choice', ['Red', 'Green', 'Blue']);
    await world.increaseTime(10);
    const { page, context, errors } = await open();
    await visit(page, `/signals/${weighted}`);
    await connectDemo(page, 3);
    await page.getByLabel('Weight for Docs').fill('1');
    await page.getByLabel('Weight for Audits').fill('3');
    await see(page, '75.0%');
    await click(page, 'Sign and vote');
    await see(page, 'Your vote was counted.');
    await see(page, 'Docs 25%, Audits 75%');
    await screenshot(page, 'signals-04-weighted');

    await visit(page, `/signals/${ranked}`);
    await click(page, 'Move Blue up');
    await click(page, 'Move Blue up');
    await click(page, 'Sign and vote');
    await see(page, 'Your vote was counted.');
    await see(page, '1. Blue, 2. Red, 3. Green');
    await screenshot(page, 'signals-05-ranked');
    expect(errors).toEqual([]);
    await context.close();
    const res = await fetch(`${stack.portalUrl}/api/signals/${ranked}`);
    const poll = (await res.json()) as PollDetail;
    expect(poll.votesList.map((v) => v.choice)).toEqual([[3, 1, 2]]);
  });
});

// Documents share this stack: the built portal's /api/upload and /ipfs/<cid> over HTTP, and the
// verified document shown in the browser.
describe('documents', () => {
  const card = JSON.stringify({ name: 'Aurora 7B', license: 'apache-2.0', tags: ['llm'] });

  async function upload(body: BodyInit, type: string) {
    const res = await fetch(`${stack.portalUrl}/api/upload`, {
      method: 'POST',
      // As a page of the portal sends it (SvelteKit refuses cross-site form-like posts).
      headers: { 'content-type': type, origin: stack.portalUrl },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('uploads a model card, serves it verified, and refuses a changed one', async () => {
    const up = await upload(card, 'application/json');
    expect(up.status).toBe(200);
    const cid = String(up.body.cid);
    expect(up.body).toMatchObject({ ok: true, uri: `ipfs://${cid}`, type: 'application/json' });
    // The digest is the sha-256 a contract records as the content hash.
    const { sha256 } = await import('viem');
    expect(up.body.digest).toBe(sha256(new TextEncoder().encode(card)));

    const { page, context, errors } = await open();
    const served = await page.goto(`${stack.portalUrl}/ipfs/${cid}`);
    expect(served?.status()).toBe(200);
    expect(served?.headers()['x-curia-verified']).toBe('sha2-256');
    await see(page, 'Aurora 7B');

    expect(errors).toEqual([]);
    await context.close();

    // The file changes under its CID: the portal refuses to serve it. (A browser that already
    // holds the verified bytes keeps them: they are immutable.)
    fs.writeFileSync(path.join(stack.docsDir, cid), card.replace('apache-2.0', 'proprietary'));
    const direct = await fetch(`${stack.portalUrl}/ipfs/${cid}`);
    expect(direct.status).toBe(502);
    expect(direct.headers.get('x-curia-verified')).toBe('mismatch');
    expect(await direct.text()).not.toContain('proprietary');
    const fresh = await open();
    const tampered = await fresh.page.goto(`${stack.portalUrl}/ipfs/${cid}`);
    expect(tampered?.status()).toBe(502);
    await see(fresh.page, /no longer match this content identifier/);
    await screenshot(fresh.page, 'documents-01-tampered');
    await fresh.context.close();
  });

  it('refuses wrong types and oversize files with a reason', async () => {
    expect(await upload('<html></html>', 'text/html')).toMatchObject({
      status: 415,
      body: { ok: false, reason: expect.stringMatching(/not accepted\. Allowed: JSON/) },
    });
    expect(await upload('%PDF-1.7 pretend', 'image/png')).toMatchObject({
      status: 415,
      body: { reason: 'The file is declared as PNG image but its content is PDF.' },
    });
    expect(await upload('x'.repeat(300 * 1024), 'text/plain')).toMatchObject({
      status: 413,
      body: { reason: 'The file is 300 KiB; the limit is 256 KiB.' },
    });
    const form = new FormData();
    form.append('file', new Blob(['# Terms\n\nBe kind.'], { type: 'text/markdown' }), 'terms.md');
    const res = await fetch(`${stack.portalUrl}/api/upload`, {
      method: 'POST',
      headers: { origin: stack.portalUrl },
      body: form,
    });
    expect(await res.json()).toMatchObject({ ok: true, type: 'text/markdown' });
    const missing = await fetch(
      `${stack.portalUrl}/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy`,
    );
    expect(missing.status).toBe(404);
    const v0 = await fetch(
      `${stack.portalUrl}/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG`,
    );
    expect(v0.status).toBe(400);
  });
});
