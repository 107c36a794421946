// The names of Curia's contracts in a deployment manifest, and the one list of those every
// deployment must have. No imports: the browser, the indexer and a fresh clone load it as it is.

/** Every contract a manifest can name (each with its ABI in contracts.ts). */
export const CONTRACT_NAMES = [
  'CuriaToken',
  'TimelockController',
  'CuriaGovernor',
  'ModelRegistry',
  'CurationRegistry',
  'Marketplace',
  'MeteredLicenses',
  'AuditRegistry',
  'TestStablecoin',
] as const;
export type CuriaContractName = (typeof CONTRACT_NAMES)[number];

/** The contracts every deployment has (Deploy.s.sol); TestStablecoin only on test chains. */
export const REQUIRED_CONTRACTS = CONTRACT_NAMES.filter(
  (name): name is Exclude<CuriaContractName, 'TestStablecoin'> => name !== 'TestStablecoin',
);
export type RequiredContractName = (typeof REQUIRED_CONTRACTS)[number];
