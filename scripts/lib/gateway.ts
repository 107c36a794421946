// A client of the portal's gateway (issue 19), for scripts/download.ts, scripts/redeem-receipts.ts,
// the e2e journeys and the bench: a bearer token from a signed EIP-712 access message, a
// Hugging Face-style download streamed to disk and hashed on the way, a signed usage receipt, and
// the host's batch redemption of the latest receipts.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createPublicClient,
  createWalletClient,
  http,
  type Address,
  type Hash,
  type Hex,
  type LocalAccount,
} from 'viem';
import { chainFor } from '../../protocol/chain.ts';
import {
  decodeReceipt,
  encodeReceipt,
  gatewayAccessTypedData,
  RECEIPT_HEADER,
  RECEIPTS_PATH,
} from '../../protocol/gateway.ts';
import { meteredLicensesAbi } from '../../protocol/generated/contracts.ts';
import {
  usageReceiptTypedData,
  type SignedUsageReceipt as SignedReceipt,
  type UsageReceipt,
} from '../../protocol/usage.ts';

export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

async function reason(res: Response): Promise<string> {
  const text = (await res.text()).trim();
  try {
    return (JSON.parse(text) as { reason?: string }).reason ?? text;
  } catch {
    return text || `HTTP ${res.status}`;
  }
}

/** A gateway token (1 hour) for `account`: signs a GatewayAccess message, POST /api/gateway/token. */
export async function gatewayToken(
  portalUrl: string,
  account: LocalAccount,
  chainId: number,
): Promise<{ token: string; expiresAt: string }> {
  const message = {
    account: account.address,
    issuedAt: BigInt(Math.floor(Date.now() / 1000)),
    nonce: randomBytes(12).toString('base64url'),
  };
  const signature = await account.signTypedData(gatewayAccessTypedData(chainId, message));
  const res = await fetch(new URL('/api/gateway/token', portalUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      account: message.account,
      issuedAt: String(message.issuedAt),
      nonce: message.nonce,
      signature,
    }),
  });
  if (!res.ok) throw new GatewayRefusal(res.status, await reason(res));
  return (await res.json()) as { token: string; expiresAt: string };
}

/** The gateway URL of one file: /api/models/<id>/resolve/<version>/<file>. */
export function resolveUrl(
  portalUrl: string,
  modelId: bigint | number,
  version: number,
  file: string,
) {
  return new URL(
    `/api/models/${modelId}/resolve/${version}/${encodeURIComponent(file)}`,
    portalUrl,
  ).toString();
}

export interface Downloaded {
  file: string;
  bytes: number;
  /** sha-256 of what was written, 0x-hex. */
  sha256: Hex;
  /** What the gateway says it served (x-curia-sha256). */
  served: string | null;
}

/**
 * Downloads one file to `dest` (streamed, hashed, written to a temporary file renamed at the end:
 * a failed download leaves nothing behind). Throws GatewayRefusal with the gateway's reason.
 */
