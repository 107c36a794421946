// An account's side of notifications: its inbox, the models it follows, its webhooks and their
// delivery log, and its Atom feed. Every function takes the signed-in address: one account never
// reads or changes another's rows (the feed is public chain data, readable by anyone).
import { randomBytes } from 'node:crypto';
import { getAddress, isAddress } from 'viem';
import type { DeliveryLogEntry, Notice, Webhook } from '../../notify/api';
import type { Db } from '../signals/db';
import { checkWebhookUrl } from './webhook-url';

/** The shapes the notifications API answers with: one definition, shared with the browser's client. */
export type { DeliveryLogEntry, Notice, Webhook };

export const LIMITS = {
  body: 4_000,
  follows: 200,
  webhooks: 5,
  inboxPage: 100,
};

export class NotifyInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'NotifyInputError';
  }
}

interface NoticeRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  model_id: string | null;
  tx_hash: string | null;
  block_number: string | null;
  event_time: string;
  created_at: Date;
  read_at: Date | null;
}

const toNotice = (r: NoticeRow): Notice => ({
  id: String(r.id),
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  modelId: r.model_id === null ? null : String(r.model_id),
  txHash: r.tx_hash,
  blockNumber: r.block_number === null ? null : Number(r.block_number),
  eventTime: Number(r.event_time),
  createdAt: new Date(r.created_at).toISOString(),
  read: r.read_at !== null,
});

/** Registers a signed-in account: notices are derived for it from now on. */
export async function ensureAccount(db: Db, address: string): Promise<void> {
  await db.query('INSERT INTO notify_accounts (address) VALUES ($1) ON CONFLICT DO NOTHING', [
    getAddress(address),
  ]);
}

export async function inbox(db: Db, address: string, limit = 50, publicOnly = false) {
  const rows = await db.query<NoticeRow>(
    `SELECT id, kind, title, body, link, model_id, tx_hash, block_number, event_time, created_at, read_at
     FROM notify_notices WHERE address = $1 AND retracted_at IS NULL${publicOnly ? ' AND NOT private' : ''}
     ORDER BY id DESC LIMIT $2`,
    [getAddress(address), Math.min(limit, LIMITS.inboxPage)],
  );
  const [{ n }] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM notify_notices
     WHERE address = $1 AND retracted_at IS NULL AND read_at IS NULL`,
    [getAddress(address)],
  );
  return { unread: Number(n), items: rows.map(toNotice) };
}

export async function unreadCount(db: Db, address: string): Promise<number> {
  const [{ n }] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM notify_notices
     WHERE address = $1 AND retracted_at IS NULL AND read_at IS NULL`,
    [getAddress(address)],
  );
  return Number(n);
}

/** Marks notices read: the ids given (the account's own only), or all of them. */
export async function markRead(db: Db, address: string, ids: string[] | 'all'): Promise<number> {
  const rows =
    ids === 'all'
      ? await db.query(
          `UPDATE notify_notices SET read_at = now() WHERE address = $1 AND read_at IS NULL RETURNING id`,
          [getAddress(address)],
        )
      : await db.query(
          `UPDATE notify_notices SET read_at = now()
           WHERE address = $1 AND read_at IS NULL AND id = ANY($2::bigint[]) RETURNING id`,
          [getAddress(address), ids],
        );
  return rows.length;
}

export async function follows(db: Db, address: string): Promise<string[]> {
  const rows = await db.query<{ model_id: string }>(
    'SELECT model_id FROM notify_follows WHERE address = $1 ORDER BY model_id',
    [getAddress(address)],
  );
  return rows.map((r) => String(r.model_id));
}

/** A model id as the registry numbers them (a positive integer, as a decimal string). */
export function parseModelId(raw: unknown): string {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,77}$/.test(text))
    throw new NotifyInputError('Enter a model number, e.g. 12.');
  return text;
}

/**
 * Refuses to follow a model the chain does not have: `found` is the chain's answer (exists.ts),
 * null when it did not answer.
 */
export function requireModel(modelId: string, found: boolean | null): void {
  if (found === null)
    throw new NotifyInputError(
      `The chain is not reachable, so model #${modelId} could not be checked. Try again in a moment.`,
      503,
    );
  if (!found) throw new NotifyInputError(`There is no model #${modelId} on this chain.`, 404);
}

export async function follow(db: Db, address: string, modelId: string): Promise<void> {
  const owner = getAddress(address);
  const [{ n }] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM notify_follows WHERE address = $1',
    [owner],
  );
  if (Number(n) >= LIMITS.follows)
    throw new NotifyInputError(`An account follows at most ${LIMITS.follows} models.`);
  await db.query(
    'INSERT INTO notify_follows (address, model_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [owner, modelId],
  );
}

export async function unfollow(db: Db, address: string, modelId: string): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM notify_follows WHERE address = $1 AND model_id = $2 RETURNING model_id',
    [getAddress(address), modelId],
  );
  return rows.length > 0;
}

