// POST /api/signals/prepare: the EIP-712 typed data of a new poll or vote, built by snapshot.js on
// the server, for the wallet to sign and send back to POST /api/signals. Nothing is stored here.
//   { kind: 'poll', from, type, title, body?, discussion?, choices?, start?, end, context? }
//   { kind: 'poll', ..., opensIn?, duration }  (seconds, counted on the chain's clock by the server)
//   { kind: 'vote', from, poll, choice, reason? }
import { json } from '@sveltejs/kit';
import { problem, readJson, service } from '$lib/server/signals/http';
import type { PollInput, VoteInput } from '$lib/server/signals/service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
  const signals = await service();
  if (signals instanceof Response) return signals;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  if (!body || typeof body !== 'object') return problem(400, 'Send a JSON object.');
  const input = body as { kind?: unknown } & Record<string, unknown>;
  let result;
  if (input.kind === 'poll') {
    if (
      typeof input.title !== 'string' ||
      (typeof input.end !== 'number' && typeof input.duration !== 'number')
    ) {
      return problem(400, 'A poll needs a title and an end time (or a duration).');
    }
    result = await signals.preparePoll(input as unknown as PollInput);
  } else if (input.kind === 'vote') {
    if (typeof input.poll !== 'string' || input.choice === undefined) {
      return problem(400, 'A vote needs its poll and a choice.');
    }
    result = await signals.prepareVote(input as unknown as VoteInput);
  } else {
    return problem(400, 'Say what to prepare: kind "poll" or "vote".');
  }
  return result.ok ? json(result.value) : problem(result.status, result.reason);
};
