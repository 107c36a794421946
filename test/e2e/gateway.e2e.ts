// Gated delivery (issue 19) on the seeded world: a licensee gets a gateway token by signing an
// EIP-712 access message and downloads a seeded model's files through
// GET /api/models/<id>/resolve/<version>/<file>; the primary file's sha-256 is the version's
// on-chain content hash. A non-licensee, a caller without a token, a bad token, a reused access
// message, a version the license does not cover and a file the card does not list are refused in
// plain words. A pay-per-use licensee (Ines, seeded credit) downloads with a signed receipt, a
// replay is refused, and the host redeems the latest receipt on chain. In the browser, the
// licensee signs in and finds a Download link per file of the listed version whose bytes match;
// a non-licensee reads "You need a license"; the owner sees the downloads per account and version.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, fundRelayer, GATEWAY_HOST } from '../../scripts/lib/accounts.ts';
import {
  downloadFile,
  gatewayToken,
  GatewayRefusal,
  redeemReceipts,
  resolveUrl,
  signUsageReceipt,
} from '../../scripts/lib/gateway.ts';
import { parseCard } from '../../protocol/card.ts';
import { cidOfUri } from '../../protocol/cid.ts';
import { gatewayAccessTypedData, RECEIPT_HEADER, encodeReceipt } from '../../protocol/gateway.ts';
import {
  marketplaceAbi,
  meteredLicensesAbi,
  modelRegistryAbi,
} from '../../protocol/generated/contracts.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, portalPages, see } from './lib/ui.ts';

let stack: Stack;
let client: ReturnType<typeof createPublicClient>;
let c: { registry: Address; market: Address; metered: Address };
const ACCOUNTS = demoAccounts(14);
const signer = (i: number) => privateKeyToAccount(ACCOUNTS[i].privateKey);
let tmp: string;
/** Complete downloads this file made, by account, model and version (what the owner must see). */
const served = new Map<string, number>();
const countServed = (account: Address, modelId: bigint, version: number) => {
  const key = `${account}:${modelId}:${version}`;
  served.set(key, (served.get(key) ?? 0) + 1);
};

/** A seeded model with a licensee whose license covers its listed version, and a non-licensee. */
let pick: {
  modelId: bigint;
  version: number;
  owner: number;
  licensee: number;
  outsider: number;
  files: { name: string; size: string; sha256: string }[];
  contentHash: Hex;
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-gateway-e2e-'));
  // The portal's accounts database (tokens, receipts, the download log): this file's own.
  process.env.CURIA_ACCOUNTS_DB_DIR = path.join(tmp, 'accounts');
  stack = await startStack({ seed: true });
  client = createPublicClient({ transport: http(stack.rpcUrl) });
  const m = stack.manifest.contracts as Record<string, Address>;
  c = { registry: m.ModelRegistry, market: m.Marketplace, metered: m.MeteredLicenses };

  const count = await client.readContract({
    address: c.registry,
    abi: modelRegistryAbi,
    functionName: 'modelCount',
  });
  for (let id = 1n; id <= count && !pick; id++) {
    const owner = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'ownerOf',
      args: [id],
    });
    const licensed = await Promise.all(
      ACCOUNTS.map((a) =>
        client.readContract({
          address: c.market,
          abi: marketplaceAbi,
          functionName: 'licensedVersionOf',
          args: [id, a.address],
        }),
      ),
    );
    const licensee = licensed.findIndex((v, i) => v > 0 && ACCOUNTS[i].address !== owner);
    const outsider = licensed.findIndex((v, i) => v === 0 && ACCOUNTS[i].address !== owner);
    if (licensee < 0 || outsider < 0) continue;
    const version = licensed[licensee];
    const v = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'getVersion',
      args: [id, version],
    });
    const cid = cidOfUri(v.metadataURI)!;
    const card = parseCard(fs.readFileSync(path.join(stack.docsDir, cid), 'utf8')).card;
    if (card.files.length < 2) continue; // a model: weights and config
    pick = {
      modelId: id,
      version,
      owner: ACCOUNTS.findIndex((a) => a.address === owner),
      licensee,
      outsider,
      files: card.files,
      contentHash: v.contentHash,
    };
  }
  expect(pick, 'a seeded model with a licensee and a non-licensee').toBeDefined();
}, 900_000);

