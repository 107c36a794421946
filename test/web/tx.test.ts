// The write lifecycle (web/lib/tx.svelte.ts) with the wallet and the chain faked: "Stop waiting"
// frees the form, and a stopped write never shows its later progress over a newer one.
import { describe, expect, it, vi } from 'vitest';

const wallet = vi.hoisted(() => ({
  signatures: [] as ((hash: `0x${string}`) => void)[],
  receipts: new Map<string, (status: 'success' | 'reverted') => void>(),
}));

vi.mock('@wagmi/core', () => ({
  estimateGas: vi.fn(async () => 100_000n),
  getBalance: vi.fn(),
  readContracts: vi.fn(),
  signTypedData: vi.fn(),
  simulateContract: vi.fn(async (_config: unknown, request: unknown) => ({ request })),
  // The wallet answers when the test says so.
  writeContract: vi.fn(() => new Promise((resolve) => wallet.signatures.push(resolve))),
  // The chain mines when the test says so.
  waitForTransactionReceipt: vi.fn(
    (_config: unknown, { hash }: { hash: string }) =>
      new Promise((resolve) =>
        wallet.receipts.set(hash, (status) => resolve({ status, transactionHash: hash })),
      ),
  ),
}));

import { writeContract } from '@wagmi/core';
import { gasLimit, STOPPED_PENDING, STOPPED_SIGNING, Transaction } from '../../web/lib/tx.svelte';

const curia = {
  wallet: { current: { status: 'connected', address: `0x${'1'.repeat(40)}` } },
  wrongNetwork: false,
  config: {},
  chain: { id: 31_337, name: 'Local chain' },
  chainState: { refresh: vi.fn(async () => {}) },
};
const queries = { invalidateQueries: vi.fn(async () => {}) };
const request = {
  address: `0x${'2'.repeat(40)}`,
  abi: [{ type: 'function', name: 'f', inputs: [], outputs: [], stateMutability: 'nonpayable' }],
  functionName: 'f',
  args: [],
};
const HASH_A = `0x${'a'.repeat(64)}` as const;
const HASH_B = `0x${'b'.repeat(64)}` as const;

function fresh() {
  wallet.signatures.length = 0;
  wallet.receipts.clear();
  return new Transaction(curia as never, queries as never);
}

describe('Transaction.stopWaiting', () => {
  it('frees a form whose wallet never answers, and a late signature does not cover a newer write', async () => {
    const tx = fresh();
    const late = vi.fn();
    const first = tx.write(request as never, { label: 'First', onConfirmed: late });
    await vi.waitFor(() => expect(tx.current.phase).toBe('signing'));
    expect(tx.busy).toBe(true);
    tx.stopWaiting();
    expect(tx.current).toMatchObject({
      phase: 'rejected',
      label: 'First',
      message: STOPPED_SIGNING,
    });
    expect(tx.busy).toBe(false);

    const second = tx.write(request as never, { label: 'Second' });
    await vi.waitFor(() => expect(wallet.signatures).toHaveLength(2));
    wallet.signatures[1](HASH_B);
    await vi.waitFor(() => expect(wallet.receipts.has(HASH_B)).toBe(true));
    wallet.receipts.get(HASH_B)!('success');
    await second;
    expect(tx.current).toMatchObject({ phase: 'confirmed', label: 'Second', hash: HASH_B });

    // The wallet answers the first request after all: it is mined, the page's reads are
    // refreshed, but the notice stays the second write's and the first form is not cleared.
    wallet.signatures[0](HASH_A);
    await vi.waitFor(() => expect(wallet.receipts.has(HASH_A)).toBe(true));
    const refreshes = queries.invalidateQueries.mock.calls.length;
    wallet.receipts.get(HASH_A)!('success');
    await first;
    expect(tx.current).toMatchObject({ phase: 'confirmed', label: 'Second', hash: HASH_B });
    expect(late).not.toHaveBeenCalled();
    expect(queries.invalidateQueries.mock.calls.length).toBe(refreshes + 1);
  });

  it('stops watching a pending transaction, saying it may still go through', async () => {
    const tx = fresh();
    const write = tx.write(request as never, { label: 'Stake 100 CUR' });
    await vi.waitFor(() => expect(wallet.signatures).toHaveLength(1));
    wallet.signatures[0](HASH_A);
    await vi.waitFor(() => expect(tx.current.phase).toBe('pending'));
    tx.stopWaiting();
    expect(tx.current).toMatchObject({
      phase: 'rejected',
      label: 'Stake 100 CUR',
      hash: HASH_A,
      message: STOPPED_PENDING,
    });
    wallet.receipts.get(HASH_A)!('success');
    await write;
    expect(tx.current.phase).toBe('rejected');
  });

  // Walk 19: a double click sent two transactions; the second's stale nonce was all the notice
  // said of a stake that went through.
  it('sends one transaction for a double click, with room above the gas estimate', async () => {
    const tx = fresh();
    const calls = vi.mocked(writeContract).mock.calls.length;
    const first = tx.write(request as never, { label: 'Stake 1 CUR' });
    const second = await tx.write(request as never, { label: 'Stake 1 CUR' });
    expect(second).toBeUndefined();
    await vi.waitFor(() => expect(wallet.signatures).toHaveLength(1));
    wallet.signatures[0](HASH_A);
    await vi.waitFor(() => expect(wallet.receipts.has(HASH_A)).toBe(true));
    wallet.receipts.get(HASH_A)!('success');
    await first;
    expect(tx.current).toMatchObject({ phase: 'confirmed', label: 'Stake 1 CUR', hash: HASH_A });
    expect(vi.mocked(writeContract).mock.calls.length).toBe(calls + 1);
    // Walk 19: stakes sent at the bare estimate ran out of gas a block later.
    expect(vi.mocked(writeContract).mock.calls.at(-1)![1]).toMatchObject({ gas: 175_000n });
    expect(gasLimit(100_000n)).toBe(175_000n);
  });

  it('does nothing to a write that is not waiting', () => {
    const tx = fresh();
    tx.stopWaiting();
    expect(tx.current).toEqual({ phase: 'idle' });
  });
});
