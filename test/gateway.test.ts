// Gated delivery (issue 19) below HTTP: which versions a license covers, the scripts' bearer
// tokens (EIP-712 access messages: stale, reused, forged), usage receipts for pay per use
// (replayed, reordered, forged, expired, cross-model, another host, withdrawing, credit short),
// the hash check while streaming (a tampered file never delivers its tail), and the gateway's one
// request with every refusal the route answers, on a folder store and an in-memory accounts
// database, with the chain's answers given.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyTypedData, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoAccounts } from '../scripts/lib/accounts.ts';
import { cidOfDigest } from '../protocol/cid.ts';
import { decodeReceipt, encodeReceipt, gatewayAccessTypedData } from '../protocol/gateway.ts';
import {
  usageDue,
  usageReceiptTypedData,
  type SignedUsageReceipt as SignedReceipt,
  type UsageReceipt,
} from '../protocol/usage.ts';
import { folderStore, putFileInFolder } from '../protocol/store.ts';
import { openAppDb } from '../web/lib/server/appdb.ts';
import {
  assertCovers,
  coveredRange,
  type LicenseState,
} from '../web/lib/server/gateway/coverage.ts';
import { GatewayError } from '../web/lib/server/gateway/errors.ts';
import { downloadsOf } from '../web/lib/server/gateway/log.ts';
import {
  checkReceipt,
  latestReceipts,
  storeReceipt,
  type ReceiptContext,
} from '../web/lib/server/gateway/receipts.ts';
import {
  resolveFile,
  type GatewayChain,
  type GatewayDeps,
} from '../web/lib/server/gateway/service.ts';
import { GatewayTokens, TOKEN_TTL_S } from '../web/lib/server/gateway/tokens.ts';
import { verifiedStream, type StreamOutcome } from '../web/lib/server/gateway/verify.ts';
import type { Db } from '../web/lib/server/signals/db.ts';

const keys = demoAccounts(20);
const alice = privateKeyToAccount(keys[1].privateKey);
const bob = privateKeyToAccount(keys[2].privateKey);
/** The owner of model 5 in the gateway request tests. */
const OWNER = privateKeyToAccount(keys[3].privateKey).address;
const HOST = privateKeyToAccount(keys[18].privateKey).address;
const CHAIN_ID = 31337;
const METERED: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const NOW = new Date('2026-12-02T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const PERPETUAL = 2n ** 40n - 1n;

/** Expects `p` to fail with a GatewayError of `status` whose message matches `reason`. */
async function refused(p: Promise<unknown> | (() => unknown), status: number, reason: RegExp) {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err, `expected a ${status} refusal`).toBeInstanceOf(GatewayError);
  expect((err as GatewayError).status).toBe(status);
  expect((err as GatewayError).message).toMatch(reason);
}

let db: Db;
beforeAll(async () => {
  db = await openAppDb({ memory: true });
});
afterAll(async () => {
  await db?.close();
});

describe('license coverage', () => {
  const license = (o: Partial<LicenseState>): LicenseState => ({
    valid: true,
    expiresAt: BigInt(NOW_S + 3600),
    version: 2,
    licensedVersion: 3,
    ...o,
  });

  it('covers the versions from the one bought to the one listed now, while valid', () => {
    expect(coveredRange(license({}))).toEqual([2, 3]);
    expect(() => assertCovers(7n, 2, license({}), NOW_S)).not.toThrow();
    expect(() => assertCovers(7n, 3, license({}), NOW_S)).not.toThrow();
    expect(() => assertCovers(7n, 1, license({ expiresAt: PERPETUAL }), NOW_S)).toThrow(
      /covers versions 2 to 3, not version 1/,
    );
  });

  it('refuses a version before the one bought, or after the one listed', async () => {
    await refused(
      () => assertCovers(7n, 1, license({}), NOW_S),
      403,
      /covers versions 2 to 3, not version 1/,
    );
    await refused(() => assertCovers(7n, 4, license({}), NOW_S), 403, /not version 4/);
    await refused(
      () => assertCovers(7n, 3, license({ licensedVersion: 2 }), NOW_S),
      403,
      /covers version 2 only, not version 3/,
    );
  });

  it('says when a license expired, and when there never was one', async () => {
    await refused(
      () =>
        assertCovers(
          7n,
          2,
          license({ valid: false, expiresAt: BigInt(NOW_S - 60), licensedVersion: 0 }),
          NOW_S,
        ),
      403,
      /expired on 2026-12-02 11:59 UTC/,
    );
    await refused(
      () =>
        assertCovers(
          7n,
          1,
          license({ valid: false, expiresAt: 0n, version: 0, licensedVersion: 0 }),
          NOW_S,
        ),
      403,
      /You need a license for model 7/,
    );
  });
});

