// The words a user reads in the portal's shell and pages: shortened hashes, dates, the disputed
// model's notice, history sentences, network-switch failures and read failures (never RPC text).
import { describe, expect, it } from 'vitest';
import {
  ContractFunctionExecutionError,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
  UserRejectedRequestError,
  decodeEventLog,
  encodeAbiParameters,
  getAbiItem,
  toEventSelector,
  type Abi,
} from 'viem';
import { marketplaceAbi } from '../../protocol/generated/contracts.ts';
import { licenseTerm, reportToReplace, type ReportRow } from '../../web/lib/market';
import { abbreviateHash, formatDate, percentShares, shortAddress } from '../../web/lib/format';
import * as viemChains from 'viem/chains';
import { KNOWN_CHAINS, networkName } from '../../web/lib/config';
import { RELAY_MESSAGES } from '../../web/lib/errors';
import { disputeNotice } from '../../web/lib/model';
import { isRetryableRpcFailure } from '../../web/lib/wagmi';
import { ProviderNotFoundError } from '@wagmi/core';
import {
  explainReadError,
  explainWalletError,
  looksRaw,
  switchFailure,
} from '../../web/lib/wallet-errors';
import { IndexerError, type HistoryEntry } from '../../protocol/indexer/client.ts';
import { describeEvent, eventWords } from '../../web/routes/reputation/events';

const HASH = '0x20db42d8c46fa44d101b5302351772db4fa80ea99ce754e4ccd81bd23eb27fe8';

describe('abbreviateHash', () => {
  it('keeps the start and the end of a 32-byte hash around an ellipsis', () => {
    expect(abbreviateHash(HASH)).toBe('0x20db42d8…3eb27fe8');
    expect(
      abbreviateHash('bafkreifp25d6sdgmqsj4244yyigtuutsx2q37kankxw62zv7k44ib2x3ba', 8, 6),
    ).toBe('bafkreif…b2x3ba');
  });
  it('returns short values whole, and a dash for none', () => {
    expect(abbreviateHash('0x1234')).toBe('0x1234');
    expect(abbreviateHash('0x' + 'a'.repeat(17))).toBe('0x' + 'a'.repeat(17));
    expect(abbreviateHash(undefined)).toBe('—');
  });
});

describe('formatDate', () => {
  it('gives the UTC day only', () => {
    expect(formatDate(1796199750)).toBe('Dec 2, 2026');
    expect(formatDate(0n)).toBe('Jan 1, 1970');
  });
});

describe('disputeNotice', () => {
  const now = 1_000;
  it('asks for votes only while voting is open', () => {
    expect(
      disputeNotice({ status: 'Listed', disputeState: 'Voting', votingEndsAt: 2_000, now }),
    ).toEqual({ text: 'This {kind} is disputed:', vote: true });
    const ended = disputeNotice({
      status: 'Listed',
      disputeState: 'Voting',
      votingEndsAt: 500,
      now,
    });
    expect(ended.vote).toBe(false);
    expect(ended.text).toMatch(/ended/);
  });
  it('does not ask for votes before voting opens (the snapshot), and says when it does', () => {
    const early = disputeNotice({
      status: 'Listed',
      disputeState: 'Voting',
      votingStartsAt: 1_500,
      votingEndsAt: 2_000,
      now,
    });
    expect(early.vote).toBe(false);
    expect(early.text).toMatch(/^This \{kind\} is challenged; voting on it opens .*1970.*:$/);
    expect(
      disputeNotice({
        status: 'Listed',
        disputeState: 'Voting',
        votingStartsAt: 900,
        votingEndsAt: 2_000,
        now,
      }).vote,
    ).toBe(true);
  });
  it('says a removed model may be appealed, and an appealed one is with the DAO', () => {
    const removed = disputeNotice({ status: 'Removed', now });
    expect(removed.vote).toBe(false);
    expect(removed.text).toMatch(/removed by a vote.*appeal/);
    expect(removed.text).not.toMatch(/and vote|to vote/);
    const appealed = disputeNotice({ status: 'Removed', disputeState: 'Appealed', now });
    expect(appealed).toEqual({
      text: 'The removal of this {kind} is appealed to the DAO:',
      vote: false,
    });
  });
});

