// Models the signed-in account follows: GET the list, POST `{ modelId }`, DELETE `{ modelId }`.
import { json } from '@sveltejs/kit';
import { maxUint256 } from 'viem';
import { exists } from '$lib/server/exists';
import { requireAccount } from '$lib/server/auth';
import { notifyDb } from '$lib/server/notify';
import { handle, onlyFields, readJson } from '$lib/server/notify/http';
import { follow, follows, parseModelId, requireModel, unfollow } from '$lib/server/notify/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    return json({ follows: await follows(await notifyDb(), address) });
  });

export const POST: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const body = await readJson(event.request);
    onlyFields(body, ['modelId']);
    const modelId = parseModelId(body.modelId);
    const id = BigInt(modelId);
    // The chain decides, not the index (which may not have caught up with a model just listed).
    requireModel(modelId, id <= maxUint256 ? await exists('model', id) : false);
    const db = await notifyDb();
    await follow(db, address, modelId);
    return json({ ok: true, follows: await follows(db, address) });
  });

export const DELETE: RequestHandler = (event) =>
  handle(async () => {
    const { address } = await requireAccount(event);
    const body = await readJson(event.request);
    onlyFields(body, ['modelId']);
    const db = await notifyDb();
    await unfollow(db, address, parseModelId(body.modelId));
    return json({ ok: true, follows: await follows(db, address) });
  });
