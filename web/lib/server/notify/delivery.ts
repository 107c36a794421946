// Webhook delivery from the queue in the database. A worker claims due jobs with
// `FOR UPDATE SKIP LOCKED` (so two instances never take the same job), marks them `sending` with a
// lease, POSTs the notice signed with HMAC-SHA256 over the body with the webhook's secret, and
// records the attempt. A failure is retried with exponential backoff; a webhook whose jobs keep
// failing is disabled, with a notice in its owner's inbox. A job whose worker died mid-send is
// taken again once its lease has run out (receivers dedupe on X-Curia-Delivery).
import { createHmac } from 'node:crypto';
import type { Db } from '../signals/db';
import { checkWebhookUrl, postToWebhook } from './webhook-url';

export const SIGNATURE_HEADER = 'x-curia-signature';
export const DELIVERY_HEADER = 'x-curia-delivery';
/** Attempts of one job before it is given up. */
export const MAX_ATTEMPTS = 6;
/** Consecutive failed jobs after which a webhook is disabled. */
export const DISABLE_AFTER = 3;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;

/** `sha256=<hex>`: HMAC-SHA256 of the exact body with the webhook's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Delay before attempt `attempt + 1`: 1 s, 2 s, 4 s, … at most 15 min. */
export function backoffMs(attempt: number, base = BASE_DELAY_MS): number {
  return Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, attempt - 1));
}

export interface DeliveryOptions {
  db: Db;
  /** This instance's name in the log and the lease. */
  worker: string;
  allowPrivate: boolean;
  portalUrl: string;
  timeoutMs?: number;
  leaseMs?: number;
  baseDelayMs?: number;
}

interface ClaimedJob {
  id: string;
  attempts: number;
  webhook_id: string;
  url: string;
  secret: string;
  address: string;
  notice_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  model_id: string | null;
  event_id: string | null;
  tx_hash: string | null;
  block_number: string | null;
  event_time: string;
  created_at: Date;
}

export function payloadOf(job: ClaimedJob, portalUrl: string) {
  return {
    id: `${job.notice_id}`,
    delivery: `${job.id}`,
    account: job.address,
    kind: job.kind,
    title: job.title,
    body: job.body,
    url: new URL(job.link, portalUrl).toString(),
    modelId: job.model_id,
    event: job.event_id
      ? { id: job.event_id, txHash: job.tx_hash, blockNumber: Number(job.block_number) }
      : null,
    time: Number(job.event_time),
  };
}

/** Claims up to `limit` due jobs for this worker (row locks skipped by other workers). */
export async function claimJobs(o: DeliveryOptions, limit = 10): Promise<ClaimedJob[]> {
  const leaseMs = o.leaseMs ?? 30_000;
  return o.db.transaction(async (tx) => {
    const claimed = await tx.query<{ id: string }>(
      `UPDATE notify_jobs SET state = 'sending', locked_by = $1,
              locked_until = now() + ($2::int * interval '1 millisecond')
       WHERE id IN (
         SELECT j.id FROM notify_jobs j
         WHERE (j.state = 'pending' AND j.next_at <= now())
            OR (j.state = 'sending' AND j.locked_until < now())
         ORDER BY j.id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       RETURNING id`,
      [o.worker, leaseMs, limit],
    );
    if (claimed.length === 0) return [];
    return tx.query<ClaimedJob>(
      `SELECT j.id, j.attempts, j.webhook_id, w.url, w.secret, n.address, j.notice_id, n.kind,
              n.title, n.body, n.link, n.model_id, n.event_id, n.tx_hash, n.block_number,
              n.event_time, n.created_at
       FROM notify_jobs j
       JOIN notify_webhooks w ON w.id = j.webhook_id
       JOIN notify_notices n ON n.id = j.notice_id
       WHERE j.id = ANY($1::bigint[])
       ORDER BY j.id`,
      [claimed.map((c) => c.id)],
    );
  });
}

async function post(o: DeliveryOptions, job: ClaimedJob) {
  // The name is checked by the connection's lookup (postToWebhook), where it counts.
  const check = await checkWebhookUrl(job.url, o.allowPrivate, false);
  if (!check.ok) return { ok: false, status: null, error: check.reason };
  const body = JSON.stringify(payloadOf(job, o.portalUrl));
  try {
    const status = await postToWebhook(check.url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Curia-Webhooks/1',
        [SIGNATURE_HEADER]: signBody(job.secret, body),
        [DELIVERY_HEADER]: job.id,
      },
      body,
      timeoutMs: o.timeoutMs ?? 10_000,
      allowPrivate: o.allowPrivate,
    });
    if (status >= 200 && status < 300) return { ok: true, status, error: null };
    return { ok: false, status, error: `HTTP ${status}` };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message.slice(0, 300) };
  }
}

/** Sends one claimed job and records the outcome. Returns whether it was delivered. */
export async function sendJob(o: DeliveryOptions, job: ClaimedJob): Promise<boolean> {
  const started = Date.now();
  const result = await post(o, job);
  const attempt = job.attempts + 1;
  const duration = Date.now() - started;
  await o.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO notify_attempts (job_id, webhook_id, attempt, worker, status, ok, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [job.id, job.webhook_id, attempt, o.worker, result.status, result.ok, result.error, duration],
    );
    if (result.ok) {
      // Only while this worker still holds the job (a retraction may have come in between).
      await tx.query(
        `UPDATE notify_jobs SET state = 'delivered', attempts = $2, delivered_at = now(),
                locked_by = NULL, locked_until = NULL
         WHERE id = $1 AND state = 'sending' AND locked_by = $3`,
        [job.id, attempt, o.worker],
      );
      await tx.query('UPDATE notify_webhooks SET failures = 0 WHERE id = $1', [job.webhook_id]);
      return;
    }
    const giveUp = attempt >= MAX_ATTEMPTS;
    await tx.query(
      `UPDATE notify_jobs SET state = $2, attempts = $3, locked_by = NULL, locked_until = NULL,
              next_at = now() + ($4::int * interval '1 millisecond')
       WHERE id = $1 AND state = 'sending' AND locked_by = $5`,
      [job.id, giveUp ? 'failed' : 'pending', attempt, backoffMs(attempt, o.baseDelayMs), o.worker],
    );
    if (!giveUp) return;
    const [hook] = await tx.query<{ failures: number; active: boolean }>(
      'UPDATE notify_webhooks SET failures = failures + 1 WHERE id = $1 RETURNING failures, active',
      [job.webhook_id],
    );
    if (hook && hook.active && hook.failures >= DISABLE_AFTER) {
      const reason = `${hook.failures} notices in a row could not be delivered (last: ${result.error}).`;
      await tx.query(
        `UPDATE notify_webhooks SET active = false, disabled_at = now(), disabled_reason = $2 WHERE id = $1`,
        [job.webhook_id, reason],
      );
      await tx.query(
        `UPDATE notify_jobs SET state = 'dropped', locked_by = NULL, locked_until = NULL
         WHERE webhook_id = $1 AND state = 'pending'`,
        [job.webhook_id],
      );
      await tx.query(
        `INSERT INTO notify_notices (address, key, kind, title, body, link, event_time, private)
         VALUES ($1, $2, 'webhook-disabled', $3, $4, '/notifications', extract(epoch from now())::bigint, true)
         ON CONFLICT (address, key) DO NOTHING`,
        [
          job.address,
          `webhook:${job.webhook_id}:disabled:${Date.now()}`,
          'A webhook was disabled',
          `Your webhook ${job.url} was disabled: ${reason} Turn it on again on the notifications page.`,
        ],
      );
    }
  });
  return result.ok;
}