export async function downloadFile(opts: {
  portalUrl: string;
  token: string;
  modelId: bigint | number;
  version: number;
  file: string;
  dest: string;
  receipt?: SignedReceipt;
}): Promise<Downloaded> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (opts.receipt) headers[RECEIPT_HEADER] = encodeReceipt(opts.receipt);
  const res = await fetch(resolveUrl(opts.portalUrl, opts.modelId, opts.version, opts.file), {
    headers,
  });
  if (!res.ok || !res.body) throw new GatewayRefusal(res.status, await reason(res));
  await fs.mkdir(path.dirname(path.resolve(opts.dest)), { recursive: true });
  const tmp = `${opts.dest}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await pipeline(
      Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>),
      new Transform({
        transform(chunk: Buffer, _e, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(tmp),
    );
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new GatewayRefusal(
      502,
      `The download of ${opts.file} stopped (${(err as Error).message}): the gateway found that the stored file does not match its hash, or the connection failed.`,
    );
  }
  const sha256 = `0x${hash.digest('hex')}` as Hex;
  const served = res.headers.get('x-curia-sha256');
  if (served && served.toLowerCase() !== sha256) {
    await fs.rm(tmp, { force: true });
    throw new GatewayRefusal(502, `${opts.file} arrived with sha-256 ${sha256}, not ${served}.`);
  }
  await fs.rename(tmp, opts.dest);
  return { file: opts.file, bytes, sha256, served };
}

/** A usage receipt signed by the licensee (EIP-712, MeteredLicenses' domain). */
export async function signUsageReceipt(
  licensee: LocalAccount,
  chainId: number,
  meteredLicenses: Address,
  receipt: Omit<UsageReceipt, 'licensee'>,
): Promise<SignedReceipt> {
  const full = { ...receipt, licensee: licensee.address };
  return {
    receipt: full,
    signature: await licensee.signTypedData(usageReceiptTypedData(chainId, meteredLicenses, full)),
  };
}

/** The host's latest receipts, from its gateway (GET /api/gateway/receipts with its token). */
export async function hostReceipts(portalUrl: string, token: string): Promise<SignedReceipt[]> {
  const res = await fetch(new URL(RECEIPTS_PATH, portalUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new GatewayRefusal(res.status, await reason(res));
  const body = (await res.json()) as { receipts: unknown[] };
  return body.receipts.map((r) => {
    const decoded = decodeReceipt(JSON.stringify(r));
    if (!decoded.ok) throw new Error(`the gateway sent a malformed receipt: ${decoded.reason}`);
    return decoded.value;
  });
}

/**
 * Redeems, from the host's key, the latest receipt of every licensee in one transaction: those
 * not redeemed yet (units above usageRedeemed) and not expired. Resolves to the transaction (or
 * null when there was nothing to redeem) and the receipts sent.
 */
export async function redeemReceipts(opts: {
  portalUrl: string;
  rpcUrl: string;
  chainId: number;
  meteredLicenses: Address;
  host: LocalAccount;
}): Promise<{ hash: Hash | null; redeemed: SignedReceipt[] }> {
  const chain = chainFor(opts.chainId, opts.rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(opts.rpcUrl) });
  const { token } = await gatewayToken(opts.portalUrl, opts.host, opts.chainId);
  const all = await hostReceipts(opts.portalUrl, token);
  const block = await publicClient.getBlock();
  const due: SignedReceipt[] = [];
  for (const s of all) {
    if (s.receipt.expiry <= block.timestamp) continue;
    const redeemed = await publicClient.readContract({
      address: opts.meteredLicenses,
      abi: meteredLicensesAbi,
      functionName: 'usageRedeemed',
      args: [s.receipt.offerId, s.receipt.licensee, opts.host.address],
    });
    if (s.receipt.units > redeemed) due.push(s);
  }
  if (due.length === 0) return { hash: null, redeemed: [] };
  const hash = await sendRedeemUsage(
    opts.rpcUrl,
    opts.chainId,
    opts.meteredLicenses,
    opts.host,
    due,
  );
  return { hash, redeemed: due };
}

/** Sends MeteredLicenses.redeemUsage for `receipts` from `host` (simulated first); its hash once mined. */
export async function sendRedeemUsage(
  rpcUrl: string,
  chainId: number,
  meteredLicenses: Address,
  host: LocalAccount,
  receipts: SignedReceipt[],
): Promise<Hash> {
  const chain = chainFor(chainId, rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
  const wallet = createWalletClient({ account: host, chain, transport: http(rpcUrl) });
  const { request } = await publicClient.simulateContract({
    account: host,
    address: meteredLicenses,
    abi: meteredLicensesAbi,
    functionName: 'redeemUsage',
    args: [receipts.map((s) => s.receipt), receipts.map((s) => s.signature)],
  });
  const hash = await wallet.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`redeemUsage reverted (${hash})`);
  return hash;
}
