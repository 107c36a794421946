// JSON in, JSON out for the portal's API routes: one reader of request bodies with a size limit and
// one refusal shape, `{ ok: false, reason }` with its status. Imports nothing but SvelteKit, so a
// route that needs no database (the relayer) loads none.
import { json } from '@sveltejs/kit';

export function problem(status: number, reason: string): Response {
  return json({ ok: false, reason }, { status });
}

/**
 * Reads a JSON body of at most `maxBytes`; a Response explaining the refusal (415, 413, 400) when it
 * is not one. `noun` names the body in the reasons ("request", "message").
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
  noun = 'request',
): Promise<unknown | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return problem(415, `Send the ${noun} as JSON (Content-Type: application/json).`);
  }
  const text = await request.text();
  if (text.length > maxBytes) {
    return problem(413, `The ${noun} is too large (at most ${maxBytes} bytes).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, `The ${noun} is not valid JSON.`);
  }
}
