// Notifications below HTTP: Sign-In with Ethereum refusals (a real anvil verifies signatures),
// webhook URL rules, and the delivery queue shared by two portal instances on one PostgreSQL
// server: each notice is inserted once however many instances derive it, and each webhook job is
// POSTed once, signed, including when one instance is restarted (or dies) mid-queue.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http as httpTransport, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../scripts/lib/accounts.ts';
import { startAnvil, type Anvil } from '../scripts/lib/anvil.ts';
import { startPostgres, type Postgres } from '../scripts/lib/postgres.ts';
import { freePort } from '../scripts/lib/rpc.ts';
import type { HistoryEntry } from '../protocol/indexer/types.ts';
import { openAppDb } from '../web/lib/server/appdb.ts';
import { AuthError, SiweAuth } from '../web/lib/server/auth/siwe.ts';
import {
  claimJobs,
  sendJob,
  signBody,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
  MAX_ATTEMPTS,
  DISABLE_AFTER,
  type DeliveryOptions,
} from '../web/lib/server/notify/delivery.ts';
import { noticesForEvent, type NoticeDraft } from '../web/lib/server/notify/rules.ts';
import { insertNotices } from '../web/lib/server/notify/scanner.ts';
import {
  addWebhook,
  atomFeed,
  ensureAccount,
  follow,
  inbox,
  NotifyInputError,
  webhooks,
} from '../web/lib/server/notify/store.ts';
import {
  checkWebhookUrl,
  isPrivateAddress,
  postToWebhook,
} from '../web/lib/server/notify/webhook-url.ts';
import type { Db } from '../web/lib/server/signals/db.ts';

const ORIGIN = 'https://curia.example';
const keys = demoAccounts(4);
const alice = privateKeyToAccount(keys[1].privateKey);
const bob = privateKeyToAccount(keys[2].privateKey);

let tmp: string;
let anvil: Anvil;
let chainId: number;
let client: PublicClient;
let pg: Postgres;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-notify-'));
  chainId = 32_700_000 + Math.floor(Math.random() * 100_000);
  const [a, p] = await Promise.all([
    freePort().then((port) => startAnvil({ port, chainId, logFile: path.join(tmp, 'anvil.log') })),
    startPostgres(),
  ]);
  anvil = a;
  pg = p;
  client = createPublicClient({ transport: httpTransport(anvil.url) }) as PublicClient;
}, 120_000);

