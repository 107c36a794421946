// Small helpers shared by the /api/signals endpoints: JSON in, JSON out, plain reasons.
import { json } from '@sveltejs/kit';
import { LIMITS } from '$lib/signals/types';
import { getSignals } from './index';
import type { SignalsService } from './service';

export function problem(status: number, reason: string): Response {
  return json({ ok: false, reason }, { status });
}

/** Reads a JSON body of at most LIMITS.envelopeBytes; a Response when it is not one. */
export async function readJson(request: Request): Promise<unknown | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return problem(415, 'Send the message as JSON (Content-Type: application/json).');
  }
  const text = await request.text();
  if (text.length > LIMITS.envelopeBytes) {
    return problem(413, `The message is too large (at most ${LIMITS.envelopeBytes} bytes).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, 'The message is not valid JSON.');
  }
}

/** The service, or the Response explaining why signals are unavailable. */
export async function service(): Promise<SignalsService | Response> {
  const result = await getSignals();
  return result.ok ? result.service : problem(result.status, result.message);
}
