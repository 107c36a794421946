// Turns the index into notices. Each pass reads the events of the blocks not yet final (the
// cursor's block minus the reorg window, up to the indexed head), derives the notices of the
// signed-in accounts, and inserts them with their webhook jobs. Idempotent: a notice's key is
// unique per account, so several instances scanning at once, or a pass repeated after a restart,
// insert each notice once. Events that left the index (a reorg) retract their undelivered notices.
import type { HistoryEntry, IndexerClient, IndexHead } from '$protocol/indexer/client';
import { zeroAddress } from 'viem';
import { formatTime } from '$lib/format';
import { ETH, type Currency } from '$lib/market';
import type { Db, Sql } from '../signals/db';
import {
  indexedProposalTitle,
  modelRelations,
  needsModel,
  needsProposal,
  needsVoters,
  proposalName,
  noticesForEvent,
  type NoticeDraft,
  type Relation,
} from './rules';

/** Blocks below the indexed head that may still be rolled back (Ponder keeps 30 unfinalized). */
export const REORG_WINDOW = 30;
const DAY = 86_400;

export interface ScanResult {
  head: number | null;
  events: number;
  inserted: number;
  retracted: number;
}

type Indexer = Pick<
  IndexerClient,
  | 'head'
  | 'events'
  | 'model'
  | 'modelLicenses'
  | 'delegates'
  | 'disputes'
  | 'proposals'
  | 'proposal'
  | 'accountLicenses'
  | 'all'
>;

/** Accounts that signed in (lower-case → checksummed), and those whose first week is not derived yet. */
async function subscribers(
  db: Sql,
): Promise<{ subs: Map<string, string>; newcomers: Map<string, string> }> {
  const rows = await db.query<{ address: string; fresh: boolean }>(
    'SELECT address, backfilled_at IS NULL AS fresh FROM notify_accounts',
  );
  const pair = (r: { address: string }) => [r.address.toLowerCase(), r.address] as const;
  return {
    subs: new Map(rows.map(pair)),
    newcomers: new Map(rows.filter((r) => r.fresh).map(pair)),
  };
}

/** Inserts notices (once per account and key) and a job per active webhook of each new one. */
export async function insertNotices(db: Db, drafts: NoticeDraft[]): Promise<number> {
  let inserted = 0;
  for (const n of drafts) {
    const added = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `INSERT INTO notify_notices
           (address, key, kind, title, body, link, model_id, event_id, tx_hash, block_number, event_time, private)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (address, key) DO NOTHING
         RETURNING id`,
        [
          n.address,
          n.key,
          n.kind,
          n.title,
          n.body,
          n.link,
          n.modelId,
          n.eventId,
          n.txHash,
          n.blockNumber,
          n.eventTime,
          n.private,
        ],
      );
      if (rows.length === 0) return false;
      await tx.query(
        `INSERT INTO notify_jobs (notice_id, webhook_id)
         SELECT $1, id FROM notify_webhooks WHERE address = $2 AND active
         ON CONFLICT DO NOTHING`,
        [rows[0].id, n.address],
      );
      return true;
    });
    if (added) inserted++;
  }
  return inserted;
}

/** How far back a first sign-in's inbox reaches, in chain time (a week). */
export const BACKFILL_SECONDS = 7 * 86_400;
/** The most events a backfill reads (newest first). */
const BACKFILL_EVENTS = 2_000;

/** The events of chain time after `since`, newest first, at most `max`. */
async function eventsAfter(indexer: Indexer, since: number, max: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (let offset = 0; offset < max; offset += 100) {
    const page = await indexer.events({ limit: 100, offset });
    for (const e of page.items) {
      if (e.timestamp <= since || out.length >= max) return out;
      out.push(e);
    }
    if (page.items.length < 100) return out;
  }
  return out;
}

/** Every event in blocks (from, head], newest first as the indexer pages them. */
async function eventsSince(indexer: Indexer, from: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await indexer.events({ limit: 100, offset });
    for (const e of page.items) {
      if (e.blockNumber <= from) return out;
      out.push(e);
    }
    if (page.items.length < 100) return out;
  }
}

/** The currency at `address` (symbol and decimals), or undefined when it cannot be read. */
export type CurrencyReader = (address: string) => Promise<Currency | undefined>;

export class Scanner {
  constructor(
    private readonly db: Db,
    private readonly indexer: Indexer,
    private readonly chainId: number,
    private readonly currencyOf?: CurrencyReader,
  ) {}

  private currencies = new Map<string, Promise<Currency | undefined>>();
  /** A Marketplace credit's currency, read once per address (ETH without a read). */
  private currency(address: unknown): Promise<Currency | undefined> {
    const a = String(address ?? '').toLowerCase();
    if (a === zeroAddress) return Promise.resolve(ETH);
    if (!this.currencyOf || !/^0x[0-9a-f]{40}$/.test(a)) return Promise.resolve(undefined);
    let c = this.currencies.get(a);
    if (!c) {
      c = this.currencyOf(a).catch(() => undefined);
      this.currencies.set(a, c);
    }
    return c;
  }

