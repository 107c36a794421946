// Small helpers for driving the portal like a person would.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { openPage, SCREENSHOTS, type PageOptions, type Stack } from './stack.ts';

export async function see(page: Page, text: string | RegExp, timeout = 20_000) {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout });
}

/** A hash or CID shown by the Hash component: shortened on the page, the whole value in data-value. */
export async function seeHash(page: Page, value: string, timeout = 20_000) {
  await page
    .locator(`[data-testid="hash"][data-value="${value}"]`)
    .first()
    .waitFor({ state: 'visible', timeout });
}

export async function gone(page: Page, text: string | RegExp, timeout = 20_000) {
  await page.getByText(text).first().waitFor({ state: 'hidden', timeout });
}

export async function button(page: Page, name: string | RegExp, timeout = 20_000) {
  const b = page.getByRole('button', { name, exact: typeof name === 'string' });
  await b.first().waitFor({ state: 'visible', timeout });
  // Enabled once the page has caught up with the chain (e.g. after a time jump).
  const deadline = Date.now() + timeout;
  while (await b.first().isDisabled()) {
    if (Date.now() > deadline) throw new Error(`button "${String(name)}" stayed disabled`);
    await page.waitForTimeout(200);
  }
  return b.first();
}

export async function click(page: Page, name: string | RegExp, timeout?: number) {
  await (await button(page, name, timeout)).click();
}

/**
 * Follows a link as a person does: clicks it, then waits until the address bar shows `url` (a
 * client-side navigation changes it once the next page's data has loaded, which can take a while
 * on a busy machine; a full load is not waited for). On failure, says where the page stayed.
 */
export async function follow(page: Page, link: Locator, url: RegExp, timeout = 60_000) {
  const href = await link.getAttribute('href');
  await link.click();
  try {
    await page.waitForURL(url, { waitUntil: 'commit', timeout });
  } catch (err) {
    throw new Error(
      `followed a link to ${href} but the page stayed at ${page.url()}: ${(err as Error).message}`,
    );
  }
}

/** Connects demo account `index` through the wallet menu. */
export async function connectDemo(page: Page, index: number) {
  await page.locator('.wallet > button').click();
  await page.getByTestId(`demo-${index}`).click();
  await page.getByTestId(`demo-${index}`).waitFor({ state: 'hidden' });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until a transaction's success notice shows. */
export async function done(page: Page, label: string | RegExp, timeout = 30_000) {
  // Only a confirmed transaction's notice: the label also shows while checking and pending.
  await page
    .locator('[data-phase=confirmed]', { hasText: label })
    .first()
    .waitFor({ state: 'visible', timeout });
}

/**
 * Pages of one e2e file's portal: `open` a fresh browser page, `visit` a path (or URL) and wait
 * until the portal is ready. A failed journey leaves a screenshot of the last page opened (or
 * `watch`ed): test-results/e2e/FAILED-<prefix>-<journey>.png.
 */
export function portalPages(prefix: string, stack: () => Stack) {
  let last: Page | undefined;
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && last && !last.isClosed()) {
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await screenshot(last, `FAILED-${prefix}-${name}`).catch(() => {});
    }
    last = undefined;
  });
  return {
    async open(opts?: PageOptions) {
      const opened = await openPage(stack(), opts);
      last = opened.page;
      return opened;
    },
    watch(page: Page) {
      last = page;
    },
    async visit(page: Page, url: string) {
      await page.goto(url.startsWith('http') ? url : `${stack().portalUrl}${url}`);
      await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
    },
  };
}
