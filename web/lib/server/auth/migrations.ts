// Schema of Sign-In with Ethereum (PostgreSQL dialect: PGlite and PostgreSQL alike), recorded in
// auth_migrations. A released migration never changes: add a new version.
import type { Migration } from '../signals/migrations';

export const AUTH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'siwe nonces and sessions',
    sql: `
      CREATE TABLE auth_nonces (
        nonce       text PRIMARY KEY,
        issued_at   timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      );
      CREATE INDEX auth_nonces_expiry ON auth_nonces (expires_at);

      CREATE TABLE auth_sessions (
        token_hash  text PRIMARY KEY,          -- sha-256 of the cookie's token (never the token)
        address     text NOT NULL,             -- checksummed address
        chain_id    bigint NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      );
      CREATE INDEX auth_sessions_address ON auth_sessions (address);
    `,
  },
];
