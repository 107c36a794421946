// GET /api/signals: the polls of this deployment, newest first, with their results.
// POST /api/signals: a signed Snapshot envelope (a poll or a vote), as Snapshot's client posts it
// to a hub. 200 { ok: true, kind, id, poll, replaced?, hub } or 4xx/503 { ok: false, reason }.
import { json } from '@sveltejs/kit';
import { problem, readJson, service } from '$lib/server/signals/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const signals = await service();
  if (signals instanceof Response) return signals;
  try {
    return json(await signals.listPolls());
  } catch (err) {
    // The cause stays in the server's log: it may name the RPC's URL, key included.
    console.error('GET /api/signals:', err);
    return problem(
      503,
      'The polls could not be read right now (the chain or the database did not answer). Try again shortly.',
    );
  }
};

export const POST: RequestHandler = async ({ request }) => {
  const signals = await service();
  if (signals instanceof Response) return signals;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const result = await signals.submit(body);
  return result.ok ? json(result) : json(result, { status: result.status });
};
