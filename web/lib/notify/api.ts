// The browser's side of notifications and the portal's session: the account's session, inbox,
// follows and webhooks, as plain fetches. The app shell's header reads the session and the unread
// count from here, so this module loads nothing of wagmi or viem; signing in (a wallet signature)
// is in ./signin.ts.
import type { Address } from 'viem';

export class NotifyApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'NotifyApiError';
  }
}

export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  modelId: string | null;
  txHash: string | null;
  blockNumber: number | null;
  eventTime: number;
  createdAt: string;
  read: boolean;
}

export interface Webhook {
  id: string;
  url: string;
  active: boolean;
  failures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export interface DeliveryLogEntry {
  job: string;
  notice: string;
  title: string;
  attempt: number;
  worker: string;
  at: string;
  status: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
  state: string;
}

/** A call to the portal's API; its refusals as NotifyApiError with the portal's reason. */
export async function call<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: json === undefined ? rest.headers : { 'content-type': 'application/json' },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch {
    throw new NotifyApiError('The portal did not answer. Check your connection and try again.', 0);
  }
  const body = (await res.json().catch(() => ({}))) as { reason?: string };
  if (!res.ok)
    throw new NotifyApiError(
      body.reason ?? `The portal refused the request (${res.status}).`,
      res.status,
    );
  return body as T;
}

export const session = () =>
  call<{ address: Address | null; expiresAt: string | null }>('/api/auth/session');

/** What the caller's next usage receipt for pay-per-use offer `offerId` must say at this portal's gateway. */
export const usageNext = (offerId: bigint) =>
  call<{ host: Address; units: string; expiry: string }>(`/api/gateway/usage?offer=${offerId}`);

export const signOut = () => call<{ ok: true }>('/api/auth/session', { method: 'DELETE' });

export const inbox = () =>
  call<{ address: Address; unread: number; items: Notice[] }>('/api/notify/inbox');
export const markRead = (read: string[] | 'all') =>
  call<{ marked: number }>('/api/notify/inbox', { method: 'POST', json: { read } });

export const follows = () => call<{ follows: string[] }>('/api/notify/follows');
export const follow = (modelId: string) =>
  call<{ follows: string[] }>('/api/notify/follows', { method: 'POST', json: { modelId } });
export const unfollow = (modelId: string) =>
  call<{ follows: string[] }>('/api/notify/follows', { method: 'DELETE', json: { modelId } });

export const webhooks = () => call<{ webhooks: Webhook[] }>('/api/notify/webhooks');
export const addWebhook = (url: string) =>
  call<{ webhook: Webhook & { secret: string } }>('/api/notify/webhooks', {
    method: 'POST',
    json: { url },
  });
export const removeWebhook = (id: string) =>
  call<{ ok: true }>(`/api/notify/webhooks/${id}`, { method: 'DELETE' });
export const enableWebhook = (id: string) =>
  call<{ ok: true }>(`/api/notify/webhooks/${id}`, { method: 'PATCH', json: { active: true } });
export const deliveries = (id: string) =>
  call<{ deliveries: DeliveryLogEntry[] }>(`/api/notify/webhooks/${id}/deliveries`);
