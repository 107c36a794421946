// The one contract table: every Curia contract of a deployment manifest by its manifest name, with
// its ABI from protocol/generated/contracts.ts (written by `npm run gen` from forge's artifacts,
// gitignored; never hand-copied), and typed handles on them. The names, and which ones a
// deployment must have, are in manifest.ts (which loads without the generated ABIs: `npm start`
// reads a manifest before it generates them).
import {
  getContract,
  type Abi,
  type Address,
  type ContractFunctionReturnType,
  type GetContractParameters,
  type PublicClient,
} from 'viem';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  meteredLicensesAbi,
  modelRegistryAbi,
  testStablecoinAbi,
  timelockControllerAbi,
} from './generated/contracts.ts';
import { CONTRACT_NAMES, type CuriaContractName, type RequiredContractName } from './names.ts';

/** Every contract of a deployment manifest, by its manifest name, with its ABI. */
export const CURIA_ABIS = {
  CuriaToken: curiaTokenAbi,
  TimelockController: timelockControllerAbi,
  CuriaGovernor: curiaGovernorAbi,
  ModelRegistry: modelRegistryAbi,
  CurationRegistry: curationRegistryAbi,
  Marketplace: marketplaceAbi,
  MeteredLicenses: meteredLicensesAbi,
  AuditRegistry: auditRegistryAbi,
  TestStablecoin: testStablecoinAbi,
} as const satisfies Record<CuriaContractName, Abi>;

/** The marketplace's fee schedule (`IMarketplace.Fees`) as viem decodes it: basis points by name. */
export type MarketplaceFees = ContractFunctionReturnType<typeof marketplaceAbi, 'view', 'fees'>;

/** The fields of {@link MarketplaceFees} in the order people read them, and how a sentence names them. */
export const MARKETPLACE_FEES = [
  { key: 'protocolFeeBps', label: 'protocol fee' },
  { key: 'curatorShareBps', label: "curators' share" },
  { key: 'auditorShareBps', label: "auditors' share" },
  { key: 'lineageRoyaltyBps', label: 'lineage royalty' },
] as const satisfies readonly { key: keyof MarketplaceFees; label: string }[];

/** How the portal names each contract in a sentence ("Set … on the curation registry"). */
export const CONTRACT_LABELS: Record<CuriaContractName, string> = {
  CuriaToken: 'the CUR token',
  CuriaGovernor: 'the Governor',
  TimelockController: 'the treasury',
  ModelRegistry: 'the model registry',
  CurationRegistry: 'the curation registry',
  Marketplace: 'the marketplace',
  MeteredLicenses: 'the metered licenses',
  AuditRegistry: 'the audit registry',
  TestStablecoin: 'the test stablecoin',
};

/** Every contract's ABI, for decoding anything Curia returns or raises. */
export const ALL_ABIS: readonly Abi[] = Object.values(CURIA_ABIS);

export function isCuriaContractName(name: string): name is CuriaContractName {
  return (CONTRACT_NAMES as readonly string[]).includes(name);
}

/** Names of the events of one contract's ABI. */
export function eventNames(name: CuriaContractName): string[] {
  return (CURIA_ABIS[name] as readonly { type: string; name?: string }[])
    .filter((item) => item.type === 'event' && item.name)
    .map((item) => item.name as string);
}

/** Which contract of a deployment an address is, by name (e.g. a proposal's target). */
export function contractNameOf(
  contracts: Record<string, Address>,
  address: Address,
): CuriaContractName | undefined {
  for (const [name, a] of Object.entries(contracts)) {
    if (a.toLowerCase() === address.toLowerCase() && isCuriaContractName(name)) return name;
  }
  return undefined;
}

/** `{ address, abi }` of every contract of a deployment (wagmi's `readContract` takes these). */
export function contractRefs(
  contracts: Record<RequiredContractName, Address> & Record<string, Address>,
) {
  const ref = <N extends CuriaContractName>(name: N, address: Address) =>
    ({ address, abi: CURIA_ABIS[name] }) as const;
  return {
    token: ref('CuriaToken', contracts.CuriaToken),
    governor: ref('CuriaGovernor', contracts.CuriaGovernor),
    timelock: ref('TimelockController', contracts.TimelockController),
    registry: ref('ModelRegistry', contracts.ModelRegistry),
    curation: ref('CurationRegistry', contracts.CurationRegistry),
    marketplace: ref('Marketplace', contracts.Marketplace),
    metering: ref('MeteredLicenses', contracts.MeteredLicenses),
    audits: ref('AuditRegistry', contracts.AuditRegistry),
    stablecoin: contracts.TestStablecoin
      ? ref('TestStablecoin', contracts.TestStablecoin)
      : undefined,
  } as const;
}

/** viem contract instances (`.read`, `.write`, `.simulate`) on every contract of a deployment. */
/** Any client `getContract` takes: a public or wallet client, or `{ public, wallet }`. */
type ContractClient = GetContractParameters['client'];

export function curiaContracts<C extends ContractClient>(
  contracts: Record<RequiredContractName, Address> & Record<string, Address>,
  client: C,
) {
  const at = <N extends CuriaContractName>(name: N, address: Address) =>
    getContract({ abi: CURIA_ABIS[name], address, client });
  return {
    token: at('CuriaToken', contracts.CuriaToken),
    timelock: at('TimelockController', contracts.TimelockController),
    governor: at('CuriaGovernor', contracts.CuriaGovernor),
    registry: at('ModelRegistry', contracts.ModelRegistry),
    curation: at('CurationRegistry', contracts.CurationRegistry),
    marketplace: at('Marketplace', contracts.Marketplace),
    metering: at('MeteredLicenses', contracts.MeteredLicenses),
    audits: at('AuditRegistry', contracts.AuditRegistry),
    stablecoin: contracts.TestStablecoin
      ? at('TestStablecoin', contracts.TestStablecoin)
      : undefined,
  };
}

/** The contract instances `curiaContracts` makes for a client (default: a public client). */
export type CuriaContracts<C extends ContractClient = PublicClient> = ReturnType<
  typeof curiaContracts<C>
>;
