// Notifications in headless Chromium against a fresh chain, its indexer and the built portal: a
// creator signs in with Ethereum, follows their model and adds a webhook (a receiver on 127.0.0.1
// here); a holder challenges the model; within that one indexed block the header's bell shows the
// notice, the creator's Atom feed has it, and the receiver gets one POST whose signature verifies.
// Then every bad input over HTTP. The latency from the block to each delivery is logged.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http as httpTransport, type Address } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../scripts/lib/accounts.ts';
import { ROOT } from '../../protocol/paths.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, portalPages, screenshot, see } from './lib/ui.ts';
import { createWorld, CUR, type World } from './lib/world.ts';

let stack: Stack;
let world: World;
let tmp: string;
const keys = demoAccounts(5);
const creator = keys[1].address as Address; // Ben
const other = privateKeyToAccount(keys[2].privateKey); // Chloe

// The webhook receiver: every POST, when it arrived, and whether its signature verifies.
const received: { at: number; body: string; signature: string; delivery: string }[] = [];
let receiverUrl = '';
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    received.push({
      at: Date.now(),
      body,
      signature: String(req.headers['x-curia-signature']),
      delivery: String(req.headers['x-curia-delivery']),
    });
    res.end('ok');
  });
});

beforeAll(async () => {
  // The portal inherits this environment: its accounts database in a throwaway folder, webhooks
  // allowed to this machine (the receiver), a worker pass every 250 ms and its log.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-e2e-notify-'));
  process.env.CURIA_ACCOUNTS_DB_DIR = path.join(tmp, 'accounts');
  process.env.SIGNALS_DB_DIR = path.join(tmp, 'signals');
  process.env.CURIA_WEBHOOK_ALLOW_PRIVATE = '1';
  process.env.CURIA_NOTIFY_INTERVAL_MS = '250';
  process.env.CURIA_NOTIFY_LOG = '1';
  // The portal's runtime dependencies (PGlite, pg) must resolve from the build's copy (see
  // signals.e2e.ts): the stack's folder goes under one that sees node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    stack = await startStack();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  world = createWorld(stack.rpcUrl, stack.chainId, stack.manifest, stack.docsDir);
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/curia`;
}, 600_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const { open, visit } = portalPages('notify', () => stack);

let modelId: bigint;
let secret = '';
let cookie = '';
let webhookId = '';

type SiweFields = Partial<Parameters<typeof createSiweMessage>[0]>;

/** A Sign-In with Ethereum message for this portal, with a nonce it issued, signed by `who`. */
async function signedSiwe(who: PrivateKeyAccount, over: SiweFields = {}) {
  const origin = new URL(stack.portalUrl);
  const { body } = await api('/api/auth/nonce', { method: 'POST' });
  const message = createSiweMessage({
    address: who.address,
    chainId: stack.chainId,
    domain: origin.host,
    uri: origin.origin,
    nonce: body.nonce as string,
    version: '1',
    issuedAt: new Date(),
    ...over,
  });
  return { message, signature: await who.signMessage({ message }) };
}

async function api(pathname: string, init: RequestInit & { json?: unknown; raw?: string } = {}) {
  const { json, raw, ...rest } = init;
  const headers: Record<string, string> = { ...(rest.headers as Record<string, string>) };
  if (json !== undefined || raw !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${stack.portalUrl}${pathname}`, {
    ...rest,
    headers,
    body: raw ?? (json === undefined ? undefined : JSON.stringify(json)),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as Record<string, unknown>,
  };
}

describe('notifications journey', () => {
  it('a creator signs in, follows their model and adds a webhook', async () => {
    modelId = await world.registerModel(1, { name: 'Watched Model', description: 'Followed.' });
    await world.applyForListing(1, modelId);
    await stack.indexed();

    const { page, context } = await open();
    page.setDefaultNavigationTimeout(120_000); // a loaded machine serves slowly
    await visit(page, '/notifications');
    await see(page, /Connect a wallet/, 60_000);
    await connectDemo(page, 1);
    await click(page, 'Sign in with Ethereum');
    await see(page, 'Signed in as');
    expect(await page.getByTestId('notify-account').getAttribute('data-address')).toBe(creator);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'curia_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.expires).toBeGreaterThan(Date.now() / 1000 + 6 * 86_400);
    cookie = `curia_session=${session.value}`;

    // A refusal is said beside the form (walk 18: it was drawn at the top of the page), the input kept.
    await page.getByLabel('Model id').fill('99999');
    await click(page, 'Follow');
    await expect
      .poll(() => page.getByTestId('follow-error').textContent())
      .toMatch(/There is no model #99999/);
    expect(await page.getByLabel('Model id').inputValue()).toBe('99999');
    await page.getByLabel('Model id').fill(String(modelId));
    await click(page, 'Follow');
    // The followed model by its card's name, not its number (walk 19).
    await expect
      .poll(() => page.locator('section[aria-labelledby=follows]').textContent(), {
        timeout: 30_000,
      })
      .toContain('Watched Model');
    await page.getByLabel('Webhook URL').fill(receiverUrl);
    await click(page, 'Add webhook');
    secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const hooks = await api('/api/notify/webhooks', { headers: { cookie } });
    webhookId = (hooks.body.webhooks as { id: string }[])[0].id;
    await screenshot(page, 'notify-01-signed-in');

    // The model's own page follows and unfollows it too (as on the Hugging Face Hub).
    await visit(page, `/models/${modelId}`);
    const follow = page.getByTestId('follow');
    await follow.getByRole('button', { name: 'Following ✓' }).click({ timeout: 30_000 });
    await follow.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    expect((await api('/api/notify/follows', { headers: { cookie } })).body.follows).toEqual([]);
    await follow.getByRole('button', { name: 'Follow', exact: true }).click();
    await follow.getByRole('button', { name: 'Following ✓' }).waitFor();
    expect((await api('/api/notify/follows', { headers: { cookie } })).body.follows).toEqual([
      String(modelId),
    ]);
    await context.close();
  });

  it('a challenge reaches the bell, the feed and the webhook within its indexed block', async () => {
    const { page, context } = await open();
    page.setDefaultNavigationTimeout(120_000);
    // The same session in this fresh browser context.
    await context.addCookies([
      { name: 'curia_session', value: cookie.split('=')[1], url: stack.portalUrl },
    ]);
    await visit(page, '/notifications');
    await see(page, 'Signed in as', 60_000);
    const badge = page.getByTestId('notify-badge');
    expect(await badge.getAttribute('aria-label')).toBe('Notifications');

    // Eve (4), a holder, challenges the model.
    await world.approve(4, world.curation.address, 10_000n * CUR);
    const receipt = await world.send(
      world.wallets[4].writeContract({
        ...world.curation,
        functionName: 'challenge',
        args: [modelId, 0, 0, 'ipfs://evidence', `0x${'22'.repeat(32)}`],
      }),
    );
    const mined = Date.now();
    const block = receipt.blockNumber;
    const indexedHead = await stack.indexed();
    const indexedAt = Date.now();

    await page
      .locator('[data-testid=notify-badge][aria-label="Notifications: 1 unread"]')
      .waitFor({ timeout: 20_000 });
    const badgeAt = Date.now();
    await see(page, `Challenge on your model: Watched Model (#${modelId})`);
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const webhookAt = received[0]?.at;
    // No other block was mined meanwhile: the notice came from the challenge's block.
    const chain = createPublicClient({ transport: httpTransport(stack.rpcUrl) });
    expect(await chain.getBlockNumber()).toBe(block);

    const feed = await fetch(`${stack.portalUrl}/feed/${creator.toLowerCase()}.atom`);
    expect(feed.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = await feed.text();
    expect(xml).toContain(`<title>Challenge on your model: Watched Model (#${modelId})</title>`);
    expect(xml).toMatch(/<link rel="alternate" href="http:\/\/127\.0\.0\.1:\d+\/disputes\/\d+"\/>/);

    // Exactly one signed POST, and no second one later.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(received).toHaveLength(1);
    const [post] = received;
    const expected = `sha256=${createHmac('sha256', secret).update(post.body).digest('hex')}`;
    expect(post.signature).toBe(expected);
    const payload = JSON.parse(post.body) as {
      account: string;
      kind: string;
      title: string;
      event: { txHash: string; blockNumber: number };
    };
    expect(payload.account).toBe(creator);
    expect(payload.kind).toBe('challenge');
    expect(payload.event).toMatchObject({
      txHash: receipt.transactionHash,
      blockNumber: Number(block),
    });
    // The delivery log shows it.
    const log = await api(`/api/notify/webhooks/${webhookId}/deliveries`, { headers: { cookie } });
    expect(log.body.deliveries).toMatchObject([
      { ok: true, status: 200, state: 'delivered', attempt: 1 },
    ]);

    console.log(
      `notify latency (block ${block} mined → …): indexed (head ${indexedHead.block}) ${indexedAt - mined} ms, ` +
        `bell ${badgeAt - mined} ms, webhook ${webhookAt - mined} ms`,
    );
    await screenshot(page, 'notify-02-challenge');
    await context.close();
  });

  it('refuses bad input with a reason', async () => {
    // Not signed in.
    expect(await api('/api/notify/inbox')).toMatchObject({
      status: 401,
      body: { ok: false, reason: 'Sign in with your wallet first.' },
    });
    expect(
      (await api('/api/notify/follows', { method: 'POST', json: { modelId: '1' } })).status,
    ).toBe(401);
    const signed = { headers: { cookie } };
    const cases: [string, RequestInit & { json?: unknown; raw?: string }, RegExp, number?][] = [
      ['/api/notify/follows', { method: 'POST', raw: '{"modelId":' }, /not valid JSON/],
      [
        '/api/notify/follows',
        { method: 'POST', raw: JSON.stringify({ modelId: '1', pad: 'x'.repeat(5_000) }) },
        /too large \(at most 4000 bytes\)/,
        413,
      ],
      ['/api/notify/follows', { method: 'POST', json: { modelId: '-3' } }, /^Enter a model number/],
      [
        '/api/notify/follows',
        { method: 'POST', json: { modelId: '99999' } },
        /^There is no model #99999 on this chain\.$/,
        404,
      ],
      [
        '/api/notify/follows',
        { method: 'POST', json: { modelId: '1', extra: true } },
        /Unknown field: extra/,
      ],
      ['/api/notify/follows', { method: 'POST', json: ['1'] }, /must be a JSON object/],
      [
        '/api/notify/follows',
        {
          method: 'POST',
          raw: 'modelId=1',
          headers: { 'content-type': 'text/plain', origin: stack.portalUrl },
        },
        /as JSON/,
        415,
      ],
      [
        '/api/notify/webhooks',
        { method: 'POST', json: { url: 'ftp://example.com/x' } },
        /http:\/\/ or https:\/\//,
      ],
      ['/api/notify/webhooks', { method: 'POST', json: { url: 'nope' } }, /not a valid URL/],
      ['/api/notify/inbox', { method: 'POST', json: { read: 'some' } }, /"all" or a list/],
    ];
    for (const [route, init, reason, status = 400] of cases) {
      const res = await api(route, {
        ...init,
        headers: { ...signed.headers, ...(init.headers as object) },
      });
      expect(res.status, `${route} ${String(init.raw ?? JSON.stringify(init.json))}`).toBe(status);
      expect(res.body.reason).toMatch(reason);
    }

    // Sign-In with Ethereum over HTTP: another domain, another chain, a replay.
    const siwe = (over: SiweFields = {}) => signedSiwe(other, over);
    const wrongDomain = await api('/api/auth/verify', {
      method: 'POST',
      json: await siwe({ domain: 'curia.evil' }),
    });
    expect(wrongDomain).toMatchObject({
      status: 401,
      body: { reason: expect.stringMatching(/for curia\.evil, not 127\.0\.0\.1/) },
    });
    const wrongChain = await api('/api/auth/verify', {
      method: 'POST',
      json: await siwe({ chainId: 1 }),
    });
    expect(wrongChain).toMatchObject({
      status: 401,
      body: { reason: expect.stringMatching(/for chain 1;/) },
    });
    const expired = await api('/api/auth/verify', {
      method: 'POST',
      json: await siwe({
        issuedAt: new Date(Date.now() - 7_200_000),
        expirationTime: new Date(Date.now() - 3_600_000),
      }),
    });
    expect(expired).toMatchObject({
      status: 401,
      body: { reason: expect.stringMatching(/expired/) },
    });
    const good = await siwe();
    const res = await fetch(`${stack.portalUrl}/api/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(good),
    });
    expect(res.status).toBe(200);
    const otherCookie = res.headers.get('set-cookie')!.split(';')[0];
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const replay = await api('/api/auth/verify', { method: 'POST', json: good });
    expect(replay).toMatchObject({
      status: 401,
      body: { reason: expect.stringMatching(/already used/) },
    });

    // Another account sees and touches none of the creator's subscriptions.
    const as = { headers: { cookie: otherCookie } };
    expect((await api('/api/notify/webhooks', as)).body.webhooks).toEqual([]);
    expect((await api('/api/notify/follows', as)).body.follows).toEqual([]);
    // Its inbox may hold what concerns it (its first sign-in's week, a vote it can cast), never
    // the creator's own notices.
    expect(
      ((await api('/api/notify/inbox', as)).body.items as { kind: string }[]).filter(
        (i) => i.kind === 'challenge',
      ),
    ).toEqual([]);
    expect(
      (await api(`/api/notify/webhooks/${webhookId}`, { ...as, method: 'DELETE' })).status,
    ).toBe(404);
    expect((await api(`/api/notify/webhooks/${webhookId}/deliveries`, as)).status).toBe(404);
    expect((await api('/api/notify/webhooks', { headers: { cookie } })).body.webhooks).toHaveLength(
      1,
    );
  });
  it("a first sign-in's inbox has what concerned the account in the week before", async () => {
    const dev = privateKeyToAccount(keys[3].privateKey);
    const id = await world.registerModel(3, {
      name: 'Earlier Model',
      description: 'Challenged before its owner signed in.',
    });
    await world.applyForListing(3, id);
    await world.approve(4, world.curation.address, 10_000n * CUR);
    await world.send(
      world.wallets[4].writeContract({
        ...world.curation,
        functionName: 'challenge',
        args: [id, 0, 0, 'ipfs://evidence', `0x${'33'.repeat(32)}`],
      }),
    );
    await stack.indexed();
    // Dev signs in only now: the challenge is in the inbox all the same.
    const res = await fetch(`${stack.portalUrl}/api/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await signedSiwe(dev)),
    });
    expect(res.status).toBe(200);
    const devCookie = res.headers.get('set-cookie')!.split(';')[0];
    const titles = async () =>
      (
        (await api('/api/notify/inbox', { headers: { cookie: devCookie } })).body.items as {
          title: string;
        }[]
      ).map((i) => i.title);
    await expect
      .poll(titles, { timeout: 20_000 })
      .toContain(`Challenge on your model: Earlier Model (#${id})`);
    // Once: a later pass derives it no second time.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(
      (await titles()).filter((t) => t === `Challenge on your model: Earlier Model (#${id})`),
    ).toHaveLength(1);
  });

  it("'Sign in to follow' on a model page follows it once signed in, and returns to it", async () => {
    const { page, context } = await open();
    page.setDefaultNavigationTimeout(120_000);
    await visit(page, `/models/${modelId}`);
    await connectDemo(page, 2);
    await page.getByRole('link', { name: 'Sign in to follow' }).click();
    await page.getByTestId('follow-after-signin').waitFor({ timeout: 60_000 });
    await click(page, 'Sign in with Ethereum');
    await page.waitForURL((u) => u.pathname === `/models/${modelId}`, { timeout: 60_000 });
    await page.getByTestId('follow').getByRole('button', { name: 'Following ✓' }).waitFor();
    await context.close();
  });
});