describe('history in plain words', () => {
  const me = '0x00000000000000000000000000000000000000b1';
  const market = '0x00000000000000000000000000000000000000c2';
  const usd = '0x00000000000000000000000000000000000000aa';
  const ZERO = '0x0000000000000000000000000000000000000000';
  const entry = (contract: string, name: string, args: Record<string, unknown>): HistoryEntry => ({
    id: '1',
    contract,
    name,
    blockNumber: 1,
    logIndex: 0,
    timestamp: 0,
    txHash: '0x',
    txFrom: me,
    args,
    modelId: (args.modelId as string | undefined) ?? null,
  });
  const contractName = (a: string) => (a === market ? 'Marketplace' : undefined);
  const tUSD = { symbol: 'tUSD', decimals: 6 };
  const names = {
    model: (id: string) => ({ '21': 'Whisperlet-Small' })[id],
    proposal: (id: string) => ({ '777': 'Raise the challenge deposit' })[id],
    currency: (key: string) => (key === usd || key === 'TestStablecoin' ? tUSD : undefined),
  };
  const say = (e: HistoryEntry) => describeEvent(e, me, contractName, names);

  it('reads stablecoin payments like CUR, never "TestStablecoin: Transfer"', () => {
    const paid = say(
      entry('TestStablecoin', 'Transfer', { from: me, to: market, value: '499000000' }),
    );
    expect(paid.text).toBe('Paid 499 tUSD to the marketplace');
    expect(
      say(entry('TestStablecoin', 'Transfer', { from: ZERO, to: me, value: '20000000000' })).text,
    ).toBe('Received 20,000 tUSD (minted)');
    expect(
      say(
        entry('TestStablecoin', 'Approval', {
          owner: me,
          spender: market,
          value: String((1n << 256n) - 1n),
        }),
      ).text,
    ).toBe('Allowed the marketplace to spend the test stablecoin');
  });

  it('spells out a sale split and marketplace earnings with their currency', () => {
    const split = say(
      entry('Marketplace', 'SalesSettled', {
        modelId: '2',
        currency: usd,
        version: 1,
        feeEpoch: 1,
        amount: '999000000',
        split: {
          creator: '949050000',
          royalties: '0',
          curators: '29970000',
          auditors: '0',
          treasury: '19980000',
        },
      }),
    );
    expect(split.text).toBe(
      'Sales of 999 tUSD were shared: 949.05 tUSD to the creator, 29.97 tUSD to curators, 19.98 tUSD to the treasury',
    );
    expect(split.text).not.toMatch(/SalesSettled|Marketplace:/);
    expect(
      say(
        entry('Marketplace', 'Credited', {
          account: me,
          currency: ZERO,
          amount: '17100000000000000',
        }),
      ).text,
    ).toBe('Earned 0.0171 ETH from a sale (to withdraw from the marketplace)');
    expect(
      say(entry('Marketplace', 'Withdrawn', { account: me, currency: usd, amount: '3107022500' }))
        .text,
    ).toBe('Withdrew 3,107.02 tUSD of marketplace earnings');
  });

  it('says who earned from a sale when it was not the account', () => {
    const treasury = '0x00000000000000000000000000000000000000d4';
    const named = (a: string) => (a === treasury ? 'TimelockController' : contractName(a));
    const e = entry('Marketplace', 'Credited', {
      account: treasury,
      currency: usd,
      amount: '19980000',
    });
    expect(describeEvent(e, me, named, names).text).toBe(
      'The treasury earned 19.98 tUSD from the sale',
    );
  });

  it('says whose curation rewards were credited in a transaction the account sent (a settlement)', () => {
    const dev = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
    const credited = entry('CurationRegistry', 'Credited', {
      account: dev,
      amount: '5' + '0'.repeat(17),
    });
    expect(say(credited).text).toBe(
      `${shortAddress(dev)} was credited 0.5 CUR of curation rewards`,
    );
    expect(
      say(entry('CurationRegistry', 'Credited', { account: me, amount: '5' + '0'.repeat(17) }))
        .text,
    ).toBe('Was credited 0.5 CUR of curation rewards');
    expect(
      say(entry('CurationRegistry', 'Claimed', { account: dev, amount: '1' + '0'.repeat(18) }))
        .text,
    ).toBe(`${shortAddress(dev)} claimed 1 CUR of rewards`);
  });

  it('names entries and proposals instead of raw ids', () => {
    const staked = say(
      entry('CurationRegistry', 'Staked', {
        modelId: '21',
        curator: me,
        amount: '10' + '0'.repeat(18),
      }),
    );
    expect(staked.link).toEqual({ kind: 'model', id: '21', label: 'Whisperlet-Small' });
    const vote = say(
      entry('CuriaGovernor', 'VoteCast', {
        voter: me,
        proposalId: '777',
        support: '1',
        weight: '1',
      }),
    );
    expect(vote.link?.label).toBe('Raise the challenge deposit');
    const unknown = say(
      entry('CuriaGovernor', 'VoteCast', {
        voter: me,
        proposalId: '95748126735433180060296415805945848005319466904966462611960062509053752602352',
        support: '0',
        weight: '1',
      }),
    );
    expect(unknown.link?.label).toBe('the proposal');
    expect(JSON.stringify(unknown)).not.toMatch(/957481267…/);
  });

  it('reads a fee change by field name, with what a changed field was', () => {
    // A FeesSet log decoded with the generated ABI and stored as the index stores it (JSON args).
    const fees = (p: number, c: number, a: number, r: number) => ({
      protocolFeeBps: p,
      curatorShareBps: c,
      auditorShareBps: a,
      lineageRoyaltyBps: r,
    });
    const feesSet = (old: ReturnType<typeof fees>, next: ReturnType<typeof fees>) => {
      const event = getAbiItem({ abi: marketplaceAbi, name: 'FeesSet' });
      const { args } = decodeEventLog({
        abi: marketplaceAbi,
        topics: [toEventSelector(event)],
        data: encodeAbiParameters(event.inputs, [old, next]),
      });
      return say(entry('Marketplace', 'FeesSet', JSON.parse(JSON.stringify(args)))).text;
    };
    expect(feesSet(fees(0, 0, 0, 0), fees(500, 6000, 2000, 1000))).toBe(
      "Marketplace fees set: protocol fee 5%, curators' share 60%, auditors' share 20%, lineage royalty 10%",
    );
    expect(feesSet(fees(500, 6000, 2000, 1000), fees(250, 6000, 2500, 1000))).toBe(
      "Marketplace fees set: protocol fee 2.5% (was 5%), curators' share 60%, auditors' share 25% (was 20%), lineage royalty 10%",
    );
  });

  it('turns unknown event names into words', () => {
    expect(eventWords('SaleSplit')).toBe('sale split');
    expect(eventWords('AuditorSlashBpsSet')).toBe('auditor slash bps set');
  });
});

