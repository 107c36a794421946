// One governance round, identical for Curia and the plain OpenZeppelin baseline: delegate, propose
// a treasury grant, vote (first, later, with reason, by signature, reaching quorum), queue, execute.
import {
  encodeFunctionData,
  getContract,
  keccak256,
  parseEther,
  toBytes,
  type Address,
  type Hex,
} from 'viem';
import {
  baselineGovernorAbi,
  baselineVotesTokenAbi,
  timelockControllerAbi,
} from '../../../web/lib/generated/contracts.ts';
import type { Bench } from '../bench.ts';
import { deployOzDao } from './oz-dao.ts';

/** A Governor, its ERC20Votes token and its timelock (the treasury). */
export interface Dao {
  token: Address;
  governor: Address;
  timelock: Address;
}

export type GovernanceStep =
  | 'delegate'
  | 'propose'
  | 'castVoteFirst'
  | 'castVoteLater'
  | 'castVoteWithReason'
  | 'castVoteBySig'
  | 'castVoteQuorum'
  | 'castVoteAfterQuorum'
  | 'queue'
  | 'execute';

/** A 100-character vote reason. */
export const REASON_100 =
  'For: this grant funds audits of the three most used models, and its budget was published in advance.';

/** 45 characters, like a short title. */
const DESCRIPTION = '# Grant 1,000 tokens to the audit working group';

const VOTER_FUNDS = parseEther('100000');
const GRANT = parseEther('1000');

/**
 * Runs the round on `dao` and returns each step's total gas. Both DAOs have the same settings, the
 * same token distribution and the same voters, so the numbers differ only by the contracts.
 * Every OpenZeppelin Governor and ERC20Votes function used here exists on Curia's contracts too, so
 * the baseline's generated ABIs (the plain OpenZeppelin interface) serve both.
 */
