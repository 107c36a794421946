// GET /api/signals/<id>/power?address=0x…: the account's voting power at the poll's snapshot
// (getPastVotes of CUR at the poll's start), in wei as a decimal string; null before the start.
import { json } from '@sveltejs/kit';
import { problem, service } from '$lib/server/signals/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
  const signals = await service();
  if (signals instanceof Response) return signals;
  const result = await signals.powerFor(
    params.id.toLowerCase(),
    url.searchParams.get('address') ?? '',
  );
  return result.ok ? json(result.value) : problem(result.status, result.reason);
};