describe('explainWalletError', () => {
  it('says that no browser wallet was found, not that the request failed', () => {
    const e = explainWalletError(new ProviderNotFoundError());
    expect(e.kind).toBe('wallet');
    expect(e.message).toMatch(/^No browser wallet was found/);
    expect(looksRaw(e.message)).toBe(false);
  });
});

describe('switchFailure', () => {
  it('tells an unknown chain (4902) from a cancelled switch', () => {
    expect(switchFailure(Object.assign(new Error('Unrecognized chain ID'), { code: 4902 }))).toBe(
      'unknown-chain',
    );
    // wagmi tried wallet_addEthereumChain itself, the wallet could not: a "rejection" wrapping that.
    const addFailed = new UserRejectedRequestError(
      Object.assign(new Error('the method wallet_addEthereumChain does not exist'), {
        code: -32601,
      }),
    );
    expect(switchFailure(addFailed)).toBe('unknown-chain');
    const cancelled = new UserRejectedRequestError(
      Object.assign(new Error('User rejected the request.'), { code: 4001 }),
    );
    expect(switchFailure(cancelled)).toBe('rejected');
    expect(switchFailure(new Error('boom'))).toBe('other');
  });
});

describe('read failures in plain words', () => {
  const body =
    'HTTP request failed.\n\nURL: http://127.0.0.1:8605\nRequest body: {"method":"eth_call","params":[{"data":"0x' +
    'ab'.repeat(60) +
    '"}]}\n\nDetails: fetch failed\nVersion: viem@2.0.0';
  it('recognises RPC dumps', () => {
    expect(looksRaw(body)).toBe(true);
    expect(looksRaw('The index did not answer.')).toBe(false);
  });
  it('never passes on the RPC text', () => {
    const refused = new HttpRequestError({
      url: 'http://127.0.0.1:8605',
      body: { method: 'eth_call' },
      details: 'fetch failed',
    });
    expect(refused.message).toMatch(/Request body/);
    const words = explainReadError(refused);
    expect(words).toMatch(/not reachable/);
    expect(looksRaw(words)).toBe(false);
    const hung = new TimeoutError({ url: 'http://127.0.0.1:8605', body: { method: 'eth_call' } });
    expect(explainReadError(hung)).toMatch(/took too long/);
    const wrapped = new ContractFunctionExecutionError(hung, {
      abi: [] as Abi,
      functionName: 'x',
      args: [],
    });
    expect(explainReadError(wrapped)).toMatch(/took too long/);
    expect(explainReadError(new IndexerError('The indexer at http://x did not answer', 0))).toMatch(
      /index did not answer/,
    );
    expect(explainReadError(new Error(body))).not.toMatch(/Request body|eth_call|0x/);
  });
  it('retries a refused connection once, never a timeout or a JSON-RPC answer', () => {
    expect(isRetryableRpcFailure(new HttpRequestError({ url: 'u', details: 'fetch failed' }))).toBe(
      true,
    );
    expect(isRetryableRpcFailure(new TimeoutError({ url: 'u', body: {} }))).toBe(false);
    expect(
      isRetryableRpcFailure(
        new RpcRequestError({
          url: 'u',
          body: {},
          error: { code: 3, message: 'execution reverted' },
        }),
      ),
    ).toBe(false);
  });
});

