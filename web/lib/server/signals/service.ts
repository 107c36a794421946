// The signals service: prepares typed data for the wallet, verifies and stores signed polls and
// votes, publishes them to a Snapshot hub when one is configured, and computes results.
import { getAddress, isAddress, type Address, type PublicClient } from 'viem';
import {
  BASIC_CHOICES,
  LIMITS,
  POLL_TYPES,
  pollStatus,
  type Choice,
  type PollContext,
  type PollDetail,
  type PollSummary,
  type PollType,
  type Prepared,
  type SubmitResult,
} from '$lib/signals/types';
import { chainClock, votesAt } from './chain';
import type { Db } from './db';
import { publishToHub } from './hub';
import { computeScores, preparePoll, prepareVote } from './snapshot';
import {
  getPoll,
  insertPoll,
  listPolls,
  listVotes,
  setPollHub,
  setVoteHub,
  upsertVote,
  votesOfPolls,
  type StoredPoll,
  type StoredVote,
} from './store';
import { Rejection, verifyEnvelope, type VerifiedPoll, type VerifiedVote } from './verify';

export interface SignalsConfig {
  chainId: number;
  token: Address;
  space: string;
  client: PublicClient;
  db: Db;
  /** SNAPSHOT_HUB_URL: accepted envelopes are also sent there. */
  hubUrl?: string;
  hubTimeoutMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string; status: number };

function failure(err: unknown): { ok: false; reason: string; status: number } {
  if (err instanceof Rejection) return { ok: false, reason: err.message, status: err.status };
  const text = (err as { shortMessage?: string })?.shortMessage ?? (err as Error)?.message ?? '';
  if (/HTTP request failed|fetch failed|ECONNREFUSED|timed? ?out/i.test(text)) {
    return {
      ok: false,
      reason:
        'The chain is not reachable right now, so nothing could be checked. Try again shortly.',
      status: 503,
    };
  }
  throw err;
}

export interface PollInput {
  from: string;
  type: string;
  title: string;
  body?: string;
  discussion?: string;
  choices?: string[];
  /** Unix seconds; default: the chain's current time (plus `opensIn`). */
  start?: number;
  /** Unix seconds; or give `duration`. */
  end?: number;
  /**
   * Seconds from the chain's current time to the start, and from the start to the end: counted on
   * the server's chain clock, so a browser whose clock is off cannot shorten or shift the poll.
   */
  opensIn?: number;
  duration?: number;
  context?: PollContext;
}

export interface VoteInput {
  from: string;
  poll: string;
  choice: Choice;
  reason?: string;
}

export class SignalsService {
  constructor(readonly config: SignalsConfig) {}

