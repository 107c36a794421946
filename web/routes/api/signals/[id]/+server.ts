// GET /api/signals/<id>: one poll with its votes, results (snapshot.js) and signed envelope.
import { json } from '@sveltejs/kit';
import { problem, service } from '$lib/server/signals/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
  const signals = await service();
  if (signals instanceof Response) return signals;
  if (!/^0x[0-9a-fA-F]{64}$/.test(params.id)) return problem(400, 'Not a poll id.');
  try {
    const poll = await signals.getPoll(params.id.toLowerCase());
    return poll ? json(poll) : problem(404, 'There is no such poll on this portal.');
  } catch (err) {
    // The cause stays in the server's log: it may name the RPC's URL, key included.
    console.error(`GET /api/signals/${params.id}:`, err);
    return problem(
      503,
      'The poll could not be read right now (the chain or the database did not answer). Try again shortly.',
    );
  }
};
