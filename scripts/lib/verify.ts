// Reads a fresh deployment back from the chain and compares it with its manifest and config: code
// at every address, the timelock's roles (Governor proposes and cancels, anyone executes, the
// deployer holds nothing), the token supply and allocation, and every parameter. Values are read
// at the deployment's last block, so a later proposal that changes a parameter does not count.
import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { MARKETPLACE_FEES, curiaContracts } from '../../protocol/contracts.ts';
import { CURATION_PARAMETERS, parameterKey } from '../../protocol/enums.ts';
import type { DeployConfig } from './deploy-config.ts';
import type { Manifest } from '../../protocol/manifest.ts';

export interface Deployment {
  deployer: Address;
  /** First and last block holding the deployment's transactions. */
  firstBlock: bigint;
  lastBlock: bigint;
}

export interface Verification {
  deployment: Deployment;
  /** Human-readable checks that passed. */
  passed: string[];
  /** Mismatches (empty when the deployment is as configured). */
  failed: string[];
}

const ADMIN_ROLE: Hex = `0x${'00'.repeat(32)}`;

/** Finds who deployed (from the timelock's role events) and in which blocks. */
export async function findDeployment(
  client: PublicClient,
  manifest: Manifest,
): Promise<Deployment> {
  const c = curiaContracts(manifest.contracts, client);
  const fromBlock = BigInt(manifest.startBlock);
  const granted = await c.timelock.getEvents.RoleGranted(
    { role: ADMIN_ROLE },
    { fromBlock, toBlock: 'latest' },
  );
  const external = granted.find((e) => e.args.account !== manifest.contracts.TimelockController);
  if (!external)
    throw new Error(
      `no deployer found: the timelock granted its admin role to nobody but itself after block ${fromBlock}`,
    );
  const deployer = getAddress(external.args.account!);
  const revoked = await c.timelock.getEvents.RoleRevoked(
    { role: ADMIN_ROLE, account: deployer },
    { fromBlock, toBlock: 'latest' },
  );
  const lastBlock =
    revoked.length > 0 ? revoked[revoked.length - 1].blockNumber : await client.getBlockNumber();
  // The first block: where the earliest of the contracts appeared (a binary search on its code).
  let firstBlock = lastBlock;
  for (const address of Object.values(manifest.contracts)) {
    let lo = fromBlock;
    let hi = firstBlock;
    while (lo < hi) {
      const mid = (lo + hi) / 2n;
      const code = await client.getCode({ address, blockNumber: mid });
      if (code && code !== '0x') hi = mid;
      else lo = mid + 1n;
    }
    firstBlock = lo;
  }
  return { deployer, firstBlock, lastBlock };
}

