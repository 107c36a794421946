// The portal asks the index's progress again until it has processed the chain's latest block, not
// only when a new block comes: on a quiet chain none comes, and the delegates list stayed without
// the user's delegation (walk 17). Fake timers and a fake index client.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IndexerClient } from '../../protocol/indexer/client';
import type { IndexHead } from '../../protocol/indexer/types';
import { IndexState } from '../../web/lib/curia.svelte';

const head = (block: number | null): IndexHead =>
  ({ chainId: 31337, block, timestamp: 0, chainBlock: 10, lagBlocks: 0, ready: true }) as IndexHead;

function fakeIndex(blocks: (number | null)[]) {
  const asked = { count: 0 };
  const client = {
    head: vi.fn(async () => {
      asked.count++;
      const block = blocks.shift();
      if (block === undefined) throw new Error('not answering');
      return head(block);
    }),
  } as unknown as IndexerClient;
  return { state: new IndexState(client), asked };
}

afterEach(() => vi.useRealTimers());

describe('IndexState.followChain', () => {
  it("asks again while behind the chain's latest block, and stops once caught up", async () => {
    vi.useFakeTimers();
    const { state, asked } = fakeIndex([9, 9, 10]);
    await state.refresh();
    expect(state.current.head?.block).toBe(9);
    const stop = state.followChain(() => 10n, 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(asked.count).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(state.current.head?.block).toBe(10);
    await vi.advanceTimersByTimeAsync(500);
    expect(asked.count).toBe(3);
    stop();
  });

  it('does not ask while the chain head is unknown, nor an index that stopped answering', async () => {
    vi.useFakeTimers();
    const { state, asked } = fakeIndex([9]);
    await state.refresh();
    const chain: { block?: bigint } = {};
    const stop = state.followChain(() => chain.block, 100);
    await vi.advanceTimersByTimeAsync(300);
    expect(asked.count).toBe(1);
    // Behind now, but the next answer fails: unreachable, left to the slower retry.
    chain.block = 10n;
    await vi.advanceTimersByTimeAsync(100);
    expect(asked.count).toBe(2);
    expect(state.current.reachable).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(asked.count).toBe(2);
    stop();
    // Stopped: never asked again.
    state.current = { ...state.current, reachable: true };
    await vi.advanceTimersByTimeAsync(500);
    expect(asked.count).toBe(2);
  });
});
