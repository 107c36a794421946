// Every route of the portal on a phone (390×844) and a desktop (1280) over the seeded demo world:
// no page is wider than the screen, the wallet menu opens inside it, the proposal and dispute
// pages show the tally and the vote before their long sections, and the audits table does not
// scroll sideways. Screenshots of every route at both widths go to test-results/e2e/phone-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seed, type SeedRecord } from '../../scripts/seed/index.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { connectDemo, portalPages, screenshot } from './lib/ui.ts';

let stack: Stack;
let record: SeedRecord;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  stack = await startStack();
  // The demo world of `npm start`, seeded through the real contracts; its documents go where the
  // portal reads them (the stack's docs folder).
  record = await seed({
    rpcUrl: stack.rpcUrl,
    manifest: stack.manifest,
    dataDir: path.dirname(stack.docsDir),
  });
  await stack.indexed(180_000);
}, 400_000);

afterAll(async () => {
  await stack?.stop();
});

const pages = portalPages('phone', () => stack);

/** Every route in web/routes, with seeded ids for the pages of one entry. */
function routes(): { name: string; path: string }[] {
  const w = record.world!;
  const dev = record.accounts.find((a) => a.name === 'Dev')!.address;
  return [
    { name: 'home', path: '/' },
    { name: 'models', path: '/models' },
    { name: 'model-merge', path: `/models/${w.entries['lumen/aurora-merge-7b']}` },
    { name: 'model-suspended', path: `/models/${w.entries['open-speech/voxlet-tts-en']}` },
    { name: 'model-removed', path: `/models/${w.entries['lumen/summarizer-news-base']}` },
    { name: 'dataset', path: `/models/${w.entries['curia-commons/webtext-en-clean']}` },
    { name: 'model-new', path: '/models/new' },
    { name: 'model-publish', path: `/models/${w.entries['lumen/aurora-7b']}/publish` },
    { name: 'proposals', path: '/proposals' },
    { name: 'proposal-active', path: `/proposals/${w.proposals.appealActive}` },
    { name: 'proposal-executed', path: `/proposals/${w.proposals.accredit}` },
    { name: 'proposal-new', path: '/proposals/new' },
    { name: 'disputes', path: '/disputes' },
    { name: 'dispute-voting', path: `/disputes/${w.disputes.voting}` },
    { name: 'dispute-removed', path: `/disputes/${w.disputes.removed}` },
    { name: 'curate', path: '/curate' },
    { name: 'audits', path: '/audits' },
    { name: 'delegates', path: '/delegates' },
    { name: 'treasury', path: '/treasury' },
    { name: 'reputation', path: '/reputation' },
    { name: 'reputation-dev', path: `/reputation/${dev.toLowerCase()}` },
    { name: 'signals', path: '/signals' },
    { name: 'signals-new', path: '/signals/new' },
  ];
}

/** Waits until the page has loaded what it reads (no spinner, no "Loading…" left). */
async function settle(page: Page) {
  await page
    .waitForFunction(
      () =>
        !document.querySelector('.spinner, [aria-busy="true"]') &&
        !/Loading|Checking the/.test(document.querySelector('main')?.textContent ?? ''),
      undefined,
      { timeout: 20_000, polling: 250 },
    )
    .catch(() => {
      // Some reads may still run (e.g. charts); the layout is asserted as it is.
    });
}

async function overflow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // What sticks out, to say so when it fails.
    wide: [...document.querySelectorAll('main *, header *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
  }));
}

async function walletPanelBox(page: Page) {
  await page.locator('.wallet > button').click();
  const panel = page.locator('#wallet-panel');
  await panel.waitFor({ state: 'visible' });
  const box = (await panel.boundingBox())!;
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  return box;
}

function expectInside(box: { x: number; y: number; width: number; height: number }) {
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
}