export async function verifyDeployment(
  client: PublicClient,
  manifest: Manifest,
  cfg: DeployConfig,
): Promise<Verification> {
  const passed: string[] = [];
  const failed: string[] = [];
  const check = (label: string, actual: unknown, expected: unknown) => {
    const norm = (v: unknown) =>
      typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : String(v);
    if (norm(actual) === norm(expected)) passed.push(label);
    else failed.push(`${label}: ${String(actual)} on chain, ${String(expected)} expected`);
  };

  const chainId = await client.getChainId();
  check('manifest chain id', manifest.chainId, chainId);
  const latest = await client.getBlockNumber();
  if (BigInt(manifest.startBlock) > latest)
    failed.push(
      `manifest startBlock ${manifest.startBlock} is after the chain's latest block ${latest}`,
    );

  for (const [name, address] of Object.entries(manifest.contracts)) {
    const code = await client.getCode({ address });
    if (!code || code === '0x') failed.push(`no contract code at ${name} ${address}`);
  }
  if (failed.length > 0)
    return { deployment: { deployer: zeroAddress, firstBlock: 0n, lastBlock: 0n }, passed, failed };
  passed.push(`code at all ${Object.keys(manifest.contracts).length} contracts`);

  const deployment = await findDeployment(client, manifest);
  const at = { blockNumber: deployment.lastBlock };
  const c = curiaContracts(manifest.contracts, client);
  const A = manifest.contracts;

  // Timelock: the Governor is the only proposer and canceller, anyone executes, the deployer holds nothing.
  const [proposer, canceller, executor] = await Promise.all([
    c.timelock.read.PROPOSER_ROLE(),
    c.timelock.read.CANCELLER_ROLE(),
    c.timelock.read.EXECUTOR_ROLE(),
  ]);
  const has = (role: Hex, who: Address) => c.timelock.read.hasRole([role, who], at);
  check('timelock: Governor holds PROPOSER_ROLE', await has(proposer, A.CuriaGovernor), true);
  check('timelock: Governor holds CANCELLER_ROLE', await has(canceller, A.CuriaGovernor), true);
  check('timelock: anyone holds EXECUTOR_ROLE', await has(executor, zeroAddress), true);
  check('timelock: administers itself', await has(ADMIN_ROLE, A.TimelockController), true);
  for (const [role, name] of [
    [ADMIN_ROLE, 'DEFAULT_ADMIN_ROLE'],
    [proposer, 'PROPOSER_ROLE'],
    [canceller, 'CANCELLER_ROLE'],
  ] as const) {
    check(`timelock: deployer renounced ${name}`, await has(role, deployment.deployer), false);
  }
  check('timelock: min delay', await c.timelock.read.getMinDelay(at), cfg.timelockDelay);

  // Token: the supply and its allocation.
  const allocated = cfg.amounts.reduce((a, b) => a + b, 0n);
  check('token: total supply', await c.token.read.totalSupply(at), cfg.treasury + allocated);
  check(
    'token: treasury (timelock) balance',
    await c.token.read.balanceOf([A.TimelockController], at),
    cfg.treasury,
  );
  const perRecipient = new Map<Address, bigint>();
  cfg.recipients.forEach((r, i) =>
    perRecipient.set(r, (perRecipient.get(r) ?? 0n) + cfg.amounts[i]),
  );
  for (const [recipient, amount] of perRecipient) {
    check(`token: balance of ${recipient}`, await c.token.read.balanceOf([recipient], at), amount);
  }

  // Governor.
  const g = c.governor.read;
  check('governor: token', await g.token(at), A.CuriaToken);
  check('governor: timelock', await g.timelock(at), A.TimelockController);
  check(
    'governor: trusted proposer is the curation registry',
    await g.trustedProposer(at),
    A.CurationRegistry,
  );
  check('governor: voting delay', await g.votingDelay(at), cfg.governor.votingDelay);
  check('governor: voting period', await g.votingPeriod(at), cfg.governor.votingPeriod);
  check(
    'governor: proposal threshold',
    await g.proposalThreshold(at),
    cfg.governor.proposalThreshold,
  );
  check('governor: quorum numerator', await g.quorumNumerator(at), cfg.governor.quorumNumerator);
  check(
    'governor: late quorum extension',
    await g.lateQuorumVoteExtension(at),
    cfg.governor.lateQuorumExtension,
  );
  check('governor: proposal guardian', await g.proposalGuardian(at), cfg.governor.proposalGuardian);

  // Curation.
  check('curation: governor', await c.curation.read.governor(at), A.CuriaGovernor);
  check('curation: model registry', await c.curation.read.models(at), A.ModelRegistry);
  check('curation: guardian', await c.curation.read.guardian(at), cfg.curationGuardian);
  for (const [i, expected] of cfg.curation.entries()) {
    check(`curation: parameter ${i}`, await c.curation.read.parameter([i], at), expected);
  }

  // Marketplace and audits.
  if (!c.marketplace || !c.audits) {
    failed.push('the manifest has no Marketplace or AuditRegistry');
  } else {
    const fees = await c.marketplace.read.fees(at);
    const m = cfg.marketplace;
    for (const { key } of MARKETPLACE_FEES) check(`marketplace: fees.${key}`, fees[key], m[key]);
    for (const currency of m.currencies) {
      check(
        `marketplace: currency ${currency} allowed`,
        await c.marketplace.read.isCurrencyAllowed([currency], at),
        true,
      );
    }
    check(
      'manifest: TestStablecoin deployed as configured',
      Boolean(A.TestStablecoin),
      m.testStablecoin,
    );
    if (A.TestStablecoin) {
      check(
        'marketplace: TestStablecoin allowed',
        await c.marketplace.read.isCurrencyAllowed([A.TestStablecoin], at),
        true,
      );
    }
    check('audits: minimum bond', await c.audits.read.minimumBond(at), cfg.audits.minimumBond);
    check(
      'audits: auditor slash',
      await c.audits.read.auditorSlashBps(at),
      cfg.audits.auditorSlashBps,
    );
    check(
      'audits: unbonding period',
      await c.audits.read.unbondingPeriod(at),
      cfg.audits.unbondingPeriod,
    );
    check(
      'audits: treasury is the timelock',
      await c.audits.read.treasury(at),
      A.TimelockController,
    );
  }

  // The parameters the manifest records are the configured ones (and so, by the checks above, the chain's).
  const p = manifest.parameters as Record<string, unknown> & { curation?: Record<string, unknown> };
  const recorded: [string, unknown, unknown][] = [
    ['timelockDelay', p.timelockDelay, cfg.timelockDelay],
    ['votingDelay', p.votingDelay, cfg.governor.votingDelay],
    ['votingPeriod', p.votingPeriod, cfg.governor.votingPeriod],
    ['proposalThreshold', p.proposalThreshold, cfg.governor.proposalThreshold],
    ['quorumNumerator', p.quorumNumerator, cfg.governor.quorumNumerator],
    ['lateQuorumVoteExtension', p.lateQuorumVoteExtension, cfg.governor.lateQuorumExtension],
    ['proposalGuardian', p.proposalGuardian, cfg.governor.proposalGuardian],
    ['curationGuardian', p.curationGuardian, cfg.curationGuardian],
    ...CURATION_PARAMETERS.map(parameterKey).map((key, i): [string, unknown, unknown] => [
      `curation.${key}`,
      p.curation?.[key],
      cfg.curation[i],
    ]),
  ];
  for (const [key, value, expected] of recorded)
    check(`manifest: parameters.${key}`, value, expected);
  return { deployment, passed, failed };
}
