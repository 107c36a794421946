// One of the signed-in account's webhooks: DELETE it, or PATCH `{ active: true }` to turn a
// disabled one on again.
import { json } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/auth';
import { notifyDb } from '$lib/server/notify';
import { handle, onlyFields, readJson } from '$lib/server/notify/http';
import { enableWebhook, NotifyInputError, removeWebhook } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    await removeWebhook(await notifyDb(), address, event.params.id);
    return json({ ok: true });
  });

export const PATCH: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const body = await readJson(event.request);
    onlyFields(body, ['active']);
    if (body.active !== true) throw new NotifyInputError('Send { "active": true } to turn it on.');
    await enableWebhook(await notifyDb(), address, event.params.id);
    return json({ ok: true });
  });
