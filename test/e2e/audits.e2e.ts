// /audits: the auditor console (standing read from the chain, the bond, a report on an exact
// version of an entry) and the list of reports from the index, filtered by verdict in the URL;
// an account that is not accredited reads why it cannot submit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { keccak256, stringToHex } from 'viem';
import { sha256Hex } from '../../protocol/cid.ts';
import { auditRegistryAbi } from '../../protocol/generated/contracts.ts';
import { createWorld, type World } from './lib/world.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, done, portalPages, screenshot, see } from './lib/ui.ts';

let stack: Stack;
let world: World;
let model: bigint;
const AUDITOR = 7; // accredited here; posts the bond and reports through the portal
const OTHER = 8; // accredited and bonded here; files a Fail from Node
const NOBODY = 2; // never accredited

beforeAll(async () => {
  stack = await startStack();
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  const audits = { address: stack.manifest.contracts.AuditRegistry!, abi: auditRegistryAbi };
  model = await world.registerModel(1, {
    name: 'Lumen Speech',
    description: 'Speech recognition for lecture halls.',
    tags: ['asr'],
    license: 'mit',
  });
  // A second version (same card): the report must name the exact one it audited.
  const card = await world.storeDoc({
    name: 'Lumen Speech',
    description: 'Speech recognition for lecture halls.',
    tags: ['asr'],
    license: 'mit',
  });
  await world.send(
    world.wallets[1].writeContract({
      ...world.registry,
      functionName: 'publishVersion',
      args: [model, 1, keccak256(stringToHex('weights of Lumen Speech v2')), card, []],
    }),
  );
  for (const i of [AUDITOR, OTHER]) {
    await world.asTimelock({
      ...audits,
      functionName: 'accredit',
      args: [world.accounts[i].address],
    });
  }
  // The other auditor's Fail on v2, so the verdict filter has something to leave out.
  const bond = await world.publicClient.readContract({ ...audits, functionName: 'minimumBond' });
  await world.approve(OTHER, audits.address, bond);
  await world.send(
    world.wallets[OTHER].writeContract({ ...audits, functionName: 'postBond', args: [bond] }),
  );
  const contentHash = await world.publicClient.readContract({
    ...world.registry,
    functionName: 'contentHashOf',
    args: [model, 2],
  });
  const doc = {
    type: 'audit-report',
    modelId: String(model),
    version: 2,
    contentHash,
    findings: 'Fails on accents.',
  };
  const uri = await world.storeDoc(doc);
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  await world.send(
    world.wallets[OTHER].writeContract({
      ...audits,
      functionName: 'submitAudit',
      args: [model, 2, 2, [40, 70, 50, 90], uri, await sha256Hex(bytes), 0n],
    }),
  );
  await stack.indexed();
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('audits', () => stack);

/** The report ids of the table of /audits, once they settle on `expected`. */
async function rowsAre(page: Page, expected: string[]) {
  const deadline = Date.now() + 30_000;
  let ids: string[] = [];
  while (Date.now() < deadline) {
    ids = await page
      .locator('[data-testid=audit-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict') ?? ''));
    if (JSON.stringify(ids) === JSON.stringify(expected)) return;
    await page.waitForTimeout(250);
  }
  expect(ids).toEqual(expected);
}