afterAll(async () => {
  await stack?.stop();
  delete process.env.CURIA_ACCOUNTS_DB_DIR;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const { open, visit } = portalPages('gateway', () => stack);

async function refusal(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers });
  return { status: res.status, text: (await res.text()).trim() };
}

describe('gated downloads', () => {
  it("a licensee's script downloads the version's files; the primary file is the chain's content hash", async () => {
    const { token } = await gatewayToken(stack.portalUrl, signer(pick.licensee), stack.chainId);
    expect(token).toMatch(/^cgw_/);
    for (const [i, f] of pick.files.entries()) {
      const dest = path.join(tmp, String(pick.modelId), f.name);
      const got = await downloadFile({
        portalUrl: stack.portalUrl,
        token,
        modelId: pick.modelId,
        version: pick.version,
        file: f.name,
        dest,
      });
      expect(got.sha256).toBe(`0x${f.sha256}`);
      expect(got.bytes).toBe(Number(f.size));
      expect(fs.statSync(dest).size).toBe(Number(f.size));
      if (i === 0) expect(got.sha256).toBe(pick.contentHash);
      countServed(ACCOUNTS[pick.licensee].address, pick.modelId, pick.version);
    }
  });

  it('refuses a non-licensee, a missing or bad token, a reused message, an uncovered version and an unknown file', async () => {
    const url = resolveUrl(stack.portalUrl, pick.modelId, pick.version, pick.files[0].name);
    expect(await refusal(url)).toMatchObject({
      status: 401,
      text: expect.stringMatching(/Sign in with your wallet.*Bearer/),
    });
    expect(await refusal(url, { authorization: 'Bearer cgw_forged' })).toMatchObject({
      status: 401,
      text: expect.stringMatching(/unknown or expired/),
    });
    const outsider = await gatewayToken(stack.portalUrl, signer(pick.outsider), stack.chainId);
    expect(await refusal(url, { authorization: `Bearer ${outsider.token}` })).toMatchObject({
      status: 403,
      text: expect.stringMatching(
        new RegExp(
          `(You need a license|expired).*model ${pick.modelId}|model ${pick.modelId}.*expired`,
        ),
      ),
    });

    const licensee = await gatewayToken(stack.portalUrl, signer(pick.licensee), stack.chainId);
    const auth = { authorization: `Bearer ${licensee.token}` };
    expect(
      await refusal(resolveUrl(stack.portalUrl, pick.modelId, pick.version, 'secret.bin'), auth),
    ).toMatchObject({ status: 404, text: expect.stringMatching(/no file "secret.bin"/) });
    const count = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'versionCount',
      args: [pick.modelId],
    });
    expect(
      await refusal(resolveUrl(stack.portalUrl, pick.modelId, count + 1, 'x.bin'), auth),
    ).toMatchObject({ status: 404, text: expect.stringMatching(/has no version/) });
    if (pick.version > 1) {
      // A version before the one covered (the license covers the bought version up to the listed one).
      const license = await client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'licenseOf',
        args: [pick.modelId, ACCOUNTS[pick.licensee].address],
      });
      if (license.version > 1)
        expect(
          (await refusal(resolveUrl(stack.portalUrl, pick.modelId, 1, pick.files[0].name), auth))
            .status,
        ).toBe(403);
    }

    // An access message is single use, and must be fresh.
    const account = signer(pick.licensee);
    const message = {
      account: account.address,
      issuedAt: BigInt(Math.floor(Date.now() / 1000)),
      nonce: randomBytes(9).toString('base64url'),
    };
    const body = JSON.stringify({
      ...message,
      issuedAt: String(message.issuedAt),
      signature: await account.signTypedData(gatewayAccessTypedData(stack.chainId, message)),
    });
    const post = () =>
      fetch(`${stack.portalUrl}/api/gateway/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    expect((await post()).status).toBe(200);
    const again = await post();
    expect(again.status).toBe(401);
    expect(((await again.json()) as { reason: string }).reason).toMatch(/already used/);
    const stale = { ...message, issuedAt: message.issuedAt - 600n, nonce: 'stale-nonce-1' };
    const staleRes = await fetch(`${stack.portalUrl}/api/gateway/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...stale,
        issuedAt: String(stale.issuedAt),
        signature: await account.signTypedData(gatewayAccessTypedData(stack.chainId, stale)),
      }),
    });
    expect(staleRes.status).toBe(401);
  });

  it('a pay-per-use licensee downloads with a signed receipt; a replay is refused; the host redeems', async () => {
    const key = Object.keys(stack.seeded?.world?.meteredOffers ?? {}).find((k) =>
      k.endsWith(':download'),
    );
    expect(key, 'a seeded per-download offer').toBeDefined();
    const offerId = BigInt(stack.seeded!.world!.meteredOffers[key!]);
    const offer = await client.readContract({
      address: c.metered,
      abi: meteredLicensesAbi,
      functionName: 'getMeteredOffer',
      args: [offerId],
    });
    const ines = signer(8);
    const credit = await client.readContract({
      address: c.metered,
      abi: meteredLicensesAbi,
      functionName: 'creditOf',
      args: [offerId, ines.address],
    });
    expect(credit.balance).toBeGreaterThan(0n);
    const modelId = BigInt(offer.modelId);
    const listed = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'versionCount',
      args: [modelId],
    });
    const v = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'getVersion',
      args: [modelId, listed],
    });
    const card = parseCard(
      fs.readFileSync(path.join(stack.docsDir, cidOfUri(v.metadataURI)!), 'utf8'),
    ).card;
    const { token } = await gatewayToken(stack.portalUrl, ines, stack.chainId);
    // Receipts expire by the chain's clock (the seeded world's runs ahead of the wall clock).
    const expiry = (await client.getBlock()).timestamp + 24n * 3600n;
    const receipt = (units: bigint) =>
      signUsageReceipt(ines, stack.chainId, c.metered, {
        modelId,
        offerId,
        host: GATEWAY_HOST.address,
        units,
        expiry,
      });
    const first = await receipt(1n);
    const got = await downloadFile({
      portalUrl: stack.portalUrl,
      token,
      modelId,
      version: Number(listed),
      file: card.files[0].name,
      dest: path.join(tmp, 'metered', card.files[0].name),
      receipt: first,
    });
    expect(got.sha256).toBe(v.contentHash);
    countServed(ines.address, modelId, Number(listed));
    // The same receipt again: refused, nothing served.
    const replay = await refusal(
      resolveUrl(stack.portalUrl, modelId, Number(listed), card.files[0].name),
      { authorization: `Bearer ${token}`, [RECEIPT_HEADER]: encodeReceipt(first) },
    );
    expect(replay).toMatchObject({ status: 409, text: expect.stringMatching(/Sign one for 2/) });
    await downloadFile({
      portalUrl: stack.portalUrl,
      token,
      modelId,
      version: Number(listed),
      file: card.files[0].name,
      dest: path.join(tmp, 'metered', 'again'),
      receipt: await receipt(2n),
    });
    countServed(ines.address, modelId, Number(listed));

    const before = credit.balance;
    // The host pays the redemption's gas (npm start gives it ETH the same way).
    await fundRelayer(stack.rpcUrl, GATEWAY_HOST.address);
    const { hash, redeemed } = await redeemReceipts({
      portalUrl: stack.portalUrl,
      rpcUrl: stack.rpcUrl,
      chainId: stack.chainId,
      meteredLicenses: c.metered,
      host: privateKeyToAccount(GATEWAY_HOST.privateKey),
    });
    expect(hash).toMatch(/^0x/);
    expect(redeemed.map((r) => r.receipt.units)).toContain(2n);
    const after = await client.readContract({
      address: c.metered,
      abi: meteredLicensesAbi,
      functionName: 'creditOf',
      args: [offerId, ines.address],
    });
    expect(before - after.balance).toBe((2n * offer.price) / BigInt(offer.meterUnits));
    expect(
      await client.readContract({
        address: c.metered,
        abi: meteredLicensesAbi,
        functionName: 'usageRedeemed',
        args: [offerId, ines.address, GATEWAY_HOST.address],
      }),
    ).toBe(2n);
    // Nothing left to redeem: a second run sends nothing.
    expect(
      (
        await redeemReceipts({
          portalUrl: stack.portalUrl,
          rpcUrl: stack.rpcUrl,
          chainId: stack.chainId,
          meteredLicenses: c.metered,
          host: privateKeyToAccount(GATEWAY_HOST.privateKey),
        })
      ).hash,
    ).toBeNull();
  });
});

