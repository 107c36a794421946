// The signed-in account's webhooks: GET the list, POST `{ url }` (answers the secret, once).
import { json } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/auth';
import { allowPrivateWebhooks, notifyDb } from '$lib/server/notify';
import { handle, onlyFields, readJson } from '$lib/server/notify/http';
import { addWebhook, webhooks } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    return json({ webhooks: await webhooks(await notifyDb(), address) });
  });

export const POST: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const body = await readJson(event.request);
    onlyFields(body, ['url']);
    const hook = await addWebhook(await notifyDb(), address, body.url, allowPrivateWebhooks());
    return json({ ok: true, webhook: hook }, { status: 201 });
  });
