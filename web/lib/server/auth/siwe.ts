// Sign-In with Ethereum (EIP-4361) over viem's `viem/siwe` utilities. The server issues single-use
// nonces (stored, expiring), checks a signed message against this portal's domain, URI and chain,
// its times, and the signature (viem's verifySiweMessage: EOAs, EIP-1271 and ERC-6492 wallets),
// then consumes the nonce and opens a session whose token only the cookie holds (the database
// keeps its sha-256). Framework-free: the SvelteKit glue is in ./index.ts.
import { createHash, randomBytes } from 'node:crypto';
import { getAddress, type Address, type Hex, type PublicClient } from 'viem';
import {
  generateSiweNonce,
  parseSiweMessage,
  validateSiweMessage,
  type SiweMessage,
} from 'viem/siwe';
import type { Db } from '../signals/db';

export const SESSION_COOKIE = 'curia_session';
/** A nonce must be signed and sent back within this time. */
export const NONCE_TTL_S = 10 * 60;
/** A session lasts this long (the cookie's Max-Age too). */
export const SESSION_TTL_S = 7 * 24 * 3600;
/** A message claiming to be issued further ahead than this (clock skew) is refused. */
const MAX_SKEW_S = 5 * 60;
/** Longest SIWE message accepted, in characters. */
export const MAX_MESSAGE = 4_000;

export class AuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface Session {
  address: Address;
  chainId: number;
  expiresAt: Date;
}

export interface SiweAuthOptions {
  db: Db;
  /** Verifies the signature on the chain the portal serves (EIP-1271 wallets need it). */
  client: Pick<PublicClient, 'verifySiweMessage'>;
  chainId: number;
  now?: () => Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SiweAuth {
  constructor(private readonly opts: SiweAuthOptions) {}

  private now() {
    return this.opts.now?.() ?? new Date();
  }

  /** A fresh single-use nonce (EIP-4361: at least 8 alphanumeric characters; here 24). */
  async issueNonce(): Promise<{ nonce: string; expiresAt: Date }> {
    const nonce = generateSiweNonce().slice(0, 24);
    const expiresAt = new Date(this.now().getTime() + NONCE_TTL_S * 1000);
    await this.opts.db.query('INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, $2)', [
      nonce,
      expiresAt,
    ]);
    // Housekeeping: forget nonces long expired.
    await this.opts.db.query(`DELETE FROM auth_nonces WHERE expires_at < $1`, [
      new Date(this.now().getTime() - 24 * 3600 * 1000),
    ]);
    return { nonce, expiresAt };
  }

  /**
   * Checks a signed SIWE message for this portal (`origin`, e.g. https://curia.example) and, when
   * everything holds, consumes its nonce and opens a session. Throws AuthError with a plain reason.
   */
  async signIn(input: { message: unknown; signature: unknown; origin: string }): Promise<{
    token: string;
    session: Session;
  }> {
    const { message, signature } = input;
    if (typeof message !== 'string' || message.length === 0)
      throw new AuthError('The sign-in message is missing.', 400);
    if (message.length > MAX_MESSAGE)
      throw new AuthError(`The sign-in message is longer than ${MAX_MESSAGE} characters.`, 400);
    if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]+$/.test(signature))
      throw new AuthError('The signature is missing or not hex.', 400);
    let fields: Partial<SiweMessage>;
    try {
      fields = parseSiweMessage(message);
    } catch {
      throw new AuthError('The sign-in message is not an EIP-4361 message.', 400);
    }
    if (!fields.address || !fields.nonce || !fields.domain || !fields.chainId || !fields.uri)
      throw new AuthError('The sign-in message is not an EIP-4361 message.', 400);
    const url = new URL(input.origin);
    if (fields.domain !== url.host)
      throw new AuthError(
        `This sign-in message is for ${fields.domain}, not ${url.host}: sign in from this site.`,
        401,
      );
    let uriOrigin: string | undefined;
    try {
      uriOrigin = new URL(fields.uri).origin;
    } catch {
      uriOrigin = undefined;
    }
    if (uriOrigin !== url.origin)
      throw new AuthError(`This sign-in message names ${fields.uri}, not ${url.origin}.`, 401);
    if (fields.chainId !== this.opts.chainId)
      throw new AuthError(
        `This sign-in message is for chain ${fields.chainId}; this portal serves chain ${this.opts.chainId}.`,
        401,
      );
    const now = this.now();
    if (fields.expirationTime && fields.expirationTime.getTime() <= now.getTime())
      throw new AuthError('This sign-in message has expired: sign in again.', 401);
    if (fields.notBefore && fields.notBefore.getTime() > now.getTime())
      throw new AuthError('This sign-in message is not valid yet.', 401);
    if (fields.issuedAt && fields.issuedAt.getTime() > now.getTime() + MAX_SKEW_S * 1000)
      throw new AuthError('This sign-in message claims to be issued in the future.', 401);

