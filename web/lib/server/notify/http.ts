// JSON in and out for the auth and notify routes: bodies read by the shared reader (../http), errors answered
// `{ ok: false, reason }` with their status (400 malformed, 413 oversized, 415 not JSON, 401 not signed in or a
// refused signature, 404 unknown, 503 the database or chain unreachable).
import { json } from '@sveltejs/kit';
import { AuthError } from '../auth/siwe';
import { parseJsonBody } from '../http';
import { LIMITS, NotifyInputError } from './store';

export async function readJson(
  request: Request,
  limit = LIMITS.body,
): Promise<Record<string, unknown>> {
  const body = await parseJsonBody(request, limit);
  if (!body.ok) throw new NotifyInputError(body.reason, body.status);
  const value = body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new NotifyInputError('The request body must be a JSON object.');
  return value as Record<string, unknown>;
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
