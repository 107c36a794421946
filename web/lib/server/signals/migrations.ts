// Versioned schema of the signals store (PostgreSQL dialect: PGlite and PostgreSQL alike). A
// migration, once released, never changes: add a new version instead. Applied in order, each in
// its own transaction, and recorded in signals_migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'polls and votes',
    sql: `
      CREATE TABLE signals_polls (
        id          text PRIMARY KEY,          -- snapshot.js getHash of the signed data
        chain_id    bigint NOT NULL,
        token       text NOT NULL,             -- the ERC20Votes token the power is read from
        space       text NOT NULL,
        author      text NOT NULL,             -- checksummed address
        type        text NOT NULL,
        title       text NOT NULL,
        body        text NOT NULL,
        discussion  text NOT NULL,
        choices     jsonb NOT NULL,
        context     jsonb NOT NULL,
        start_ts    bigint NOT NULL,
        end_ts      bigint NOT NULL,
        snapshot    bigint NOT NULL,           -- timepoint on the token's clock
        created     bigint NOT NULL,           -- the message's timestamp
        envelope    jsonb NOT NULL,            -- { address, sig, data } as signed
        hub_ok      boolean,
        hub_detail  text,
        received_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_ts > start_ts)
      );
      CREATE INDEX signals_polls_listing ON signals_polls (chain_id, token, space, created DESC);

      CREATE TABLE signals_votes (
        poll_id     text NOT NULL REFERENCES signals_polls (id) ON DELETE CASCADE,
        voter       text NOT NULL,             -- checksummed address
        id          text NOT NULL UNIQUE,      -- snapshot.js getHash of the signed data
        created     bigint NOT NULL,
        choice      jsonb NOT NULL,
        reason      text NOT NULL,
        vp          numeric(78, 0) NOT NULL CHECK (vp > 0),
        envelope    jsonb NOT NULL,
        hub_ok      boolean,
        hub_detail  text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (poll_id, voter)
      );
    `,
  },
];
