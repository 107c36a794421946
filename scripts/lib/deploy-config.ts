// Reads a deployment config (the TOML file scripts/Deploy.s.sol reads through CURIA_CONFIG) the way
// the script does, so that the deploy command can check it before spending gas and compare the
// deployed contracts with it afterwards. Bounds are Deploy.s.sol's (checkConfig): not repeated here.
import fs from 'node:fs';
import { parse } from 'smol-toml';
import { getAddress, isAddress, type Address } from 'viem';
import { CURATION_PARAMETERS, parameterKey, PARAMETERS } from '../../protocol/enums.ts';
import { displayPath } from '../../protocol/paths.ts';

const WEI = 10n ** 18n;

export interface DeployConfig {
  file: string;
  /** Everything in wei, seconds or basis points, as on chain. */
  treasury: bigint;
  recipients: Address[];
  amounts: bigint[];
  timelockDelay: bigint;
  governor: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    lateQuorumExtension: bigint;
    proposalGuardian: Address;
  };
  curationGuardian: Address;
  curation: bigint[];
  marketplace: {
    protocolFeeBps: bigint;
    curatorShareBps: bigint;
    auditorShareBps: bigint;
    lineageRoyaltyBps: bigint;
    currencies: Address[];
    testStablecoin: boolean;
  };
  audits: { minimumBond: bigint; auditorSlashBps: bigint; unbondingPeriod: bigint };
}

export class DeployConfigError extends Error {}

type Table = Record<string, unknown>;

/** Parses and type-checks a deployment config; throws a one-line {@link DeployConfigError}. */
export function readDeployConfig(file: string): DeployConfig {
  const shown = displayPath(file);
  if (!fs.existsSync(file)) throw new DeployConfigError(`config file ${shown} does not exist`);
  let toml: Table;
  try {
    toml = parse(fs.readFileSync(file, 'utf8')) as Table;
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    throw new DeployConfigError(`config ${shown} is not valid TOML: ${first}`);
  }
  const get = (key: string): unknown => {
    let v: unknown = toml;
    for (const part of key.split('.'))
      v = v && typeof v === 'object' ? (v as Table)[part] : undefined;
    if (v === undefined) throw new DeployConfigError(`config ${shown} has no ${key}`);
    return v;
  };
  const uint = (key: string, scale = 1n): bigint => {
    const v = get(key);
    if (
      (typeof v !== 'number' && typeof v !== 'bigint') ||
      !Number.isInteger(Number(v)) ||
      Number(v) < 0
    ) {
      throw new DeployConfigError(
        `config ${shown}: ${key} must be a non-negative integer, got ${JSON.stringify(String(v))}`,
      );
    }
    return BigInt(v) * scale;
  };
  const address = (key: string, v: unknown = get(key)): Address => {
    if (typeof v !== 'string' || !isAddress(v, { strict: false })) {
      throw new DeployConfigError(
        `config ${shown}: ${key} must be an address, got ${JSON.stringify(v)}`,
      );
    }
    return getAddress(v);
  };
  const list = (key: string): unknown[] => {
    const v = get(key);
    if (!Array.isArray(v)) throw new DeployConfigError(`config ${shown}: ${key} must be an array`);
    return v;
  };
  const bool = (key: string): boolean => {
    const v = get(key);
    if (typeof v !== 'boolean')
      throw new DeployConfigError(`config ${shown}: ${key} must be true or false`);
    return v;
  };

  return {
    file,
    treasury: uint('token.treasury', WEI),
    recipients: list('token.recipients').map((v, i) => address(`token.recipients[${i}]`, v)),
    amounts: list('token.amounts').map((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new DeployConfigError(
          `config ${shown}: token.amounts[${i}] must be a non-negative integer`,
        );
      }
      return BigInt(v) * WEI;
    }),
    timelockDelay: uint('timelock.min_delay'),
    governor: {
      votingDelay: uint('governor.voting_delay'),
      votingPeriod: uint('governor.voting_period'),
      proposalThreshold: uint('governor.proposal_threshold', WEI),
      quorumNumerator: uint('governor.quorum_numerator'),
      lateQuorumExtension: uint('governor.late_quorum_extension'),
      proposalGuardian: address('governor.proposal_guardian'),
    },
    curationGuardian: address('curation.guardian'),
    curation: CURATION_PARAMETERS.map((p, i) =>
      uint(`curation.${parameterKey(p)}`, PARAMETERS[i].unit === 'token' ? WEI : 1n),
    ),
    marketplace: {
      protocolFeeBps: uint('marketplace.protocol_fee_bps'),
      curatorShareBps: uint('marketplace.curator_share_bps'),
      auditorShareBps: uint('marketplace.auditor_share_bps'),
      lineageRoyaltyBps: uint('marketplace.lineage_royalty_bps'),
      currencies: list('marketplace.currencies').map((v, i) =>
        address(`marketplace.currencies[${i}]`, v),
      ),
      testStablecoin: bool('marketplace.test_stablecoin'),
    },
    audits: {
      minimumBond: uint('audits.minimum_bond', WEI),
      auditorSlashBps: uint('audits.auditor_slash_bps'),
      unbondingPeriod: uint('audits.unbonding_period'),
    },
  };
}

/** Every address the config gives tokens or a role to. */
export function configAddresses(cfg: DeployConfig): { key: string; address: Address }[] {
  return [
    ...cfg.recipients.map((address, i) => ({ key: `token.recipients[${i}]`, address })),
    { key: 'governor.proposal_guardian', address: cfg.governor.proposalGuardian },
    { key: 'curation.guardian', address: cfg.curationGuardian },
  ];
}