afterAll(async () => {
  await anvil?.stop();
  await pg?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Sign-In with Ethereum', () => {
  let db: Db;
  let auth: SiweAuth;
  beforeAll(async () => {
    db = await openAppDb({ memory: true });
    auth = new SiweAuth({ db, client, chainId });
  });
  afterAll(() => db.close());

  async function signed(
    overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {},
    signer = alice,
  ) {
    const { nonce } = await auth.issueNonce();
    const message = createSiweMessage({
      address: signer.address,
      chainId,
      domain: 'curia.example',
      uri: ORIGIN,
      nonce,
      version: '1',
      issuedAt: new Date(),
      expirationTime: new Date(Date.now() + 600_000),
      ...overrides,
    });
    return { message, signature: await signer.signMessage({ message }), origin: ORIGIN };
  }

  async function refused(input: Parameters<SiweAuth['signIn']>[0], status: number, reason: RegExp) {
    const err = await auth.signIn(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(status);
    expect((err as AuthError).message).toMatch(reason);
  }

  it('signs in once per nonce and opens a session bound to the signer', async () => {
    const input = await signed();
    const { token, session } = await auth.signIn(input);
    expect(session.address).toBe(alice.address);
    expect((await auth.session(token))?.address).toBe(alice.address);
    const [row] = await db.query<{ token_hash: string }>('SELECT token_hash FROM auth_sessions');
    expect(row.token_hash).not.toBe(token); // only the hash is stored
    // Replayed: the same signed message again.
    await refused(input, 401, /already used/);
    await auth.signOut(token);
    expect(await auth.session(token)).toBeNull();
  });

  it('refuses a message for another domain or URI', async () => {
    await refused(
      await signed({ domain: 'evil.example' }),
      401,
      /for evil\.example, not curia\.example/,
    );
    await refused(await signed({ uri: 'https://evil.example/login' }), 401, /names https:\/\/evil/);
  });

  it('refuses a message for another chain', async () => {
    await refused(
      await signed({ chainId: chainId + 1 }),
      401,
      /for chain \d+; this portal serves chain/,
    );
  });

  it('refuses an expired message and one not valid yet', async () => {
    await refused(
      await signed({
        issuedAt: new Date(Date.now() - 3_600_000),
        expirationTime: new Date(Date.now() - 60_000),
      }),
      401,
      /expired/,
    );
    await refused(
      await signed({ notBefore: new Date(Date.now() + 3_600_000) }),
      401,
      /not valid yet/,
    );
  });

  it('refuses a nonce it never issued and an expired one', async () => {
    const message = createSiweMessage({
      address: alice.address,
      chainId,
      domain: 'curia.example',
      uri: ORIGIN,
      nonce: 'madeup1234567890',
      version: '1',
    });
    await refused(
      { message, signature: await alice.signMessage({ message }), origin: ORIGIN },
      401,
      /not issued by this portal/,
    );
    const input = await signed();
    const nonce = /Nonce: (\w+)/.exec(input.message)![1];
    await db.query(
      `UPDATE auth_nonces SET expires_at = now() - interval '1 second' WHERE nonce = $1`,
      [nonce],
    );
    await refused(input, 401, /request has expired/);
  });

  it('refuses a forged signature (another key signed the message)', async () => {
    const input = await signed();
    const forged = await bob.signMessage({ message: input.message });
    await refused({ ...input, signature: forged }, 401, new RegExp(`not ${alice.address}'s`));
    // The nonce survives a forged attempt: the real signer can still use it once.
    expect((await auth.signIn(input)).session.address).toBe(alice.address);
  });

  it('refuses malformed input', async () => {
    await refused({ message: 'hello', signature: '0x00', origin: ORIGIN }, 400, /not an EIP-4361/);
    await refused(
      { message: 'x'.repeat(5_000), signature: '0x00', origin: ORIGIN },
      400,
      /longer than/,
    );
    await refused({ message: 42, signature: '0x00', origin: ORIGIN }, 400, /missing/);
    const input = await signed();
    await refused({ ...input, signature: 'nothex' }, 400, /not hex/);
  });
});

describe('webhook URLs', () => {
  it('accepts public http(s) URLs only', async () => {
    expect((await checkWebhookUrl('https://93.184.215.14/hook', false)).ok).toBe(true);
    for (const [url, reason] of [
      ['ftp://93.184.215.14/hook', /http:\/\/ or https:\/\//],
      ['javascript:alert(1)', /http:\/\/ or https:\/\//],
      ['not a url', /not a valid URL/],
      ['', /missing/],
      [`https://x.example/${'a'.repeat(2_100)}`, /longer than/],
      ['https://user:pw@93.184.215.14/', /user name or password/],
      ['http://127.0.0.1:8080/hook', /loopback or private/],
      ['http://localhost/hook', /this machine/],
      ['http://10.1.2.3/hook', /loopback or private/],
      ['http://192.168.1.10/hook', /loopback or private/],
      ['http://172.20.0.1/hook', /loopback or private/],
      ['http://169.254.169.254/latest/meta-data', /loopback or private/],
      ['http://[::1]/hook', /loopback or private/],
      ['http://[fd00::1]/hook', /loopback or private/],
      ['http://[::ffff:127.0.0.1]/hook', /loopback or private/],
    ] as const) {
      const check = await checkWebhookUrl(url, false);
      expect(check.ok, url).toBe(false);
      if (!check.ok) expect(check.reason, url).toMatch(reason);
    }
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    // IPv4 inside IPv6 (session 19's review): compatible, translated, NAT64, 6to4, site-local.
    for (const ip of ['::7f00:1', '::ffff:0:7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', 'fec0::1'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
  });

  // Session 19's review: the URL's host was resolved to check it, then again to connect; a name
  // answering a public address first and a loopback one next (DNS rebinding) reached the portal's
  // own network. The connection now takes only an address that passes the check.
  it('connects only to an address that passes the check (DNS rebinding)', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    // "localhost" resolves to loopback when the connection is made, whatever it resolved to before.
    const post = (allowPrivate: boolean) =>
      postToWebhook(new URL(`http://localhost:${port}/admin`), {
        headers: {},
        body: '{}',
        timeoutMs: 5_000,
        allowPrivate,
      });
    await expect(post(false)).rejects.toThrow(/now resolves to a loopback or private address/);
    expect(hits).toBe(0);
    // The operator's own receivers (CURIA_WEBHOOK_ALLOW_PRIVATE) are still reached.
    expect(await post(true)).toBe(200);
    expect(hits).toBe(1);
    await new Promise((r) => server.close(r));
  });

  it('allows loopback and private receivers when the operator says so', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:8080/hook', true)).ok).toBe(true);
    expect((await checkWebhookUrl('ftp://127.0.0.1/hook', true)).ok).toBe(false);
  });
});

// A webhook receiver on 127.0.0.1: records each POST whose signature verifies; can be slow.
function receiver(secret: () => string, delayMs = 0, status = 200) {
  const got: { delivery: string; notice: string; body: string }[] = [];
  const bad: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const expected = `sha256=${createHmac('sha256', secret()).update(body).digest('hex')}`;
      if (req.headers[SIGNATURE_HEADER] !== expected) bad.push(body);
      else
        got.push({
          delivery: String(req.headers[DELIVERY_HEADER]),
          notice: (JSON.parse(body) as { id: string }).id,
          body,
        });
      setTimeout(() => {
        res.statusCode = status;
        res.end('ok');
      }, delayMs);
    });
  });
  return {
    got,
    bad,
    async listen() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const event = (n: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `evt-${n}`,
  contract: 'CurationRegistry',
  name: 'Challenged',
  blockNumber: 100 + n,
  logIndex: 0,
  timestamp: 1_800_000_000 + n,
  txHash: `0x${n.toString(16).padStart(64, '0')}`,
  txFrom: bob.address,
  args: { modelId: String(n), disputeId: String(n), reason: 0, votingEndsAt: 1_800_300_000 },
  modelId: String(n),
  ...over,
});

