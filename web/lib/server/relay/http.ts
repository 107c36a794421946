// JSON in, JSON out for the /api/relay endpoints. (Not the signals' helpers: those load the signals
// database, which a relayer does not need.)
import { json } from '@sveltejs/kit';

/** Largest request accepted (bytes of JSON): a vote with a 5,000-character reason fits. */
const MAX_BYTES = 32_000;

export function problem(status: number, reason: string): Response {
  return json({ ok: false, reason }, { status });
}

/** Reads a JSON body; a Response explaining the refusal when it is not one. */
export async function readJson(request: Request): Promise<unknown | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return problem(415, 'Send the request as JSON (Content-Type: application/json).');
  }
  const text = await request.text();
  if (text.length > MAX_BYTES) {
    return problem(413, `The request is too large (at most ${MAX_BYTES} bytes).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, 'The request is not valid JSON.');
  }
}
