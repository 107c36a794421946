// The gateway's one request, framework-free: GET /api/models/<id>/resolve/<version>/<file> for a
// caller (a SIWE session's or a bearer token's account, resolved by the route), optionally with a
// signed usage receipt. Order of checks: the request's shape (404), a caller (401), the model and
// version on the chain (404; 503 when the chain does not answer), the right to the version (403:
// a license covering it; or a metered offer's receipt, 401/402/403/409), the version's card from
// the document store checked against its CID (502 when altered), the file in it (404), the card's
// digest of the primary file against the chain's content hash (502), the stored file (404; 502
// when its size differs). Then the file streams, hashed on the way (verify.ts), and the download
// is logged.
import { getAddress, type Address, type Hex } from 'viem';
import { cidOfDigest, cidOfUri, parseCid } from '$protocol/cid';
import { parseCard } from '$protocol/card';
import { decodeReceipt } from '$protocol/gateway';
import type { SignedUsageReceipt as SignedReceipt } from '$protocol/usage';
import { fetchVerified, StoreError, type BlockStore } from '$protocol/store';
import type { Sql } from '../signals/db';
import { assertCovers, type LicenseState } from './coverage';
import { GatewayError } from './errors';
import { logDownloadEnd, logDownloadStart, type DownloadHow } from './log';
import {
  checkReceipt,
  countedUnits,
  storeReceipt,
  type Credit,
  type MeteredOffer,
} from './receipts';
import { verifiedStream, type StreamOutcome } from './verify';

/** The chain reads the gateway needs (chain.ts reads them with viem; tests give their own). */
export interface GatewayChain {
  /** The chain's time (the latest block's timestamp, Unix seconds): licenses and receipts expire by it. */
  now(): Promise<number>;
  /** Versions of the entry; 0 when there is no such entry. */
  versionCount(modelId: bigint): Promise<number>;
  version(modelId: bigint, version: number): Promise<{ contentHash: Hex; metadataURI: string }>;
  license(modelId: bigint, account: Address): Promise<LicenseState>;
  offer(offerId: bigint): Promise<MeteredOffer | undefined>;
  credit(offerId: bigint, licensee: Address): Promise<Credit>;
  usageRedeemed(offerId: bigint, licensee: Address, host: Address): Promise<bigint>;
  isHost(modelId: bigint, host: Address): Promise<boolean>;
  /** Whether the model is listed now (for sale; not suspended, disputed away or withdrawn). */
  listed(modelId: bigint): Promise<boolean>;
  /** The model's owner (the holder of its NFT). */
  ownerOf(modelId: bigint): Promise<Address>;
}

export interface GatewayDeps {
  chainId: number;
  chain: GatewayChain;
  store: BlockStore;
  db: Sql;
  /** This gateway's host address (pay per use); undefined: metered downloads are refused. */
  host?: Address;
  verifyReceipt: (signed: SignedReceipt) => Promise<boolean>;
  now?: () => Date;
  /** Where a failed check is reported (the server's log). */
  warn?: (message: string) => void;
}

export interface ResolveRequest {
  modelId: string;
  version: string;
  file: string;
  /** The caller's account, or null when not signed in. */
  account: Address | null;
  /** Why there is no account, when a token was sent but refused. */
  unauthenticated?: string;
  /** A signed usage receipt (JSON text), for a metered offer. */
  receipt?: string | null;
  /**
   * Only check that the file would be served: every refusal as for a download, but nothing is
   * counted, logged or streamed (`stream` is empty). A browser checks a pay-per-use receipt this
   * way, then lets the download itself go to disk (a fetch would hold the whole file in memory).
   */
  check?: boolean;
}

export interface Resolved {
  name: string;
  size: number;
  sha256: string;
  how: DownloadHow;
  stream: ReadableStream<Uint8Array>;
  /** Resolves once the stream ended (verified or not) and its download log row is written. */
  finished: Promise<StreamOutcome>;
}

const MODEL_ID = /^[1-9]\d{0,19}$/;
const VERSION = /^v?([1-9]\d{0,8})$/;
const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

async function onChain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch {
    throw new GatewayError(503, 'The chain is not reachable right now: try again in a moment.');
  }
}

