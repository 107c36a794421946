// Every route of the portal on a phone (390×844) and a desktop (1280): no page is wider than the
// screen, the wallet menu opens inside it, the proposal and dispute pages show the tally and the
// vote before their long sections, and the audits and versions tables do not scroll sideways.
// Screenshots of every route at both widths go to test-results/e2e/phone-*.png.
//
// The world is made here (the e2e library has no seeded world; the seed takes minutes on a loaded
// machine): entries with long names, cards, two versions and lineage, a listing with a stake, a
// dispute in its voting period, an active proposal and an audit report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeFunctionData, parseEventLogs } from 'viem';
import { sha256Hex } from '../../protocol/cid.ts';
import {
  auditRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
} from '../../protocol/generated/contracts.ts';
import { createWorld, CUR, type World } from './lib/world.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { apiPoll } from './lib/signals.ts';
import { connectDemo, portalPages, screenshot } from './lib/ui.ts';

let stack: Stack;
let world: World;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** A walk through every route: each page may take seconds to settle on a loaded machine. */
const WALK_MS = 360_000;
const ids = { base: 0n, derived: 0n, disputed: 0n, dispute: 1n, proposal: 0n, poll: '' };

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  for (const i of [1, 3, 5]) await world.delegateSelf(i);
  const card = (name: string) => ({
    name,
    description: `${name}: a multilingual speech recognition model with a long description.`,
    tags: ['asr', 'speech-recognition', 'multilingual', 'long-form-transcription'],
    license: 'apache-2.0',
  });
  ids.base = await world.registerModel(1, card('Whisperlet-Multilingual-Large-v3-Distilled'));
  ids.derived = await world.registerModel(2, card('Whisperlet-Fine-Tuned-Parliament-FR'), [
    ids.base,
  ]);
  ids.disputed = await world.registerModel(1, card('Pathfinder-Segmentation-Base'));
  // A second version of the derived entry (the versions table has two rows).
  await world.send(
    world.wallets[2].writeContract({
      ...world.registry,
      functionName: 'publishVersion',
      args: [
        ids.derived,
        1,
        await sha256Hex(new TextEncoder().encode('weights v2')),
        await world.storeDoc(card('Whisperlet-Fine-Tuned-Parliament-FR')),
        [ids.base],
      ],
    }),
  );
  await world.applyForListing(1, ids.base);
  await world.applyForListing(2, ids.derived);
  await world.applyForListing(1, ids.disputed);
  await world.stake(3, ids.derived, 1_000n * CUR);
  // An auditor (accredited as by the DAO, bonded) reports on the derived entry's v2.
  const audits = { address: stack.manifest.contracts.AuditRegistry!, abi: auditRegistryAbi };
  await world.asTimelock({
    ...audits,
    functionName: 'accredit',
    args: [world.accounts[7].address],
  });
  const bond = await world.publicClient.readContract({ ...audits, functionName: 'minimumBond' });
  await world.approve(7, audits.address, bond);
  await world.send(
    world.wallets[7].writeContract({ ...audits, functionName: 'postBond', args: [bond] }),
  );
  const report = { type: 'audit-report', findings: 'Robust on accents; some hallucinations.' };
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  await world.send(
    world.wallets[7].writeContract({
      ...audits,
      functionName: 'submitAudit',
      args: [
        ids.derived,
        2,
        1,
        [80, 70, 60, 90],
        await world.storeDoc(report),
        await sha256Hex(bytes),
        0n,
      ],
    }),
  );
  // A proposal, then past its voting delay: Active.
  await world.increaseTime(2);
  const receipt = await world.send(
    world.wallets[1].writeContract({
      ...world.governor,
      functionName: 'propose',
      args: [
        [stack.manifest.contracts.CuriaToken],
        [0n],
        [
          encodeFunctionData({
            abi: curiaTokenAbi,
            functionName: 'delegate',
            args: [world.accounts[1].address],
          }),
        ],
        `# Fund the phone layout work\n\n${'A description long enough to push the tally down on a phone. '.repeat(8)}`,
      ],
    }),
  );
  const [created] = parseEventLogs({
    abi: curiaGovernorAbi,
    eventName: 'ProposalCreated',
    logs: receipt.logs,
  });
  ids.proposal = created.args.proposalId;
  await world.increaseTime(86_400 + 1);
  // A challenge, in its voting period.
  await world.approve(5, world.curation.address, 100_000n * CUR);
  await world.send(
    world.wallets[5].writeContract({
      ...world.curation,
      functionName: 'challenge',
      args: [
        ids.disputed,
        0,
        0,
        await world.storeDoc({ statement: 'The masks are off by several pixels.' }),
        `0x${'ab'.repeat(32)}`,
      ],
    }),
  );
  // A temperature check (off-chain signal) with a long title, open for a day.
  ids.poll = await apiPoll(
    stack.portalUrl,
    world,
    1,
    'single-choice',
    ['Yes, fund it', 'No', 'Abstain'],
    'Should the DAO fund a multilingual evaluation suite for speech models next quarter?',
  );
  await stack.indexed();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const pages = portalPages('phone', () => stack);