    // viem's own checks (EIP-4361 version and nonce format, well-formed times and address).
    if (!validateSiweMessage({ message: fields, domain: url.host, time: now }))
      throw new AuthError('The sign-in message is malformed or out of its validity window.', 400);

    const nonces = await this.opts.db.query<{ expires_at: Date; used_at: Date | null }>(
      'SELECT expires_at, used_at FROM auth_nonces WHERE nonce = $1',
      [fields.nonce],
    );
    if (nonces.length === 0)
      throw new AuthError(
        'This sign-in message was not issued by this portal: sign in again.',
        401,
      );
    if (nonces[0].used_at)
      throw new AuthError('This sign-in message was already used: sign in again.', 401);
    if (new Date(nonces[0].expires_at).getTime() <= now.getTime())
      throw new AuthError('This sign-in request has expired: sign in again.', 401);

    let valid = false;
    try {
      valid = await this.opts.client.verifySiweMessage({
        message,
        signature: signature as Hex,
        domain: url.host,
        nonce: fields.nonce,
        time: now,
      });
    } catch {
      throw new AuthError('The signature could not be checked on the chain right now.', 503);
    }
    if (!valid) throw new AuthError(`The signature is not ${fields.address}'s.`, 401);

    // Single use: only the first of two concurrent sign-ins with one nonce gets the row.
    const consumed = await this.opts.db.query(
      'UPDATE auth_nonces SET used_at = $2 WHERE nonce = $1 AND used_at IS NULL RETURNING nonce',
      [fields.nonce, now],
    );
    if (consumed.length === 0)
      throw new AuthError('This sign-in message was already used: sign in again.', 401);

    const token = randomBytes(32).toString('base64url');
    const address = getAddress(fields.address);
    const expiresAt = new Date(now.getTime() + SESSION_TTL_S * 1000);
    await this.opts.db.query(
      'INSERT INTO auth_sessions (token_hash, address, chain_id, expires_at) VALUES ($1, $2, $3, $4)',
      [hashToken(token), address, this.opts.chainId, expiresAt],
    );
    return { token, session: { address, chainId: this.opts.chainId, expiresAt } };
  }

  /** The session a cookie's token opens, or null (unknown, expired, or another chain's). */
  async session(token: string | undefined): Promise<Session | null> {
    if (!token || token.length > 200) return null;
    const rows = await this.opts.db.query<{ address: string; chain_id: string; expires_at: Date }>(
      'SELECT address, chain_id, expires_at FROM auth_sessions WHERE token_hash = $1',
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    const expiresAt = new Date(row.expires_at);
    if (expiresAt.getTime() <= this.now().getTime() || Number(row.chain_id) !== this.opts.chainId)
      return null;
    return { address: getAddress(row.address), chainId: Number(row.chain_id), expiresAt };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.opts.db.query('DELETE FROM auth_sessions WHERE token_hash = $1', [hashToken(token)]);
  }
}
