import { launchChromium } from './scripts/lib/browser.ts';
const base = process.env.BASE ?? 'http://127.0.0.1:5601';
const routes: [string, number][] = [
  ['/curate', 10],
  ['/audits', 11],
  ['/models/1', 0],
  ['/models/1', 9],
  ['/licenses', 8],
];
const browser = await launchChromium();
for (const [route, account] of routes) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', route, e.message));
  await page.goto(base + route);
  await page.locator('html[data-ready=true]').waitFor({ state: 'attached' });
  await page.locator('.wallet > button').click();
  await page.getByTestId(`demo-${account}`).click();
  await page.waitForTimeout(5000);
  const name = `${route.replace(/\//g, '_')}-${account}`;
  await page.screenshot({ path: `/tmp/roles-shots/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(1500);
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  console.log(route, account, 'scrollWidth/innerWidth at 390:', overflow.join('/'));
  await page.screenshot({ path: `/tmp/roles-shots/${name}-390.png`, fullPage: true });
  await context.close();
}
await browser.close();
