// The baselines, measured first and in the same run: a plain OpenZeppelin Governor + ERC20Votes +
// TimelockController with Curia's settings and token distribution, a plain ERC-721 mint and a plain
// ERC-20 transfer (scripts/bench/Baselines.sol).
import { parseEther } from 'viem';
import { baselineErc20Abi, baselineErc721Abi } from '../../../protocol/generated/contracts.ts';
import { bytecodeOf } from '../artifacts.ts';
import type { Bench } from '../bench.ts';
import {
  governanceRound,
  votesOverThePeriod,
  type GovernanceStep,
  type MomentStep,
} from './governance.ts';
import { curiaDistribution, deploy, deployOzDao } from './oz-dao.ts';

const GOVERNOR_LABELS: Record<GovernanceStep, string> = {
  delegate: 'OZ ERC20Votes delegate',
  propose: 'OZ Governor propose',
  castVoteFirst: 'OZ castVote (first)',
  castVoteLater: 'OZ castVote (later)',
  castVoteWithReason: 'OZ castVoteWithReason',
  castVoteBySig: 'OZ castVoteBySig',
  castVoteQuorum: 'OZ castVote (quorum)',
  castVoteAfterQuorum: 'OZ castVote (after q.)',
  queue: 'OZ Governor queue',
  execute: 'OZ Governor execute',
};

const MOMENT_LABELS: Record<MomentStep, string> = {
  castVoteStart: 'OZ castVote (start)',
  castVoteMiddle: 'OZ castVote (middle)',
  castVoteLastDays: 'OZ castVote (last days)',
  castVoteWindowBeforeQuorum: 'OZ castVote (window, before q.)',
  castVoteWindowQuorum: 'OZ castVote (window, quorum)',
  castVoteWindowAfterQuorum: 'OZ castVote (window, after q.)',
};

export async function measureBaselines(b: Bench): Promise<void> {
  // Read before any transfer: every reference DAO starts from Curia's initial distribution.
  b.distribution = await curiaDistribution(b);
  const dao = await deployOzDao(b, b.distribution);
  const round = await governanceRound(b, dao, 'baseline');
  for (const [step, gas] of Object.entries(round) as [GovernanceStep, number][]) {
    b.baselines.set(step, { label: GOVERNOR_LABELS[step], gas });
  }
  const moments = await votesOverThePeriod(b, dao, 'baseline');
  for (const [step, gas] of Object.entries(moments) as [MomentStep, number][]) {
    b.baselines.set(step, { label: MOMENT_LABELS[step], gas });
  }

  // ERC-721: the Wizard's auto-increment safeMint, by a new owner, after a first mint (so the id
  // counter is already non-zero, as the registry's is).
  const nft = await deploy(b, baselineErc721Abi, bytecodeOf('Baselines.sol', 'BaselineERC721'), []);
  const mint = { address: nft, abi: baselineErc721Abi, functionName: 'safeMint' } as const;
  await b.wait(b.wallet.writeContract({ ...mint, args: [b.funder], account: b.funder }));
  const minter = b.key('baseline-minter').address;
  await b.enable(minter);
  b.baselines.set('erc721Mint', {
    label: 'OZ ERC721 mint',
    gas: await b.measure(
      () => b.wallet.writeContract({ ...mint, args: [minter], account: minter }),
      'ERC721 mint',
    ),
  });

  // ERC-20: a transfer between two accounts that both hold tokens before and after.
  const erc20 = await deploy(b, baselineErc20Abi, bytecodeOf('Baselines.sol', 'BaselineERC20'), [
    parseEther('1000000'),
  ]);
  const transfer = { address: erc20, abi: baselineErc20Abi, functionName: 'transfer' } as const;
  const holder = b.address('baseline-erc20-holder');
  const send = () =>
    b.wallet.writeContract({ ...transfer, args: [holder, parseEther('1')], account: b.funder });
  await b.wait(send());
  b.baselines.set('erc20Transfer', {
    label: 'OZ ERC20 transfer',
    gas: await b.measure(send, 'ERC20 transfer'),
  });
}
