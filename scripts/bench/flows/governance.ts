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
} from '../../../protocol/generated/contracts.ts';
import type { Baseline, Bench } from '../bench.ts';
import { deployOzDao, type OzVariant } from './oz-dao.ts';

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

/**
 * Later votes (For, by a voter with 0.1% of the supply, on a proposal that already has For votes)
 * at six moments of one voting period, on a second proposal: at the start, in the middle, in the
 * last days before the late-quorum window, inside the window before quorum, the vote that reaches
 * quorum inside the window (8% of the supply), and inside the window after quorum.
 */
export type MomentStep =
  | 'castVoteStart'
  | 'castVoteMiddle'
  | 'castVoteLastDays'
  | 'castVoteWindowBeforeQuorum'
  | 'castVoteWindowQuorum'
  | 'castVoteWindowAfterQuorum';

/** Each moment's row name ("window" where the vote is inside the late-quorum window). */
export const MOMENTS: [MomentStep, string][] = [
  ['castVoteStart', 'castVote at the start (later vote)'],
  ['castVoteMiddle', 'castVote in the middle of the period'],
  ['castVoteLastDays', 'castVote in the last days, 12 h before the window'],
  ['castVoteWindowBeforeQuorum', 'castVote in the window, before quorum'],
  ['castVoteWindowQuorum', 'castVote in the window, the vote reaching quorum'],
  ['castVoteWindowAfterQuorum', 'castVote in the window, after quorum'],
];

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

/**
 * The same later vote at six moments of one voting period (see {@link MomentStep}), on `dao`. The
 * late-quorum window is Curia's `lateQuorumVoteExtension` before the deadline, for every DAO (the
 * plain ones have no window: their votes there cost what they cost anywhere).
 */
export async function votesOverThePeriod(
  b: Bench,
  dao: Dao,
  tag: string,
): Promise<Record<MomentStep, number>> {
  const client = { public: b.public, wallet: b.wallet };
  const token = getContract({ address: dao.token, abi: baselineVotesTokenAbi, client });
  const governor = getContract({ address: dao.governor, abi: baselineGovernorAbi, client });
  const proposer = b.demo[1].address; // 8%: reaches quorum alone
  const funder = b.funder;
  const voters = [0, 1, 2, 3, 4, 5].map((i) => b.key(`moment-voter-${i}`));
  await b.enable(proposer, funder, ...voters.map((v) => v.address));
  for (const v of voters) {
    await b.wait(token.write.transfer([v.address, VOTER_FUNDS], { account: funder }));
    await b.wait(token.write.delegate([v.address], { account: v.address }));
  }
  await b.wait(token.write.delegate([proposer], { account: proposer }));
  await b.travel(1);

  const description = '# Grant 1,000 tokens to the audit working group, again';
  const targets: Address[] = [dao.token];
  const calldatas: Hex[] = [
    encodeFunctionData({
      abi: baselineVotesTokenAbi,
      functionName: 'transfer',
      args: [b.address(`moment-recipient-${tag}`), GRANT],
    }),
  ];
  await b.wait(
    governor.write.propose([targets, [0n], calldatas, description], { account: proposer }),
  );
  const proposalId = await governor.read.hashProposal([
    targets,
    [0n],
    calldatas,
    keccak256(toBytes(description)),
  ]);
  const snapshot = await governor.read.proposalSnapshot([proposalId]);
  const deadline = await governor.read.proposalDeadline([proposalId]);
  const extension = BigInt(await b.curia.governor.read.lateQuorumVoteExtension());
  const windowOpens = deadline - extension;
  if (windowOpens - 12n * 3600n <= snapshot + (deadline - snapshot) / 2n) {
    throw new Error('the late-quorum window must start after the middle of the voting period');
  }

  /** Moves the clock so that the measured transaction (12 s after the last block) lands at `t`. */
  const at = async (t: bigint) => {
    const now = await b.now();
    if (t - 12n <= now) throw new Error(`${tag}: moment ${t} is already past`);
    await b.travel(t - 12n - now);
  };
  const FOR = 1;
  const vote = (account: Address, what: string) =>
    b.measure(() => governor.write.castVote([proposalId, FOR], { account }), what);

  const [first, start, middle, lastDays, beforeQuorum, afterQuorum] = voters;
  await at(snapshot + 1n + 12n);
  await b.wait(governor.write.castVote([proposalId, FOR], { account: first.address }));
  const gas = {} as Record<MomentStep, number>;
  gas.castVoteStart = await vote(start.address, 'castVote (start)');
  await at(snapshot + (deadline - snapshot) / 2n);
  gas.castVoteMiddle = await vote(middle.address, 'castVote (middle)');
  await at(windowOpens - 12n * 3600n);
  gas.castVoteLastDays = await vote(lastDays.address, 'castVote (last days)');
  await at(deadline - extension / 2n);
  gas.castVoteWindowBeforeQuorum = await vote(
    beforeQuorum.address,
    'castVote (window, before quorum)',
  );
  gas.castVoteWindowQuorum = await vote(proposer, 'castVote (window, reaching quorum)');
  gas.castVoteWindowAfterQuorum = await vote(
    afterQuorum.address,
    'castVote (window, after quorum)',
  );
  const [, forVotes] = await governor.read.proposalVotes([proposalId]);
  const quorum = await governor.read.quorum([snapshot]);
  if (forVotes - (await token.read.getPastVotes([proposer, snapshot])) >= quorum) {
    throw new Error(`${tag}: quorum was reached before the vote meant to reach it`);
  }
  if (forVotes < quorum) throw new Error(`${tag}: the proposal never reached quorum`);
  return gas;
}