  private deadlinesAt: number | undefined;
  private deadlineSubs = 0;
  private votersCache: { block: number; set: Set<string> } | undefined;
  private async voters(block: number): Promise<Set<string>> {
    if (this.votersCache?.block === block) return this.votersCache.set;
    const rows = await this.indexer.all((p) => this.indexer.delegates(p));
    const set = new Set(
      rows.filter((d) => BigInt(d.votes) > 0n).map((d) => d.account.toLowerCase()),
    );
    this.votersCache = { block, set };
    return set;
  }

  private async followers(modelId: string): Promise<string[]> {
    const rows = await this.db.query<{ address: string }>(
      'SELECT address FROM notify_follows WHERE model_id = $1',
      [modelId],
    );
    return rows.map((r) => r.address);
  }

  /** One pass: new events, retractions, and deadlines at the indexed head's time. */
  async scan(): Promise<ScanResult> {
    const head: IndexHead = await this.indexer.head();
    if (head.block === null || head.timestamp === null)
      return { head: null, events: 0, inserted: 0, retracted: 0 };
    const cursorRows = await this.db.query<{ block_number: string }>(
      'SELECT block_number FROM notify_cursor WHERE chain_id = $1',
      [this.chainId],
    );
    if (cursorRows.length === 0) {
      // First pass on this chain: nothing before now is news.
      await this.db.query(
        `INSERT INTO notify_cursor (chain_id, block_number) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [this.chainId, head.block],
      );
      return { head: head.block, events: 0, inserted: 0, retracted: 0 };
    }
    const cursor = Number(cursorRows[0].block_number);
    const from = Math.min(cursor, head.block) - REORG_WINDOW;
    const events = await eventsSince(this.indexer, from);
    const { subs, newcomers } = await subscribers(this.db);

    // A notice whose event is no longer in the index (or now has another transaction) was
    // reorged out: retract it, and cancel its webhook deliveries not yet made.
    const present = new Set(events.map((e) => `${e.id}|${e.txHash}`));
    const recent = await this.db.query<{ id: string; event_id: string; tx_hash: string }>(
      `SELECT id, event_id, tx_hash FROM notify_notices
       WHERE event_id IS NOT NULL AND retracted_at IS NULL AND block_number > $1`,
      [from],
    );
    let retracted = 0;
    for (const n of recent) {
      if (present.has(`${n.event_id}|${n.tx_hash}`)) continue;
      await this.db.transaction(async (tx) => {
        await tx.query('UPDATE notify_notices SET retracted_at = now() WHERE id = $1', [n.id]);
        await tx.query(
          `UPDATE notify_jobs SET state = 'retracted', locked_by = NULL, locked_until = NULL
           WHERE notice_id = $1 AND state IN ('pending', 'sending')`,
          [n.id],
        );
      });
      retracted++;
    }

    let inserted = 0;
    if (subs.size > 0) {
      // New blocks only, unless the index went back (a reorg): then the whole window again.
      const redo = head.block < cursor || retracted > 0;
      const fresh = redo ? events : events.filter((e) => e.blockNumber > cursor);
      const drafts = await this.derive(fresh, subs, head.block, head.timestamp);
      // An account's first sign-in: what concerned it in the week before (a challenge of its
      // model, a vote it can cast) is in its inbox too, not only what comes after. Keys are the
      // events', so nothing is derived twice.
      if (newcomers.size > 0) {
        const past = await eventsAfter(
          this.indexer,
          head.timestamp - BACKFILL_SECONDS,
          BACKFILL_EVENTS,
        );
        drafts.push(...(await this.derive(past, newcomers, head.block, head.timestamp)));
      }
      // Deadlines are judged at the indexed head's time: nothing new while the head stays put.
      if (this.deadlinesAt !== head.block || subs.size !== this.deadlineSubs) {
        drafts.push(...(await this.deadlines(head.block, head.timestamp, subs)));
        this.deadlinesAt = head.block;
        this.deadlineSubs = subs.size;
      }
      inserted = await insertNotices(this.db, drafts);
      if (newcomers.size > 0) {
        await this.db.query(
          'UPDATE notify_accounts SET backfilled_at = now() WHERE address = ANY($1)',
          [[...newcomers.values()]],
        );
      }
    }
    await this.db.query(
      // The indexed head, even when lower than before (a reorg): what is past it is read again.
      `UPDATE notify_cursor SET block_number = $2, updated_at = now() WHERE chain_id = $1`,
      [this.chainId, head.block],
    );
    return { head: head.block, events: events.length, inserted, retracted };
  }

  /** The notices of `events` (newest first) for `subs`, with relations as of the head. */
  private async derive(
    events: HistoryEntry[],
    subs: Map<string, string>,
    block: number,
    now: number,
  ): Promise<NoticeDraft[]> {
    const drafts: NoticeDraft[] = [];
    const models = new Map<string, Awaited<ReturnType<typeof this.relationsOf>>>();
    for (const e of [...events].reverse()) {
      let relations = new Map<string, Relation>();
      let modelTitle: string | null = null;
      if (needsModel(e) && e.modelId) {
        let m = models.get(e.modelId);
        if (!m) {
          m = await this.relationsOf(e.modelId, now);
          models.set(e.modelId, m);
        }
        relations = m.relations;
        modelTitle = m.title;
      }
      const voters = needsVoters(e) ? await this.voters(block) : new Set<string>();
      const proposalTitle = needsProposal(e)
        ? await this.proposalTitle(String(e.args.proposalId))
        : null;
      const currency =
        e.contract === 'Marketplace' && e.name === 'Credited'
          ? await this.currency(e.args.currency)
          : undefined;
      drafts.push(
        ...noticesForEvent(e, { relations, modelTitle, proposalTitle, voters, currency }, subs),
      );
    }
    return drafts;
  }

  private proposalTitles = new Map<string, string | null>();
  /** A proposal's title from the index (null when the index does not have it yet). */
  private async proposalTitle(id: string): Promise<string | null> {
    if (this.proposalTitles.has(id)) return this.proposalTitles.get(id)!;
    const title = indexedProposalTitle(await this.indexer.proposal(id));
    if (title !== null) this.proposalTitles.set(id, title);
    return title;
  }

  private async relationsOf(modelId: string, now: number) {
    const [model, licenses, followers] = await Promise.all([
      this.indexer.model(modelId),
      this.indexer.all((p) => this.indexer.modelLicenses(modelId, p)),
      this.followers(modelId),
    ]);
    return {
      relations: modelRelations(model, licenses, followers, now),
      title: model?.title ?? model?.name ?? null,
    };
  }

  /** Deadlines at the indexed chain time: last day of a vote, appeal windows, licenses. */
  private async deadlines(
    block: number,
    now: number,
    subs: Map<string, string>,
  ): Promise<NoticeDraft[]> {
    const out: NoticeDraft[] = [];
    const draft = (
      account: string,
      key: string,
      d: Omit<
        NoticeDraft,
        'address' | 'key' | 'eventId' | 'txHash' | 'blockNumber' | 'eventTime' | 'private'
      >,
    ) => {
      const address = subs.get(account.toLowerCase());
      if (address)
        out.push({
          ...d,
          address,
          key,
          eventId: null,
          txHash: null,
          blockNumber: null,
          eventTime: now,
          private: false,
        });
    };
    const voting = await this.indexer.all((p) => this.indexer.disputes({ ...p, state: 'Voting' }));
    const closing = voting.filter((d) => d.votingEndsAt > now && d.votingEndsAt - now <= DAY);
    const voters = closing.length ? await this.voters(block) : new Set<string>();
    for (const d of closing)
      for (const v of voters)
        draft(v, `dispute:${d.id}:last-day`, {
          kind: 'dispute-last-day',
          title: `Last 24 hours to vote on dispute #${d.id}`,
          body: `The vote on ${d.modelTitle ?? `model #${d.modelId}`} ends ${formatTime(d.votingEndsAt)}.`,
          link: `/disputes/${d.id}`,
          modelId: d.modelId,
        });
    const removed = await this.indexer.all((p) =>
      this.indexer.disputes({ ...p, state: 'Removed' }),
    );
    for (const d of removed) {
      if (!d.appealEndsAt || d.appealEndsAt <= now || d.appealEndsAt - now > DAY) continue;
      const model = await this.indexer.model(d.modelId);
      if (model)
        draft(model.owner, `dispute:${d.id}:appeal-closing`, {
          kind: 'appeal-closing',
          title: `Your appeal window closes within 24 hours: ${d.modelTitle ?? `model #${d.modelId}`}`,
          body: `An appeal to the DAO is possible until ${formatTime(d.appealEndsAt)}.`,
          link: `/disputes/${d.id}`,
          modelId: d.modelId,
        });
    }
    const active = await this.indexer.all((p) => this.indexer.proposals({ ...p, state: 'Active' }));
    if (active.length) {
      const vs = await this.voters(block);
      for (const p of active) {
        const title = indexedProposalTitle(p);
        for (const v of vs) {
          if (p.deadline - now <= DAY && p.deadline > now)
            draft(v, `proposal:${p.id}:last-day`, {
              kind: 'proposal-last-day',
              title: `Last 24 hours to vote: ${title}`,
              body: `Voting on ${proposalName(title)} ends ${formatTime(p.deadline)}.`,
              link: `/proposals/${p.id}`,
              modelId: null,
            });
        }
      }
    }
    for (const address of subs.values()) {
      const licenses = await this.indexer.all((p) =>
        this.indexer.accountLicenses(address as `0x${string}`, p),
      );
      for (const l of licenses) {
        const exp = Number(l.expiresAt);
        if (exp > now && exp - now <= 7 * DAY)
          draft(address, `license:${l.modelId}:${l.expiresAt}:expiring`, {
            kind: 'license-expiring',
            title: `Your license for model #${l.modelId} expires within 7 days`,
            body: `It expires ${formatTime(exp)}.`,
            link: `/models/${l.modelId}`,
            modelId: l.modelId,
          });
      }
    }
    return out;
  }
}
