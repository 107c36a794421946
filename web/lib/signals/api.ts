// The browser's side of the signals: read polls from the portal's server, and sign what the
// server prepared with snapshot.js in the connected wallet (EIP-712), then send it back.
import { signTypedData, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import type {
  Choice,
  Envelope,
  PollContext,
  PollDetail,
  PollSummary,
  Prepared,
  SubmitResult,
} from './types';

export class SignalsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init?: RequestInit, fetchFn: typeof fetch = fetch): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, init);
  } catch {
    throw new SignalsApiError('The portal is not reachable right now. Try again shortly.', 0);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new SignalsApiError(
      `The portal answered ${res.status} without an explanation.`,
      res.status,
    );
  }
  if (res.status >= 500 && (body as { message?: string }).message === 'Internal Error') {
    throw new SignalsApiError(
      'The portal hit an unexpected error, and nothing was stored. Try again; if it persists, tell the portal operators.',
      res.status,
    );
  }
  if (!res.ok) {
    const reason =
      (body as { reason?: string; message?: string }).reason ??
      (body as { message?: string }).message;
    throw new SignalsApiError(reason ?? `The portal answered ${res.status}.`, res.status);
  }
  return body as T;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function fetchPolls(fetchFn?: typeof fetch): Promise<PollSummary[]> {
  return call('/api/signals', undefined, fetchFn);
}

export function fetchPoll(id: string, fetchFn?: typeof fetch): Promise<PollDetail> {
  return call(`/api/signals/${id}`, undefined, fetchFn);
}

/** Voting power (wei, decimal string) at the poll's snapshot; null before the poll starts. */
export async function fetchPower(id: string, address: Address): Promise<bigint | null> {
  const { vp } = await call<{ vp: string | null }>(
    `/api/signals/${id}/power?address=${encodeURIComponent(address)}`,
  );
  return vp === null ? null : BigInt(vp);
}

export interface PollRequest {
  kind: 'poll';
  type: string;
  title: string;
  body: string;
  discussion?: string;
  choices: string[];
  /** Seconds from now (the chain's clock, on the server) until the poll opens; default 0. */
  opensIn?: number;
  /** Seconds the poll stays open, from its start. */
  duration: number;
  context: PollContext;
}

export interface VoteRequest {
  kind: 'vote';
  poll: string;
  choice: Choice;
  reason?: string;
}

export type SignPhase = 'preparing' | 'signing' | 'sending';

/**
 * Prepares (server, snapshot.js), signs (wallet) and submits (server) a poll or a vote. Throws
 * SignalsApiError with the server's reason when it refuses; wallet errors are thrown as they are.
 */
export async function signAndSubmit(
  config: Config,
  account: Address,
  request: PollRequest | VoteRequest,
  onPhase: (phase: SignPhase) => void = () => {},
): Promise<Extract<SubmitResult, { ok: true }>> {
  onPhase('preparing');
  const prepared = await call<Prepared>(
    '/api/signals/prepare',
    post({ ...request, from: account }),
  );
  onPhase('signing');
  const sig = await signTypedData(config, {
    account,
    domain: prepared.domain,
    types: prepared.types,
    primaryType: prepared.primaryType,
    message: prepared.message,
  } as never);
  onPhase('sending');
  const envelope: Envelope = {
    address: account,
    sig,
    data: { domain: prepared.domain, types: prepared.types, message: prepared.message },
  };
  return call('/api/signals', post(envelope));
}
