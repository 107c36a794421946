// The ABIs of every Curia contract, from the file `npm run gen` generates out of forge's artifacts
// (web/lib/generated/contracts.ts, gitignored; never hand-copied).
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  modelRegistryAbi,
  testStablecoinAbi,
  timelockControllerAbi,
} from '../web/lib/generated/contracts.ts';

/** Every contract of a deployment manifest, by its manifest name, with its ABI. */
export const CURIA_ABIS = {
  CuriaToken: curiaTokenAbi,
  TimelockController: timelockControllerAbi,
  CuriaGovernor: curiaGovernorAbi,
  ModelRegistry: modelRegistryAbi,
  CurationRegistry: curationRegistryAbi,
  Marketplace: marketplaceAbi,
  AuditRegistry: auditRegistryAbi,
  TestStablecoin: testStablecoinAbi,
} as const;

export type CuriaContractName = keyof typeof CURIA_ABIS;

/** The contracts the indexer requires in the manifest (TestStablecoin is indexed where deployed). */
export const REQUIRED_CONTRACTS = [
  'CuriaToken',
  'TimelockController',
  'CuriaGovernor',
  'ModelRegistry',
  'CurationRegistry',
  'Marketplace',
  'AuditRegistry',
] as const satisfies readonly CuriaContractName[];

/** Names of the events of one contract's ABI. */
export function eventNames(name: CuriaContractName): string[] {
  return (CURIA_ABIS[name] as readonly { type: string; name?: string }[])
    .filter((item) => item.type === 'event' && item.name)
    .map((item) => item.name as string);
}
