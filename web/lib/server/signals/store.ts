// Reads and writes of polls and votes. Only verified messages reach these functions.
import type { Address, Hex } from 'viem';
import type { Choice, Envelope, PollContext, PollType } from '$lib/signals/types';
import type { Db, Sql } from './db';

export interface StoredPoll {
  id: Hex;
  chainId: number;
  token: Address;
  space: string;
  author: Address;
  type: PollType;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  context: PollContext;
  start: number;
  end: number;
  snapshot: number;
  created: number;
  envelope: Envelope;
  hubOk: boolean | null;
  hubDetail: string | null;
}

export interface StoredVote {
  pollId: Hex;
  voter: Address;
  id: Hex;
  created: number;
  choice: Choice;
  reason: string;
  vp: bigint;
  envelope: Envelope;
  hubOk: boolean | null;
  hubDetail: string | null;
}

type Row = Record<string, unknown>;

function pollOf(r: Row): StoredPoll {
  return {
    id: r.id as Hex,
    chainId: Number(r.chain_id),
    token: r.token as Address,
    space: r.space as string,
    author: r.author as Address,
    type: r.type as PollType,
    title: r.title as string,
    body: r.body as string,
    discussion: r.discussion as string,
    choices: r.choices as string[],
    context: r.context as PollContext,
    start: Number(r.start_ts),
    end: Number(r.end_ts),
    snapshot: Number(r.snapshot),
    created: Number(r.created),
    envelope: r.envelope as Envelope,
    hubOk: (r.hub_ok as boolean | null) ?? null,
    hubDetail: (r.hub_detail as string | null) ?? null,
  };
}

function voteOf(r: Row): StoredVote {
  return {
    pollId: r.poll_id as Hex,
    voter: r.voter as Address,
    id: r.id as Hex,
    created: Number(r.created),
    choice: r.choice as Choice,
    reason: r.reason as string,
    vp: BigInt(String(r.vp)),
    envelope: r.envelope as Envelope,
    hubOk: (r.hub_ok as boolean | null) ?? null,
    hubDetail: (r.hub_detail as string | null) ?? null,
  };
}

const json = (v: unknown) => JSON.stringify(v);

/** Stores a new poll; false when a poll with this id is already stored. */
export async function insertPoll(db: Sql, p: Omit<StoredPoll, 'hubOk' | 'hubDetail'>) {
  const rows = await db.query(
    `INSERT INTO signals_polls (id, chain_id, token, space, author, type, title, body, discussion,
       choices, context, start_ts, end_ts, snapshot, created, envelope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16::jsonb)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      p.id,
      p.chainId,
      p.token,
      p.space,
      p.author,
      p.type,
      p.title,
      p.body,
      p.discussion,
      json(p.choices),
      json(p.context),
      p.start,
      p.end,
      p.snapshot,
      p.created,
      json(p.envelope),
    ],
  );
  return rows.length === 1;
}

export type UpsertOutcome = 'inserted' | 'replaced' | 'stale';

/**
 * Stores a vote, one per voter and poll. As on Snapshot, a vote replaces the voter's earlier vote
 * when it was signed later (or at the same second with a higher id); otherwise nothing changes
 * and the outcome is 'stale'. Atomic: two votes racing cannot both win.
 */
export async function upsertVote(
  db: Db,
  v: Omit<StoredVote, 'hubOk' | 'hubDetail'>,
): Promise<UpsertOutcome> {
  return db.transaction(async (tx) => {
    const before = await tx.query<{ id: string }>(
      'SELECT id FROM signals_votes WHERE poll_id = $1 AND voter = $2 FOR UPDATE',
      [v.pollId, v.voter],
    );
    const rows = await tx.query(
      `INSERT INTO signals_votes (poll_id, voter, id, created, choice, reason, vp, envelope)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::numeric, $8::jsonb)
       ON CONFLICT (poll_id, voter) DO UPDATE SET
         id = EXCLUDED.id, created = EXCLUDED.created, choice = EXCLUDED.choice,
         reason = EXCLUDED.reason, vp = EXCLUDED.vp, envelope = EXCLUDED.envelope,
         hub_ok = NULL, hub_detail = NULL, received_at = now()
       WHERE signals_votes.created < EXCLUDED.created
          OR (signals_votes.created = EXCLUDED.created AND signals_votes.id < EXCLUDED.id)
       RETURNING id`,
      [
        v.pollId,
        v.voter,
        v.id,
        v.created,
        json(v.choice),
        v.reason,
        v.vp.toString(),
        json(v.envelope),
      ],
    );
    if (rows.length === 0) return 'stale';
    return before.length > 0 ? 'replaced' : 'inserted';
  });
}

export async function setPollHub(db: Sql, id: Hex, ok: boolean, detail: string) {
  await db.query('UPDATE signals_polls SET hub_ok = $2, hub_detail = $3 WHERE id = $1', [
    id,
    ok,
    detail,
  ]);
}

export async function setVoteHub(db: Sql, id: Hex, ok: boolean, detail: string) {
  await db.query('UPDATE signals_votes SET hub_ok = $2, hub_detail = $3 WHERE id = $1', [
    id,
    ok,
    detail,
  ]);
}

export async function getPoll(db: Sql, id: string): Promise<StoredPoll | undefined> {
  const rows = await db.query('SELECT * FROM signals_polls WHERE id = $1', [id]);
  return rows[0] ? pollOf(rows[0]) : undefined;
}

/** The polls of one deployment (chain, token and space), newest first. */
export async function listPolls(
  db: Sql,
  where: { chainId: number; token: Address; space: string },
  limit = 100,
): Promise<StoredPoll[]> {
  const rows = await db.query(
    `SELECT * FROM signals_polls WHERE chain_id = $1 AND lower(token) = lower($2) AND space = $3
     ORDER BY created DESC, id LIMIT $4`,
    [where.chainId, where.token, where.space, limit],
  );
  return rows.map(pollOf);
}

export async function listVotes(db: Sql, pollId: string): Promise<StoredVote[]> {
  const rows = await db.query(
    'SELECT * FROM signals_votes WHERE poll_id = $1 ORDER BY vp DESC, voter',
    [pollId],
  );
  return rows.map(voteOf);
}

/** Votes of several polls at once, grouped by poll. */
export async function votesOfPolls(db: Sql, pollIds: string[]): Promise<Map<string, StoredVote[]>> {
  const out = new Map<string, StoredVote[]>(pollIds.map((id) => [id, []]));
  if (pollIds.length === 0) return out;
  const rows = await db.query('SELECT * FROM signals_votes WHERE poll_id = ANY($1::text[])', [
    pollIds,
  ]);
  for (const r of rows.map(voteOf)) out.get(r.pollId)?.push(r);
  return out;
}

export async function countRows(db: Sql): Promise<{ polls: number; votes: number }> {
  const [p] = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM signals_polls');
  const [v] = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM signals_votes');
  return { polls: Number(p.n), votes: Number(v.n) };
}