export async function resolveFile(deps: GatewayDeps, req: ResolveRequest): Promise<Resolved> {
  const now = deps.now?.() ?? new Date();
  if (!MODEL_ID.test(req.modelId)) throw new GatewayError(404, 'There is no such model.');
  const versionMatch = VERSION.exec(req.version);
  if (!versionMatch)
    throw new GatewayError(404, `There is no version "${req.version.slice(0, 40)}".`);
  if (!FILE.test(req.file) || req.file.includes('..'))
    throw new GatewayError(404, 'There is no such file.');
  const modelId = BigInt(req.modelId);
  const version = Number(versionMatch[1]);

  if (!req.account)
    throw new GatewayError(
      401,
      req.unauthenticated ??
        'Sign in with your wallet to download, or send a gateway token (Authorization: Bearer <token>, from POST /api/gateway/token).',
    );
  const account = req.account;

  const count = await onChain(() => deps.chain.versionCount(modelId));
  if (count === 0) throw new GatewayError(404, `There is no model ${modelId}.`);
  if (version > count)
    throw new GatewayError(404, `Model ${modelId} has no version ${version} (it has ${count}).`);

  // The right to this version: a metered offer's receipt, or a license.
  let how: DownloadHow = 'license';
  let signed: SignedReceipt | undefined;
  if (req.receipt) {
    const decoded = decodeReceipt(req.receipt);
    if (!decoded.ok) throw new GatewayError(400, decoded.reason);
    signed = decoded.value;
    if (signed.receipt.licensee.toLowerCase() !== account.toLowerCase())
      throw new GatewayError(
        403,
        `This usage receipt is ${signed.receipt.licensee}'s; you are signed in as ${account}.`,
      );
    const host = deps.host;
    if (!host) throw new GatewayError(403, 'This gateway does not serve pay-per-use offers.');
    const r = signed.receipt;
    const offer = await onChain(() => deps.chain.offer(r.offerId));
    if (!offer) throw new GatewayError(404, `There is no offer ${r.offerId}.`);
    const [chainNow, credit, redeemed, isHost, counted, listed] = await Promise.all([
      onChain(() => deps.chain.now()),
      onChain(() => deps.chain.credit(r.offerId, account)),
      onChain(() => deps.chain.usageRedeemed(r.offerId, account, host)),
      onChain(() => deps.chain.isHost(modelId, host)),
      countedUnits(deps.db, deps.chainId, r.offerId, account, host),
      onChain(() => deps.chain.listed(modelId)),
    ]);
    // Nothing is served per use while the model is off sale (a suspension, a removal, a withdrawal):
    // the receipt is not counted, so the credit is not charged.
    if (!listed)
      throw new GatewayError(
        403,
        `Model ${modelId} is not listed now (suspended, removed or withdrawn): pay-per-use downloads are paused and your credit is not charged.`,
      );
    await checkReceipt(signed, {
      modelId,
      host,
      nowS: chainNow,
      offer,
      credit,
      redeemed,
      counted,
      isHost,
      verify: deps.verifyReceipt,
    });
    how = 'receipt';
  } else {
    const [license, chainNow, owner] = await Promise.all([
      onChain(() => deps.chain.license(modelId, account)),
      onChain(() => deps.chain.now()),
      onChain(() => deps.chain.ownerOf(modelId)),
    ]);
    // The owner needs no license for its own model: any version.
    if (getAddress(owner) === getAddress(account)) how = 'owner';
    else assertCovers(modelId, version, license, chainNow);
  }

  // The version's card, checked against its CID, and the file in it.
  const v = await onChain(() => deps.chain.version(modelId, version));
  const cidText = cidOfUri(v.metadataURI);
  const parsed = cidText ? parseCid(cidText) : undefined;
  if (!parsed?.ok)
    throw new GatewayError(
      404,
      `Version ${version} of model ${modelId} has no card this gateway can check (its metadata is not a raw sha2-256 ipfs:// CID), so no files are served.`,
    );
  let cardBytes: Uint8Array;
  try {
    const fetched = await fetchVerified(deps.store, parsed.cid);
    if (fetched.status === 'missing')
      throw new GatewayError(404, `The card of version ${version} is not on this portal.`);
    if (fetched.status === 'tampered') {
      deps.warn?.(
        `gateway: the stored card ${parsed.cid} of model ${modelId} v${version} does not match its CID`,
      );
      throw new GatewayError(
        502,
        'The stored card of this version does not match its content id: nothing is served.',
      );
    }
    cardBytes = fetched.bytes;
  } catch (err) {
    if (err instanceof StoreError)
      throw new GatewayError(502, 'The file store did not answer: try again later.');
    throw err;
  }
  const { card } = parseCard(new TextDecoder().decode(cardBytes));
  const index = card.files.findIndex((f) => f.name === req.file);
  if (index < 0)
    throw new GatewayError(
      404,
      `Version ${version} of model ${modelId} has no file "${req.file}"${card.files.length ? ` (its files: ${card.files.map((f) => f.name).join(', ')})` : ''}.`,
    );
  const entry = card.files[index];
  const digest = entry.sha256.toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{64}$/.test(digest))
    throw new GatewayError(
      502,
      `The card gives no sha-256 for "${entry.name}": it cannot be checked, so it is not served.`,
    );
  if (index === 0 && `0x${digest}` !== v.contentHash.toLowerCase()) {
    deps.warn?.(
      `gateway: card of model ${modelId} v${version} gives ${digest} for ${entry.name}; the chain records ${v.contentHash}`,
    );
    throw new GatewayError(
      502,
      `The card's digest of "${entry.name}" is not the content hash recorded on the chain: it is not served.`,
    );
  }
  const size = /^\d{1,15}$/.test(entry.size) ? Number(entry.size) : undefined;

  let stored;
  try {
    stored = await deps.store.open(cidOfDigest(`0x${digest}`));
  } catch (err) {
    if (err instanceof StoreError)
      throw new GatewayError(502, 'The file store did not answer: try again later.');
    throw err;
  }
  if (!stored)
    throw new GatewayError(
      404,
      `"${entry.name}" of version ${version} is not stored on this portal.`,
    );
  if (size !== undefined && stored.size !== undefined && stored.size !== size) {
    await stored.stream.cancel().catch(() => {});
    deps.warn?.(
      `gateway: stored ${entry.name} of model ${modelId} v${version} has ${stored.size} bytes, the card says ${size}`,
    );
    throw new GatewayError(
      502,
      `The stored "${entry.name}" is not the file the card describes (its size differs): it is not served.`,
    );
  }

  if (req.check) {
    await stored.stream.cancel().catch(() => {});
    return {
      name: entry.name,
      size: size ?? stored.size ?? 0,
      sha256: `0x${digest}`,
      how,
      stream: new ReadableStream({ start: (c) => c.close() }),
      finished: Promise.resolve({ ok: true, bytes: 0 }),
    };
  }

  // Served: keep the receipt (the unit is counted), log the download, stream it checked.
  if (signed && !(await storeReceipt(deps.db, deps.chainId, signed)))
    throw new GatewayError(
      409,
      'Another download just used this unit: sign a receipt for the next one.',
    );
  const logId = await logDownloadStart(
    deps.db,
    { chainId: deps.chainId, account, modelId, version, file: entry.name, how },
    now,
  );
  let finish: (o: StreamOutcome) => void = () => {};
  const finished = new Promise<StreamOutcome>((resolve) => (finish = resolve));
  const stream = verifiedStream(
    stored.stream,
    { sha256: digest, size: size ?? stored.size },
    (outcome) => {
      if (!outcome.ok)
        deps.warn?.(
          `gateway: ${entry.name} of model ${modelId} v${version} failed its check while streaming (${outcome.reason}); the download was stopped`,
        );
      logDownloadEnd(deps.db, logId, outcome.bytes, outcome.ok)
        .catch((err: Error) => deps.warn?.(`gateway: download log not updated (${err.message})`))
        .finally(() => finish(outcome));
    },
  );
  return {
    name: entry.name,
    size: size ?? stored.size ?? 0,
    sha256: `0x${digest}`,
    how,
    stream,
    finished,
  };
}
