// A webhook's delivery log (its owner's only): every attempt, newest first.
import { json } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/auth';
import { notifyDb } from '$lib/server/notify';
import { handle } from '$lib/server/notify/http';
import { deliveryLog } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    return json({ deliveries: await deliveryLog(await notifyDb(), address, event.params.id) });
  });
