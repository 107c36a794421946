// The signed-in account's notices (GET, with the unread count) and marking them read (POST
// `{ read: [ids] | "all" }`).
import { json } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/auth';
import { notifyDb } from '$lib/server/notify';
import { handle, onlyFields, readJson } from '$lib/server/notify/http';
import { inbox, markRead, NotifyInputError } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const limit = Number(event.url.searchParams.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new NotifyInputError('limit must be a whole number from 1 to 100.');
    return json(
      { address, ...(await inbox(await notifyDb(), address, limit)) },
      { headers: { 'cache-control': 'no-store' } },
    );
  });

export const POST: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const body = await readJson(event.request);
    onlyFields(body, ['read']);
    const read = body.read;
    const ids =
      read === 'all'
        ? 'all'
        : Array.isArray(read) &&
            read.length > 0 &&
            read.length <= 100 &&
            read.every((id) => typeof id === 'string' && /^[1-9][0-9]{0,17}$/.test(id))
          ? (read as string[])
          : null;
    if (!ids) throw new NotifyInputError('read must be "all" or a list of 1 to 100 notice ids.');
    return json({ ok: true, marked: await markRead(await notifyDb(), address, ids) });
  });