/** The storage floor under a vote (gas-anchors.md): a later vote, and a first vote of its kind. */
export const VOTE_FLOOR = { later: 60_100, first: 77_200 };
/**
 * What recording an extension adds to a vote at least: the ProposalExtended event (LOG2 with one
 * 32-byte word: 375 + 2 × 375 + 8 × 32 = 1,381 gas).
 */
export const EXTENSION_EVENT_GAS = 1_381;

const MOMENT_FLOORS: Record<MomentStep, number> = {
  castVoteStart: VOTE_FLOOR.later,
  castVoteMiddle: VOTE_FLOOR.later,
  castVoteLastDays: VOTE_FLOOR.later,
  castVoteWindowBeforeQuorum: VOTE_FLOOR.later,
  castVoteWindowQuorum: VOTE_FLOOR.later + EXTENSION_EVENT_GAS,
  castVoteWindowAfterQuorum: VOTE_FLOOR.later,
};

/** Curia's round and votes over the period, each step against the plain OpenZeppelin ones. */
export async function measureGovernance(b: Bench): Promise<void> {
  const { token, governor, timelock } = b.curia;
  const curia = { token: token.address, governor: governor.address, timelock: timelock.address };
  const gas = await governanceRound(b, curia, 'curia');
  const moments = await votesOverThePeriod(b, curia, 'curia');

  // Where Curia's vote gas differs from OpenZeppelin's: the same votes on OpenZeppelin Governors
  // that each add one of Curia's changes to the baseline (diagnostics, not targets).
  if (!b.distribution) throw new Error('the baselines must run first');
  const variants: [OzVariant, string, string][] = [
    ['localClock', 'OZ+clock', 'OZ Governor + the timestamp clock read locally (not Curia)'],
    ['lateQuorum', 'OZ+LQ', 'OZ Governor + GovernorPreventLateQuorum (not Curia)'],
  ];
  const diagnostics: {
    prefix: string;
    what: string;
    gas: Record<GovernanceStep | MomentStep, number>;
  }[] = [];
  for (const [variant, prefix, what] of variants) {
    const dao = await deployOzDao(b, b.distribution, variant);
    const round = await governanceRound(b, dao, variant);
    const votes = await votesOverThePeriod(b, dao, variant);
    diagnostics.push({ prefix, what, gas: { ...round, ...votes } });
  }
  const beside = (step: GovernanceStep | MomentStep): Baseline[] =>
    diagnostics.map((d) => ({ label: d.prefix, gas: d.gas[step] }));

  const group = 'Governance (CuriaGovernor + CUR)';
  const castVote = { kind: 'baselinePct', pct: 2 } as const;
  const rows: [GovernanceStep, string, typeof castVote | undefined, number | undefined][] = [
    ['delegate', 'delegate (first)', undefined, undefined],
    ['propose', `propose (1 action, ${DESCRIPTION.length}-char description)`, undefined, undefined],
    ['castVoteFirst', 'castVote (first vote)', castVote, VOTE_FLOOR.first],
    ['castVoteLater', 'castVote (later vote)', castVote, VOTE_FLOOR.later],
    ['castVoteWithReason', 'castVoteWithReason (100-char reason)', undefined, undefined],
    ['castVoteBySig', 'castVoteBySig (relayed)', undefined, undefined],
    ['castVoteQuorum', 'castVote (the vote reaching quorum)', castVote, VOTE_FLOOR.later],
    ['castVoteAfterQuorum', 'castVote (after quorum)', castVote, VOTE_FLOOR.later],
    ['queue', 'queue', undefined, undefined],
    ['execute', 'execute (treasury grant)', undefined, undefined],
  ];
  for (const [step, name, target, floor] of rows) {
    await b.record({
      group,
      name,
      gas: gas[step],
      baseline: step,
      target,
      floor,
      beside: step.startsWith('castVote') ? beside(step) : undefined,
    });
  }
  const momentGroup = 'castVote over the voting period (window: the late-quorum window)';
  for (const [step, name] of MOMENTS) {
    await b.record({
      group: momentGroup,
      name,
      gas: moments[step],
      baseline: step,
      target: castVote,
      floor: MOMENT_FLOORS[step],
      beside: beside(step),
    });
  }
  for (const d of diagnostics) {
    for (const [step, name] of [...rows, ...MOMENTS]) {
      if (!step.startsWith('castVote')) continue;
      await b.record({
        group: `Diagnostic: ${d.what}`,
        name: `${d.prefix} ${name}`,
        gas: d.gas[step],
        baseline: step,
      });
    }
  }
}