describe('the seeded world on a phone and a desktop', () => {
  it('has no horizontal overflow at 390×844 and the wallet menu inside the screen, on every route', async () => {
    const { page } = await pages.open({ viewport: PHONE });
    const failures: string[] = [];
    for (const route of routes()) {
      await pages.visit(page, route.path);
      await settle(page);
      const o = await overflow(page);
      if (o.scrollWidth > o.innerWidth) {
        failures.push(`${route.path}: ${o.scrollWidth} > ${o.innerWidth} (${o.wide.join(', ')})`);
      }
      const box = await walletPanelBox(page);
      if (box.x < 0 || box.x + box.width > PHONE.width || box.y + box.height > PHONE.height) {
        failures.push(`${route.path}: wallet menu at x ${box.x}, width ${box.width}`);
      }
      await screenshot(page, `phone-390-${route.name}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the wallet menu inside the screen once connected, as a demo account', async () => {
    const { page } = await pages.open({ viewport: PHONE });
    await pages.visit(page, '/models');
    await connectDemo(page, 3);
    await page.locator('.wallet > button', { hasText: 'Dev' }).waitFor();
    expectInside(await walletPanelBox(page));
    await pages.visit(page, `/proposals/${record.world!.proposals.appealActive}`);
    await page.locator('#vote-heading').waitFor();
    expectInside(await walletPanelBox(page));
    expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-390-proposal-active-connected');
  });

  it('shows the tally and the vote form before the long sections on a phone', async () => {
    const { page } = await pages.open({ viewport: PHONE });
    await pages.visit(page, '/models');
    await connectDemo(page, 5);
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;

    await pages.visit(page, `/proposals/${record.world!.proposals.appealActive}`);
    await page.locator('#vote-heading').waitFor();
    expect(await top('#tally-heading')).toBeLessThan(await top('#description-heading'));
    expect(await top('#vote-heading')).toBeLessThan(await top('#description-heading'));
    expect(await top('#vote-heading')).toBeLessThan(await top('#votes-heading'));
    // What the proposal does still comes first.
    expect(await top('#actions-heading')).toBeLessThan(await top('#tally-heading'));

    await pages.visit(page, `/disputes/${record.world!.disputes.voting}`);
    await page.locator('#vote-heading').waitFor();
    expect(await top('#vote-heading')).toBeLessThan(await top('#evidence-heading'));
    expect(await top('#tally-heading')).toBeLessThan(await top('#vote-heading'));
  });

  it('lists audit reports as cards on a phone, without sideways scrolling', async () => {
    const { page } = await pages.open({ viewport: PHONE });
    await pages.visit(page, '/audits');
    await page.getByTestId('audit-row').first().waitFor();
    const table = await page.evaluate(() => {
      const t = document.querySelector('table[aria-label="Audit reports"]')!;
      const wrap = t.parentElement!;
      return {
        scroll: wrap.scrollWidth,
        client: wrap.clientWidth,
        right: t.getBoundingClientRect().right,
      };
    });
    expect(table.scroll).toBeLessThanOrEqual(table.client);
    expect(table.right).toBeLessThanOrEqual(PHONE.width);
    // Each card says what its cells are (the cell's label, shown before it).
    const label = await page.evaluate(() => {
      const cell = document.querySelector('[data-testid="audit-row"] td[data-label="Verdict"]')!;
      return getComputedStyle(cell, '::before').content;
    });
    expect(label).toContain('Verdict');
  });

  it('saves a screenshot of every route at 1280 wide, with no overflow there either', async () => {
    const { page } = await pages.open({ viewport: DESKTOP });
    const failures: string[] = [];
    for (const route of routes()) {
      await pages.visit(page, route.path);
      await settle(page);
      const o = await overflow(page);
      if (o.scrollWidth > o.innerWidth) failures.push(`${route.path}: ${o.scrollWidth}`);
      await screenshot(page, `phone-1280-${route.name}`);
    }
    expect(failures).toEqual([]);
  });
});
