// Gated delivery (issue 19) for a contract licensee: a minimal ERC-1271 wallet
// (test/contracts/mocks/OwnedAccount.sol) whose owner key signs for it gets a gateway token, is
// served a pay-per-use download on its owner's usage receipt, and that very receipt is redeemed by
// MeteredLicenses; a receipt or access message signed by another key is refused in the same words
// as an EOA's forged one. On the seeded chain (test/lib/chain.ts) in an anvil of this file's own,
// with the gateway's real chain reads and signature checks (viem, through the chain), the seed's
// folder store and an in-memory accounts database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  hashTypedData,
  http,
  parseEther,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundRelayer, GATEWAY_HOST } from '../scripts/lib/accounts.ts';
import type { Anvil } from '../scripts/lib/anvil.ts';
import { sendRedeemUsage } from '../scripts/lib/gateway.ts';
import { readSeedRecord } from '../scripts/seed/index.ts';
import { parseCard } from '../protocol/card.ts';
import { chainFor } from '../protocol/chain.ts';
import { cidOfUri } from '../protocol/cid.ts';
import { encodeReceipt, gatewayAccessTypedData } from '../protocol/gateway.ts';
import { meteredLicensesAbi, modelRegistryAbi } from '../protocol/generated/contracts.ts';
import type { Manifest } from '../protocol/manifest.ts';
import { ROOT } from '../protocol/paths.ts';
import { folderStore } from '../protocol/store.ts';
import {
  usageReceiptTypedData,
  usageReceiptVerifier,
  type SignedUsageReceipt,
  type UsageReceipt,
} from '../protocol/usage.ts';
import { openAppDb } from '../web/lib/server/appdb.ts';
import { viemAccessVerifier, viemGatewayChain } from '../web/lib/server/gateway/chain.ts';
import { GatewayError } from '../web/lib/server/gateway/errors.ts';
import { latestReceipts } from '../web/lib/server/gateway/receipts.ts';
import { resolveFile, type GatewayDeps } from '../web/lib/server/gateway/service.ts';
import { GatewayTokens } from '../web/lib/server/gateway/tokens.ts';
import type { Db } from '../web/lib/server/signals/db.ts';
import { loadChain } from './lib/chain.ts';

const HOST = privateKeyToAccount(GATEWAY_HOST.privateKey);
/** The wallet's owner key (signs for it), another key, and an EOA that pays the deployment and credit. */
const walletOwner = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());
const payer = privateKeyToAccount(generatePrivateKey());
const DEPOSIT = parseEther('0.01');

let tmp: string;
let anvil: Anvil;
let chainId: number;
let manifest: Manifest;
let client: PublicClient;
let db: Db;
let deps: GatewayDeps;
let metered: Address;
/** The seeded per-download offer (ETH), its model, that model's latest version and primary file. */
let offerId: bigint;
let offer: { modelId: bigint; price: bigint; meterUnits: number };
let version: number;
let contentHash: Hex;
let fileName: string;
/** The ERC-1271 licensee: an OwnedAccount of walletOwner. */
let wallet: Address;

