// Sign-In with Ethereum for the portal's session (notifications, gated downloads): an EIP-4361
// message built with viem's createSiweMessage, signed in the wallet. Kept out of ./api.ts, which
// the app shell loads on every page: this needs wagmi and the error table.
import { signMessage, type Config } from '@wagmi/core';
import type { Address } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { explainError } from '../errors';
import { call, NotifyApiError } from './api';

/** Signs in with the wallet: a nonce from the portal, a SIWE message, the wallet's signature. */
export async function signIn(config: Config, address: Address): Promise<Address> {
  const issued = await call<{ nonce: string; domain: string; uri: string; chainId: number }>(
    '/api/auth/nonce',
    { method: 'POST' },
  );
  const now = new Date();
  const message = createSiweMessage({
    address,
    chainId: issued.chainId,
    domain: issued.domain,
    uri: issued.uri,
    nonce: issued.nonce,
    version: '1',
    issuedAt: now,
    expirationTime: new Date(now.getTime() + 10 * 60_000),
    statement: 'Sign in to Curia to manage your watchlist and notifications.',
  });
  const signature = await signMessage(config, { account: address, message });
  const res = await call<{ address: Address }>('/api/auth/verify', {
    method: 'POST',
    json: { message, signature },
  });
  return res.address;
}

/** What to tell the user when a call to the portal failed: its reason, else the wallet's error in plain words. */
export const failureMessage = (err: unknown): string =>
  err instanceof NotifyApiError ? err.message : explainError(err).message;
