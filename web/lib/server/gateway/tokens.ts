// Bearer tokens for scripts: the account signs an EIP-712 GatewayAccess message
// (protocol/gateway.ts) naming itself, the time and a nonce of its choosing; the gateway checks
// the signature (viem: EOAs, and EIP-1271 / ERC-6492 wallets through the chain), refuses a message
// issued more than 5 minutes ago (or ahead), and a nonce already used by that account, then hands
// out a random token valid for 1 hour. The database keeps the token's sha-256 only.
import { createHash, randomBytes } from 'node:crypto';
import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { ChainUnreachableError } from '$protocol/chain';
import { gatewayAccessTypedData } from '$protocol/gateway';
import type { Db } from '../signals/db';
import { GatewayError } from './errors';

/** A signed access message older (or further ahead) than this is refused. */
export const ACCESS_MAX_AGE_S = 5 * 60;
/** A token lasts this long. */
export const TOKEN_TTL_S = 3600;
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;

/** Whether `signature` is `address`'s over the GatewayAccess typed data of this chain. */
export type AccessVerifier = (args: {
  address: Address;
  signature: Hex;
  typedData: ReturnType<typeof gatewayAccessTypedData>;
}) => Promise<boolean>;

export interface GatewayTokensOptions {
  db: Db;
  chainId: number;
  /** viem's verifyTypedData (a public client's: contract wallets too). */
  verify: AccessVerifier;
  now?: () => Date;
}

export function hashBearer(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class GatewayTokens {
  constructor(private readonly opts: GatewayTokensOptions) {}

  private now() {
    return this.opts.now?.() ?? new Date();
  }

  /** Checks a signed GatewayAccess message and opens a token. Throws GatewayError (400/401/503). */
  async issue(
    body: Record<string, unknown>,
  ): Promise<{ token: string; account: Address; expiresAt: Date }> {
    const { account, issuedAt, nonce, signature } = body;
    if (typeof account !== 'string' || !isAddress(account))
      throw new GatewayError(400, 'account must be an address.');
    if (
      (typeof issuedAt !== 'number' && typeof issuedAt !== 'string') ||
      !/^\d{1,12}$/.test(String(issuedAt))
    )
      throw new GatewayError(400, 'issuedAt must be a time in Unix seconds.');
    if (typeof nonce !== 'string' || !NONCE.test(nonce))
      throw new GatewayError(400, 'nonce must be 8 to 64 letters, digits, - or _.');
    if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{2,}$/.test(signature))
      throw new GatewayError(400, 'signature must be hex.');
    const address = getAddress(account);
    const at = BigInt(String(issuedAt));
    const nowS = Math.floor(this.now().getTime() / 1000);
    if (Number(at) < nowS - ACCESS_MAX_AGE_S)
      throw new GatewayError(
        401,
        'This access message is stale (signed more than 5 minutes ago): sign a new one.',
      );
    if (Number(at) > nowS + ACCESS_MAX_AGE_S)
      throw new GatewayError(401, 'This access message claims to be signed in the future.');
    let valid: boolean;
    try {
      valid = await this.opts.verify({
        address,
        signature: signature as Hex,
        typedData: gatewayAccessTypedData(this.opts.chainId, {
          account: address,
          issuedAt: at,
          nonce,
        }),
      });
    } catch (err) {
      if (err instanceof ChainUnreachableError)
        throw new GatewayError(
          503,
          'The chain is not reachable right now, so the signature cannot be checked: try again in a moment.',
        );
      valid = false;
    }
    if (!valid)
      throw new GatewayError(
        401,
        `The signature is not ${address}'s over this access message (chain ${this.opts.chainId}).`,
      );
    // Single use per account: the primary key refuses a second insert of the same nonce.
    const fresh = await this.opts.db.query(
      `INSERT INTO gateway_nonces (account, nonce, used_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING nonce`,
      [address, nonce, this.now()],
    );
    if (fresh.length === 0)
      throw new GatewayError(401, 'This access message was already used: sign a new one.');
    // Housekeeping: a nonce older than the age limit can no longer be replayed anyway.
    await this.opts.db.query('DELETE FROM gateway_nonces WHERE used_at < $1', [
      new Date(this.now().getTime() - 2 * ACCESS_MAX_AGE_S * 1000),
    ]);
    await this.opts.db.query('DELETE FROM gateway_tokens WHERE expires_at < $1', [this.now()]);
    const token = `cgw_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(this.now().getTime() + TOKEN_TTL_S * 1000);
    await this.opts.db.query(
      'INSERT INTO gateway_tokens (token_hash, account, chain_id, expires_at) VALUES ($1, $2, $3, $4)',
      [hashBearer(token), address, this.opts.chainId, expiresAt],
    );
    return { token, account: address, expiresAt };
  }

  /** The account a bearer token stands for, or null (unknown, expired, another chain's). */
  async account(token: string): Promise<Address | null> {
    if (!token || token.length > 200) return null;
    const rows = await this.opts.db.query<{ account: string; chain_id: string; expires_at: Date }>(
      'SELECT account, chain_id, expires_at FROM gateway_tokens WHERE token_hash = $1',
      [hashBearer(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (
      new Date(row.expires_at).getTime() <= this.now().getTime() ||
      Number(row.chain_id) !== this.opts.chainId
    )
      return null;
    return getAddress(row.account);
  }
}
