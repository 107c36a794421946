// Small helpers shared by the /api/signals endpoints: JSON in, JSON out, plain reasons.
import { LIMITS } from '$lib/signals/types';
import { problem, readJsonBody } from '../http';
import { getSignals } from './index';
import type { SignalsService } from './service';

export { problem };

/** Reads a JSON body of at most LIMITS.envelopeBytes; a Response when it is not one. */
export function readJson(request: Request): Promise<unknown | Response> {
  return readJsonBody(request, LIMITS.envelopeBytes, 'message');
}

/** The service, or the Response explaining why signals are unavailable. */
export async function service(): Promise<SignalsService | Response> {
  const result = await getSignals();
  return result.ok ? result.service : problem(result.status, result.message);
}