interface WebhookRow {
  id: string;
  url: string;
  active: boolean;
  failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

const toWebhook = (r: WebhookRow): Webhook => ({
  id: String(r.id),
  url: r.url,
  active: r.active,
  failures: r.failures,
  disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
  disabledReason: r.disabled_reason,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function webhooks(db: Db, address: string): Promise<Webhook[]> {
  const rows = await db.query<WebhookRow>(
    `SELECT id, url, active, failures, disabled_at, disabled_reason, created_at
     FROM notify_webhooks WHERE address = $1 ORDER BY id`,
    [getAddress(address)],
  );
  return rows.map(toWebhook);
}

/** Adds a webhook; returns it with its secret (shown this once). */
export async function addWebhook(
  db: Db,
  address: string,
  rawUrl: unknown,
  allowPrivate: boolean,
): Promise<Webhook & { secret: string }> {
  const check = await checkWebhookUrl(rawUrl, allowPrivate);
  if (!check.ok) throw new NotifyInputError(check.reason);
  const owner = getAddress(address);
  const existing = await webhooks(db, owner);
  if (existing.length >= LIMITS.webhooks)
    throw new NotifyInputError(`An account has at most ${LIMITS.webhooks} webhooks.`);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const [row] = await db.query<WebhookRow>(
    `INSERT INTO notify_webhooks (address, url, secret) VALUES ($1, $2, $3)
     RETURNING id, url, active, failures, disabled_at, disabled_reason, created_at`,
    [owner, check.url.toString(), secret],
  );
  return { ...toWebhook(row), secret };
}

function parseId(raw: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(raw)) throw new NotifyInputError('Unknown webhook.', 404);
  return raw;
}

export async function removeWebhook(db: Db, address: string, id: string): Promise<void> {
  const rows = await db.query(
    'DELETE FROM notify_webhooks WHERE id = $1 AND address = $2 RETURNING id',
    [parseId(id), getAddress(address)],
  );
  if (rows.length === 0) throw new NotifyInputError('Unknown webhook.', 404);
}

/** Turns a disabled webhook on again (its failure count starts over). */
export async function enableWebhook(db: Db, address: string, id: string): Promise<void> {
  const rows = await db.query(
    `UPDATE notify_webhooks SET active = true, failures = 0, disabled_at = NULL, disabled_reason = NULL
     WHERE id = $1 AND address = $2 RETURNING id`,
    [parseId(id), getAddress(address)],
  );
  if (rows.length === 0) throw new NotifyInputError('Unknown webhook.', 404);
}

/** A webhook's delivery log, newest first (its owner's only). */
export async function deliveryLog(
  db: Db,
  address: string,
  id: string,
  limit = 50,
): Promise<DeliveryLogEntry[]> {
  const hook = await db.query('SELECT 1 FROM notify_webhooks WHERE id = $1 AND address = $2', [
    parseId(id),
    getAddress(address),
  ]);
  if (hook.length === 0) throw new NotifyInputError('Unknown webhook.', 404);
  const rows = await db.query<{
    job_id: string;
    notice_id: string;
    title: string;
    attempt: number;
    worker: string;
    at: Date;
    status: number | null;
    ok: boolean;
    error: string | null;
    duration_ms: number;
    state: string;
  }>(
    `SELECT a.job_id, j.notice_id, n.title, a.attempt, a.worker, a.at, a.status, a.ok, a.error,
            a.duration_ms, j.state
     FROM notify_attempts a
     JOIN notify_jobs j ON j.id = a.job_id
     JOIN notify_notices n ON n.id = j.notice_id
     WHERE a.webhook_id = $1 ORDER BY a.id DESC LIMIT $2`,
    [id, Math.min(limit, 200)],
  );
  return rows.map((r) => ({
    job: String(r.job_id),
    notice: String(r.notice_id),
    title: r.title,
    attempt: r.attempt,
    worker: r.worker,
    at: new Date(r.at).toISOString(),
    status: r.status,
    ok: r.ok,
    error: r.error,
    durationMs: r.duration_ms,
    state: r.state,
  }));
}

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/**
 * The account's Atom feed (RFC 4287): its latest notices, newest first. Public (its URL is the
 * address), so it carries only notices derived from public chain data: not those of a model the
 * account follows, nor its webhooks'.
 */
export async function atomFeed(db: Db, rawAddress: string, portalUrl: string): Promise<string> {
  if (!isAddress(rawAddress, { strict: false }))
    throw new NotifyInputError('The feed address is not an Ethereum address.', 404);
  const address = getAddress(rawAddress);
  const { items } = await inbox(db, address, LIMITS.inboxPage, true);
  const base = portalUrl.replace(/\/+$/, '');
  const self = `${base}/feed/${address}.atom`;
  // An entry is published at its event's chain time and updated when the notice was derived, or
  // then if later: a chain whose clock runs ahead of the wall (a local one moved forward) would
  // otherwise show entries updated before they were published (walk 18).
  const updatedOf = (n: (typeof items)[number]) =>
    new Date(Math.max(Date.parse(n.createdAt), n.eventTime * 1000)).toISOString();
  const updated = items.length
    ? new Date(Math.max(...items.map((n) => Date.parse(updatedOf(n))))).toISOString()
    : new Date(0).toISOString();
  const entries = items
    .map(
      (n) => `  <entry>
    <id>urn:curia:notice:${address}:${n.id}</id>
    <title>${xml(n.title)}</title>
    <link rel="alternate" href="${xml(base + n.link)}"/>
    <updated>${updatedOf(n)}</updated>
    <published>${new Date(n.eventTime * 1000).toISOString()}</published>
    <category term="${xml(n.kind)}"/>
    <summary>${xml(n.body)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:curia:feed:${address}</id>
  <title>Curia notices for ${address}</title>
  <link rel="self" href="${xml(self)}"/>
  <link rel="alternate" href="${xml(base)}/notifications"/>
  <updated>${updated}</updated>
  <author><name>Curia</name></author>
${entries}
</feed>
`;
}