describe('the portal', () => {
  it('offers a signed-in licensee a Download link per file whose bytes match; others read what they need', async () => {
    const { page, errors } = await open();
    await visit(page, `/models/${pick.modelId}`);
    await connectDemo(page, pick.licensee);
    await see(page, `Files of v${pick.version}`, 60_000);
    await click(page, 'Sign in');
    const links = page.getByTestId('download-link');
    await links.first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await links.count()).toBe(pick.files.length);
    const href = await links.first().getAttribute('href');
    expect(href).toBe(
      `/api/models/${pick.modelId}/resolve/${pick.version}/${encodeURIComponent(pick.files[0].name)}`,
    );
    // The browser's own download (with its session cookie) hashes to the chain's content hash.
    const digest = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const hash = await crypto.subtle.digest('SHA-256', await res.arrayBuffer());
      return `0x${[...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    }, href!);
    expect(digest).toBe(pick.contentHash);
    countServed(ACCOUNTS[pick.licensee].address, pick.modelId, pick.version);
    expect(errors).toEqual([]);

    const other = await open({ viewport: { width: 390, height: 844 } });
    await visit(other.page, `/models/${pick.modelId}`);
    await connectDemo(other.page, pick.outsider);
    await see(other.page, `You need a license covering v${pick.version}`, 60_000);
    expect(await other.page.getByTestId('download-link').count()).toBe(0);
    // Phone layout: the files list does not overflow the viewport.
    const overflow = await other.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the owner who downloaded, per account and version; nobody else', async () => {
    const { page } = await open();
    await visit(page, `/models/${pick.modelId}/downloads`);
    await connectDemo(page, pick.owner);
    await see(page, 'Only the model’s owner sees who downloaded it');
    await click(page, 'Sign in');
    await page.getByTestId('downloads-by-account').waitFor({ state: 'visible', timeout: 30_000 });
    // The licensee's row for the version: its address (linked to its record) and its downloads.
    const row = page.getByTestId('downloads-by-account').locator('tr', {
      has: page.locator(`a[title^="${ACCOUNTS[pick.licensee].address}"]`),
      hasText: `v${pick.version}`,
    });
    await row.first().waitFor({ state: 'visible' });
    expect(Number(await row.first().locator('td[data-label="Downloads"]').textContent())).toBe(
      served.get(`${ACCOUNTS[pick.licensee].address}:${pick.modelId}:${pick.version}`),
    );
    const text = (await page.getByTestId('downloads-by-account').textContent()) ?? '';
    expect(text).toContain(`v${pick.version}`);
    // Every complete download of this model made above (the script's, the browser's, metered ones).
    const ofModel = [...served.entries()]
      .filter(([k]) => k.split(':')[1] === String(pick.modelId))
      .reduce((n, [, v]) => n + v, 0);
    expect(Number(await page.getByTestId('downloads-total').textContent())).toBe(ofModel);

    const other = await open();
    await visit(other.page, `/models/${pick.modelId}/downloads`);
    await connectDemo(other.page, pick.licensee);
    await click(other.page, 'Sign in');
    await see(other.page, 'only the model’s owner');
    expect(await other.page.getByTestId('downloads').count()).toBe(0);
  });
});

// A GatewayRefusal carries the gateway's plain reason (used by scripts/download.ts).
it('explains a refused script download in words', async () => {
  const { token } = await gatewayToken(stack.portalUrl, signer(pick.outsider), stack.chainId);
  const err = await downloadFile({
    portalUrl: stack.portalUrl,
    token,
    modelId: pick.modelId,
    version: pick.version,
    file: pick.files[0].name,
    dest: path.join(tmp, 'refused'),
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GatewayRefusal);
  expect((err as GatewayRefusal).status).toBe(403);
  expect(fs.existsSync(path.join(tmp, 'refused'))).toBe(false);
  expect(fs.existsSync(path.join(tmp, 'refused.part'))).toBe(false);
});
