// Schema of gated delivery (issue 19; PostgreSQL dialect: PGlite and PostgreSQL alike), recorded in
// gateway_migrations: scripts' access nonces and bearer tokens (hashed), the download log, and the
// latest usage receipt per licensee, offer and host. A released migration never changes.
import type { Migration } from '../signals/migrations';

export const GATEWAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'gateway tokens, downloads and receipts',
    sql: `
      CREATE TABLE gateway_nonces (
        account     text NOT NULL,             -- checksummed address
        nonce       text NOT NULL,
        used_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account, nonce)
      );
      CREATE INDEX gateway_nonces_used ON gateway_nonces (used_at);

      CREATE TABLE gateway_tokens (
        token_hash  text PRIMARY KEY,          -- sha-256 of the bearer token (never the token)
        account     text NOT NULL,
        chain_id    bigint NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      );
      CREATE INDEX gateway_tokens_expiry ON gateway_tokens (expires_at);

      CREATE TABLE gateway_downloads (
        id          bigserial PRIMARY KEY,
        chain_id    bigint NOT NULL,
        account     text NOT NULL,
        model_id    numeric(78) NOT NULL,
        version     integer NOT NULL,
        file        text NOT NULL,
        bytes       bigint NOT NULL,
        how         text NOT NULL CHECK (how IN ('license', 'receipt')),
        complete    boolean NOT NULL,
        at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX gateway_downloads_model ON gateway_downloads (chain_id, model_id, at);

      CREATE TABLE gateway_receipts (
        chain_id    bigint NOT NULL,
        offer_id    numeric(78) NOT NULL,
        licensee    text NOT NULL,
        host        text NOT NULL,
        model_id    numeric(78) NOT NULL,
        units       numeric(78) NOT NULL,      -- cumulative, as signed
        expiry      numeric(78) NOT NULL,
        signature   text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (chain_id, offer_id, licensee, host)
      );
    `,
  },
  {
    version: 2,
    name: "downloads by the model's owner",
    sql: `
      ALTER TABLE gateway_downloads DROP CONSTRAINT gateway_downloads_how_check;
      ALTER TABLE gateway_downloads ADD CONSTRAINT gateway_downloads_how_check
        CHECK (how IN ('license', 'receipt', 'owner'));
    `,
  },
];