  get #verifyContext() {
    const { chainId, token, space, client, db } = this.config;
    return { chainId, token, space, client, db };
  }

  /** Typed data for a new poll, built by snapshot.js, for the author's wallet to sign. */
  async preparePoll(input: PollInput): Promise<Result<Prepared>> {
    try {
      if (!isAddress(input.from)) throw new Rejection('Connect a wallet first.');
      const type = input.type as PollType;
      if (!POLL_TYPES.includes(type)) throw new Rejection(`Unknown voting type "${input.type}".`);
      const clock = await chainClock(this.config.client);
      const seconds = (v: unknown) =>
        typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
      const opensIn = seconds(input.opensIn);
      const duration = seconds(input.duration);
      if (input.opensIn !== undefined && opensIn === undefined)
        throw new Rejection('The poll cannot open in the past.');
      if (input.duration !== undefined && duration === undefined)
        throw new Rejection('The duration is a number of seconds.');
      const start = input.start ?? clock.now + (opensIn ?? 0);
      const end = duration !== undefined ? start + duration : input.end;
      if (typeof end !== 'number') throw new Rejection('A poll needs an end time (or a duration).');
      const choices =
        type === 'basic' ? [...BASIC_CHOICES] : (input.choices ?? []).map((c) => c.trim());
      const prepared = await preparePoll({
        from: getAddress(input.from),
        space: this.config.space,
        chainId: this.config.chainId,
        type,
        title: input.title.trim(),
        body: input.body ?? '',
        discussion: input.discussion ?? '',
        choices,
        start,
        end,
        snapshot: start,
        context: input.context ?? { kind: 'general' },
        timestamp: clock.now,
      });
      return { ok: true, value: prepared };
    } catch (err) {
      return failure(err);
    }
  }

  /** Typed data for a vote, built by snapshot.js, for the voter's wallet to sign. */
  async prepareVote(input: VoteInput): Promise<Result<Prepared>> {
    try {
      if (!isAddress(input.from)) throw new Rejection('Connect a wallet first.');
      const poll = await getPoll(this.config.db, input.poll);
      if (!poll) throw new Rejection('There is no such poll on this portal.', 404);
      if (typeof input.reason === 'string' && input.reason.length > LIMITS.reason) {
        throw new Rejection(`The reason is too long (at most ${LIMITS.reason} characters).`);
      }
      const clock = await chainClock(this.config.client);
      const prepared = await prepareVote({
        from: getAddress(input.from),
        space: this.config.space,
        chainId: this.config.chainId,
        poll: poll.id,
        type: poll.type,
        choice: input.choice,
        reason: input.reason ?? '',
        timestamp: clock.now,
      });
      return { ok: true, value: prepared };
    } catch (err) {
      return failure(err);
    }
  }

  /** Verifies a signed envelope and stores it; a refused one is stored nowhere. */
  async submit(body: unknown): Promise<SubmitResult> {
    let verified;
    try {
      verified = await verifyEnvelope(this.#verifyContext, body);
    } catch (err) {
      return failure(err);
    }
    try {
      return await this.#store(verified);
    } catch (err) {
      console.error('signals: storing failed:', err);
      return {
        ok: false,
        reason:
          'The signals database is not available right now, so nothing was stored. Try again shortly.',
        status: 503,
      };
    }
  }

  async #store(verified: VerifiedPoll | VerifiedVote): Promise<SubmitResult> {
    const { db, hubUrl } = this.config;
    if (verified.kind === 'poll') {
      const fresh = await insertPoll(db, verified.poll);
      if (!fresh) return { ok: false, reason: 'This poll was already received.', status: 409 };
      const hub = hubUrl
        ? await publishToHub(hubUrl, verified.envelope, this.config.hubTimeoutMs)
        : null;
      if (hub) await setPollHub(db, verified.id, hub.ok, hub.detail);
      return { ok: true, kind: 'poll', id: verified.id, poll: verified.id, hub };
    }
    const outcome = await upsertVote(db, verified.vote);
    if (outcome === 'stale') {
      return {
        ok: false,
        reason:
          'This vote is not newer than the vote already counted for this account (a vote replaces an earlier one only when it was signed later).',
        status: 409,
      };
    }
    const hub = hubUrl
      ? await publishToHub(hubUrl, verified.envelope, this.config.hubTimeoutMs)
      : null;
    if (hub) await setVoteHub(db, verified.id, hub.ok, hub.detail);
    return {
      ok: true,
      kind: 'vote',
      id: verified.id,
      poll: verified.poll.id,
      replaced: outcome === 'replaced',
      hub,
    };
  }

  #summary(poll: StoredPoll, votes: StoredVote[], now: number): PollSummary {
    const { scores, scoresTotal } = computeScores(poll, votes);
    return {
      id: poll.id,
      author: poll.author,
      type: poll.type,
      title: poll.title,
      body: poll.body,
      discussion: poll.discussion,
      choices: poll.choices,
      start: poll.start,
      end: poll.end,
      snapshot: poll.snapshot,
      created: poll.created,
      context: poll.context,
      status: pollStatus(poll, now),
      now,
      votes: votes.length,
      scores,
      scoresTotal,
      hub: poll.hubOk === null ? null : { ok: poll.hubOk, detail: poll.hubDetail ?? '' },
    };
  }

  async listPolls(): Promise<PollSummary[]> {
    const { chainId, token, space, db, client } = this.config;
    const polls = await listPolls(db, { chainId, token, space });
    const votes = await votesOfPolls(
      db,
      polls.map((p) => p.id),
    );
    const { now } = await chainClock(client);
    return polls.map((p) => this.#summary(p, votes.get(p.id) ?? [], now));
  }

  async getPoll(id: string): Promise<PollDetail | undefined> {
    const { db, client } = this.config;
    const poll = await getPoll(db, id);
    if (!poll || poll.chainId !== this.config.chainId) return undefined;
    if (poll.token.toLowerCase() !== this.config.token.toLowerCase()) return undefined;
    const votes = await listVotes(db, poll.id);
    const { now } = await chainClock(client);
    return {
      ...this.#summary(poll, votes, now),
      space: poll.space,
      chainId: poll.chainId,
      token: poll.token,
      envelope: poll.envelope,
      votesList: votes.map((v) => ({
        id: v.id,
        voter: v.voter,
        choice: v.choice,
        reason: v.reason,
        created: v.created,
        vp: v.vp.toString(),
        envelope: v.envelope,
      })),
    };
  }

  /** An account's voting power for a poll (at its snapshot), or null before the snapshot. */
  async powerFor(pollId: string, account: string): Promise<Result<{ vp: string | null }>> {
    try {
      if (!isAddress(account)) throw new Rejection('Not an address.');
      const poll = await getPoll(this.config.db, pollId);
      if (!poll) throw new Rejection('There is no such poll on this portal.', 404);
      const clock = await chainClock(this.config.client);
      if (clock.now <= poll.snapshot) return { ok: true, value: { vp: null } };
      const vp = await votesAt(
        this.config.client,
        this.config.token,
        getAddress(account),
        poll.snapshot,
        clock,
      );
      return { ok: true, value: { vp: vp.toString() } };
    } catch (err) {
      return failure(err);
    }
  }
}
