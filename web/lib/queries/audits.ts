// Audit registry reads: a model's reports, an auditor's standing, the bond's unbonding period, and
// whether an entry id typed in the audit form exists.
import { readContract, readContracts } from '@wagmi/core';
import type { Address } from 'viem';
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { fetchAuditor, fetchReports, marketContracts } from '../market';
import { readKey } from './keys';

const AUDITS = 'AuditRegistry';

/** Every report on every version of a model. */
export function reportsQuery(curia: Curia, modelId: bigint, versions: number) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, AUDITS, 'reportsOf', [modelId, versions]),
    queryFn: () => fetchReports(curia.config, mc!, modelId, versions),
    enabled: !!mc,
  };
}

/** An account's standing as an auditor. */
export function auditorQuery(curia: Curia, account: Address | undefined) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, AUDITS, 'auditorOf', [account]),
    queryFn: () => fetchAuditor(curia.config, mc!, account!),
    enabled: !!mc && !!account,
  };
}

export function auditUnbondingPeriodQuery(curia: Curia) {
  const mc = marketContracts(curia.manifest);
  return {
    queryKey: readKey(curia.chain.id, AUDITS, 'unbondingPeriod'),
    queryFn: () => readContract(curia.config, { ...mc!.audits, functionName: 'unbondingPeriod' }),
    enabled: !!mc,
    staleTime: Infinity,
  };
}

/** Whether an entry exists and how many versions it has (the audit form's target). */
export function auditTargetQuery(curia: Curia, modelId: bigint | null) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, 'ModelRegistry', 'versionCount', [modelId]),
    queryFn: async () => {
      const [exists, count] = await readContracts(curia.config, {
        allowFailure: true,
        contracts: [
          { ...c!.registry, functionName: 'exists', args: [modelId!] },
          { ...c!.registry, functionName: 'versionCount', args: [modelId!] },
        ],
      });
      // A read the chain did not answer is an error, not "there is no model #…".
      if (exists.status === 'failure') throw exists.error;
      if (exists.result && count.status === 'failure') throw count.error;
      return { exists: exists.result === true, versions: Number(count.result ?? 0) };
    },
    enabled: !!c && modelId !== null && modelId > 0n,
  };
}

/** The content hash of an entry's version (what an audit report binds to). */
export function contentHashQuery(curia: Curia, modelId: bigint, version: number) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, 'ModelRegistry', 'contentHashOf', [modelId, version]),
    queryFn: () =>
      readContract(curia.config, {
        ...c!.registry,
        functionName: 'contentHashOf',
        args: [modelId, version],
      }),
    enabled: !!c,
    staleTime: Infinity,
  };
}
