// The browser's side of gasless voting: ask the portal's server whether its relayer is on, have it
// prepare the message (nonce, expiry), sign it in the wallet (EIP-712), and hand it to the relayer.
import { signTypedData, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import type { CuriaContracts } from '$lib/contracts';
import { relayMessage } from '$lib/errors';
import {
  relayTypedData,
  type PrepareRequest,
  type Prepared,
  type RelayAnswer,
  type RelayRefusal,
  type RelayStatus,
} from './messages';

export class RelayError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: RelayRefusal,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new RelayError('The portal is not reachable right now. Try again shortly.', 0);
  }
  let body: { ok?: boolean; code?: RelayRefusal; reason?: string; message?: string };
  try {
    body = await res.json();
  } catch {
    throw new RelayError(`The portal answered ${res.status} without an explanation.`, res.status);
  }
  if (!res.ok || body.ok === false) {
    const reason =
      body.reason ??
      (body.code ? relayMessage(body.code) : undefined) ??
      (body.message && body.message !== 'Internal Error' ? body.message : undefined) ??
      'The portal hit an unexpected error, and nothing was sent. Try again; if it persists, tell the portal operators.';
    throw new RelayError(reason, res.status, body.code);
  }
  return body as T;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function fetchRelayStatus(): Promise<RelayStatus> {
  return call('/api/relay');
}

export type RelayPhase = 'preparing' | 'signing' | 'sending';

/**
 * Prepares (server), signs (wallet, no gas) and relays (server) a vote or delegation; resolves to
 * the relayed transaction's hash. Throws RelayError with the server's reason when it refuses;
 * wallet errors are thrown as they are (explainError words them).
 */
export async function signAndRelay(
  config: Config,
  c: CuriaContracts,
  account: Address,
  input: PrepareRequest,
  onPhase: (phase: RelayPhase) => void = () => {},
): Promise<Extract<RelayAnswer, { ok: true }>> {
  onPhase('preparing');
  const prepared = await call<Prepared>('/api/relay/prepare', post({ ...input, voter: account }));
  onPhase('signing');
  const signature = await signTypedData(config, {
    account,
    ...relayTypedData(c, prepared.chainId, prepared.message),
  } as never);
  onPhase('sending');
  return call(
    '/api/relay',
    post({ chainId: prepared.chainId, message: prepared.message, signature }),
  );
}