/** Every route in web/routes, with this world's ids for the pages of one entry. */
function routes(): { name: string; path: string }[] {
  return [
    { name: 'home', path: '/' },
    { name: 'models', path: '/models' },
    { name: 'model-derived', path: `/models/${ids.derived}` },
    { name: 'model-base', path: `/models/${ids.base}` },
    { name: 'model-disputed', path: `/models/${ids.disputed}` },
    { name: 'model-new', path: '/models/new' },
    { name: 'model-publish', path: `/models/${ids.derived}/publish` },
    { name: 'proposals', path: '/proposals' },
    { name: 'proposal-active', path: `/proposals/${ids.proposal}` },
    { name: 'proposal-new', path: '/proposals/new' },
    { name: 'disputes', path: '/disputes' },
    { name: 'dispute-voting', path: `/disputes/${ids.dispute}` },
    { name: 'curate', path: '/curate' },
    { name: 'audits', path: '/audits' },
    { name: 'delegates', path: '/delegates' },
    { name: 'treasury', path: '/treasury' },
    { name: 'reputation', path: '/reputation' },
    { name: 'reputation-dev', path: `/reputation/${world.accounts[3].address.toLowerCase()}` },
    { name: 'signals', path: '/signals' },
    { name: 'signals-new', path: '/signals/new' },
    { name: 'signal-poll', path: `/signals/${ids.poll}` },
    { name: 'licenses', path: '/licenses' },
    { name: 'earnings', path: '/earnings' },
    { name: 'notifications', path: '/notifications' },
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

describe('every route on a phone and a desktop', () => {
  it(
    'has no horizontal overflow at 390×844 and the wallet menu inside the screen, on every route',
    async () => {
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
    },
    WALK_MS,
  );

  it('keeps the wallet menu inside the screen once connected, as a demo account', async () => {
    const { page } = await pages.open({ viewport: PHONE });
    await pages.visit(page, '/models');
    await connectDemo(page, 3);
    await page.locator('.wallet > button', { hasText: 'Dev' }).waitFor();
    expectInside(await walletPanelBox(page));
    await pages.visit(page, `/proposals/${ids.proposal}`);
    await page.locator('#vote-heading').waitFor();
    expectInside(await walletPanelBox(page));
    expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-390-proposal-active-connected');
  });

  it(
    "keeps each role's own pages inside the screen when connected (curator, auditor, creator)",
    async () => {
      const failures: string[] = [];
      // Dev (3) stakes on the derived entry; account 7 is the bonded auditor; account 2 owns the
      // derived entry (its earnings and sales); each sees the pages of their job, filled.
      for (const [account, name, paths] of [
        [3, 'curator', ['/curate', '/licenses', '/notifications', `/models/${ids.derived}`]],
        [7, 'auditor', ['/audits', `/models/${ids.derived}`]],
        [2, 'creator', [`/models/${ids.derived}`, `/models/${ids.derived}/publish`, '/licenses']],
      ] as const) {
        const { page } = await pages.open({ viewport: PHONE });
        await pages.visit(page, '/');
        await connectDemo(page, account);
        for (const path of paths) {
          await pages.visit(page, path);
          await settle(page);
          const o = await overflow(page);
          if (o.scrollWidth > o.innerWidth) {
            failures.push(
              `${name} ${path}: ${o.scrollWidth} > ${o.innerWidth} (${o.wide.join(', ')})`,
            );
          }
          const slug = path.replaceAll('/', '-').replace(/^-/, '') || 'home';
          await screenshot(page, `phone-390-${name}-${slug}`);
        }
      }
      expect(failures).toEqual([]);
    },
    WALK_MS,
  );

  it("shows the tally, the vote form and a model's offers before the long sections on a phone", async () => {
    const { page } = await pages.open({ viewport: PHONE });
    await pages.visit(page, '/models');
    await connectDemo(page, 5);
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    /** `first` is shown above `second` on the page. */
    const above = async (first: string, second: string) =>
      expect(await top(first)).toBeLessThan(await top(second));

    await pages.visit(page, `/proposals/${ids.proposal}`);
    await page.locator('#vote-heading').waitFor();
    await above('#tally-heading', '#description-heading');
    await above('#vote-heading', '#description-heading');
    await above('#vote-heading', '#votes-heading');
    // What the proposal does still comes first.
    await above('#actions-heading', '#tally-heading');

    await pages.visit(page, `/disputes/${ids.dispute}`);
    await page.locator('#vote-heading').waitFor();
    await above('#vote-heading', '#evidence-heading');
    await above('#tally-heading', '#vote-heading');

    // A model: its offers and curation, then the card and the history.
    await pages.visit(page, `/models/${ids.derived}`);
    await page.locator('#licenses-heading').waitFor();
    await above('#licenses-heading', '#card-heading');
    await above('#curation-heading', '#card-heading');
    await above('#card-heading', '#versions-heading');
    // …with a way straight to the card from the top.
    const jump = page.getByTestId('model-jump');
    await above('[data-testid="model-jump"]', '#licenses-heading');
    await jump.getByRole('link', { name: /card$/ }).click();
    await expect
      .poll(async () => (await page.locator('#card').boundingBox())!.y)
      .toBeLessThan(PHONE.height);
    // Challenging and the owner's bond go with the dispute history, at the end.
    await above('#disputes-heading', "text=Owner's bond");
    // A table that may be wider than the phone scrolls inside its frame, shaded where more is hidden.
    const versions = page.locator('section[aria-labelledby="versions-heading"] .table-wrap');
    const frame = await versions.evaluate((el) => ({
      background: getComputedStyle(el).backgroundImage,
      right: el.getBoundingClientRect().right,
    }));
    expect(frame.background).toContain('radial-gradient');
    expect(frame.right).toBeLessThanOrEqual(PHONE.width);
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

  it(
    'saves a screenshot of every route at 1280 wide, with no overflow there either',
    async () => {
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
    },
    WALK_MS,
  );
});
