// The portal's relayer below HTTP: a real anvil with Curia deployed, votes and delegations signed
// with the accounts' keys as a wallet would, checked and sent by the relay service with its own key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWalletClient, http, type Address } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundRelayer, RELAYER } from '../scripts/lib/accounts.ts';
import { rpc } from '../scripts/lib/rpc.ts';
import type { Anvil } from '../scripts/lib/anvil.ts';
import type { Manifest } from '../protocol/manifest.ts';
import { ROOT } from '../protocol/paths.ts';
import { curiaContracts, type CuriaContracts } from '../web/lib/contracts.ts';
import {
  GOVERNOR_EIP712,
  TOKEN_EIP712,
  relayTypedData,
  type PrepareInput,
  type PrepareRequest,
  type Prepared,
  type RelayMessage,
} from '../web/lib/relay/messages.ts';
import { RateLimiter } from '../web/lib/server/relay/limiter.ts';
import {
  RELAY_MAX_GAS,
  RELAY_MAX_QUEUE,
  RelayService,
  type RelayWallet,
} from '../web/lib/server/relay/service.ts';
import { signalsClient } from '../web/lib/server/signals/chain.ts';
import { activeProposal, delegateAll, openDispute } from './e2e/lib/votes.ts';
import { createWorld, type World } from './e2e/lib/world.ts';
import { loadChain } from './lib/chain.ts';

let tmp: string;
let anvil: Anvil;
let chainId: number;
let manifest: Manifest;
let world: World;
let c: CuriaContracts;
let relay: RelayService;
let relayerWallet: RelayWallet;
let proposalId: bigint;
let disputeId: bigint;
let keys: PrivateKeyAccount[];

function service(opts: { wallet?: RelayWallet; limiter?: RateLimiter } = {}) {
  return new RelayService({
    chainId,
    contracts: c,
    client: signalsClient(chainId, anvil.url),
    wallet: opts.wallet,
    limiter: opts.limiter ?? new RateLimiter({ count: 100, windowMs: 3_600_000 }),
  });
}

/** What the browser does: the server prepares, the wallet signs the typed data. */
async function signed(s: RelayService, who: number, input: PrepareRequest) {
  const prepared = await s.prepare({ ...input, voter: keys[who].address } as PrepareInput);
  expect(prepared.status).toBe(200);
  const { message } = prepared.body as Prepared;
  return signMessage(who, message);
}

async function signMessage(who: number, message: RelayMessage, onChain = chainId) {
  const signature = await keys[who].signTypedData(relayTypedData(c, onChain, message) as never);
  return { chainId: onChain, message, signature };
}

async function mined(answer: Awaited<ReturnType<RelayService['relay']>>) {
  expect(answer.body).toMatchObject({ ok: true });
  expect(answer.status).toBe(200);
  const { hash } = answer.body as { hash: `0x${string}` };
  const receipt = await world.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  expect(receipt.from.toLowerCase()).toBe(RELAYER.address.toLowerCase());
  return receipt;
}

const balance = (address: Address) => world.publicClient.getBalance({ address });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'curia-relay-'));
  // The deployed chain the tests share (test/lib/chain.ts), in an anvil of this file's own.
  ({ anvil, chainId, manifest } = await loadChain('deployed', tmp));
  c = curiaContracts(manifest as never);
  world = createWorld(anvil.url, chainId, manifest, path.join(tmp, 'docs'));
  keys = world.accounts.map((a) => privateKeyToAccount(a.privateKey));
  await fundRelayer(anvil.url);
  relayerWallet = createWalletClient({
    account: privateKeyToAccount(RELAYER.privateKey),
    chain: world.chain,
    transport: http(anvil.url),
  });
  relay = service({ wallet: relayerWallet });
  // 1-5 delegate to themselves; 6-9 hold CUR without voting power.
  await delegateAll(world, [1, 2, 3, 4, 5]);
  proposalId = await activeProposal(world, 1, 'Relay test proposal');
  ({ disputeId } = await openDispute(world, 2, 5, 'Disputed model'));
});

afterAll(async () => {
  await anvil?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  for (const dir of ['broadcast', 'cache']) {
    fs.rmSync(path.join(ROOT, dir, 'Deploy.s.sol', String(chainId)), {
      recursive: true,
      force: true,
    });
  }
});

