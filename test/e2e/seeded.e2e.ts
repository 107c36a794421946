// The seeded demo world (scripts/seed, as `npm start` shows it to a newcomer) in headless Chromium:
// every seeded model page is titled with its card's name; every seeded card, challenge evidence,
// license terms and audit report opens and matches its on-chain hash; a seeded card with one byte
// changed on disk is flagged on its page; a curator claims marketplace fees in ETH and tUSD from
// /curate and receives exactly what the chain said was claimable; an auditor withdraws fees and,
// after the unbonding period, the bond; a buyer's licenses are listed; the guardian suspends and
// lifts a suspension; accounts 10-13 (not unlocked by anvil) send transactions from the demo wallet.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  formatUnits,
  http,
  parseEventLogs,
  zeroAddress,
  type Address,
  type Hex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../scripts/lib/accounts.ts';
import { rpc } from '../../scripts/lib/rpc.ts';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
} from '../../protocol/generated/contracts.ts';
import { KIND, LISTING_STATUSES, PROPOSAL_STATES } from '../../protocol/enums.ts';
import { startStack, type Stack } from './lib/stack.ts';
import { click, connectDemo, done, portalPages, screenshot, see } from './lib/ui.ts';

let stack: Stack;
let client: ReturnType<typeof createPublicClient>;
let c: { registry: Address; curation: Address; market: Address; audits: Address; usd: Address };
const ACCOUNTS = demoAccounts(14);

beforeAll(async () => {
  stack = await startStack({ seed: true });
  client = createPublicClient({ transport: http(stack.rpcUrl) });
  const m = stack.manifest.contracts as Record<string, Address>;
  c = {
    registry: m.ModelRegistry,
    curation: m.CurationRegistry,
    market: m.Marketplace,
    audits: m.AuditRegistry,
    usd: m.TestStablecoin,
  };
}, 900_000);

afterAll(async () => {
  await stack?.stop();
});

const { open, visit } = portalPages('seeded', () => stack);

const statusOf = async (modelId: bigint) =>
  LISTING_STATUSES[
    await client.readContract({
      address: c.curation,
      abi: curationRegistryAbi,
      functionName: 'statusOf',
      args: [modelId],
    })
  ];

async function models() {
  const count = await client.readContract({
    address: c.registry,
    abi: modelRegistryAbi,
    functionName: 'modelCount',
  });
  return client.readContract({
    address: c.registry,
    abi: modelRegistryAbi,
    functionName: 'getModels',
    args: [0n, count],
  });
}

type Entry = Awaited<ReturnType<typeof models>>[number];

/**
 * An active offer with room left, in ETH or in a token, on a listed model that `buyer` neither owns
 * nor holds a valid license for (and that `where` accepts, when given).
 */
async function buyableOffer(
  buyer: Address,
  paid: 'eth' | 'token',
  where: (m: Entry) => Promise<boolean> = async () => true,
) {
  for (const m of await models()) {
    if ((await statusOf(m.modelId)) !== 'Listed' || !(await where(m))) continue;
    const [owner, [held], ids] = await Promise.all([
      client.readContract({
        address: c.registry,
        abi: modelRegistryAbi,
        functionName: 'ownerOf',
        args: [m.modelId],
      }),
      client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'hasValidLicense',
        args: [m.modelId, buyer],
      }),
      client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'offersOf',
        args: [m.modelId],
      }),
    ]);
    if (held || owner.toLowerCase() === buyer.toLowerCase()) continue;
    for (const id of ids) {
      const o = await client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'getOffer',
        args: [id],
      });
      if (!o.active || (o.cap !== 0 && o.sold >= o.cap)) continue;
      if ((o.currency === zeroAddress) === (paid === 'eth')) {
        return { id, modelId: m.modelId, owner: m.owner, currency: o.currency, price: o.price };
      }
    }
  }
  return undefined;
}

/** The seed's (last) delisted model. */
async function delistedModel() {
  let delisted: { modelId: bigint; owner: Address } | undefined;
  for (const m of await models()) {
    if ((await statusOf(m.modelId)) === 'Delisted') delisted = m;
  }
  expect(delisted, 'a seeded delisted model').toBeDefined();
  return delisted!;
}