describe('audits', () => {
  it('an accredited auditor posts the bond and reports on an exact version; the list shows it', async () => {
    const { page, context, errors } = await open();
    await visit(page, '/audits');
    await page.getByRole('link', { name: 'Audits', exact: true }).waitFor();
    // The Fail filed from Node is listed, with the entry's title.
    await rowsAre(page, ['Fail']);
    await see(page, `Lumen Speech (#${model})`);

    await connectDemo(page, AUDITOR);
    const console_ = page.getByTestId('auditor-console');
    await console_.getByText('Accredited', { exact: true }).waitFor();
    expect(await console_.getByTestId('auditor-status').textContent()).toContain('Not active');
    await click(page, 'Post bond');
    await done(page, /Post an auditor bond/);
    await console_.getByTestId('auditor-status').getByText('Active', { exact: true }).waitFor();

    // A version the entry does not have is refused before anything is sent.
    const form = page.getByTestId('audit-form');
    await form.getByLabel('Model number').fill(String(model));
    await form.getByTestId('audit-target').getByText('has 2 versions').waitFor();
    await form.getByLabel('Version', { exact: true }).fill('3');
    await form.getByLabel(/Findings/).fill('Clean weights; word error rate as the card says.');
    await form.getByLabel('Quality').fill('91');
    await click(page, 'Submit report');
    await form.getByText(`Model #${model} has 2 versions; there is no v3.`).waitFor();
    // The input is kept: only the version changes.
    await form.getByLabel('Version', { exact: true }).fill('1');
    expect(await form.getByLabel(/Findings/).inputValue()).toContain('Clean weights');
    await click(page, 'Submit report');
    await done(page, new RegExp(`Submit a Pass report on v1 of #${model}`));

    // Listed once the index has it, newest first; the console counts it.
    await stack.indexed();
    await rowsAre(page, ['Pass', 'Fail']);
    const row = page.locator('[data-testid=audit-row][data-verdict=Pass]');
    expect(await row.textContent()).toContain('v1');
    const passId = BigInt((await row.getAttribute('data-id'))!);
    await console_.getByTestId('my-report-count').getByText('1', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Read' }).click();
    const report = page.locator(`#report-${await row.getAttribute('data-id')}`);
    await report.getByText('Clean weights; word error rate as the card says.').waitFor();
    // Under its row, across the table (it was squeezed into the last cell).
    const table = await page.getByRole('table', { name: 'Audit reports' }).boundingBox();
    expect((await report.boundingBox())!.width).toBeGreaterThan(table!.width * 0.9);
    await screenshot(page, 'audits-01-console-and-list');

    // The verdict filter, in the URL.
    await page.getByTestId('verdict-filter').selectOption('Fail');
    await page.waitForURL((u) => u.searchParams.get('verdict') === 'Fail');
    await rowsAre(page, ['Fail']);
    await visit(page, '/audits?verdict=Pass');
    await rowsAre(page, ['Pass']);
    await visit(page, '/audits?verdict=Concerns');
    await see(page, 'No report matches these filters.');
    await screenshot(page, 'audits-02-filtered');

    // Amending: a second report on the same version replaces the auditor's first (one current
    // report each), which the form says before anything is sent.
    await form.getByLabel('Model number').fill(String(model));
    await form.getByLabel('Version', { exact: true }).fill('1');
    await form
      .getByTestId('audit-replaces')
      .getByText(`This replaces your report #${passId} (Pass) on v1`)
      .waitFor();
    // The amendment starts from the replaced report's scores.
    await expect.poll(() => form.getByLabel('Quality').inputValue()).toBe('91');
    await form.getByLabel('Verdict').selectOption({ label: 'Concerns' });
    await form.getByLabel(/Findings/).fill('The word error rate doubles on accented speech.');
    await click(page, 'Amend report');
    await done(page, new RegExp(`Amend your report #${passId} on v1 of #${model} \\(Concerns\\)`));
    const amended = await world.publicClient.readContract({
      address: stack.manifest.contracts.AuditRegistry!,
      abi: auditRegistryAbi,
      functionName: 'getReport',
      args: [passId],
    });
    expect(amended.replacedBy).toBeGreaterThan(passId);
    // The form is fresh again: the same report is not one click away.
    expect(await form.getByLabel('Verdict').inputValue()).toBe('0');
    expect(await form.getByLabel(/Findings/).inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells an account that is not accredited why it cannot submit', async () => {
    const { page, context } = await open({ viewport: { width: 390, height: 844 } });
    await visit(page, '/audits');
    await connectDemo(page, NOBODY);
    const console_ = page.getByTestId('auditor-console');
    await console_.getByTestId('not-accredited').waitFor();
    await see(page, 'This account is not an accredited auditor');
    expect(await page.getByTestId('audit-form').count()).toBe(0);
    await screenshot(page, 'audits-03-not-accredited-phone');
    await context.close();
  });
});
