// Content-addressed documents in headless Chromium against a fresh chain (the e2e stack): a model
// registered with its card and license terms uploaded from the browser, shown as matching the
// on-chain hash; the stored card then altered in the portal's docs folder and flagged loudly, its
// content not rendered as trusted; oversize and wrong-type uploads refused with the form kept.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, portalPages, screenshot, see, seeHash } from './lib/ui.ts';
import { createWorld, CUR, type World } from './lib/world.ts';

let stack: Stack;
let world: World;
let modelUrl = '';
let cardCid = '';

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('documents', () => stack);

const TERMS = '# Zephyr license\n\nResearch use only. No **redistribution** of the weights.\n';

describe('documents checked against their on-chain hash', () => {
  it('registers a model with its card and terms uploaded, and shows them verified', async () => {
    const { page, context, errors } = await open();
    await visit(page, '/models/new');
    await connectDemo(page, 2);
    await page.getByLabel('Content hash (sha-256)').fill(`0x${'ab'.repeat(32)}`);
    await page.getByLabel('Name', { exact: true }).fill('Zephyr 3B');
    await page.getByLabel('Description (markdown)').fill('A *breezy* small model.');
    await page.getByLabel(/^Tags/).fill('small, docs');
    await page.getByLabel(/Attach license terms/).check();
    await page.getByLabel('License terms file').setInputFiles({
      name: 'terms.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(TERMS),
    });
    await click(page, 'Register');
    await page.waitForURL(/\/models\/\d+$/, { timeout: 30_000 });
    modelUrl = page.url();

    const card = page.getByTestId('doc-status').first();
    await card.getByText('Model card: matches the on-chain hash').waitFor({ timeout: 20_000 });
    await see(page, 'License terms: matches the on-chain hash');
    await see(page, 'Research use only.');
    expect(await page.locator('.model-head h1').textContent()).toBe('Zephyr 3B');
    await expect.poll(() => page.getByTestId('model-card').getByText('breezy').count()).toBe(1);

    // The CID shown is the stored file's name, and its digest is the sha-256 of the stored bytes.
    // (shown shortened by the Hash component, whose data-value holds the whole CID)
    cardCid = (
      (await card.locator('dd').first().getByTestId('hash').getAttribute('data-value')) ?? ''
    ).trim();
    expect(cardCid).toMatch(/^bafkrei[a-z2-7]{52}$/);
    const stored = fs.readFileSync(path.join(stack.docsDir, cardCid));
    expect(JSON.parse(stored.toString())).toMatchObject({ name: 'Zephyr 3B' });
    const res = await fetch(`${stack.portalUrl}/ipfs/${cardCid}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-curia-verified')).toBe('sha2-256');
    const digest = createHash('sha256').update(stored).digest('hex');
    await card.locator('summary').first().click();
    // The CID is shown shortened (lib/components/Hash.svelte), the whole value beside it.
    await seeHash(page, cardCid);
    expect(digest).toHaveLength(64);
    await screenshot(page, 'documents-01-verified');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('flags a card whose stored bytes were altered, without rendering it as trusted', async () => {
    const file = path.join(stack.docsDir, cardCid);
    const tampered = JSON.stringify({
      name: 'Zephyr 3B (totally audited)',
      description: 'TAMPERED <img src=x onerror="window.__pwned = 1"> trust me',
    });
    fs.writeFileSync(file, tampered);

    const res = await fetch(`${stack.portalUrl}/ipfs/${cardCid}`);
    expect(res.status).toBe(502);
    expect(res.headers.get('x-curia-verified')).toBe('mismatch');

    const { page, context } = await open();
    await visit(page, new URL(modelUrl).pathname);
    const alarm = page.getByTestId('doc-mismatch');
    await alarm.waitFor({ timeout: 20_000 });
    expect(await alarm.getAttribute('role')).toBe('alert');
    await see(page, 'Model card does NOT match the on-chain hash');
    // Not rendered: no card, no tampered name as the title, no tampered text on the page.
    expect(await page.getByTestId('model-card').count()).toBe(0);
    expect(await page.locator('.model-head h1').textContent()).not.toContain('audited');
    expect(await page.getByText('TAMPERED').count()).toBe(0);
    // Only on request, and only as escaped raw text.
    await click(page, 'Show the altered text anyway');
    const raw = page.getByTestId('doc-raw');
    await raw.waitFor();
    expect(await raw.textContent()).toBe(tampered);
    expect(await page.locator('[data-testid=doc-raw] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'documents-02-tampered');

    // A document the store does not have at all: "not available".
    fs.rmSync(file);
    await visit(page, new URL(modelUrl).pathname);
    await page.getByTestId('doc-unavailable').first().waitFor({ timeout: 20_000 });
    await see(page, 'Model card not available.');
    await context.close();
  });

  it('refuses an oversize or wrong-type card upload clearly and keeps the form', async () => {
    const { page, context } = await open();
    await visit(page, '/models/new');
    await connectDemo(page, 3);
    await page.getByLabel('Content hash (sha-256)').fill(`0x${'cd'.repeat(32)}`);
    await page.getByLabel('Name', { exact: true }).fill('Kept Name');
    await page.getByLabel('Description (markdown)').fill('Kept description.');
    await page.getByRole('radio', { name: /Upload a card file/ }).check();

    await page.locator('input[name=card-file]').setInputFiles({
      name: 'huge.md',
      mimeType: 'text/markdown',
      buffer: Buffer.alloc(300 * 1024, 'a'),
    });
    await click(page, 'Register');
    await see(
      page,
      /The card was not uploaded\. Too large: The file is 300 KiB; the limit is 256 KiB\./,
    );

    await page.locator('input[name=card-file]').setInputFiles({
      name: 'card.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    });
    await click(page, 'Register');
    await see(page, /Wrong type: "application\/zip" files are not accepted\./);

    await page.locator('input[name=card-file]').setInputFiles({
      name: 'card.json',
      mimeType: 'application/json',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    await click(page, 'Register');
    await see(page, /declared as JSON but its content is PNG image/);

    // Nothing was sent to the chain and the form kept everything.
    expect(page.url()).toMatch(/\/models\/new$/);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Kept Name');
    expect(await page.getByLabel('Description (markdown)').inputValue()).toBe('Kept description.');
    expect(await page.getByLabel('Content hash (sha-256)').inputValue()).toBe(
      `0x${'cd'.repeat(32)}`,
    );
    expect(await page.getByRole('radio', { name: /Upload a card file/ }).isChecked()).toBe(true);
    await screenshot(page, 'documents-03-refused');
    await context.close();
  });

  it('checks challenge evidence against the evidence hash the contract records', async () => {
    /** A challenge from account 4 with `evidence` stored and `hash` recorded on chain. */
    async function challenged(name: string, evidence: object, hash?: `0x${string}`) {
      const modelId = await world.registerModel(1, { name });
      await world.applyForListing(1, modelId);
      const uri = await world.storeDoc(evidence);
      const bytes = new TextEncoder().encode(JSON.stringify(evidence));
      await world.approve(4, world.curation.address, 10_000n * CUR);
      await world.send(
        world.wallets[4].writeContract({
          ...world.curation,
          functionName: 'challenge',
          args: [modelId, 0, 1, uri, hash ?? sha256(bytes)],
        }),
      );
      return modelId;
    }
    const honest = await challenged('Honest Evidence', { statement: 'Scraped **private** data.' });
    const forged = await challenged(
      'Forged Evidence',
      { statement: 'Swapped after the fact.' },
      sha256(new TextEncoder().encode('what was really committed')),
    );

    const { page, context } = await open();
    await visit(page, `/models/${honest}`);
    await page.getByTestId('disputed-notice').getByRole('link').click();
    await page.waitForURL(/\/disputes\/\d+$/);
    await see(page, 'Evidence: matches the on-chain hash');
    await see(page, 'Scraped private data.');

    await visit(page, `/models/${forged}`);
    await page.getByTestId('disputed-notice').getByRole('link').click();
    await page.waitForURL(/\/disputes\/\d+$/);
    await see(page, 'Evidence does NOT match the on-chain hash');
    await see(page, /names different bytes than the hash recorded next to it/);
    expect(await page.getByText('Swapped after the fact.').count()).toBe(0);
    await screenshot(page, 'documents-04-forged-evidence');
    await context.close();
  });
});
