// Query keys, derived in one place (wagmi's pattern): a chain read is keyed by (chain id, contract,
// function, arguments); a read of the index by (chain id, 'index', resource, arguments); a read of
// the portal's own services (documents, relayer, signals) by (service, function, arguments).
// Nothing else writes a query key, so that a write (lib/tx.svelte.ts) can invalidate exactly what
// it may have changed: `chainScope(chainId)` covers every chain and index read of the chain.

/** The contracts the portal reads, by their manifest names. */
export type ContractName =
  | 'CuriaToken'
  | 'CuriaGovernor'
  | 'TimelockController'
  | 'ModelRegistry'
  | 'CurationRegistry'
  | 'Marketplace'
  | 'MeteredLicenses'
  | 'AuditRegistry'
  /** Reads of an account or a contract's code and balance, not of a Curia contract. */
  | 'account';

export type Service = 'docs' | 'relay' | 'signals' | 'auth';

const ROOT = 'curia';

/** Every chain and index read of one chain (what a write or a new block may change). */
export function chainScope(chainId: number) {
  return [ROOT, chainId] as const;
}

/** Every read of one contract on one chain. */
export function contractScope(chainId: number, contract: ContractName) {
  return [ROOT, chainId, contract] as const;
}

/** A read of `contract.fn(...args)` (or of a view made of it and its companions) on `chainId`. */
export function readKey(
  chainId: number,
  contract: ContractName,
  fn: string,
  args: readonly unknown[] = [],
) {
  return [ROOT, chainId, contract, fn, args] as const;
}

/** Every index read of one chain. */
export function indexScope(chainId: number) {
  return [ROOT, chainId, 'index'] as const;
}

/** A read of the index's `resource` (its client's method) with `args`, for `chainId`. */
export function indexKey(chainId: number, resource: string, args: readonly unknown[] = []) {
  return [ROOT, chainId, 'index', resource, args] as const;
}

/** A read of one of the portal's own services (not the chain, not the index). */
export function serviceKey(service: Service, fn: string, args: readonly unknown[] = []) {
  return [service, fn, args] as const;
}

/** Every read of one of the portal's own services. */
export function serviceScope(service: Service) {
  return [service] as const;
}

/**
 * What the server loads of detail pages declare with depends(): their history from the index is
 * asked again when the index moves (web/lib/follow-index.svelte.ts).
 */
export const INDEX_DEPENDENCY = 'curia:index';