describe('relayer', () => {
  it('signs with the domains the contracts declare (ERC-5267)', async () => {
    for (const [contract, expected] of [
      [c.governor, GOVERNOR_EIP712],
      [c.token, TOKEN_EIP712],
      [c.curation, { name: 'Curia Curation', version: '1' }],
    ] as const) {
      const [, name, version, onChain, verifyingContract] = await world.publicClient.readContract({
        address: contract.address,
        abi: c.token.abi,
        functionName: 'eip712Domain',
      });
      expect({ name, version, chainId: Number(onChain), verifyingContract }).toEqual({
        ...expected,
        chainId,
        verifyingContract: contract.address,
      });
    }
  });

  it('relays a Governor vote: counted on chain, the voter pays no gas', async () => {
    const voter = keys[3].address;
    const before = await balance(voter);
    const relayerBefore = await balance(RELAYER.address);
    const request = await signed(relay, 3, {
      kind: 'vote',
      proposalId: proposalId.toString(),
      support: 1,
      reason: 'Signed, not sent',
    });
    await mined(await relay.relay(request));
    const weight = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getVotes',
      args: [voter],
    });
    const [against, forVotes] = await world.publicClient.readContract({
      ...world.governor,
      functionName: 'proposalVotes',
      args: [proposalId],
    });
    expect(weight).toBeGreaterThan(0n);
    expect(forVotes).toBe(weight);
    expect(against).toBe(0n);
    expect(
      await world.publicClient.readContract({
        ...world.governor,
        functionName: 'hasVoted',
        args: [proposalId, voter],
      }),
    ).toBe(true);
    expect(await balance(voter)).toBe(before);
    expect(await balance(RELAYER.address)).toBeLessThan(relayerBefore);

    // The same signature again: its nonce is used.
    const again = await relay.relay(request);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, code: 'stale-nonce' });
    expect((again.body as { reason: string }).reason).toMatch(/stale/);
  });

  it('relays a dispute vote: counted on chain, the voter pays no gas', async () => {
    const voter = keys[4].address;
    const before = await balance(voter);
    const request = await signed(relay, 4, {
      kind: 'dispute-vote',
      disputeId: disputeId.toString(),
      support: 1,
      reason: 'Remove it',
    });
    await mined(await relay.relay(request));
    const d = await world.publicClient.readContract({
      ...world.curation,
      functionName: 'disputeOf',
      args: [disputeId],
    });
    const weight = await world.publicClient.readContract({
      ...world.token,
      functionName: 'getPastVotes',
      args: [voter, BigInt(d.snapshot)],
    });
    expect(weight).toBeGreaterThan(0n);
    expect(d.removeVotes).toBe(weight);
    expect(await balance(voter)).toBe(before);
  });

  it('relays a delegation by signature', async () => {
    const before = await balance(keys[6].address);
    const request = await signed(relay, 6, { kind: 'delegate', delegatee: keys[3].address });
    await mined(await relay.relay(request));
    expect(
      await world.publicClient.readContract({
        ...world.token,
        functionName: 'delegates',
        args: [keys[6].address],
      }),
    ).toBe(keys[3].address);
    expect(await balance(keys[6].address)).toBe(before);
  });

  it('refuses a signature with a stale nonce', async () => {
    // Account 2 signs a vote with nonce 0, then uses that nonce by voting on the dispute itself.
    const stale = await signed(relay, 2, {
      kind: 'dispute-vote',
      disputeId: disputeId.toString(),
      support: 0,
      reason: '',
    });
    const fresh = await signed(relay, 2, {
      kind: 'dispute-vote',
      disputeId: disputeId.toString(),
      support: 0,
      reason: 'keep',
    });
    await mined(await relay.relay(fresh));
    const answer = await relay.relay(stale);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ ok: false, code: 'stale-nonce' });
    // A nonce ahead of the account's is not valid yet.
    const ahead = await signMessage(1, {
      kind: 'vote',
      voter: keys[1].address,
      proposalId: proposalId.toString(),
      support: 1,
      reason: '',
      nonce: '7',
    });
    expect((await relay.relay(ahead)).body).toMatchObject({ ok: false, code: 'future-nonce' });
  });

  it('refuses an expired delegation', async () => {
    const request = await signed(relay, 7, { kind: 'delegate', delegatee: keys[7].address });
    await world.increaseTime(3_600 + 5);
    const answer = await relay.relay(request);
    expect(answer.status).toBe(410);
    expect(answer.body).toMatchObject({ ok: false, code: 'expired' });
    expect((answer.body as { reason: string }).reason).toMatch(/expired/);
    expect(
      await world.publicClient.readContract({
        ...world.token,
        functionName: 'delegates',
        args: [keys[7].address],
      }),
    ).toBe('0x0000000000000000000000000000000000000000');
  });

  it('refuses a signature for another chain, a forged one and a malformed request', async () => {
    const prepared = (
      await relay.prepare({
        kind: 'vote',
        voter: keys[5].address,
        proposalId: proposalId.toString(),
        support: 0,
      })
    ).body as Prepared;
    const otherChain = await signMessage(5, prepared.message, chainId + 1);
    const wrong = await relay.relay(otherChain);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ ok: false, code: 'wrong-chain' });
    // Signed on the right chain's domain but claimed for another: the signature does not match.
    const relabelled = { ...(await signMessage(5, prepared.message, chainId + 1)), chainId };
    const forged = await relay.relay(relabelled);
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ ok: false, code: 'bad-signature' });
    // Account 8 signs a vote in account 5's name.
    const impostor = await signMessage(8, prepared.message);
    expect((await relay.relay(impostor)).body).toMatchObject({ code: 'bad-signature' });
    const malformed = await relay.relay({ chainId, message: { kind: 'vote' }, signature: '0x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ ok: false, code: 'malformed' });
    // A delegation to the zero address throws the votes away: refused before and after signing.
    const zero = '0x0000000000000000000000000000000000000000';
    const toNobody = await relay.prepare({
      kind: 'delegate',
      voter: keys[5].address,
      delegatee: zero,
    });
    expect(toNobody.status).toBe(422);
    expect(toNobody.body).toMatchObject({ ok: false, code: 'lost-votes' });
    const signedToNobody = await signMessage(5, {
      kind: 'delegate',
      voter: keys[5].address,
      delegatee: zero,
      nonce: '0',
      expiry: String(2n ** 40n),
    });
    expect((await relay.relay(signedToNobody)).body).toMatchObject({
      ok: false,
      code: 'lost-votes',
    });
  });

  it('refuses a voter without weight', async () => {
    // Account 9 holds CUR but never delegated.
    const vote = await signed(relay, 9, {
      kind: 'vote',
      proposalId: proposalId.toString(),
      support: 1,
    });
    const answer = await relay.relay(vote);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ ok: false, code: 'no-weight' });
    const disputeVote = await signed(relay, 9, {
      kind: 'dispute-vote',
      disputeId: disputeId.toString(),
      support: 1,
    });
    expect((await relay.relay(disputeVote)).body).toMatchObject({ code: 'no-weight' });
    // An account with no CUR has nothing to delegate.
    const empty = privateKeyToAccount(`0x${'42'.repeat(32)}`);
    const message: RelayMessage = {
      kind: 'delegate',
      voter: empty.address,
      delegatee: empty.address,
      nonce: '0',
      expiry: String(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400),
    };
    const signature = await empty.signTypedData(relayTypedData(c, chainId, message) as never);
    expect((await relay.relay({ chainId, message, signature })).body).toMatchObject({
      code: 'no-weight',
    });
  });

  it('refuses everything, in plain words, when no relayer key is set', async () => {
    const off = service();
    expect(off.status()).toMatchObject({ enabled: false });
    const prepared = await off.prepare({
      kind: 'vote',
      voter: keys[5].address,
      proposalId: proposalId.toString(),
      support: 1,
    });
    expect(prepared.status).toBe(503);
    expect(prepared.body).toMatchObject({ ok: false, code: 'off' });
    const request = await signed(relay, 5, {
      kind: 'vote',
      proposalId: proposalId.toString(),
      support: 1,
    });
    const answer = await off.relay(request);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ ok: false, code: 'off' });
    expect((answer.body as { reason: string }).reason).toMatch(/CURIA_RELAYER_KEY/);
  });

  it('rate-limits each voter', async () => {
    let now = 1_000_000;
    const limited = service({
      wallet: relayerWallet,
      limiter: new RateLimiter({ count: 1, windowMs: 60_000 }, () => now),
    });
    expect(limited.status()).toMatchObject({
      enabled: true,
      relayer: RELAYER.address,
      limit: { count: 1, windowSeconds: 60 },
    });
    await mined(
      await limited.relay(
        await signed(limited, 5, {
          kind: 'vote',
          proposalId: proposalId.toString(),
          support: 1,
        }),
      ),
    );
    const second = await signed(limited, 5, { kind: 'delegate', delegatee: keys[4].address });
    const refused = await limited.relay(second);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ ok: false, code: 'rate-limited', retryAfter: 60 });
    // Another voter is not held back by account 5's use.
    await mined(
      await limited.relay(
        await signed(limited, 8, { kind: 'delegate', delegatee: keys[8].address }),
      ),
    );
    // Once the window has passed, the same signature goes through.
    now += 60_001;
    await mined(await limited.relay(second));
  });
  // Review of session 19: a voter may be a contract (EIP-1271), whose signature check burns whatever gas it likes;
  // the relayer checked only its weight and sent with no gas limit, paying ~20M gas a vote.
  it('refuses a contract voter whose signature check would burn more than the relayer pays', async () => {
    // Runtime code: count down 100,000 times, then return isValidSignature's magic value for any input.
    const burner = '0x00000000000000000000000000000000000b0b1e' as Address;
    await rpc(anvil.url, 'anvil_setCode', [
      burner,
      '0x620186a05b600190038060045750631626ba7e60e01b60005260206000f3',
    ]);
    // Account 9 lends it weight before a new proposal's snapshot.
    await world.send(
      world.wallets[9].writeContract({ ...world.token, functionName: 'delegate', args: [burner] }),
    );
    const proposal = await activeProposal(world, 2, 'A proposal a contract votes on');
    const relayerBefore = await balance(RELAYER.address);
    const message: RelayMessage = {
      kind: 'vote',
      voter: burner,
      proposalId: proposal.toString(),
      support: 1,
      reason: '',
      nonce: '0',
    };
    const answer = await relay.relay({ chainId, message, signature: `0x${'11'.repeat(65)}` });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, code: 'too-costly' });
    expect((answer.body as { reason: string }).reason).toMatch(
      new RegExp(`more than the ${RELAY_MAX_GAS.toLocaleString('en-US')}`),
    );
    expect(await balance(RELAYER.address)).toBe(relayerBefore);
  });

  // Review of session 19: a delegation needed 1 wei, and an account could flip between two delegatees ten times an
  // hour for ever: sybils of 1 wei each drained the relayer.
  it('refuses a delegation of less than 1 CUR, and one that changes nothing', async () => {
    const dust = privateKeyToAccount(`0x${'43'.repeat(32)}`);
    await world.send(
      world.wallets[9].writeContract({
        ...world.token,
        functionName: 'transfer',
        args: [dust.address, 1n],
      }),
    );
    const message: RelayMessage = {
      kind: 'delegate',
      voter: dust.address,
      delegatee: keys[3].address,
      nonce: '0',
      expiry: String(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400),
    };
    const signature = await dust.signTypedData(relayTypedData(c, chainId, message) as never);
    const small = await relay.relay({ chainId, message, signature });
    expect(small.status).toBe(403);
    expect(small.body).toMatchObject({ ok: false, code: 'no-weight' });
    expect((small.body as { reason: string }).reason).toMatch(/at least 1 CUR/);
    // Account 6 delegated to account 3 above: the same delegation again is refused.
    const again = await relay.relay(
      await signed(relay, 6, { kind: 'delegate', delegatee: keys[3].address }),
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, code: 'no-change' });
  });

  // Review of session 19: requests wait for the relayer one at a time, each costing RPC reads, with no bound: junk
  // requests held an honest one back for seconds.
  it('answers busy at once beyond the requests it lets wait', async () => {
    const junk = { chainId, message: { kind: 'vote' }, signature: '0x' };
    const answers = await Promise.all(
      Array.from({ length: RELAY_MAX_QUEUE + 3 }, () => relay.relay(junk)),
    );
    const busy = answers.filter((a) => (a.body as { code?: string }).code === 'busy');
    expect(busy.length).toBe(3);
    expect(busy[0].status).toBe(503);
    expect(answers.filter((a) => (a.body as { code?: string }).code === 'malformed').length).toBe(
      RELAY_MAX_QUEUE,
    );
  });
});