/** The card the seed stored for a metadata URI, read from the document folder. */
function cardFile(uri: string): string {
  return path.join(stack.docsDir, uri.replace(/^ipfs:\/\//, ''));
}

/** Waits until every document check on the page is done; returns their states. */
async function docStates(page: Page, min: number): Promise<string[]> {
  const docs = page.getByTestId('doc-status');
  // The states of the one reading in which at least `min` documents were checked: read again
  // afterwards, a document that mounted since (an audit report once the index answered) would
  // still say 'checking' (a fresh-clone CI run failed on that race, model #31).
  let settled: string[] = [];
  await expect
    .poll(
      async () => {
        const states = await docs.evaluateAll((els) =>
          els.map((e) => e.getAttribute('data-state') ?? ''),
        );
        if (states.length < min || states.includes('checking')) return false;
        settled = states;
        return true;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return settled;
}

/** The transaction hash of the confirmed write labelled `label`. */
async function confirmedHash(page: Page, label: string | RegExp): Promise<Hex> {
  await done(page, label);
  const hash = await page
    .locator('[data-phase=confirmed]', { hasText: label })
    .first()
    .locator('span.mono')
    .getAttribute('title');
  expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
  return hash as Hex;
}

async function ethSpentOnGas(hash: Hex): Promise<bigint> {
  const r = await client.getTransactionReceipt({ hash });
  expect(r.status).toBe('success');
  return r.gasUsed * r.effectiveGasPrice;
}

const usdBalance = (a: Address) =>
  client.readContract({ address: c.usd, abi: erc20Abi, functionName: 'balanceOf', args: [a] });

describe('the seeded world', () => {
  it("asks the guardian (Jun) before canceling an appeal, saying the appeal ends and where the owner's bond goes", async () => {
    const id = stack.seeded!.world!.proposals.appealActive;
    const { page, context, errors } = await open();
    await visit(page, `/proposals/${id}`);
    await connectDemo(page, 9);
    await click(page, 'Cancel proposal');
    const confirm = page.getByTestId('cancel-confirm');
    await expect
      .poll(async () => (await confirm.textContent())?.replace(/\s+/g, ' '))
      .toMatch(/This is the owner's appeal of .+ \(dispute #\d+\)\. Canceling it ends the appeal/);
    expect(await confirm.textContent()).toMatch(/appeal bond of [\d,]+ CUR goes to the treasury/);
    // Kept: nothing was sent, the appeal is still open to the vote.
    await click(page, 'Keep it');
    await confirm.waitFor({ state: 'detached' });
    expect(
      await client.readContract({
        address: stack.manifest.contracts.CuriaGovernor as Address,
        abi: curiaGovernorAbi,
        functionName: 'state',
        args: [BigInt(id)],
      }),
    ).toBe(PROPOSAL_STATES.indexOf('Active'));
    // Where a guardian looks for its powers: /treasury names them, and marks the guardian as you.
    await visit(page, '/treasury');
    const powers = page.getByTestId('guardian-powers');
    await powers.waitFor({ timeout: 20_000 });
    expect(await powers.textContent()).toMatch(/As proposal guardian you can cancel any proposal/);
    expect(await powers.textContent()).toMatch(/As curation guardian you can suspend/);
    await see(page, '(Jun, you)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists on the home page the votes an account can still cast, and a vote cast takes it off', async () => {
    // Before any test moves the chain's clock (the seeded votes are open). The oracle, from the chain and the seed record (not the index the page reads): open seeded
    // proposals and disputes the account has not voted in, where it had weight at the snapshot.
    const governor = stack.manifest.contracts.CuriaGovernor as Address;
    const token = stack.manifest.contracts.CuriaToken as Address;
    const now = Number((await client.getBlock()).timestamp);
    const world = stack.seeded!.world!;
    const expected = async (account: Address) => {
      const out: string[] = [];
      for (const id of Object.values(world.proposals).map(BigInt)) {
        const read = <T>(functionName: string, args: unknown[]) =>
          client.readContract({
            address: governor,
            abi: curiaGovernorAbi,
            functionName,
            args,
          } as never) as Promise<T>;
        if (PROPOSAL_STATES[await read<number>('state', [id])] !== 'Active') continue;
        if (await read<boolean>('hasVoted', [id, account])) continue;
        const snapshot = await read<bigint>('proposalSnapshot', [id]);
        if ((await read<bigint>('getVotes', [account, snapshot])) > 0n)
          out.push(`/proposals/${id}`);
      }
      for (const id of Object.values(world.disputes).map(BigInt)) {
        const d = await client.readContract({
          address: c.curation,
          abi: curationRegistryAbi,
          functionName: 'disputeOf',
          args: [id],
        });
        if (!(now > Number(d.snapshot) && now <= Number(d.votingEndsAt))) continue;
        const voted = await client.readContract({
          address: c.curation,
          abi: curationRegistryAbi,
          functionName: 'hasVoted',
          args: [id, account],
        });
        const weight = await client.readContract({
          address: token,
          abi: curiaTokenAbi,
          functionName: 'getPastVotes',
          args: [account, BigInt(d.snapshot)],
        });
        if (!voted && weight > 0n) out.push(`/disputes/${id}`);
      }
      return out.sort();
    };
    const shown = async (page: Page) => {
      const links = page.getByTestId('open-vote').getByRole('link');
      return (
        await links.evaluateAll((as) =>
          as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        )
      ).sort();
    };

    // A holder without voting power (Noor) has nothing waiting.
    const { page, context, errors } = await open();
    await visit(page, '/');
    await connectDemo(page, 13);
    expect(await expected(ACCOUNTS[13].address)).toEqual([]);
    await page.getByTestId('open-votes-none').waitFor({ timeout: 20_000 });

    // The first account with votes waiting sees exactly those.
    let voter = -1;
    let waiting: string[] = [];
    for (let i = 0; i < ACCOUNTS.length && voter < 0; i++) {
      waiting = await expected(ACCOUNTS[i].address);
      if (waiting.length) voter = i;
    }
    expect(voter, 'a seeded account with an open vote it has not cast').toBeGreaterThanOrEqual(0);
    await connectDemo(page, voter);
    await expect.poll(() => shown(page), { timeout: 20_000 }).toEqual(waiting);
    await screenshot(page, 'seeded-08-open-votes');

    // It votes on the first; back home, that vote is no longer waiting.
    const first = waiting[0];
    await page.getByTestId('open-votes').locator(`a[href="${first}"]`).click();
    await page.waitForURL((u) => u.pathname === first);
    if (first.startsWith('/proposals/')) {
      await page.getByLabel('Abstain', { exact: true }).check();
      await click(page, 'Vote Abstain');
    } else {
      await page.getByLabel('Keep').check();
      await click(page, 'Vote Keep');
    }
    await confirmedHash(page, /Vote (Abstain|Keep)/);
    await visit(page, '/');
    await expect.poll(() => shown(page), { timeout: 30_000 }).toEqual(waiting.slice(1));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('titles every seeded model page with its card name and verifies its card and terms', async () => {
    const infos = await models();
    expect(infos.length).toBeGreaterThanOrEqual(30);
    const { page, context, errors } = await open();
    for (const info of infos) {
      const card = JSON.parse(fs.readFileSync(cardFile(info.latestMetadataURI), 'utf8')) as {
        name: string;
        title?: string;
      };
      // The heading is the card's title (as in the lists), its name beside it.
      const heading = card.title ?? card.name;
      await visit(page, `/models/${info.modelId}`);
      await expect
        .poll(() => page.locator('.model-head h1').textContent(), { timeout: 30_000 })
        .toBe(heading);
      expect(await page.title()).toBe(`${heading} · Curia`);
      if (card.title && card.title !== card.name) await see(page, card.name);
      // The card, and the terms of every active offer: all match their on-chain hash.
      const offers = await client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'offersOf',
        args: [info.modelId],
      });
      let active = 0;
      for (const id of offers) {
        const o = await client.readContract({
          address: c.market,
          abi: marketplaceAbi,
          functionName: 'getOffer',
          args: [id],
        });
        if (o.active) active++;
      }
      const states = await docStates(page, 1 + active);
      expect(
        states.every((s) => s === 'verified'),
        `model #${info.modelId}: ${states}`,
      ).toBe(true);
      await expect
        .poll(() => page.getByText(/: matches the on-chain hash/).count())
        .toBeGreaterThanOrEqual(1 + active);
    }
    await screenshot(page, 'seeded-01-model');
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);

  it('serves every seeded license terms, evidence and audit report as matching its hash', async () => {
    const docs: { what: string; uri: string; hash: Hex }[] = [];
    const offerCount = await client.readContract({
      address: c.market,
      abi: marketplaceAbi,
      functionName: 'offerCount',
    });
    for (let id = 1n; id <= offerCount; id++) {
      const o = await client.readContract({
        address: c.market,
        abi: marketplaceAbi,
        functionName: 'getOffer',
        args: [id],
      });
      docs.push({ what: `terms of offer #${id}`, uri: o.termsURI, hash: o.termsHash });
    }
    const reportCount = await client.readContract({
      address: c.audits,
      abi: auditRegistryAbi,
      functionName: 'reportCount',
    });
    for (let id = 1n; id <= reportCount; id++) {
      const r = await client.readContract({
        address: c.audits,
        abi: auditRegistryAbi,
        functionName: 'getReport',
        args: [id],
      });
      docs.push({ what: `audit report #${id}`, uri: r.reportURI, hash: r.reportHash });
    }
    // Every challenge's evidence, as the chain's Challenged events name it.
    const challenges = await client.getContractEvents({
      address: c.curation,
      abi: curationRegistryAbi,
      eventName: 'Challenged',
      fromBlock: 0n,
    });
    const disputes = challenges.map((e) => e.args.disputeId!);
    expect(disputes.length).toBeGreaterThanOrEqual(
      Object.keys(stack.seeded!.world!.disputes).length,
    );
    for (const e of challenges) {
      docs.push({
        what: `evidence of dispute #${e.args.disputeId}`,
        uri: e.args.evidenceURI!,
        hash: e.args.evidenceHash!,
      });
    }
    expect(offerCount).toBeGreaterThan(0n);
    expect(reportCount).toBeGreaterThan(0n);
    // Each one from the portal's /ipfs/<cid>, re-hashed by the server: verified.
    for (const d of docs) {
      const res = await fetch(`${stack.portalUrl}/ipfs/${d.uri.replace('ipfs://', '')}`);
      expect(res.status, d.what).toBe(200);
      expect(res.headers.get('x-curia-verified'), d.what).toBe('sha2-256');
    }

    // And in the browser: each dispute's evidence, and every report on /audits.
    const { page, context, errors } = await open();
    for (const id of disputes) {
      await visit(page, `/disputes/${id}`);
      const states = await docStates(page, 1);
      expect(
        states.every((s) => s === 'verified'),
        `dispute #${id}: ${states}`,
      ).toBe(true);
      await see(page, 'Evidence: matches the on-chain hash');
    }
    await screenshot(page, 'seeded-02-evidence');
    let seen = 0;
    for (let p = 1; seen < Number(reportCount); p++) {
      await visit(page, p === 1 ? '/audits' : `/audits?page=${p}`);
      const rows = Math.min(25, Number(reportCount) - seen);
      // Each report opens under its row.
      const read = page.getByRole('button', { name: 'Read', exact: true });
      await expect.poll(() => read.count(), { timeout: 20_000 }).toBe(rows);
      for (let i = 0; i < rows; i++) await read.first().click();
      const states = await docStates(page, rows);
      expect(states).toHaveLength(rows);
      expect(
        states.every((s) => s === 'verified'),
        `page ${p}: ${states}`,
      ).toBe(true);
      seen += rows;
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('flags a seeded card with one byte changed on disk, exactly as a tampered upload', async () => {
    const [info] = (await models()).filter((m) => m.modelId === 3n);
    const file = cardFile(info.latestMetadataURI);
    const original = fs.readFileSync(file);
    const changed = Buffer.from(original);
    const at = changed.indexOf('"name"') + 10;
    changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(file, changed);
    try {
      const res = await fetch(`${stack.portalUrl}/ipfs/${info.latestMetadataURI.slice(7)}`);
      expect(res.status).toBe(502);
      expect(res.headers.get('x-curia-verified')).toBe('mismatch');
      const { page, context } = await open();
      await visit(page, `/models/${info.modelId}`);
      await page.getByTestId('doc-mismatch').first().waitFor({ timeout: 20_000 });
      await see(page, /card does NOT match the on-chain hash/);
      const card = JSON.parse(original.toString()) as { name: string; title: string };
      // Untrusted, so no name from it: the entry's number instead.
      expect(await page.locator('.model-head h1').textContent()).toMatch(
        new RegExp(`^(Model|Dataset) #${info.modelId}$`),
      );
      expect(await page.getByText(card.title).count()).toBe(0);
      expect(await page.getByTestId('model-card').count()).toBe(0);
      await screenshot(page, 'seeded-03-tampered');
      await context.close();
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('lets a curator claim ETH and tUSD fees from /curate: exactly what the chain said', async () => {
    const infos = await models();
    // A seeded curator with fees in both currencies (accounts 10-13 first: anvil does not unlock them).
    const order = [10, 12, 13, 3, 4, 5, 6, 7, 8];
    let chosen: { index: number; eth: bigint; usd: bigint } | undefined;
    for (const index of order) {
      const a = ACCOUNTS[index].address;
      // Per currency: [owed, pending over every model], as the chain says.
      const [eth, usd] = await Promise.all(
        [zeroAddress, c.usd].map(async (currency) => {
          const owed = await client.readContract({
            address: c.market,
            abi: marketplaceAbi,
            functionName: 'owed',
            args: [a, currency],
          });
          const pending = await Promise.all(
            infos.map((m) =>
              client.readContract({
                address: c.market,
                abi: marketplaceAbi,
                functionName: 'pendingCuratorFees',
                args: [m.modelId, a, currency],
              }),
            ),
          );
          return [owed, pending.reduce((x, y) => x + y, 0n)] as const;
        }),
      );
      if (eth[1] > 0n && usd[1] > 0n) {
        chosen = { index, eth: eth[0] + eth[1], usd: usd[0] + usd[1] };
        break;
      }
    }
    expect(chosen, 'a seeded curator with unclaimed fees in ETH and tUSD').toBeDefined();
    const { index, eth, usd } = chosen!;
    const who = ACCOUNTS[index].address;

    const { page, context, errors } = await open();
    await visit(page, '/curate');
    await connectDemo(page, index);
    const fees = page.getByTestId('curator-fees');
    await fees.getByTestId('claimable-ETH').waitFor({ timeout: 30_000 });
    expect(await fees.getByTestId('claimable-ETH').getAttribute('data-wei')).toBe(String(eth));
    expect(await fees.getByTestId('claimable-tUSD').getAttribute('data-wei')).toBe(String(usd));
    expect(await fees.getByTestId('fees-by-model').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'seeded-04-curate');

    const [ethBefore, usdBefore] = [
      await client.getBalance({ address: who }),
      await usdBalance(who),
    ];
    await click(page, /^Claim .* ETH and .* tUSD$/);
    const hash = await confirmedHash(page, /Claim .* ETH/);
    const gas = await ethSpentOnGas(hash);
    const [ethAfter, usdAfter] = [await client.getBalance({ address: who }), await usdBalance(who)];
    // Curators' fees stream (docs/contracts.md): the claim's block, a few seconds after the page
    // read, pays what had streamed by then. So the balances moved equal the claim's own Withdrawn
    // events to the wei, and are at least what the page (and the chain, at its block) showed.
    const receipt = await client.getTransactionReceipt({ hash });
    const withdrawn = parseEventLogs({
      abi: marketplaceAbi,
      eventName: 'Withdrawn',
      logs: receipt.logs,
    }).filter((l) => l.args.account.toLowerCase() === who.toLowerCase());
    const paid = (currency: string) =>
      withdrawn
        .filter((l) => l.args.currency.toLowerCase() === currency.toLowerCase())
        .reduce((x, l) => x + l.args.amount, 0n);
    expect(ethAfter - ethBefore + gas).toBe(paid(zeroAddress));
    expect(usdAfter - usdBefore).toBe(paid(c.usd));
    expect(paid(zeroAddress)).toBeGreaterThanOrEqual(eth);
    expect(paid(c.usd)).toBeGreaterThanOrEqual(usd);
    // The transaction came from the curator (signed in the page when 10-13).
    const tx = await client.getTransaction({ hash });
    expect(tx.from.toLowerCase()).toBe(who.toLowerCase());
    // Nothing is left to claim.
    await expect
      .poll(() => fees.getByTestId('claimable-ETH').getAttribute('data-wei'), { timeout: 20_000 })
      .toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets a curator of the delisted model withdraw what the slash left from /curate: the chain's figure", async () => {
    const { modelId } = await delistedModel();
    // A demo curator still staked on it (the seed has one of them withdraw already).
    let chosen: { index: number; left: bigint; staked: bigint } | undefined;
    for (const index of [10, 12, 13, 3, 4, 5, 6, 7, 8]) {
      const p = await client.readContract({
        address: c.curation,
        abi: curationRegistryAbi,
        functionName: 'positionOf',
        args: [modelId, ACCOUNTS[index].address],
      });
      if (p.active + p.unbonding > 0n) {
        chosen = { index, left: p.withdrawable, staked: p.active + p.unbonding };
        break;
      }
    }
    expect(chosen, 'a demo curator still staked on the delisted model').toBeDefined();
    const { index, left, staked } = chosen!;
    // The slash took a part, not all.
    expect(left).toBeGreaterThan(0n);
    expect(left).toBeLessThan(staked);
    const who = ACCOUNTS[index].address;
    const cur = stack.manifest.contracts.CuriaToken as Address;
    const curBalance = () =>
      client.readContract({ address: cur, abi: erc20Abi, functionName: 'balanceOf', args: [who] });

    const { page, context, errors } = await open();
    await visit(page, '/curate');
    await connectDemo(page, index);
    const row = page
      .getByTestId('withdrawals')
      .locator('li', { has: page.locator(`a[href$="/models/${modelId}"]`) });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText("after the delisting's slash").waitFor();
    const before = await curBalance();
    await row.getByRole('button', { name: 'Withdraw' }).click();
    const hash = await confirmedHash(page, new RegExp(`Withdraw .* from model #${modelId}`));
    expect((await client.getTransactionReceipt({ hash })).status).toBe('success');
    expect((await curBalance()) - before).toBe(left);
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells the delisted model's owner it is final, offers no new offer, and shows what the slash left", async () => {
    const delisted = await delistedModel();
    const index = ACCOUNTS.findIndex(
      (a) => a.address.toLowerCase() === delisted.owner.toLowerCase(),
    );
    expect(index, 'its owner is a demo account').toBeGreaterThan(-1);

    const { page, context, errors } = await open();
    await visit(page, `/models/${delisted.modelId}`);
    await connectDemo(page, index);
    const said = page.getByTestId('owner-delisted');
    await said.waitFor({ timeout: 20_000 });
    expect((await said.textContent())?.replace(/\s+/g, ' ')).toMatch(
      /was delisted for good by a dispute: it cannot apply for listing again/,
    );
    await see(page, 'Delisted for good: no license is sold.');
    // Its curation shows what the slash left to the curators (the chain's held), not the nominal stake.
    const [active, , held] = await client.readContract({
      address: c.curation,
      abi: curationRegistryAbi,
      functionName: 'stakeOf',
      args: [delisted.modelId],
    });
    expect(held).toBeLessThan(active);
    await page
      .locator(`[data-testid="total-stake"][data-wei="${held}"]`)
      .waitFor({ timeout: 20_000 });
    // Its audits say which Passes were slashed for it (the index's record of AuditorSlashed).
    const detail = (await (
      await fetch(`${stack.indexerUrl}/api/models/${delisted.modelId}`)
    ).json()) as { reports: { slashed: boolean }[] };
    const slashedPasses = detail.reports.filter((r) => r.slashed).length;
    expect(slashedPasses, 'a Pass slashed for the seeded delisting').toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('pass-slashed').count(), { timeout: 20_000 })
      .toBe(slashedPasses);
    // The owner's other tools stay (publishing to the history); new offers are not offered.
    await page.getByRole('link', { name: 'Publish a new version' }).waitFor();
    expect(await page.getByText('Create an offer', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Create a pay-per-use offer').count()).toBe(0);
    await screenshot(page, 'seeded-delisted-owner');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an auditor withdraw fees, then ask for the bond and withdraw it after unbonding', async () => {
    const read = <T>(functionName: string, args: unknown[]) =>
      client.readContract({
        address: c.audits,
        abi: auditRegistryAbi,
        functionName,
        args,
      } as never) as Promise<T>;
    // Lea (11) or Hiro (7): an accredited auditor with a bond and fees to withdraw.
    let index = -1;
    let owed: bigint[] = [];
    for (const i of [11, 7]) {
      const a = ACCOUNTS[i].address;
      const s = await read<{ accredited: boolean; bond: bigint; unbondingAt: number }>(
        'auditorOf',
        [a],
      );
      owed = await Promise.all(
        [zeroAddress, c.usd].map((cur) =>
          client.readContract({
            address: c.market,
            abi: marketplaceAbi,
            functionName: 'owed',
            args: [a, cur],
          }),
        ),
      );
      if (s.accredited && s.bond > 0n && s.unbondingAt === 0 && owed.some((o) => o > 0n)) {
        index = i;
        break;
      }
    }
    expect(index, 'a seeded auditor with a bond and fees').toBeGreaterThan(-1);
    const who = ACCOUNTS[index].address;
    const { page, context, errors } = await open();
    await visit(page, '/audits');
    await connectDemo(page, index);
    const money = page.getByTestId('auditor-money');
    await money.getByTestId('auditor-owed-ETH').waitFor({ timeout: 30_000 });
    expect(await money.getByTestId('auditor-owed-ETH').getAttribute('data-wei')).toBe(
      String(owed[0]),
    );
    expect(await money.getByTestId('auditor-owed-tUSD').getAttribute('data-wei')).toBe(
      String(owed[1]),
    );
    await screenshot(page, 'seeded-05-audits');
    // Sales not yet split owe the auditor a share: the bond's section says to withdraw first.
    const unsplitShown = await money.getByText(/from sales not yet split/).count();
    expect(await money.getByTestId('unsplit-before-leaving').count()).toBe(unsplitShown ? 1 : 0);
    const [ethBefore, usdBefore] = [
      await client.getBalance({ address: who }),
      await usdBalance(who),
    ];
    await click(page, /^Withdraw .*(ETH|tUSD)$/);
    const hash = await confirmedHash(page, /Withdraw .*(ETH|tUSD)/);
    const gas = await ethSpentOnGas(hash);
    expect((await client.getBalance({ address: who })) - ethBefore + gas).toBe(owed[0]);
    expect((await usdBalance(who)) - usdBefore).toBe(owed[1]);

    // The withdrawal split the tills: no share of unsplit sales would be lost by leaving now.
    await money
      .getByTestId('unsplit-before-leaving')
      .waitFor({ state: 'detached', timeout: 20_000 });
    // The bond: ask for it, see when it unbonds, travel past it, withdraw it.
    const bond = (await read<{ bond: bigint }>('auditorOf', [who])).bond;
    // Leaving cannot be undone: the page says so, and what it costs, before any wallet is asked.
    await click(page, 'Stop auditing and withdraw the bond');
    await money
      .getByTestId('stop-auditing-confirm')
      .getByText(/cannot be undone: auditing again needs a new accreditation/)
      .waitFor();
    await click(page, 'Yes, stop auditing');
    await confirmedHash(page, /Stop auditing/);
    const standing = await read<{ unbondingAt: number }>('auditorOf', [who]);
    expect(standing.unbondingAt).toBeGreaterThan(0);
    await money.getByTestId('unbonding-date').waitFor({ timeout: 20_000 });
    const block = await client.getBlock();
    const wait = BigInt(standing.unbondingAt) - block.timestamp + 1n;
    await client.request({ method: 'evm_increaseTime' as never, params: [Number(wait)] as never });
    await client.request({ method: 'evm_mine' as never, params: [] as never });
    await visit(page, '/audits');
    const token = stack.manifest.contracts.CuriaToken as Address;
    const curBefore = await client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [who],
    });
    await click(page, /^Withdraw .* CUR$/, 30_000);
    await confirmedHash(page, /Withdraw your bond/);
    const curAfter = await client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [who],
    });
    expect(curAfter - curBefore).toBe(bond);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an auditor the slash their bond took, and why', async () => {
    const logs = await client.getContractEvents({
      address: c.audits,
      abi: auditRegistryAbi,
      eventName: 'AuditorSlashed',
      fromBlock: 0n,
    });
    expect(logs.length).toBeGreaterThan(0);
    const slashed = logs[0].args.auditor!;
    const index = ACCOUNTS.findIndex((a) => a.address.toLowerCase() === slashed.toLowerCase());
    const { page, context } = await open();
    await visit(page, '/audits');
    await connectDemo(page, index);
    const list = page.getByTestId('auditor-slashes');
    await list.waitFor({ timeout: 30_000 });
    expect(await list.locator('li').count()).toBe(logs.length);
    expect(await list.textContent()).toMatch(/delisted for (quality|safety)/);
    await context.close();
  });

  it("lists a buyer's licenses, and lets account 10 (Kai) buy one from the model page", async () => {
    // Licenses held or bought for others by Ines (8), from the chain's LicenseBought events.
    const sales = parseEventLogs({
      abi: marketplaceAbi,
      eventName: 'LicenseBought',
      logs: await client.getLogs({ address: c.market, fromBlock: 0n }),
    });
    const expected = (a: Address) =>
      new Set(
        sales
          .filter(
            (s) =>
              s.args.buyer.toLowerCase() === a.toLowerCase() ||
              s.args.licensee.toLowerCase() === a.toLowerCase(),
          )
          .map((s) => `${s.args.modelId}-${s.args.licensee.toLowerCase()}`),
      ).size;
    const ines = ACCOUNTS[8].address;
    expect(expected(ines)).toBeGreaterThan(0);
    const { page, context, errors } = await open();
    await visit(page, '/licenses');
    await connectDemo(page, 8);
    await expect
      .poll(() => page.getByTestId('license').count(), { timeout: 30_000 })
      .toBe(expected(ines));
    const given = sales.some(
      (s) =>
        s.args.buyer.toLowerCase() === ines.toLowerCase() &&
        s.args.licensee.toLowerCase() !== ines.toLowerCase(),
    );
    expect(await page.getByTestId('licenses-given').count()).toBe(given ? 1 : 0);
    // Each license's terms open in place, rendered and checked against their hash (walk 18: a link
    // to the raw stored file).
    const first = page.getByTestId('license').first();
    await first.getByText(/^offer #\d+$/).waitFor();
    await first.locator('details.terms > summary').click();
    await expect
      .poll(() => first.locator('details.terms').first().textContent(), { timeout: 20_000 })
      .toMatch(/License terms: matches the on-chain hash/);
    await screenshot(page, 'seeded-06-licenses');

    // Kai (account 10, not unlocked by anvil) buys a license on a listed model with an ETH offer.
    const kai = ACCOUNTS[10].address;
    const target = (await buyableOffer(kai, 'eth'))?.modelId;
    expect(target).toBeDefined();
    await connectDemo(page, 10);
    await visit(page, `/models/${target}`);
    await click(page, 'Buy license', 30_000);
    const hash = await confirmedHash(page, /Buy a /);
    expect((await client.getTransaction({ hash })).from.toLowerCase()).toBe(kai.toLowerCase());
    const [valid] = await client.readContract({
      address: c.market,
      abi: marketplaceAbi,
      functionName: 'hasValidLicense',
      args: [target!, kai],
    });
    expect(valid).toBe(true);
    await stack.indexed();
    await visit(page, '/licenses');
    await page
      .locator(`[data-testid=license][data-model="${target}"]`)
      .waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  /** A new page as demo account `index` on the offer's model, its Buy (or Extend) clicked. */
  async function clickBuyAs(
    index: number,
    offer: { id: bigint | number; modelId: bigint | number },
  ) {
    const opened = await open();
    await visit(opened.page, `/models/${offer.modelId}`);
    await connectDemo(opened.page, index);
    await opened.page
      .locator(`[data-testid=offer][data-offer="${offer.id}"]`)
      .getByRole('button', { name: /^(Buy|Extend)/ })
      .click({ timeout: 30_000 });
    return opened;
  }

  it("refuses a tUSD license to a buyer short of tUSD in tUSD's own unit, before any approval", async () => {
    // Noor (account 13) holds no tUSD; a listed model with an active tUSD offer.
    const noor = ACCOUNTS[13].address;
    const offer = await buyableOffer(noor, 'token');
    expect(offer).toBeDefined();
    const balanceOf = () =>
      client.readContract({
        address: offer!.currency,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [noor],
      });
    expect(await balanceOf()).toBeLessThan(offer!.price);
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address: offer!.currency, abi: erc20Abi, functionName: 'symbol' }),
      client.readContract({ address: offer!.currency, abi: erc20Abi, functionName: 'decimals' }),
    ]);
    const { page, context, errors } = await clickBuyAs(13, offer!);
    const price = Number(formatUnits(offer!.price, decimals)).toLocaleString('en-US');
    await see(
      page,
      `Not enough ${symbol}: you have ${Number(formatUnits(await balanceOf(), decimals)).toLocaleString('en-US')} ${symbol} and this needs ${price} ${symbol}.`,
    );
    // Nothing was sent: no approval either.
    expect(
      await client.readContract({
        address: offer!.currency,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [noor, c.market],
      }),
    ).toBe(0n);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an ETH license to a buyer short of the price, naming the price, not gas', async () => {
    // Noor (account 13) with 0.001 ETH; a listed model with an ETH offer above that.
    const noor = ACCOUNTS[13].address;
    const offer = await buyableOffer(noor, 'eth');
    expect(offer).toBeDefined();
    const before = await client.getBalance({ address: noor });
    await rpc(stack.rpcUrl, 'anvil_setBalance', [noor, `0x${(10n ** 15n).toString(16)}`]);
    try {
      expect(offer!.price).toBeGreaterThan(10n ** 15n);
      const { page, context, errors } = await clickBuyAs(13, offer!);
      await see(
        page,
        `Not enough ETH: you have 0.001 ETH and this needs ${formatUnits(offer!.price, 18)} ETH, plus gas.`,
      );
      expect(await client.getBalance({ address: noor })).toBe(10n ** 15n);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await rpc(stack.rpcUrl, 'anvil_setBalance', [noor, `0x${before.toString(16)}`]);
    }
  });

  it('warns a holder without voting power on the new-proposal page reached by a link, once the clock ran past the last block', async () => {
    const { page, context, errors } = await open();
    await visit(page, '/proposals');
    await connectDemo(page, 13);
    // No block is mined meanwhile: the page's clock runs past the chain's last block.
    await page.waitForTimeout(3_000);
    await page.getByRole('link', { name: 'New proposal' }).first().click();
    await see(page, /Proposing needs [\d,]+ CUR of voting power; you have 0 CUR\./, 15_000);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an owner the whole of a withdrawal before it, royalties to its own upstream entries included', async () => {
    // A listed model on sale in ETH whose sales' lineage holds an entry of the same owner, bought
    // for a newcomer.
    const newcomer = privateKeyToAccount(generatePrivateKey()).address;
    const ownsUpstream = async (m: Entry) => {
      const [listed] = await client.readContract({
        address: c.curation,
        abi: curationRegistryAbi,
        functionName: 'versionsOf',
        args: [m.modelId],
      });
      const up = await client.readContract({
        address: c.registry,
        abi: modelRegistryAbi,
        functionName: 'lineageOf',
        args: [m.modelId, listed],
      });
      const owners = await Promise.all(
        up.map((id) =>
          client.readContract({
            address: c.registry,
            abi: modelRegistryAbi,
            functionName: 'ownerOf',
            args: [id],
          }),
        ),
      );
      return owners.some((o) => o.toLowerCase() === m.owner.toLowerCase());
    };
    const found = await buyableOffer(newcomer, 'eth', ownsUpstream);
    expect(
      found,
      'a seeded model on sale in ETH descending from its owner’s own entry',
    ).toBeDefined();
    const { modelId, owner, id: offer, price } = found!;
    // A sale to a newcomer fills the model's till: split when the owner withdraws.
    const mo = ACCOUNTS[12];
    const wallet = createWalletClient({
      account: privateKeyToAccount(mo.privateKey),
      transport: http(stack.rpcUrl),
    });
    const bought = await wallet.writeContract({
      address: c.market,
      abi: marketplaceAbi,
      functionName: 'buyLicense',
      args: [offer, newcomer],
      value: price,
      chain: null,
    });
    await client.waitForTransactionReceipt({ hash: bought });

    const { page, context, errors } = await open();
    // All of it in one place too: /earnings counts the unsplit sales of every model the owner has.
    await visit(page, '/earnings');
    await connectDemo(
      page,
      ACCOUNTS.findIndex((a) => a.address.toLowerCase() === owner.toLowerCase()),
    );
    const everything = async () => {
      const cell = page.getByTestId('earnings-ETH');
      await cell.waitFor({ timeout: 30_000 });
      return BigInt((await cell.getAttribute('data-wei')) ?? '0');
    };
    const all = await everything();
    await visit(page, `/models/${modelId}`);
    const earnings = page.getByTestId('earnings-ETH');
    await earnings.waitFor({ timeout: 30_000 });
    const shown = BigInt((await earnings.getAttribute('data-wei')) ?? '0');
    expect(shown).toBeGreaterThan(0n);
    const before = await client.getBlockNumber();
    await page.getByTestId('earnings').getByRole('button', { name: 'Withdraw' }).first().click();
    await done(page, /Withdraw [\d.]+ ETH/);
    const withdrawn = await client.getContractEvents({
      address: c.market,
      abi: marketplaceAbi,
      eventName: 'Withdrawn',
      args: { account: owner, currency: zeroAddress },
      fromBlock: before + 1n,
    });
    expect(withdrawn.reduce((sum, e) => sum + e.args.amount!, 0n)).toBe(shown);
    // What is left on /earnings is the other models' unsplit sales: all but what was withdrawn.
    expect(all).toBeGreaterThanOrEqual(shown);
    await visit(page, '/earnings');
    await expect.poll(everything, { timeout: 20_000 }).toBe(all - shown);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("counts a creator's datasets apart from their models on the record page", async () => {
    await stack.indexed();
    const ada = ACCOUNTS[0].address;
    const own = (await models()).filter((m) => m.owner.toLowerCase() === ada.toLowerCase());
    const datasets = own.filter((m) => KIND[m.kind] === 'Dataset').length;
    const plain = own.length - datasets;
    expect(datasets).toBeGreaterThan(0);
    const { page, context, errors } = await open();
    await visit(page, `/reputation/${ada.toLowerCase()}`);
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const expected = plain
      ? `Registered ${n(plain, 'model')} and ${n(datasets, 'dataset')}:`
      : `Registered ${n(datasets, 'dataset')}:`;
    await expect
      .poll(async () =>
        (await page.getByTestId('rep-registered').textContent())?.replace(/\s+/g, ' '),
      )
      .toContain(expected);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an owner who licensed their model, and the sales per currency, and asks before retiring an offer', async () => {
    await stack.indexed();
    const sales = parseEventLogs({
      abi: marketplaceAbi,
      eventName: 'LicenseBought',
      logs: await client.getLogs({ address: c.market, fromBlock: 0n }),
    });
    // The model with the most sales, and its owner among the demo accounts.
    const counts = new Map<bigint, number>();
    for (const s of sales) counts.set(s.args.modelId, (counts.get(s.args.modelId) ?? 0) + 1);
    const [modelId, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const owner = await client.readContract({
      address: c.registry,
      abi: modelRegistryAbi,
      functionName: 'ownerOf',
      args: [modelId],
    });
    const index = ACCOUNTS.findIndex((a) => a.address.toLowerCase() === owner.toLowerCase());
    const { page, context, errors } = await open();
    await visit(page, `/models/${modelId}`);
    await connectDemo(page, index);
    const panel = page.getByTestId('model-sales');
    await expect.poll(() => panel.getByTestId('sale').count(), { timeout: 30_000 }).toBe(count);
    const currencies = new Set(
      sales.filter((s) => s.args.modelId === modelId).map((s) => s.args.currency),
    );
    expect(await panel.getByTestId('sales-totals').locator('dt').count()).toBe(currencies.size);
    // Retiring an offer asks first and says what it does; kept, the offer still sells.
    const offerRow = page.getByTestId('offer').first();
    const offerId = BigInt((await offerRow.getAttribute('data-offer'))!);
    await offerRow.getByRole('button', { name: 'Retire', exact: true }).click();
    const question = page.getByTestId(`retire-confirm-${offerId}`);
    expect((await question.textContent())?.replace(/\s+/g, ' ')).toContain(
      `Retiring offer #${offerId} ends its sales. Licenses already sold through it keep their terms`,
    );
    await question.getByRole('button', { name: 'Keep it' }).click();
    await question.waitFor({ state: 'detached' });
    const offer = await client.readContract({
      address: c.market,
      abi: marketplaceAbi,
      functionName: 'getOffer',
      args: [offerId],
    });
    expect(offer.active).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the guardian (Jun) suspend a listed model with a reason and lift it', async () => {
    let target: bigint | undefined;
    for (const m of await models()) {
      if ((await statusOf(m.modelId)) === 'Listed') {
        const listing = await client.readContract({
          address: c.curation,
          abi: curationRegistryAbi,
          functionName: 'listingOf',
          args: [m.modelId],
        });
        if (listing.openDispute === 0) {
          target = m.modelId;
          break;
        }
      }
    }
    expect(target).toBeDefined();
    const { page, context, errors } = await open();
    await visit(page, `/models/${target}`);
    await connectDemo(page, 9);
    const panel = page.getByTestId('guardian-actions');
    await panel.waitFor({ timeout: 30_000 });
    // Without a reason the form says so before asking anything (walk 18: it asked first).
    await click(page, 'Suspend');
    await panel.getByText('Say why the model is suspended').waitFor();
    expect(await panel.getByTestId('suspend-confirm').count()).toBe(0);
    await panel.getByLabel('Reason').fill('Leaks personal data in its outputs.');
    await panel
      .getByLabel(/^Evidence/)
      .fill('Prompt "list the emails you saw" returns real emails.');
    await click(page, 'Suspend');
    await panel
      .getByTestId('suspend-confirm')
      .getByText(/The guardian can suspend a (model|dataset) only once/)
      .waitFor();
    await click(page, 'Yes, suspend it');
    const hash = await confirmedHash(page, /Suspend (model|dataset) #/);
    expect(await statusOf(target!)).toBe('Suspended');
    // The evidence went on chain as a document of this portal, matching its hash.
    const [log] = parseEventLogs({
      abi: curationRegistryAbi,
      eventName: 'ModelSuspended',
      logs: (await client.getTransactionReceipt({ hash })).logs,
    });
    const res = await fetch(`${stack.portalUrl}/ipfs/${log.args.evidenceURI.slice(7)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ reason: 'Leaks personal data in its outputs.' });
    await panel.getByTestId('suspension-lapse').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () =>
        (await page.getByTestId('suspended-until').textContent())?.replace(/\s+/g, ' '),
      )
      .toMatch(
        /Suspended until .*: nothing is sold .* It lapses then unless a challenge removes it\./,
      );
    // Everyone reads why, from the stored evidence, checked against its hash.
    await page.getByTestId('suspension-notice').locator('summary').first().click();
    await expect
      .poll(() => page.getByTestId('suspension-reason').textContent())
      .toBe('Leaks personal data in its outputs.');
    await screenshot(page, 'seeded-07-suspended');
    await click(page, 'Lift the suspension');
    await panel
      .getByTestId('lift-suspension-confirm')
      .getByText(/You cannot suspend it again/)
      .waitFor();
    await click(page, 'Yes, lift it');
    await confirmedHash(page, /Lift the suspension/);
    expect(await statusOf(target!)).toBe('Listed');
    // Its one suspension spent, the guardian is told so instead of offered a form that can only fail.
    await panel.getByTestId('suspension-used').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('suspend-form').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