export async function governanceRound(
  b: Bench,
  dao: Dao,
  tag: string,
): Promise<Record<GovernanceStep, number>> {
  const client = { public: b.public, wallet: b.wallet };
  const token = getContract({ address: dao.token, abi: baselineVotesTokenAbi, client });
  const governor = getContract({ address: dao.governor, abi: baselineGovernorAbi, client });
  const timelock = getContract({ address: dao.timelock, abi: timelockControllerAbi, client });

  const proposer = b.demo[1].address; // 8% of the supply: above the threshold, and reaches quorum alone
  const funder = b.funder;
  const voters = [1, 2, 3, 4, 5].map((i) => b.key(`voter-${i}`));
  await b.enable(proposer, funder, ...voters.map((v) => v.address));

  // Voters with 0.1% of the supply each, delegated to themselves: together far below the quorum.
  for (const v of voters) {
    await b.wait(token.write.transfer([v.address, VOTER_FUNDS], { account: funder }));
    await b.wait(token.write.delegate([v.address], { account: v.address }));
  }

  const gas = {} as Record<GovernanceStep, number>;
  gas.delegate = await b.measure(
    () => token.write.delegate([proposer], { account: proposer }),
    'delegate',
  );
  await b.travel(1); // voting power counts from the next second

  const recipient = b.address(`grant-recipient-${tag}`);
  const targets: Address[] = [dao.token];
  const values = [0n];
  const calldatas: Hex[] = [
    encodeFunctionData({
      abi: baselineVotesTokenAbi,
      functionName: 'transfer',
      args: [recipient, GRANT],
    }),
  ];
  const descriptionHash = keccak256(toBytes(DESCRIPTION));
  gas.propose = await b.measure(
    () => governor.write.propose([targets, values, calldatas, DESCRIPTION], { account: proposer }),
    'propose',
  );
  const proposalId = await governor.read.hashProposal([
    targets,
    values,
    calldatas,
    descriptionHash,
  ]);
  await b.travel((await governor.read.votingDelay()) + 1n);

  const [first, later, withReason, bySig, afterQuorum] = voters;
  const FOR = 1;
  gas.castVoteFirst = await b.measure(
    () => governor.write.castVote([proposalId, FOR], { account: first.address }),
    'castVote (first)',
  );
  gas.castVoteLater = await b.measure(
    () => governor.write.castVote([proposalId, FOR], { account: later.address }),
    'castVote (later)',
  );
  if (REASON_100.length !== 100) throw new Error('the vote reason must be 100 characters');
  gas.castVoteWithReason = await b.measure(
    () =>
      governor.write.castVoteWithReason([proposalId, FOR, REASON_100], {
        account: withReason.address,
      }),
    'castVoteWithReason',
  );
  const signature = await bySig.signTypedData({
    domain: await b.domainOf(dao.governor),
    types: {
      Ballot: [
        { name: 'proposalId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'nonce', type: 'uint256' },
      ],
    },
    primaryType: 'Ballot',
    message: {
      proposalId,
      support: FOR,
      voter: bySig.address,
      nonce: await governor.read.nonces([bySig.address]),
    },
  });
  // Relayed by someone else, as a gasless vote is.
  gas.castVoteBySig = await b.measure(
    () =>
      governor.write.castVoteBySig([proposalId, FOR, bySig.address, signature], {
        account: funder,
      }),
    'castVoteBySig',
  );
  gas.castVoteQuorum = await b.measure(
    () => governor.write.castVote([proposalId, FOR], { account: proposer }),
    'castVote (reaching quorum)',
  );
  gas.castVoteAfterQuorum = await b.measure(
    () => governor.write.castVote([proposalId, FOR], { account: afterQuorum.address }),
    'castVote (after quorum)',
  );

  await b.travel((await governor.read.proposalDeadline([proposalId])) - (await b.now()) + 1n);
  gas.queue = await b.measure(
    () => governor.write.queue([targets, values, calldatas, descriptionHash], { account: funder }),
    'queue',
  );
  await b.travel((await timelock.read.getMinDelay()) + 1n);
  gas.execute = await b.measure(
    () =>
      governor.write.execute([targets, values, calldatas, descriptionHash], { account: funder }),
    'execute',
  );
  if ((await token.read.balanceOf([recipient])) !== GRANT) {
    throw new Error(`the ${tag} proposal executed but did not pay the grant`);
  }
  return gas;
}

/** Curia's round, each step against the plain OpenZeppelin round measured before it. */
export async function measureGovernance(b: Bench): Promise<void> {
  const { token, governor, timelock } = b.curia;
  const gas = await governanceRound(
    b,
    { token: token.address, governor: governor.address, timelock: timelock.address },
    'curia',
  );
  const group = 'Governance (CuriaGovernor + CUR)';
  const castVote = { kind: 'baselinePct', pct: 2 } as const;
  const rows: [GovernanceStep, string, { kind: 'baselinePct'; pct: number } | undefined][] = [
    ['delegate', 'delegate (first)', undefined],
    ['propose', `propose (1 action, ${DESCRIPTION.length}-char description)`, undefined],
    ['castVoteFirst', 'castVote (first vote)', castVote],
    ['castVoteLater', 'castVote (later vote)', castVote],
    ['castVoteWithReason', 'castVoteWithReason (100-char reason)', undefined],
    ['castVoteBySig', 'castVoteBySig (relayed)', undefined],
    ['castVoteQuorum', 'castVote (the vote reaching quorum)', undefined],
    ['castVoteAfterQuorum', 'castVote (after quorum)', undefined],
    ['queue', 'queue', undefined],
    ['execute', 'execute (treasury grant)', undefined],
  ];
  for (const [step, name, target] of rows) {
    await b.record({ group, name, gas: gas[step], baseline: step, target });
  }

  // Where Curia's extra vote gas comes from: the same round on an OpenZeppelin Governor that only
  // adds GovernorPreventLateQuorum to the baseline.
  if (!b.distribution) throw new Error('the baselines must run first');
  const lateQuorum = await governanceRound(
    b,
    await deployOzDao(b, b.distribution, { lateQuorum: true }),
    'late-quorum',
  );
  const diagnostic = 'Diagnostic: OZ Governor + GovernorPreventLateQuorum (not Curia)';
  for (const [step, name] of rows) {
    if (!step.startsWith('castVote')) continue;
    await b.record({
      group: diagnostic,
      name: `OZ+LQ ${name}`,
      gas: lateQuorum[step],
      baseline: step,
    });
  }
}
