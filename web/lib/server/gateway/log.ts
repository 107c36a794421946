// The download log: one row per download the gateway started (account, model, version, file,
// how: under a license or a usage receipt), completed with the bytes sent when the stream ends
// (complete = false: the client left early, or the stored file failed its check). Owners read it
// per account and per version.
import { getAddress, type Address } from 'viem';
import type { Sql } from '../signals/db';

/** Under a license, a usage receipt, or the model's owner downloading its own files. */
export type DownloadHow = 'license' | 'receipt' | 'owner';

export interface DownloadStart {
  chainId: number;
  account: Address;
  modelId: bigint;
  version: number;
  file: string;
  how: DownloadHow;
}

export async function logDownloadStart(db: Sql, d: DownloadStart, at: Date): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO gateway_downloads (chain_id, account, model_id, version, file, bytes, how, complete, at)
     VALUES ($1, $2, $3, $4, $5, 0, $6, false, $7) RETURNING id::text AS id`,
    [d.chainId, getAddress(d.account), d.modelId.toString(), d.version, d.file, d.how, at],
  );
  return rows[0].id;
}

export async function logDownloadEnd(db: Sql, id: string, bytes: number, complete: boolean) {
  await db.query('UPDATE gateway_downloads SET bytes = $2, complete = $3 WHERE id = $1', [
    id,
    bytes,
    complete,
  ]);
}

export interface DownloadRow {
  account: Address;
  version: number;
  file: string;
  bytes: number;
  how: DownloadHow;
  complete: boolean;
  at: string;
}

export interface DownloadsView {
  /** Newest first, at most `limit`. */
  recent: DownloadRow[];
  /** Per account and version: how many complete downloads, and the latest. */
  byAccount: { account: Address; version: number; downloads: number; last: string }[];
  total: number;
}

export async function downloadsOf(
  db: Sql,
  chainId: number,
  modelId: bigint,
  limit = 100,
): Promise<DownloadsView> {
  const recent = await db.query<{
    account: string;
    version: number;
    file: string;
    bytes: string;
    how: DownloadHow;
    complete: boolean;
    at: Date;
  }>(
    `SELECT account, version, file, bytes::text AS bytes, how, complete, at FROM gateway_downloads
     WHERE chain_id = $1 AND model_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
    [chainId, modelId.toString(), limit],
  );
  const grouped = await db.query<{
    account: string;
    version: number;
    downloads: string;
    last: Date;
  }>(
    `SELECT account, version, count(*)::text AS downloads, max(at) AS last FROM gateway_downloads
     WHERE chain_id = $1 AND model_id = $2 AND complete GROUP BY account, version
     ORDER BY max(at) DESC LIMIT 500`,
    [chainId, modelId.toString()],
  );
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM gateway_downloads
     WHERE chain_id = $1 AND model_id = $2 AND complete`,
    [chainId, modelId.toString()],
  );
  return {
    recent: recent.map((r) => ({
      account: getAddress(r.account),
      version: Number(r.version),
      file: r.file,
      bytes: Number(r.bytes),
      how: r.how,
      complete: r.complete,
      at: new Date(r.at).toISOString(),
    })),
    byAccount: grouped.map((g) => ({
      account: getAddress(g.account),
      version: Number(g.version),
      downloads: Number(g.downloads),
      last: new Date(g.last).toISOString(),
    })),
    total: Number(total[0]?.n ?? 0),
  };
}
