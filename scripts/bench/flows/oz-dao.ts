// Deploys a plain OpenZeppelin DAO beside Curia's: TimelockController, ERC20Votes token and Governor
// with Curia's settings and Curia's initial token distribution, wired as Deploy.s.sol wires Curia.
import { zeroAddress, type Abi, type Address, type Hex } from 'viem';
import {
  baselineGovernorAbi,
  baselineGovernorLateQuorumAbi,
  baselineGovernorLocalClockAbi,
  baselineVotesTokenAbi,
  timelockControllerAbi,
} from '../../../protocol/generated/contracts.ts';
import { bytecodeOf } from '../artifacts.ts';
import type { Bench } from '../bench.ts';
import type { Dao } from './governance.ts';

/** Deploys a contract from its forge artifact, sent by the bench's funder. */
export async function deploy(b: Bench, abi: Abi, bytecode: Hex, args: unknown[]): Promise<Address> {
  const hash = await b.wallet.deployContract({ abi, bytecode, args, account: b.funder });
  const receipt = await b.public.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new Error(`deploying a reference contract failed (${hash})`);
  }
  return receipt.contractAddress;
}

/** Curia's initial distribution, read once before the bench moves any token. */
export type Distribution = { holders: Address[]; amounts: bigint[] };

export async function curiaDistribution(b: Bench): Promise<Distribution> {
  const { token, timelock } = b.curia;
  const holders = b.demo.map((a) => a.address);
  const amounts = await Promise.all(
    [timelock.address, ...holders].map((a) => token.read.balanceOf([a])),
  );
  return { holders, amounts };
}

/**
 * Which OpenZeppelin Governor: `plain` is the Wizard's (the baseline); the others are diagnostics,
 * each adding one of Curia's changes: `lateQuorum` adds GovernorPreventLateQuorum, `localClock`
 * reads the timestamp clock without calling the token.
 */
export type OzVariant = 'plain' | 'lateQuorum' | 'localClock';

export async function deployOzDao(
  b: Bench,
  distribution: Distribution,
  variant: OzVariant = 'plain',
): Promise<Dao> {
  await b.enable(b.funder);
  const { governor, timelock } = b.curia;
  const [votingDelay, votingPeriod, threshold, quorumNumerator, extension, minDelay] =
    await Promise.all([
      governor.read.votingDelay(),
      governor.read.votingPeriod(),
      governor.read.proposalThreshold(),
      governor.read.quorumNumerator(),
      governor.read.lateQuorumVoteExtension(),
      timelock.read.getMinDelay(),
    ]);

  const ozTimelock = await deploy(
    b,
    timelockControllerAbi,
    bytecodeOf('TimelockController.sol', 'TimelockController'),
    [minDelay, [], [], b.funder],
  );
  const ozToken = await deploy(
    b,
    baselineVotesTokenAbi,
    bytecodeOf('Baselines.sol', 'BaselineVotesToken'),
    [[ozTimelock, ...distribution.holders], distribution.amounts],
  );
  const settings = [Number(votingDelay), Number(votingPeriod), threshold, quorumNumerator];
  const ozGovernor =
    variant === 'lateQuorum'
      ? await deploy(
          b,
          baselineGovernorLateQuorumAbi,
          bytecodeOf('Baselines.sol', 'BaselineGovernorLateQuorum'),
          [ozToken, ozTimelock, ...settings, Number(extension)],
        )
      : variant === 'localClock'
        ? await deploy(
            b,
            baselineGovernorLocalClockAbi,
            bytecodeOf('Baselines.sol', 'BaselineGovernorLocalClock'),
            [ozToken, ozTimelock, ...settings],
          )
        : await deploy(b, baselineGovernorAbi, bytecodeOf('Baselines.sol', 'BaselineGovernor'), [
            ozToken,
            ozTimelock,
            ...settings,
          ]);

  const role = (
    functionName: 'PROPOSER_ROLE' | 'CANCELLER_ROLE' | 'EXECUTOR_ROLE' | 'DEFAULT_ADMIN_ROLE',
  ) => b.public.readContract({ address: ozTimelock, abi: timelockControllerAbi, functionName });
  const admin = { address: ozTimelock, abi: timelockControllerAbi, account: b.funder } as const;
  const grant = async (r: Hex, to: Address) =>
    b.wait(b.wallet.writeContract({ ...admin, functionName: 'grantRole', args: [r, to] }));
  await grant(await role('PROPOSER_ROLE'), ozGovernor);
  await grant(await role('CANCELLER_ROLE'), ozGovernor);
  await grant(await role('EXECUTOR_ROLE'), zeroAddress);
  await b.wait(
    b.wallet.writeContract({
      ...admin,
      functionName: 'renounceRole',
      args: [await role('DEFAULT_ADMIN_ROLE'), b.funder],
    }),
  );
  return { token: ozToken, governor: ozGovernor, timelock: ozTimelock };
}
