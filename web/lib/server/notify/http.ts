// JSON in and out for the auth and notify routes: bodies read with a size limit, errors answered
// `{ ok: false, reason }` with their status (400 malformed or oversized, 401 not signed in or a
// refused signature, 404 unknown, 503 the database or chain unreachable).
import { json } from '@sveltejs/kit';
import { AuthError } from '../auth/siwe';
import { LIMITS, NotifyInputError } from './store';

export async function readJson(
  request: Request,
  limit = LIMITS.body,
): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json'))
    throw new NotifyInputError('Send the request body as JSON (Content-Type: application/json).');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit)
    throw new NotifyInputError(`The request body is larger than ${limit} bytes.`);
  const text = await request.text();
  if (new TextEncoder().encode(text).length > limit)
    throw new NotifyInputError(`The request body is larger than ${limit} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NotifyInputError('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new NotifyInputError('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** Only the fields named: anything else is refused rather than silently ignored. */
export function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length)
    throw new NotifyInputError(`Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}.`);
}

export function fail(err: unknown): Response {
  if (err instanceof AuthError || err instanceof NotifyInputError)
    return json({ ok: false, reason: err.message }, { status: err.status });
  console.error(err);
  return json(
    { ok: false, reason: 'Notifications are unavailable right now (the database did not answer).' },
    { status: 503 },
  );
}

/** Runs a handler, answering its errors as JSON. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    return fail(err);
  }
}