/** Expects `p` to fail with a GatewayError of `status`; its message. */
async function refusal(p: Promise<unknown>, status: number): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a ${status} refusal`).toBeInstanceOf(GatewayError);
  expect((err as GatewayError).status).toBe(status);
  return (err as GatewayError).message;
}

async function chainNow(): Promise<bigint> {
  return (await client.getBlock({ blockTag: 'latest' })).timestamp;
}

/** A usage receipt naming `licensee`, signed by `signer` (the licensee's own key, or not). */
async function receiptFor(
  licensee: Address,
  units: bigint,
  signer: PrivateKeyAccount,
): Promise<SignedUsageReceipt> {
  const receipt: UsageReceipt = {
    modelId: offer.modelId,
    offerId,
    licensee,
    host: HOST.address,
    units,
    expiry: (await chainNow()) + 3600n,
  };
  return {
    receipt,
    signature: await signer.signTypedData(usageReceiptTypedData(chainId, metered, receipt)),
  };
}

/** A metered download of the version's primary file by `account` with `signed`. */
function download(account: Address, signed: SignedUsageReceipt, using: GatewayDeps = deps) {
  return resolveFile(using, {
    modelId: offer.modelId.toString(),
    version: String(version),
    file: fileName,
    account,
    receipt: encodeReceipt(signed),
  });
}

async function sha256Of(stream: ReadableStream<Uint8Array>): Promise<Hex> {
  const hash = createHash('sha256');
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return `0x${hash.digest('hex')}`;
}

const creditOf = (licensee: Address) =>
  client.readContract({
    address: metered,
    abi: meteredLicensesAbi,
    functionName: 'creditOf',
    args: [offerId, licensee],
  });
const redeemedOf = (licensee: Address) =>
  client.readContract({
    address: metered,
    abi: meteredLicensesAbi,
    functionName: 'usageRedeemed',
    args: [offerId, licensee, HOST.address],
  });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-gateway-erc1271-'));
  const loaded = await loadChain('seeded', tmp);
  ({ anvil, chainId, manifest } = loaded);
  const dataDir = loaded.dataDir!;
  metered = manifest.contracts.MeteredLicenses;
  const chain = chainFor(chainId, anvil.url);
  client = createPublicClient({ chain, transport: http(anvil.url) }) as PublicClient;

  const key = Object.keys(readSeedRecord(dataDir)?.world?.meteredOffers ?? {}).find((k) =>
    k.endsWith(':download'),
  );
  expect(key, 'a seeded per-download offer').toBeDefined();
  offerId = BigInt(readSeedRecord(dataDir)!.world!.meteredOffers[key!]);
  const o = await client.readContract({
    address: metered,
    abi: meteredLicensesAbi,
    functionName: 'getMeteredOffer',
    args: [offerId],
  });
  offer = { modelId: BigInt(o.modelId), price: o.price, meterUnits: Number(o.meterUnits) };
  version = Number(
    await client.readContract({
      address: manifest.contracts.ModelRegistry,
      abi: modelRegistryAbi,
      functionName: 'versionCount',
      args: [offer.modelId],
    }),
  );
  const v = await client.readContract({
    address: manifest.contracts.ModelRegistry,
    abi: modelRegistryAbi,
    functionName: 'getVersion',
    args: [offer.modelId, version],
  });
  contentHash = v.contentHash;
  const docsDir = path.join(dataDir, 'docs');
  fileName = parseCard(fs.readFileSync(path.join(docsDir, cidOfUri(v.metadataURI)!), 'utf8')).card
    .files[0].name;

  // The contract licensee: deployed from forge's artifact of the mock, credit deposited for it.
  await fundRelayer(anvil.url, payer.address);
  await fundRelayer(anvil.url, HOST.address);
  const payerWallet = createWalletClient({ account: payer, chain, transport: http(anvil.url) });
  const artifact = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'out', 'OwnedAccount.sol', 'OwnedAccount.json'), 'utf8'),
  ) as { abi: Abi; bytecode: { object: Hex } };
  const deployed = await client.waitForTransactionReceipt({
    hash: await payerWallet.deployContract({
      abi: artifact.abi,
      bytecode: artifact.bytecode.object,
      args: [walletOwner.address],
    }),
  });
  wallet = getAddress(deployed.contractAddress!);
  for (const licensee of [wallet, payer.address]) {
    const mined = await client.waitForTransactionReceipt({
      hash: await payerWallet.writeContract({
        address: metered,
        abi: meteredLicensesAbi,
        functionName: 'depositCredit',
        args: [offerId, licensee, DEPOSIT],
        value: DEPOSIT,
      }),
    });
    expect(mined.status).toBe('success');
  }

  db = await openAppDb({ memory: true });
  deps = {
    chainId,
    chain: viemGatewayChain(client, manifest),
    store: folderStore(docsDir),
    db,
    host: HOST.address,
    // What the portal's gateway checks receipts with (web/lib/server/gateway/index.ts).
    verifyReceipt: usageReceiptVerifier(client, chainId, metered),
    warn: () => {},
  };
}, 400_000);

afterAll(async () => {
  await db?.close();
  await anvil?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a contract licensee (ERC-1271) at the gateway', () => {
  it("gets a gateway token on its owner's signature, not on another key's", async () => {
    const tokens = new GatewayTokens({
      db,
      chainId,
      // What the portal's token route checks with (web/lib/server/gateway/index.ts).
      verify: viemAccessVerifier(client),
    });
    const body = async (account: Address, signer: PrivateKeyAccount) => {
      const message = {
        account,
        issuedAt: BigInt(Math.floor(Date.now() / 1000)),
        nonce: `n-${Math.random().toString(36).slice(2, 12)}`,
      };
      return {
        account,
        issuedAt: String(message.issuedAt),
        nonce: message.nonce,
        signature: await signer.signTypedData(gatewayAccessTypedData(chainId, message)),
      };
    };
    const issued = await tokens.issue(await body(wallet, walletOwner));
    expect(issued.account).toBe(wallet);
    expect(await tokens.account(issued.token)).toBe(wallet);
    // Another key naming the wallet: refused in the words an EOA's forged message gets.
    const forged = await refusal(tokens.issue(await body(wallet, stranger)), 401);
    const forgedEoa = await refusal(tokens.issue(await body(payer.address, stranger)), 401);
    expect(forged).toBe(
      `The signature is not ${wallet}'s over this access message (chain ${chainId}).`,
    );
    expect(forgedEoa).toBe(forged.replace(wallet, payer.address));
  });

  it("is served a metered download on its owner's receipt, which MeteredLicenses then redeems", async () => {
    const signed = await receiptFor(wallet, 1n, walletOwner);
    const file = await download(wallet, signed);
    expect(file.how).toBe('receipt');
    expect(await sha256Of(file.stream)).toBe(contentHash);
    await expect(file.finished).resolves.toMatchObject({ ok: true });

    // The receipt the gateway kept for its host is the one served, over the contract's own digest.
    const kept = (await latestReceipts(db, chainId, HOST.address)).filter(
      (s) => s.receipt.licensee === wallet,
    );
    expect(kept).toEqual([signed]);
    expect(
      await client.readContract({
        address: metered,
        abi: meteredLicensesAbi,
        functionName: 'receiptDigest',
        args: [signed.receipt],
      }),
    ).toBe(hashTypedData(usageReceiptTypedData(chainId, metered, signed.receipt)));

    // The host redeems it (scripts/lib/gateway.ts): one unit's price leaves the wallet's credit.
    await sendRedeemUsage(anvil.url, chainId, metered, HOST, kept);
    expect(await redeemedOf(wallet)).toBe(1n);
    expect((await creditOf(wallet)).balance).toBe(DEPOSIT - offer.price / BigInt(offer.meterUnits));
  });

  it("refuses its receipt signed by a key that is not the wallet's owner, as an EOA's forged one", async () => {
    const forged = await receiptFor(wallet, 2n, stranger);
    const reason = await refusal(download(wallet, forged), 401);
    expect(reason).toBe(`The usage receipt's signature is not ${wallet}'s.`);
    // The EOA path's words for a forged receipt: the same, but for the address.
    const forgedEoa = await refusal(
      download(payer.address, await receiptFor(payer.address, 1n, stranger)),
      401,
    );
    expect(forgedEoa).toBe(reason.replace(wallet, payer.address));
    // Nothing was counted, and MeteredLicenses refuses the forged receipt too.
    expect(
      (await latestReceipts(db, chainId, HOST.address)).find((s) => s.receipt.licensee === wallet)
        ?.receipt.units,
    ).toBe(1n);
    await expect(sendRedeemUsage(anvil.url, chainId, metered, HOST, [forged])).rejects.toThrow(
      /MeteredReceiptBadSignature/,
    );
    // The owner's receipt for the same unit is still served.
    const next = await download(wallet, await receiptFor(wallet, 2n, walletOwner));
    expect(await sha256Of(next.stream)).toBe(contentHash);
    expect(await redeemedOf(wallet)).toBe(1n);
  });
  it('says the chain did not answer (503), not that the signature is wrong, when its ERC-1271 check cannot reach the chain', async () => {
    // A node that refuses connections: the wallet's isValidSignature cannot be called.
    const down = createPublicClient({
      transport: http('http://127.0.0.1:9', { retryCount: 0, timeout: 2_000 }),
    });
    const tokens = new GatewayTokens({ db, chainId, verify: viemAccessVerifier(down) });
    const message = {
      account: wallet,
      issuedAt: BigInt(Math.floor(Date.now() / 1000)),
      nonce: `n-${Math.random().toString(36).slice(2, 12)}`,
    };
    const reason = await refusal(
      tokens.issue({
        account: wallet,
        issuedAt: String(message.issuedAt),
        nonce: message.nonce,
        signature: await walletOwner.signTypedData(gatewayAccessTypedData(chainId, message)),
      }),
      503,
    );
    expect(reason).toMatch(/chain is not reachable/);
    // The same for a usage receipt (the gateway's other reads still answer).
    const receiptReason = await refusal(
      download(wallet, await receiptFor(wallet, 3n, walletOwner), {
        ...deps,
        verifyReceipt: usageReceiptVerifier(down, chainId, metered),
      }),
      503,
    );
    expect(receiptReason).toMatch(/chain is not reachable/);
    // An EOA's signature is checked without the chain: still served a token.
    const eoaMessage = { ...message, account: payer.address, nonce: `${message.nonce}-eoa` };
    const eoa = await tokens.issue({
      account: payer.address,
      issuedAt: String(eoaMessage.issuedAt),
      nonce: eoaMessage.nonce,
      signature: await payer.signTypedData(gatewayAccessTypedData(chainId, eoaMessage)),
    });
    expect(eoa.account).toBe(payer.address);
  });
});