describe('the queue, with two instances on one PostgreSQL server', () => {
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    // Two instances open the same database at once: the migrations run once.
    [a, b] = await Promise.all([
      openAppDb({ databaseUrl: pg.url }),
      openAppDb({ databaseUrl: pg.url }),
    ]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('derives each notice once however many instances see the event', async () => {
    await ensureAccount(a, alice.address);
    await follow(a, alice.address, '7');
    const subs = new Map([[alice.address.toLowerCase(), alice.address]]);
    const relations = new Map([[alice.address.toLowerCase(), 'owner' as const]]);
    const drafts: NoticeDraft[] = noticesForEvent(
      event(7),
      { relations, modelTitle: 'Tiny LM', voters: new Set() },
      subs,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0].title).toBe('Challenge on your model: Tiny LM (#7)');
    // The challenger is not told about their own challenge.
    expect(
      noticesForEvent(
        event(7, { txFrom: alice.address }),
        { relations, modelTitle: 'Tiny LM', voters: new Set() },
        subs,
      ),
    ).toHaveLength(0);
    const counts = await Promise.all([
      insertNotices(a, drafts),
      insertNotices(b, drafts),
      insertNotices(a, drafts),
      insertNotices(b, drafts),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    const box = await inbox(b, alice.address);
    expect(box.unread).toBe(1);
    expect(box.items[0].kind).toBe('challenge');
    const feed = await atomFeed(a, alice.address.toLowerCase(), ORIGIN);
    expect(feed).toContain('<title>Challenge on your model: Tiny LM (#7)</title>');
    expect(feed).toContain(`<link rel="alternate" href="${ORIGIN}/disputes/7"/>`);
    // The event's chain time (2027) is ahead of the wall: the entry is not updated before it was
    // published, and the feed is updated when its latest entry is (walk 18).
    const published = /<published>([^<]+)<\/published>/.exec(feed)![1];
    const updates = [...feed.matchAll(/<updated>([^<]+)<\/updated>/g)].map((m) => m[1]);
    expect(published).toBe(new Date(1_800_000_007 * 1000).toISOString());
    expect(updates).toEqual([published, published]);
    // Another account's inbox does not show it.
    expect((await inbox(a, bob.address)).items).toHaveLength(0);
    // A follower hears of it in its inbox, never in its public feed: follows are off chain (session
    // 19's review: the feed told anyone which models an account follows).
    const followed = noticesForEvent(
      event(8, { txFrom: alice.address }),
      {
        relations: new Map([[bob.address.toLowerCase(), 'follower' as const]]),
        modelTitle: 'Secret Project',
        voters: new Set(),
      },
      new Map([[bob.address.toLowerCase(), bob.address]]),
    );
    expect(followed.map((d) => d.private)).toEqual([true]);
    await ensureAccount(a, bob.address);
    await insertNotices(a, followed);
    expect((await inbox(a, bob.address)).items[0].title).toBe(
      'Challenge on a model you follow: Secret Project (#8)',
    );
    expect(await atomFeed(a, bob.address, ORIGIN)).not.toContain('Secret Project');
    // A removal is not yet a delisting (the appeal window is open), and a rejected candidate
    // leaves the model listed (walk 19).
    const resolved = (outcome: number) =>
      noticesForEvent(
        event(9, {
          name: 'DisputeResolved',
          txFrom: bob.address,
          args: { disputeId: '9', outcome, appealEndsAt: 1_800_400_000 },
        }),
        { relations, modelTitle: 'Tiny LM', voters: new Set() },
        subs,
      )[0].title;
    expect(resolved(3)).toBe('Removed by vote, open to appeal: your model, Tiny LM (#9)');
    expect(resolved(7)).toBe('Candidate version rejected on your model: Tiny LM (#9)');
    expect(resolved(2)).toBe('Dispute settled on your model: Tiny LM (#9) kept');
  });

  it('delivers each job exactly once across a restart of one instance mid-queue', async () => {
    let secret = '';
    const rx = receiver(() => secret, 40);
    const url = await rx.listen();
    await ensureAccount(a, bob.address);
    const hook = await addWebhook(a, bob.address, url, true);
    secret = hook.secret;
    const subs = new Map([[bob.address.toLowerCase(), bob.address]]);
    const relations = new Map([[bob.address.toLowerCase(), 'curator' as const]]);
    const drafts = Array.from({ length: 40 }, (_, i) =>
      noticesForEvent(
        event(1_000 + i, { txFrom: alice.address }),
        { relations, modelTitle: null, voters: new Set() },
        subs,
      ),
    ).flat();
    expect(drafts).toHaveLength(40);
    await Promise.all([insertNotices(a, drafts), insertNotices(b, drafts)]);
    const [{ n }] = await a.query<{ n: string }>(
      'SELECT count(*) AS n FROM notify_jobs WHERE webhook_id = $1',
      [hook.id],
    );
    expect(Number(n)).toBe(40);

    const opts = (db: Db, worker: string): DeliveryOptions => ({
      db,
      worker,
      allowPrivate: true,
      portalUrl: ORIGIN,
      leaseMs: 1_500,
    });
    // Instance B delivers continuously; instance A delivers a few, then dies holding claimed jobs
    // (claimed, never sent: its process is gone), then comes back as a new process.
    const bRun = (async () => {
      let idle = 0;
      while (idle < 10) {
        const jobs = await claimJobs(opts(b, 'instance-b'), 2);
        if (jobs.length === 0) {
          idle++;
          await new Promise((r) => setTimeout(r, 300));
          continue;
        }
        idle = 0;
        for (const job of jobs) await sendJob(opts(b, 'instance-b'), job);
      }
    })();
    const first = await claimJobs(opts(a, 'instance-a'), 2);
    for (const job of first) await sendJob(opts(a, 'instance-a'), job);
    const orphaned = await claimJobs(opts(a, 'instance-a'), 3);
    expect(orphaned.length).toBeGreaterThan(0);
    await a.close(); // instance A dies with 3 jobs claimed and not sent
    a = await openAppDb({ databaseUrl: pg.url }); // and restarts
    for (;;) {
      const jobs = await claimJobs(opts(a, 'instance-a2'), 2);
      if (jobs.length === 0) {
        const [{ left }] = await a.query<{ left: string }>(
          `SELECT count(*) AS left FROM notify_jobs WHERE webhook_id = $1 AND state <> 'delivered'`,
          [hook.id],
        );
        if (Number(left) === 0) break;
        await new Promise((r) => setTimeout(r, 300));
        continue;
      }
      for (const job of jobs) await sendJob(opts(a, 'instance-a2'), job);
    }
    await bRun;
    await rx.close();

    expect(rx.bad).toHaveLength(0);
    const notices = rx.got.map((g) => g.notice);
    expect(new Set(notices).size).toBe(40);
    expect(notices).toHaveLength(40); // exactly once each
    const orphanIds = orphaned.map((j) => String(j.id));
    const byWorker = await a.query<{ worker: string; job_id: string }>(
      `SELECT worker, job_id FROM notify_attempts WHERE webhook_id = $1 AND ok`,
      [hook.id],
    );
    const workers = new Set(byWorker.map((r) => r.worker));
    expect(workers.has('instance-b')).toBe(true);
    expect(workers.has('instance-a')).toBe(true);
    // The dead instance's claimed jobs were delivered by someone else, once.
    for (const id of orphanIds) {
      const rows = byWorker.filter((r) => String(r.job_id) === id);
      expect(rows).toHaveLength(1);
      expect(rows[0].worker).not.toBe('instance-a');
    }
  }, 120_000);

  it('retries with backoff, keeps a log, and disables a failing webhook with a notice', async () => {
    const rx = receiver(() => 'whatever', 0, 500);
    const url = await rx.listen();
    const carol = privateKeyToAccount(keys[3].privateKey);
    await ensureAccount(a, carol.address);
    const hook = await addWebhook(a, carol.address, url, true);
    const subs = new Map([[carol.address.toLowerCase(), carol.address]]);
    const relations = new Map([[carol.address.toLowerCase(), 'follower' as const]]);
    const drafts = Array.from({ length: DISABLE_AFTER }, (_, i) =>
      noticesForEvent(
        event(5_000 + i, { txFrom: alice.address }),
        { relations, modelTitle: null, voters: new Set() },
        subs,
      ),
    ).flat();
    await insertNotices(a, drafts);
    const o: DeliveryOptions = {
      db: a,
      worker: 'w',
      allowPrivate: true,
      portalUrl: ORIGIN,
      baseDelayMs: 20,
    };
    const nextAt: number[] = [];
    for (let round = 0; round < 200; round++) {
      const jobs = await claimJobs(o, 10);
      for (const job of jobs) await sendJob(o, job);
      const left = await a.query<{ next_at: Date }>(
        `SELECT next_at FROM notify_jobs WHERE webhook_id = $1 AND state = 'pending' ORDER BY id LIMIT 1`,
        [hook.id],
      );
      if (left.length === 0) break;
      nextAt.push(new Date(left[0].next_at).getTime());
      await new Promise((r) => setTimeout(r, 25));
    }
    await rx.close();
    const attempts = await a.query<{ attempt: number; status: number; ok: boolean }>(
      'SELECT attempt, status, ok FROM notify_attempts WHERE webhook_id = $1 ORDER BY id',
      [hook.id],
    );
    expect(attempts).toHaveLength(DISABLE_AFTER * MAX_ATTEMPTS);
    expect(attempts.every((r) => !r.ok && r.status === 500)).toBe(true);
    const gaps = await a.query<{ attempt: number; gap: number }>(
      `SELECT attempt, extract(epoch from (at - lag(at) OVER (PARTITION BY job_id ORDER BY id))) * 1000 AS gap
       FROM notify_attempts WHERE webhook_id = $1 ORDER BY job_id, id`,
      [hook.id],
    );
    // Each retry waits at least 20 ms × 2^(attempt-2): 20, 40, 80, 160, 320.
    for (const g of gaps.filter((x) => x.gap !== null))
      expect(Number(g.gap)).toBeGreaterThanOrEqual(20 * 2 ** (g.attempt - 2) - 5);
    const [state] = await webhooks(a, carol.address);
    expect(state.active).toBe(false);
    expect(state.disabledReason).toMatch(
      /3 notices in a row could not be delivered \(last: HTTP 500\)/,
    );
    const box = await inbox(a, carol.address);
    expect(box.items[0].kind).toBe('webhook-disabled');
    expect(box.items[0].body).toContain(url);
    // The public feed never shows it: a webhook's URL is often a secret (session 19's review).
    const feed = await atomFeed(a, carol.address, ORIGIN);
    expect(feed).not.toContain(url);
    expect(feed).not.toContain('webhook-disabled');
  }, 60_000);

  it('refuses bad subscription input', async () => {
    await expect(addWebhook(a, alice.address, 'http://127.0.0.1/x', false)).rejects.toThrow(
      NotifyInputError,
    );
    await expect(addWebhook(a, alice.address, 'gopher://x', true)).rejects.toThrow(
      /http:\/\/ or https/,
    );
  });
});

describe('PGlite', () => {
  it('claims with FOR UPDATE SKIP LOCKED too', async () => {
    const db = await openAppDb({ memory: true });
    try {
      await ensureAccount(db, alice.address);
      const hook = await addWebhook(db, alice.address, 'http://127.0.0.1:9/hook', true);
      const subs = new Map([[alice.address.toLowerCase(), alice.address]]);
      const relations = new Map([[alice.address.toLowerCase(), 'owner' as const]]);
      await insertNotices(
        db,
        noticesForEvent(event(1), { relations, modelTitle: null, voters: new Set() }, subs),
      );
      const o: DeliveryOptions = { db, worker: 'p', allowPrivate: true, portalUrl: ORIGIN };
      const claimed = await claimJobs(o, 5);
      expect(claimed.map((j) => String(j.webhook_id))).toEqual([hook.id]);
      expect(await claimJobs(o, 5)).toHaveLength(0); // leased
    } finally {
      await db.close();
    }
  });
});

it('signs the exact body', () => {
  const body = '{"a":1}';
  expect(signBody('k', body)).toBe(
    `sha256=${createHmac('sha256', 'k').update(body).digest('hex')}`,
  );
});
