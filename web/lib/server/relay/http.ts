// JSON in, JSON out for the /api/relay endpoints (the shared reader in ../http, which loads no
// database: a relayer needs none).
import { problem, readJsonBody } from '../http';

export { problem };

/** Largest request accepted (bytes of JSON): a vote with a 5,000-character reason fits. */
const MAX_BYTES = 32_000;

/** Reads a JSON body; a Response explaining the refusal when it is not one. */
export function readJson(request: Request): Promise<unknown | Response> {
  return readJsonBody(request, MAX_BYTES, 'request');
}
