// Query keys are derived in one place (web/lib/queries/keys.ts): a chain read's key holds the chain
// id, the contract, the function and its arguments, so that a write invalidates every read of its
// chain (and nothing of another chain or of the portal's own services), and the same read made by
// two components shares one cache entry.
import { QueryClient, hashKey } from '@tanstack/query-core';
import { hashFn } from '@wagmi/core/query';
import { describe, expect, it } from 'vitest';
import {
  chainScope,
  contractScope,
  indexKey,
  readKey,
  serviceKey,
  serviceScope,
} from '../../web/lib/queries/keys';

describe('query keys', () => {
  it('derive a chain read from (chain id, contract, function, arguments)', () => {
    expect(readKey(31337, 'CurationRegistry', 'positionOf', [3n, '0xabc'])).toEqual([
      'curia',
      31337,
      'CurationRegistry',
      'positionOf',
      [3n, '0xabc'],
    ]);
    // The same read on another chain, or with other arguments, is another entry.
    const a = hashFn(readKey(1, 'Marketplace', 'isCurrencyAllowed'));
    expect(hashFn(readKey(1, 'Marketplace', 'isCurrencyAllowed'))).toBe(a);
    expect(hashFn(readKey(2, 'Marketplace', 'isCurrencyAllowed'))).not.toBe(a);
    expect(hashFn(readKey(1, 'ModelRegistry', 'getVersions', [1n]))).not.toBe(
      hashFn(readKey(1, 'ModelRegistry', 'getVersions', [2n])),
    );
  });

  it('let a write invalidate every chain and index read of its chain, and nothing else', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn } } });
    const keys = {
      position: readKey(7, 'CurationRegistry', 'positionOf', [1n, '0x01']),
      proposal: readKey(7, 'CuriaGovernor', 'state', [5n]),
      models: indexKey(7, 'models', [{ q: 'whisper' }]),
      otherChain: readKey(8, 'CurationRegistry', 'positionOf', [1n, '0x01']),
      relay: serviceKey('relay', 'status'),
      poll: serviceKey('signals', 'poll', ['p1']),
    };
    for (const key of Object.values(keys)) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: chainScope(7) });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)!.isInvalidated;
    expect(stale(keys.position)).toBe(true);
    expect(stale(keys.proposal)).toBe(true);
    expect(stale(keys.models)).toBe(true);
    expect(stale(keys.otherChain)).toBe(false);
    expect(stale(keys.relay)).toBe(false);
    expect(stale(keys.poll)).toBe(false);

    // A contract's scope is narrower; a service's scope covers its reads only.
    client.clear();
    for (const key of Object.values(keys)) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: contractScope(7, 'CuriaGovernor') });
    expect(stale(keys.proposal)).toBe(true);
    expect(stale(keys.position)).toBe(false);
    await client.invalidateQueries({ queryKey: serviceScope('signals') });
    expect(stale(keys.poll)).toBe(true);
    expect(stale(keys.relay)).toBe(false);
  });

  it('hash bigints (wagmi hashFn), which the default hash refuses', () => {
    const key = readKey(1, 'CuriaGovernor', 'hasVoted', [10n ** 30n, undefined]);
    expect(() => hashKey(key)).toThrow();
    expect(hashFn(key)).toContain('1000000000000000000000000000000');
  });
});
