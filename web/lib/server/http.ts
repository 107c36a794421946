// JSON in, JSON out for the portal's API routes: one reader of request bodies with a size limit and
// one refusal shape, `{ ok: false, reason }` with its status. Imports nothing but SvelteKit, so a
// route that needs no database (the relayer) loads none.
import { json } from '@sveltejs/kit';

export function problem(status: number, reason: string): Response {
  return json({ ok: false, reason }, { status });
}

/** A body read, or why it was refused (status and reason in plain words). */
export type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; reason: string };

/**
 * Reads a JSON body of at most `maxBytes` (declared length and actual bytes). `noun` names the body
 * in the reasons ("request", "message"). Refusals: 415 not JSON, 413 too large, 400 malformed.
 */
export async function parseJsonBody(
  request: Request,
  maxBytes: number,
  noun = 'request',
): Promise<JsonBody> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return {
      ok: false,
      status: 415,
      reason: `Send the ${noun} as JSON (Content-Type: application/json).`,
    };
  }
  const tooLarge = {
    ok: false,
    status: 413,
    reason: `The ${noun} is too large (at most ${maxBytes} bytes).`,
  } as const;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge;
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes) return tooLarge;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, reason: `The ${noun} is not valid JSON.` };
  }
}

/** {@link parseJsonBody}, with a refusal already answered as a Response. */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
  noun = 'request',
): Promise<unknown | Response> {
  const body = await parseJsonBody(request, maxBytes, noun);
  return body.ok ? body.value : problem(body.status, body.reason);
}