describe('networkName', () => {
  it("names a network as viem does, never 'chain 1' where a name is known", () => {
    expect(networkName(1)).toBe('Ethereum');
    expect(networkName(11155111)).toBe('Sepolia');
    expect(networkName(8453n)).toBe('Base');
    expect(networkName(31337)).toBe('Local chain (31337)');
    // A chain run with demo accounts is a local one too; a network viem does not name keeps its id.
    expect(networkName(1337, true)).toBe('Local chain (1337)');
    expect(networkName(987654)).toBe('chain 987654');
  });

  it("keeps viem's name and id for every network it knows", () => {
    const byId = new Map<number, string>(Object.values(viemChains).map((c) => [c.id, c.name]));
    expect(KNOWN_CHAINS.size).toBeGreaterThan(10);
    for (const [id, name] of KNOWN_CHAINS) expect([id, byId.get(id)]).toEqual([id, name]);
  });

  it('says which networks a relayed message and the portal are on by name', () => {
    const text = RELAY_MESSAGES['wrong-chain']({ what: 'vote', signedChainId: 1, chainId: 31337 });
    expect(text).toBe(
      'This vote was signed for Ethereum, but this portal relays on Local chain (31337). Switch network and sign again.',
    );
    expect(text).not.toMatch(/chain 1\b/);
  });
});

describe('licenseTerm', () => {
  it('reads as an adjective before "license"', () => {
    expect(licenseTerm(30 * 86400)).toBe('30-day');
    expect(licenseTerm(86400 + 12 * 3600)).toBe('1-day 12-hour');
    expect(licenseTerm(0)).toBe('perpetual');
  });
});

describe('reportToReplace', () => {
  const A = '0x00000000000000000000000000000000000000aa';
  const B = '0x00000000000000000000000000000000000000bb';
  const report = (id: bigint, auditor: string, version: number, replacedBy = 0n) =>
    ({ id, auditor, version, replacedBy }) as unknown as ReportRow;

  it("is the auditor's latest report on that version not yet replaced", () => {
    const reports = [
      report(1n, A, 1, 3n),
      report(2n, B, 1),
      report(3n, A, 1),
      report(4n, A, 2),
      report(5n, A.toUpperCase().replace('0X', '0x'), 1),
    ];
    expect(reportToReplace(reports, A, 1)?.id).toBe(5n);
    expect(reportToReplace(reports, A, 2)?.id).toBe(4n);
    expect(reportToReplace(reports, B, 2)).toBeUndefined();
    expect(reportToReplace([report(1n, A, 1, 2n)], A, 1)).toBeUndefined();
  });
});

describe('percentShares', () => {
  it('rounds shares to one decimal that add up to exactly 100', () => {
    const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 10) / 10;
    expect(percentShares([663n, 337n])).toEqual([66.3, 33.7]);
    const three = percentShares([558n, 227n, 216n]);
    expect(sum(three)).toBe(100);
    expect(percentShares([1n, 1n, 1n])).toEqual([33.4, 33.3, 33.3]);
    expect(percentShares([0n, 0n])).toEqual([0, 0]);
    expect(percentShares([5n, 0n])).toEqual([100, 0]);
  });
});
