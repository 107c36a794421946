// Headless Chromium for the browser tests and the portal bench: Debian's `chromium` (or
// CHROMIUM_PATH) driven by playwright-core, which downloads no browser of its own.
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

const options = () => ({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

export function launchChromium(): Promise<Browser> {
  return chromium.launch(options());
}

/**
 * One Chromium that other processes share (the e2e suite's global setup): each connects with
 * {@link connectChromium} to its `wsEndpoint()` and opens its own contexts.
 */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(options());
}

export function connectChromium(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}