describe('gateway tokens', () => {
  let now = NOW;
  const tokens = () =>
    new GatewayTokens({
      db,
      chainId: CHAIN_ID,
      verify: ({ address, signature, typedData }) =>
        verifyTypedData({ address, signature, ...typedData }),
      now: () => now,
    });
  const signed = async (
    signer = alice,
    o: { account?: Address; issuedAt?: number; nonce?: string; chainId?: number } = {},
  ) => {
    const message = {
      account: o.account ?? signer.address,
      issuedAt: BigInt(o.issuedAt ?? NOW_S),
      nonce: o.nonce ?? `n-${Math.random().toString(36).slice(2, 12)}`,
    };
    const signature = await signer.signTypedData(
      gatewayAccessTypedData(o.chainId ?? CHAIN_ID, message),
    );
    return {
      account: message.account,
      issuedAt: String(message.issuedAt),
      nonce: message.nonce,
      signature,
    };
  };
  beforeEach(() => {
    now = NOW;
  });

  it("gives a signed access message's account a token that lasts an hour", async () => {
    const t = tokens();
    const { token, account, expiresAt } = await t.issue(await signed());
    expect(account).toBe(alice.address);
    expect(expiresAt.getTime() - NOW.getTime()).toBe(TOKEN_TTL_S * 1000);
    expect(await t.account(token)).toBe(alice.address);
    // Stored hashed: the token itself is nowhere in the database.
    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM gateway_tokens');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    now = new Date(NOW.getTime() + TOKEN_TTL_S * 1000 + 1000);
    expect(await t.account(token)).toBeNull();
    expect(await t.account('cgw_not-a-token')).toBeNull();
  });

  it('refuses a message signed more than 5 minutes ago, or ahead', async () => {
    await refused(tokens().issue(await signed(alice, { issuedAt: NOW_S - 301 })), 401, /stale/);
    await refused(tokens().issue(await signed(alice, { issuedAt: NOW_S + 301 })), 401, /future/);
  });

  it('refuses a nonce used before by the same account', async () => {
    const body = await signed(alice, { nonce: 'replay-me-1' });
    await tokens().issue(body);
    await refused(tokens().issue(body), 401, /already used/);
    // Another account may use the same nonce text.
    await expect(
      tokens().issue(await signed(bob, { nonce: 'replay-me-1' })),
    ).resolves.toMatchObject({
      account: bob.address,
    });
  });

  it("refuses a signature that is not the named account's, or for another chain", async () => {
    await refused(tokens().issue(await signed(bob, { account: alice.address })), 401, /not 0x.*'s/);
    await refused(tokens().issue(await signed(alice, { chainId: 1 })), 401, /not 0x.*'s/);
    await refused(tokens().issue({ ...(await signed()), nonce: 'x' }), 400, /nonce/);
    await refused(tokens().issue({ ...(await signed()), account: 'alice' }), 400, /address/);
  });
});

describe('usage receipts', () => {
  const receipt = (o: Partial<UsageReceipt> = {}): UsageReceipt => ({
    modelId: 5n,
    offerId: 9n,
    licensee: alice.address,
    host: HOST,
    units: 1n,
    expiry: BigInt(NOW_S + 600),
    ...o,
  });
  const sign = async (r: UsageReceipt, signer = alice): Promise<SignedReceipt> => ({
    receipt: r,
    signature: await signer.signTypedData(usageReceiptTypedData(CHAIN_ID, METERED, r)),
  });
  const verify = (s: SignedReceipt) =>
    verifyTypedData({
      address: s.receipt.licensee,
      signature: s.signature,
      ...usageReceiptTypedData(CHAIN_ID, METERED, s.receipt),
    });
  const ctx = (o: Partial<ReceiptContext> = {}): ReceiptContext => ({
    modelId: 5n,
    host: HOST,
    nowS: NOW_S,
    offer: { modelId: 5n, price: 1000n, meterUnits: 3, active: true },
    credit: { balance: 10_000n, unlockAt: 0 },
    redeemed: 0n,
    counted: 0n,
    isHost: true,
    verify,
    ...o,
  });

  it('prices units per meterUnits, rounded down like the contract', () => {
    expect(usageDue(1000n, 3n, 1n)).toBe(333n);
    expect(usageDue(1000n, 3n, 3n)).toBe(1000n);
    expect(usageDue(1000n, 3n, 4n) - usageDue(1000n, 3n, 3n)).toBe(333n);
  });

  it('round-trips through the header text and refuses what is not a receipt', async () => {
    const s = await sign(receipt({ units: 12n }));
    expect(decodeReceipt(encodeReceipt(s))).toEqual({ ok: true, value: s });
    expect(decodeReceipt('nope')).toMatchObject({ ok: false, reason: /not JSON/ });
    expect(
      decodeReceipt(JSON.stringify({ ...JSON.parse(encodeReceipt(s)), units: -1 })),
    ).toMatchObject({
      ok: false,
      reason: /units/,
    });
  });

  it('accepts the next cumulative unit, signed by the licensee, within the credit', async () => {
    await expect(checkReceipt(await sign(receipt()), ctx())).resolves.toBeUndefined();
    await expect(
      checkReceipt(await sign(receipt({ units: 8n })), ctx({ counted: 7n, redeemed: 4n })),
    ).resolves.toBeUndefined();
  });

  it('refuses a replayed (old) receipt and one that skips ahead', async () => {
    await refused(
      checkReceipt(await sign(receipt({ units: 3n })), ctx({ counted: 3n })),
      409,
      /already used.*Sign one for 4/,
    );
    // What the host already redeemed counts too, whatever this gateway's database remembers.
    await refused(
      checkReceipt(await sign(receipt({ units: 2n })), ctx({ redeemed: 5n })),
      409,
      /Sign one for 6/,
    );
    await refused(
      checkReceipt(await sign(receipt({ units: 5n })), ctx({ counted: 3n })),
      409,
      /this is unit 4/,
    );
  });

  it('refuses a forged signature, an expired, cross-model or other-host receipt', async () => {
    await refused(checkReceipt(await sign(receipt(), bob), ctx()), 401, /not 0x.*'s/);
    const tampered = await sign(receipt());
    await refused(
      checkReceipt(
        { ...tampered, receipt: { ...tampered.receipt, expiry: tampered.receipt.expiry + 1n } },
        ctx(),
      ),
      401,
      /signature/,
    );
    await refused(
      checkReceipt(await sign(receipt({ expiry: BigInt(NOW_S) })), ctx()),
      401,
      /expired/,
    );
    await refused(
      checkReceipt(await sign(receipt({ modelId: 6n })), ctx()),
      403,
      /for model 6, not model 5/,
    );
    await refused(
      checkReceipt(await sign(receipt({ host: bob.address })), ctx()),
      403,
      /names host/,
    );
  });

  it('refuses a timed offer, an unauthorized host, a withdrawing licensee, and credit too low', async () => {
    const s = await sign(receipt());
    await refused(
      checkReceipt(s, ctx({ offer: { modelId: 5n, price: 1n, meterUnits: 0, active: true } })),
      403,
      /not a pay-per-use offer/,
    );
    await refused(
      checkReceipt(s, ctx({ offer: { modelId: 4n, price: 1n, meterUnits: 1, active: true } })),
      403,
      /not a pay-per-use offer of model 5/,
    );
    await refused(checkReceipt(s, ctx({ isHost: false })), 403, /not authorized by the owner/);
    await refused(
      checkReceipt(s, ctx({ credit: { balance: 10_000n, unlockAt: NOW_S + 10 } })),
      403,
      /withdraw/,
    );
    // 4 units at 1000 per 3 = 1333, 1 redeemed (333): 1000 still owed; a balance of 999 is short.
    await refused(
      checkReceipt(
        await sign(receipt({ units: 4n })),
        ctx({ counted: 3n, redeemed: 1n, credit: { balance: 999n, unlockAt: 0 } }),
      ),
      402,
      // In the currency's unit, never in its smallest one (walk 19).
      /^Your credit on offer \d+ \(0\.000000000000000999 ETH\) does not cover this use: .* come to 0\.000000000000001 ETH\. Deposit more/,
    );
    await refused(
      checkReceipt(
        await sign(receipt({ units: 4n })),
        ctx({
          counted: 3n,
          redeemed: 1n,
          credit: { balance: 999n, unlockAt: 0 },
          offer: { ...ctx().offer, unit: { symbol: 'tUSD', decimals: 6 } },
        }),
      ),
      402,
      /\(0\.000999 tUSD\) does not cover this use: .* come to 0\.001 tUSD/,
    );
    await expect(
      checkReceipt(
        await sign(receipt({ units: 4n })),
        ctx({ counted: 3n, redeemed: 1n, credit: { balance: 1000n, unlockAt: 0 } }),
      ),
    ).resolves.toBeUndefined();
  });

  it('keeps only the latest receipt per licensee, offer and host, for one batch', async () => {
    const host = privateKeyToAccount(keys[17].privateKey).address;
    const r2 = await sign(receipt({ host, units: 2n }));
    expect(await storeReceipt(db, CHAIN_ID, await sign(receipt({ host, units: 1n })))).toBe(true);
    expect(await storeReceipt(db, CHAIN_ID, r2)).toBe(true);
    expect(await storeReceipt(db, CHAIN_ID, await sign(receipt({ host, units: 2n })))).toBe(false);
    expect(await storeReceipt(db, CHAIN_ID, await sign(receipt({ host, units: 1n })))).toBe(false);
    const bobs = await sign(receipt({ host, licensee: bob.address, units: 1n }), bob);
    expect(await storeReceipt(db, CHAIN_ID, bobs)).toBe(true);
    const latest = await latestReceipts(db, CHAIN_ID, host);
    expect(latest).toHaveLength(2);
    expect(latest).toContainEqual(r2);
    expect(latest).toContainEqual(bobs);
  });
});

/** A stream of `bytes` in chunks of `size`. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** Reads a stream to its end: the bytes received, and the error it ended with. */
async function drain(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  let received = 0;
  const parts: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { received, bytes: Buffer.concat(parts), error: undefined };
      received += value.length;
      parts.push(value);
    }
  } catch (error) {
    return { received, bytes: Buffer.concat(parts), error: error as Error };
  }
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('hash check while streaming', () => {
  const file = new Uint8Array(10_000).map((_, i) => (i * 31) % 251);

  it('passes a matching file through whole', async () => {
    let outcome: StreamOutcome | undefined;
    const out = await drain(
      verifiedStream(
        chunked(file, 1024),
        { sha256: sha(file), size: file.length },
        (o) => (outcome = o),
      ),
    );
    expect(out.error).toBeUndefined();
    expect(sha(out.bytes)).toBe(sha(file));
    expect(outcome).toEqual({ ok: true, bytes: file.length, actual: `0x${sha(file)}` });
  });

  it('aborts a tampered file without ever sending its last chunk', async () => {
    const tampered = file.slice();
    tampered[5000] ^= 1;
    let outcome: StreamOutcome | undefined;
    const out = await drain(
      verifiedStream(
        chunked(tampered, 1024),
        { sha256: sha(file), size: file.length },
        (o) => (outcome = o),
      ),
    );
    expect(out.error?.message).toMatch(/sha-256 is 0x[0-9a-f]{64}, not 0x/);
    expect(out.received).toBe(file.length - (file.length % 1024)); // the tail (784 bytes) held back
    expect(outcome).toMatchObject({ ok: false, bytes: out.received });
  });

  it('aborts a file longer or shorter than the card says', async () => {
    const longer = await drain(
      verifiedStream(chunked(file, 1024), { sha256: sha(file), size: 5000 }),
    );
    expect(longer.error?.message).toMatch(/larger than the card's 5000 bytes/);
    expect(longer.received).toBeLessThan(5000);
    const shorter = await drain(
      verifiedStream(chunked(file.slice(0, 9000), 1024), { sha256: sha(file), size: file.length }),
    );
    expect(shorter.error?.message).toMatch(/has 9000 bytes, the card says 10000/);
    expect(shorter.received).toBeLessThan(9000);
  });
});

describe('the gateway request', () => {
  let dir: string;
  let store: ReturnType<typeof folderStore>;
  const weights = Buffer.from('pseudo-weights '.repeat(20_000));
  const config = Buffer.from('{"hidden_size": 32}\n');
  let cardUri: string;
  let license: LicenseState;
  let chainDown: boolean;
  let listedNow = true;
  let contentHash: Hex;
  const warnings: string[] = [];

  const chain: GatewayChain = {
    now: async () => NOW_S,
    versionCount: async (id) => {
      if (chainDown) throw new Error('ECONNREFUSED 127.0.0.1:8545 raw rpc text');
      return id === 5n ? 2 : 0;
    },
    version: async () => ({ contentHash, metadataURI: cardUri }),
    license: async () => license,
    offer: async () => ({ modelId: 5n, price: 10n, meterUnits: 1, active: true }),
    credit: async () => ({ balance: 100n, unlockAt: 0 }),
    usageRedeemed: async () => 0n,
    isHost: async () => true,
    listed: async () => listedNow,
    ownerOf: async () => OWNER,
  };
  const deps = (): GatewayDeps => ({
    chainId: CHAIN_ID,
    chain,
    store,
    db,
    host: HOST,
    verifyReceipt: (s) =>
      verifyTypedData({
        address: s.receipt.licensee,
        signature: s.signature,
        ...usageReceiptTypedData(CHAIN_ID, METERED, s.receipt),
      }),
    now: () => NOW,
    warn: (m) => warnings.push(m),
  });
  const get = (o: {
    id?: string;
    version?: string;
    file?: string;
    account?: Address | null;
    receipt?: string;
    check?: boolean;
  }) =>
    resolveFile(deps(), {
      modelId: o.id ?? '5',
      version: o.version ?? '2',
      file: o.file ?? 'model.safetensors',
      account: o.account === undefined ? alice.address : o.account,
      receipt: o.receipt,
      check: o.check,
    });

  async function putCard(files: { name: string; size: number; sha256: string }[]) {
    const cid = await store.put(new TextEncoder().encode(JSON.stringify({ name: 'm', files })));
    cardUri = `ipfs://${cid}`;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-gateway-'));
    store = folderStore(path.join(dir, 'docs'));
    for (const [name, bytes] of [
      ['model.safetensors', weights],
      ['config.json', config],
    ] as const) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const cid = await putFileInFolder(path.join(dir, 'docs'), path.join(dir, name));
      expect(cid.toString()).toBe(cidOfDigest(`0x${sha(bytes)}`).toString());
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    chainDown = false;
    license = { valid: true, expiresAt: BigInt(NOW_S + 86400), version: 1, licensedVersion: 2 };
    contentHash = `0x${sha(weights)}`;
    await putCard([
      { name: 'model.safetensors', size: weights.length, sha256: sha(weights) },
      { name: 'config.json', size: config.length, sha256: sha(config) },
    ]);
  });

  it("streams a licensee's file, checked, and logs the download for the owner", async () => {
    const before = (await downloadsOf(db, CHAIN_ID, 5n)).total;
    const file = await get({});
    expect(file).toMatchObject({
      name: 'model.safetensors',
      size: weights.length,
      sha256: `0x${sha(weights)}`,
      how: 'license',
    });
    const out = await drain(file.stream);
    expect(out.error).toBeUndefined();
    expect(sha(out.bytes)).toBe(sha(weights));
    await expect(file.finished).resolves.toMatchObject({ ok: true, bytes: weights.length });
    const small = await get({ version: 'v1', file: 'config.json' });
    const second = await drain(small.stream);
    expect(second.bytes.toString()).toBe(config.toString());
    await small.finished; // the log row is complete once the stream ended
    const log = await downloadsOf(db, CHAIN_ID, 5n);
    expect(log.total).toBe(before + 2);
    expect(log.recent[0]).toMatchObject({
      account: alice.address,
      file: expect.any(String),
      complete: true,
      how: 'license',
    });
    expect(log.byAccount).toContainEqual(
      expect.objectContaining({ account: alice.address, version: 2, downloads: 1 }),
    );
  });

  it('answers 401 to a caller without a session or token', async () => {
    await refused(get({ account: null }), 401, /Sign in with your wallet.*Bearer/);
  });

  it('answers 404 for no such model, version or file', async () => {
    await refused(get({ id: '9' }), 404, /no model 9/);
    await refused(get({ id: 'abc' }), 404, /no such model/);
    await refused(get({ version: '3' }), 404, /has no version 3 \(it has 2\)/);
    await refused(
      get({ file: 'secret.bin' }),
      404,
      /no file "secret.bin" \(its files: model.safetensors, config.json\)/,
    );
    await refused(get({ file: '..' }), 404, /no such file/);
  });

  it('answers 403 without a license, with an expired one, or for a version not covered', async () => {
    license = { valid: false, expiresAt: 0n, version: 0, licensedVersion: 0 };
    await refused(get({}), 403, /You need a license for model 5/);
    license = { valid: false, expiresAt: BigInt(NOW_S - 10), version: 1, licensedVersion: 0 };
    await refused(get({}), 403, /expired/);
    license = { valid: true, expiresAt: PERPETUAL, version: 1, licensedVersion: 1 };
    await refused(get({ version: '2' }), 403, /covers version 1 only, not version 2/);
  });

  it('serves the owner any version of its own model without a license, logged as the owner’s', async () => {
    license = { valid: false, expiresAt: 0n, version: 0, licensedVersion: 0 };
    const before = (await downloadsOf(db, CHAIN_ID, 5n)).total;
    for (const version of ['1', '2']) {
      const file = await get({ account: OWNER, version });
      expect(file.how).toBe('owner');
      expect(sha((await drain(file.stream)).bytes)).toBe(sha(weights));
    }
    const log = await downloadsOf(db, CHAIN_ID, 5n);
    expect(log.total).toBe(before + 2);
    expect(log.recent[0]).toMatchObject({ account: OWNER, how: 'owner' });
    // Anyone else still needs a license.
    await refused(get({}), 403, /You need a license for model 5/);
  });

  it('answers 503 in words when the chain does not answer', async () => {
    chainDown = true;
    const err = await get({}).catch((e: GatewayError) => e);
    expect(err).toMatchObject({
      status: 503,
      message: 'The chain is not reachable right now: try again in a moment.',
    });
  });

  it("answers 502 when the card's digest of the primary file is not the chain's content hash", async () => {
    contentHash = `0x${'ab'.repeat(32)}`;
    await refused(get({}), 502, /not the content hash recorded on the chain/);
    expect(warnings.at(-1)).toMatch(/the chain records 0xabab/);
  });

  it('answers 502 before sending when the stored size differs from the card', async () => {
    await putCard([{ name: 'model.safetensors', size: weights.length + 1, sha256: sha(weights) }]);
    contentHash = `0x${sha(weights)}`;
    await refused(get({}), 502, /size differs/);
  });

  it('stops the download of a file altered in the store, and logs it incomplete', async () => {
    const stored = path.join(dir, 'docs', cidOfDigest(`0x${sha(config)}`).toString());
    const altered = Buffer.from(config);
    altered[2] ^= 1;
    fs.writeFileSync(stored, altered);
    try {
      const file = await get({ file: 'config.json' });
      const out = await drain(file.stream);
      expect(out.error?.message).toMatch(/sha-256/);
      expect(out.received).toBe(0); // one chunk: nothing of it is sent
      await expect(file.finished).resolves.toMatchObject({ ok: false, bytes: 0 });
      expect(warnings.at(-1)).toMatch(/failed its check while streaming/);
      expect((await downloadsOf(db, CHAIN_ID, 5n)).recent[0]).toMatchObject({
        file: 'config.json',
        complete: false,
      });
    } finally {
      fs.writeFileSync(stored, config);
    }
  });

  it('serves a metered download for the next unit and counts it; a replay is refused', async () => {
    license = { valid: false, expiresAt: 0n, version: 0, licensedVersion: 0 };
    const signFor = async (units: bigint, signer = bob) => {
      const r: UsageReceipt = {
        modelId: 5n,
        offerId: 3n,
        licensee: signer.address,
        host: HOST,
        units,
        expiry: BigInt(NOW_S + 600),
      };
      return encodeReceipt({
        receipt: r,
        signature: await signer.signTypedData(usageReceiptTypedData(CHAIN_ID, METERED, r)),
      });
    };
    const first = await signFor(1n);
    // Checked first (as the browser does before saving to disk): nothing counted, nothing sent.
    const downloadsBefore = (await downloadsOf(db, CHAIN_ID, 5n)).recent.length;
    const checked = await get({ account: bob.address, receipt: first, check: true });
    expect(checked).toMatchObject({ how: 'receipt', name: 'model.safetensors' });
    expect((await drain(checked.stream)).bytes.length).toBe(0);
    expect((await downloadsOf(db, CHAIN_ID, 5n)).recent.length).toBe(downloadsBefore);
    expect(
      (await latestReceipts(db, CHAIN_ID, HOST)).find((s) => s.receipt.licensee === bob.address),
    ).toBeUndefined();
    // A check refuses what the download would: another's receipt.
    await refused(
      get({ account: alice.address, receipt: first, check: true }),
      403,
      /signed in as/,
    );
    const file = await get({ account: bob.address, receipt: first });
    expect(file.how).toBe('receipt');
    expect(sha((await drain(file.stream)).bytes)).toBe(sha(weights));
    await refused(
      get({ account: bob.address, receipt: first }),
      409,
      /already used.*Sign one for 2/,
    );
    await refused(
      get({ account: alice.address, receipt: await signFor(2n) }),
      403,
      /you are signed in as/,
    );
    await expect(get({ account: bob.address, receipt: await signFor(2n) })).resolves.toMatchObject({
      how: 'receipt',
    });
    expect(
      (await latestReceipts(db, CHAIN_ID, HOST)).find((s) => s.receipt.licensee === bob.address)
        ?.receipt.units,
    ).toBe(2n);
    // Suspended (or otherwise off sale): nothing is served per use, and the receipt is not counted.
    listedNow = false;
    try {
      await refused(
        get({ account: bob.address, receipt: await signFor(3n) }),
        403,
        /not listed now.*not charged/,
      );
      expect(
        (await latestReceipts(db, CHAIN_ID, HOST)).find((s) => s.receipt.licensee === bob.address)
          ?.receipt.units,
      ).toBe(2n);
    } finally {
      listedNow = true;
    }
  });
});
