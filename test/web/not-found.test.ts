// A page of a model, dispute or proposal that does not exist answers 404 with a sentence
// (web/lib/server/exists.ts decides from the chain; the loads raise SvelteKit's error(404)).
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { existsOnChain, notFoundMessage, type ContractReader } from '../../web/lib/server/exists';

const contracts = {
  ModelRegistry: '0x0000000000000000000000000000000000000001',
  CurationRegistry: '0x0000000000000000000000000000000000000002',
  CuriaGovernor: '0x0000000000000000000000000000000000000003',
} as never;

/** A chain with models 1-32, disputes 1-7 and one proposal (id 42). */
const chain: ContractReader = {
  async readContract({ functionName, args }) {
    const id = args?.[0] as bigint;
    if (functionName === 'exists') return id >= 1n && id <= 32n;
    if (functionName === 'disputeCount') return 7n;
    if (functionName === 'proposalSnapshot') return id === 42n ? 1_700_000_000n : 0n;
    throw new Error(`unexpected ${functionName}`);
  },
};
const down: ContractReader = {
  readContract: () => Promise.reject(new Error('fetch failed')),
};

describe('existsOnChain', () => {
  it('knows models, disputes and proposals the chain has, and not others', async () => {
    expect(await existsOnChain(chain, contracts, 'model', 3n)).toBe(true);
    expect(await existsOnChain(chain, contracts, 'model', 99999n)).toBe(false);
    expect(await existsOnChain(chain, contracts, 'dispute', 7n)).toBe(true);
    expect(await existsOnChain(chain, contracts, 'dispute', 8n)).toBe(false);
    expect(await existsOnChain(chain, contracts, 'dispute', 0n)).toBe(false);
    expect(await existsOnChain(chain, contracts, 'proposal', 42n)).toBe(true);
    expect(await existsOnChain(chain, contracts, 'proposal', 43n)).toBe(false);
  });

  it('does not claim "not found" when the chain does not answer', async () => {
    expect(await existsOnChain(down, contracts, 'model', 99999n)).toBeNull();
  });

  it('says it in a sentence', () => {
    expect(notFoundMessage('model', 99999n)).toBe('There is no model #99999 on this chain.');
    expect(notFoundMessage('proposal', '1234567890123456789')).toBe(
      'There is no proposal 123456789012… on this chain.',
    );
  });
});

vi.mock('../../web/lib/server/exists', async (original) => ({
  ...(await original<typeof import('../../web/lib/server/exists')>()),
  exists: async (kind: string, id: bigint) => (kind === 'model' ? id <= 32n : id === 1n),
}));

/** The HTTP status and message a load raised, or null when it returned. */
async function raised(load: () => unknown): Promise<{ status: number; message: string } | null> {
  try {
    await load();
    return null;
  } catch (err) {
    if (isHttpError(err)) return { status: err.status, message: err.body.message };
    throw err;
  }
}

describe('the pages of unknown ids', () => {
  it('answer 404 with a plain sentence for a model, a dispute and a proposal', async () => {
    const model = (await import('../../web/routes/models/[id]/+page.server')).load;
    const dispute = (await import('../../web/routes/disputes/[id]/+page.server')).load;
    const proposal = (await import('../../web/routes/proposals/[id]/+page.server')).load;
    const event = (id: string) =>
      ({ params: { id }, fetch, depends: () => {}, url: new URL('http://x') }) as never;
    expect(await raised(() => model(event('99999')))).toEqual({
      status: 404,
      message: 'There is no model #99999 on this chain.',
    });
    expect(await raised(() => dispute(event('99999')))).toEqual({
      status: 404,
      message: 'There is no dispute #99999 on this chain.',
    });
    expect((await raised(() => proposal(event('777'))))?.status).toBe(404);
    expect((await raised(() => model(event('abc'))))?.status).toBe(404);
    // One that exists loads.
    expect(await raised(() => model(event('3')))).toBeNull();
  });
});
