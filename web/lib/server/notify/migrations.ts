// Schema of watchlists, notices and their delivery (PostgreSQL dialect: PGlite and PostgreSQL
// alike), recorded in notify_migrations. A released migration never changes: add a new version.
import type { Migration } from '../signals/migrations';

export const NOTIFY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'watchlists, notices, webhooks and the delivery queue',
    sql: `
      -- Accounts that signed in: notices are derived for them only.
      CREATE TABLE notify_accounts (
        address     text PRIMARY KEY,          -- checksummed
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      -- Models an account follows beside the ones it owns, stakes on, audited or licensed.
      CREATE TABLE notify_follows (
        address     text NOT NULL REFERENCES notify_accounts (address) ON DELETE CASCADE,
        model_id    numeric(78, 0) NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (address, model_id)
      );

      -- One notice per account and event (or deadline): the unique key makes deriving it twice,
      -- by two instances or after a restart, a no-op.
      CREATE TABLE notify_notices (
        id            bigserial PRIMARY KEY,
        address       text NOT NULL REFERENCES notify_accounts (address) ON DELETE CASCADE,
        key           text NOT NULL,           -- event id, or "<deadline>:<subject>"
        kind          text NOT NULL,
        title         text NOT NULL,
        body          text NOT NULL,
        link          text NOT NULL,
        model_id      numeric(78, 0),
        event_id      text,                    -- the indexer's event id, when from an event
        tx_hash       text,
        block_number  bigint,
        event_time    bigint NOT NULL,         -- chain time of the event or deadline check
        created_at    timestamptz NOT NULL DEFAULT now(),
        read_at       timestamptz,
        retracted_at  timestamptz,             -- the event left the chain (reorg)
        UNIQUE (address, key)
      );
      CREATE INDEX notify_notices_inbox ON notify_notices (address, id DESC);
      CREATE INDEX notify_notices_block ON notify_notices (block_number) WHERE event_id IS NOT NULL;

      CREATE TABLE notify_webhooks (
        id              bigserial PRIMARY KEY,
        address         text NOT NULL REFERENCES notify_accounts (address) ON DELETE CASCADE,
        url             text NOT NULL,
        secret          text NOT NULL,         -- HMAC-SHA256 key, shown once at creation
        active          boolean NOT NULL DEFAULT true,
        failures        integer NOT NULL DEFAULT 0, -- consecutive failed jobs
        disabled_at     timestamptz,
        disabled_reason text,
        created_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notify_webhooks_address ON notify_webhooks (address);

      -- The delivery queue: one job per notice and webhook, claimed with FOR UPDATE SKIP LOCKED.
      CREATE TABLE notify_jobs (
        id            bigserial PRIMARY KEY,
        notice_id     bigint NOT NULL REFERENCES notify_notices (id) ON DELETE CASCADE,
        webhook_id    bigint NOT NULL REFERENCES notify_webhooks (id) ON DELETE CASCADE,
        state         text NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'sending', 'delivered', 'failed', 'retracted', 'dropped')),
        attempts      integer NOT NULL DEFAULT 0,
        next_at       timestamptz NOT NULL DEFAULT now(),
        locked_by     text,
        locked_until  timestamptz,
        delivered_at  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notice_id, webhook_id)
      );
      CREATE INDEX notify_jobs_due ON notify_jobs (next_at) WHERE state IN ('pending', 'sending');

      -- The delivery log: every attempt, as the user sees it.
      CREATE TABLE notify_attempts (
        id           bigserial PRIMARY KEY,
        job_id       bigint NOT NULL REFERENCES notify_jobs (id) ON DELETE CASCADE,
        webhook_id   bigint NOT NULL REFERENCES notify_webhooks (id) ON DELETE CASCADE,
        attempt      integer NOT NULL,
        worker       text NOT NULL,
        at           timestamptz NOT NULL DEFAULT now(),
        status       integer,                  -- HTTP status, null when no answer
        ok           boolean NOT NULL,
        error        text,
        duration_ms  integer NOT NULL
      );
      CREATE INDEX notify_attempts_webhook ON notify_attempts (webhook_id, id DESC);

      -- How far the scanner has read the index (one row per chain).
      CREATE TABLE notify_cursor (
        chain_id      bigint PRIMARY KEY,
        block_number  bigint NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: "a first sign-in's backfill",
    sql: `
      -- When the account's inbox was given what concerned it in the week before it first signed
      -- in (NULL: not yet). Accounts already signed in have had their notices from then on.
      ALTER TABLE notify_accounts ADD COLUMN backfilled_at timestamptz;
      UPDATE notify_accounts SET backfilled_at = now();
    `,
  },
  {
    version: 3,
    name: 'private notices',
    sql: `
      -- A notice of what only the account knows (a model it follows, its webhooks) stays out of
      -- its public Atom feed (session 19's review: the feed showed a disabled webhook's URL).
      ALTER TABLE notify_notices ADD COLUMN private boolean NOT NULL DEFAULT false;
      UPDATE notify_notices SET private = true
        WHERE kind = 'webhook-disabled' OR title LIKE '%a model you follow%';
    `,
  },
];
