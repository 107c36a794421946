// Helpers of the HTTP API: the indexed head ("now" for time-dependent states), parameters, JSON.
import { sql } from 'ponder';
import { db } from 'ponder:api';
import type { Page } from '../../../protocol/indexer/types.ts';

export type AsOf = Page<never>['asOf'];

/** A drizzle SQL fragment (ponder re-exports `sql`, not its type). */
export type SQL = ReturnType<typeof sql>;

/** A request the API refuses (400). */
export class BadRequest extends Error {}

/** Ponder's checkpoint: 10 digits of block timestamp, 16 of chain id, 16 of block number, … */
export function decodeCheckpoint(checkpoint: string): { timestamp: number; block: number } {
  return {
    timestamp: Number(checkpoint.slice(0, 10)),
    block: Number(checkpoint.slice(26, 42)),
  };
}

function rows<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** The block the index has processed: the time at which listing and proposal states are computed. */
export async function asOf(): Promise<AsOf> {
  const result = rows<{ latest_checkpoint: string }>(
    await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint`),
  );
  if (result.length === 0) return { block: null, timestamp: null };
  const { block, timestamp } = decodeCheckpoint(result[0].latest_checkpoint);
  return block === 0 && timestamp === 0 ? { block: null, timestamp: null } : { block, timestamp };
}

/** "Now" for computed states: the indexed block's timestamp. */
export function nowOf(at: AsOf): bigint {
  return BigInt(at.timestamp ?? 0);
}

export async function isReady(): Promise<boolean> {
  const result = rows<{ ready: unknown }>(
    await db.execute(sql`SELECT value->>'is_ready' AS ready FROM _ponder_meta WHERE key = 'app'`),
  );
  return String(result[0]?.ready) === '1';
}

export function int(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new BadRequest(`${name} must be an integer from 0 to ${max}, got "${raw}"`);
  }
  return value;
}

export function paging(query: Record<string, string | undefined>) {
  return {
    limit: Math.max(1, int(query.limit, 'limit', 25, 100)),
    offset: int(query.offset, 'offset', 0, 1_000_000),
  };
}

/** A non-negative integer id (uint256) from a path or query parameter. */
export function uint(raw: string | undefined, name: string): bigint {
  if (!raw || !/^\d{1,78}$/.test(raw)) {
    throw new BadRequest(`${name} must be a non-negative integer, got "${raw ?? ''}"`);
  }
  return BigInt(raw);
}

export function address(raw: string | undefined, name: string): `0x${string}` {
  if (!raw || !/^0x[0-9a-fA-F]{40}$/.test(raw)) {
    throw new BadRequest(`${name} must be an address (0x and 40 hex digits), got "${raw ?? ''}"`);
  }
  return raw.toLowerCase() as `0x${string}`;
}

/** A comma-separated list of allowed values. */
export function list<T extends string>(
  raw: string | undefined,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  if (!raw) return undefined;
  const values = raw.split(',').filter(Boolean);
  for (const v of values) {
    if (!allowed.includes(v as T)) {
      throw new BadRequest(`${name} must be one of ${allowed.join(', ')}; got "${v}"`);
    }
  }
  return values as T[];
}

export const str = (v: bigint | number | string | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);

export const num = (v: bigint | number | string | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * One page of rows selected with {@link totalCount}: the rows mapped to items, the number matching
 * (`total`, or `empty()` when the page is past the end), the paging and the indexed block.
 */
export async function pageOf<R extends { total: string }, T>(
  rows: R[],
  map: (row: R) => T,
  { limit, offset }: { limit: number; offset: number },
  at: AsOf | Promise<AsOf>,
  empty: () => number | Promise<number> = () => 0,
): Promise<Page<T>> {
  const total = rows.length ? Number(rows[0].total) : await empty();
  return counted(rows.map(map), total, { limit, offset }, at);
}

/**
 * One page of items and the number matching, counted apart: for a list whose window count
 * ({@link totalCount}) would compute every matching row in full before the LIMIT.
 */
export async function counted<T>(
  items: T[],
  total: number,
  { limit, offset }: { limit: number; offset: number },
  at: AsOf | Promise<AsOf>,
): Promise<Page<T>> {
  return { items, total, limit, offset, asOf: await at };
}

/** `count(*) over ()`: the number of rows matching, before LIMIT. */
export const totalCount = sql<string>`count(*) over ()`.as('total_count');

/** Escapes LIKE wildcards in user text. */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
