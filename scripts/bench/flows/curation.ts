// Registry and curation actions on Curia's deployed contracts: register and publish, list, stake,
// unstake, challenge, vote, resolve, appeal, finalize, guardian suspension, claims.
import {
  encodeFunctionData,
  keccak256,
  maxUint256,
  parseEther,
  toHex,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type EncodeFunctionDataParameters,
} from 'viem';
import { curationRegistryAbi, modelRegistryAbi } from '../../../protocol/generated/contracts.ts';
import { PARAMETER } from '../../../protocol/enums.ts';
import type { Bench, SetupTx } from '../bench.ts';
import { REASON_100 } from './governance.ts';

/** A CIDv1 URI, the usual length of a model card's address. */
export const METADATA_URI = 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
export const MODEL = 0; // IModelRegistry.Kind.Model
const REMOVE = 1; // ICurationRegistry.Support.Remove
const QUALITY = 0; // ICurationRegistry.Reason.Quality

export function contentHash(label: string) {
  return keccak256(toHex(`curia-bench:content:${label}`));
}

export async function curationParameters(b: Bench) {
  const read = (p: number) => b.curia.curation.read.parameter([p]);
  const [
    listingBond,
    challengeDeposit,
    challengePeriod,
    votingPeriod,
    appealBond,
    appealWindow,
    unbonding,
    disputeDelay,
  ] = await Promise.all([
    read(PARAMETER.ListingBond),
    read(PARAMETER.ChallengeDeposit),
    read(PARAMETER.ChallengePeriod),
    read(PARAMETER.DisputeVotingPeriod),
    read(PARAMETER.AppealBond),
    read(PARAMETER.AppealWindow),
    read(PARAMETER.UnbondingPeriod),
    read(PARAMETER.DisputeVotingDelay),
  ]);
  return {
    listingBond,
    challengeDeposit,
    challengePeriod,
    votingPeriod,
    appealBond,
    appealWindow,
    unbonding,
    disputeDelay,
  };
}

// ---------------------------------------------------------------- setup transactions

const tokenTx = (b: Bench) => b.curia.token.address;
const curationTx = (b: Bench) => b.curia.curation.address;

export const setup = {
  transfer: (b: Bench, from: Address, to: Address, amount: bigint): SetupTx => ({
    from,
    to: tokenTx(b),
    data: encodeFunctionData({
      abi: b.curia.token.abi,
      functionName: 'transfer',
      args: [to, amount],
    }),
    gas: 150_000n,
    label: `transfer CUR to ${to}`,
  }),
  approve: (b: Bench, from: Address, amount: bigint = maxUint256): SetupTx => ({
    from,
    to: tokenTx(b),
    data: encodeFunctionData({
      abi: b.curia.token.abi,
      functionName: 'approve',
      args: [curationTx(b), amount],
    }),
    gas: 100_000n,
    label: `approve by ${from}`,
  }),
  register: (b: Bench, from: Address, label: string): SetupTx => ({
    from,
    to: b.curia.registry.address,
    data: encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: 'registerModel',
      args: [MODEL, contentHash(label), METADATA_URI, []],
    }),
    gas: 500_000n,
    label: `registerModel ${label}`,
  }),
  curation: <const fn extends CurationFunction>(
    b: Bench,
    from: Address,
    functionName: fn,
    args: ContractFunctionArgs<typeof curationRegistryAbi, 'nonpayable', fn>,
  ): SetupTx => ({
    from,
    to: curationTx(b),
    data: encodeFunctionData({
      abi: curationRegistryAbi,
      functionName,
      args,
    } as EncodeFunctionDataParameters),
    gas: 600_000n,
    label: `${functionName} by ${from}`,
  }),
};

type CurationFunction = ContractFunctionName<typeof curationRegistryAbi, 'nonpayable'>;

/** Registers `count` models owned by `owner` and applies for their listing; returns their ids. */
export async function listedModels(
  b: Bench,
  owner: Address,
  count: number,
  label: string,
): Promise<bigint[]> {
  const { listingBond } = await curationParameters(b);
  const before = await b.curia.registry.read.modelCount();
  const ids = Array.from({ length: count }, (_, i) => before + BigInt(i) + 1n);
  await b.batch([
    ...ids.map((_, i) => setup.register(b, owner, `${label}-${i}`)),
    setup.approve(b, owner, listingBond * BigInt(count)),
    ...ids.map((id) => setup.curation(b, owner, 'applyForListing', [id])),
  ]);
  if ((await b.curia.registry.read.modelCount()) !== before + BigInt(count)) {
    throw new Error('the registry did not mint the models the bench expected');
  }
  return ids;
}

// ---------------------------------------------------------------- measurements

/** registerModel against an ERC-721 mint, and publishVersion. Returns the creator and the model. */
export async function measureRegistry(b: Bench): Promise<{ creator: Address; modelId: bigint }> {
  const { registry: models } = b.curia;
  const group = 'Registry (ModelRegistry)';
  // Someone registered before, so the id counter is non-zero, as it is in the ERC-721 baseline.
  const first = await b.account('creator-0');
  await b.wait(
    models.write.registerModel([MODEL, contentHash('seed'), METADATA_URI, []], { account: first }),
  );

  const creator = await b.account('creator', { cur: parseEther('40000') });
  await b.record({
    group,
    name: 'registerModel (new owner, no lineage)',
    tx: () =>
      models.write.registerModel([MODEL, contentHash('v1'), METADATA_URI, []], {
        account: creator,
      }),
    baseline: 'erc721Mint',
    note: `${METADATA_URI.length}-char metadata URI`,
  });
  const modelId = await models.read.modelCount();
  await b.record({
    group,
    name: 'registerModel (2 upstream entries)',
    tx: () =>
      models.write.registerModel([MODEL, contentHash('derived'), METADATA_URI, [1n, modelId]], {
        account: creator,
      }),
    baseline: 'erc721Mint',
  });
  await b.record({
    group,
    name: 'publishVersion (v2)',
    tx: () =>
      models.write.publishVersion([modelId, 1, contentHash('v2'), METADATA_URI, []], {
        account: creator,
      }),
  });
  return { creator, modelId };
}

/** The life of one listing, from application to a delisting after a failed appeal. */
export async function measureCuration(
  b: Bench,
  { creator, modelId }: { creator: Address; modelId: bigint },
): Promise<void> {
  const { token, curation, governor } = b.curia;
  const group = 'Curation (CurationRegistry)';
  const p = await curationParameters(b);
  const stakeAmount = parseEther('1000');

  // Transfers of CUR itself: what every CUR-moving action builds on (floor arithmetic below).
  const reference = 'Reference (CUR token)';
  const holder = await b.account('cur-holder', { cur: parseEther('1') });
  const whale = b.demo[1].address; // delegated in the governance round
  await b.record({
    group: reference,
    name: 'CUR transfer (undelegated sender)',
    tx: () => token.write.transfer([holder, parseEther('1')], { account: b.funder }),
    baseline: 'erc20Transfer',
  });
  await b.record({
    group: reference,
    name: 'CUR transfer (delegated sender)',
    tx: () => token.write.transfer([holder, parseEther('1')], { account: whale }),
    baseline: 'erc20Transfer',
  });

  await b.wait(token.write.approve([curation.address, p.listingBond], { account: creator }));
  await b.record({
    group,
    name: 'applyForListing (posts the bond)',
    tx: () => curation.write.applyForListing([modelId], { account: creator }),
    note: 'owner undelegated; after an exact approve',
  });

  // A curator was there first, so the pool is not empty; the measured stakes are first stakes.
  const early = await b.account('curator-early', { cur: parseEther('100') });
  await b.batch([
    setup.approve(b, early, parseEther('100')),
    setup.curation(b, early, 'stake', [modelId, parseEther('100')]),
  ]);
  const undelegated = await b.account('curator-undelegated', { cur: 2n * stakeAmount });
  const delegated = await b.account('curator-delegated', { cur: 2n * stakeAmount, delegate: true });
  await b.record({
    group: reference,
    name: 'approve (exact amount, before a stake)',
    tx: () => token.write.approve([curation.address, stakeAmount], { account: undelegated }),
  });
  await b.wait(token.write.approve([curation.address, stakeAmount], { account: delegated }));
  const stakeTarget = { kind: 'max', value: 100_000 } as const;
  await b.record({
    group,
    name: 'stake (first, undelegated staker)',
    tx: () => curation.write.stake([modelId, stakeAmount], { account: undelegated }),
    baseline: 'erc20Transfer',
    target: stakeTarget,
  });
  await b.record({
    group,
    name: 'stake (first, delegated staker)',
    tx: () => curation.write.stake([modelId, stakeAmount], { account: delegated }),
    baseline: 'erc20Transfer',
    target: stakeTarget,
  });
  await b.record({
    group,
    name: 'requestUnstake (first unbonding on the model)',
    tx: () => curation.write.requestUnstake([modelId, parseEther('400')], { account: undelegated }),
  });

  // Two more listings: one to withdraw, one for the guardian to suspend.
  const [toWithdraw, toSuspend] = await listedModels(b, creator, 2, 'side');
  await b.record({
    group,
    name: 'withdrawListing',
    tx: () => curation.write.withdrawListing([toWithdraw], { account: creator }),
  });
  await b.travel(p.unbonding + 1n);
  await b.record({
    group,
    name: 'withdrawStake (after unbonding)',
    tx: () => curation.write.withdrawStake([modelId], { account: undelegated }),
  });
  await b.record({
    group,
    name: 'withdrawBond',
    tx: () => curation.write.withdrawBond([toWithdraw], { account: creator }),
  });
  const guardian = await curation.read.guardian();
  await b.enable(guardian);
  await b.record({
    group,
    name: 'suspend (guardian)',
    tx: () =>
      curation.write.suspend([toSuspend, METADATA_URI, contentHash('incident')], {
        account: guardian,
      }),
    note: 'evidence URI and hash stored for suspensionOf',
  });
  await b.record({
    group,
    name: 'liftSuspension (guardian)',
    tx: () => curation.write.liftSuspension([toSuspend], { account: guardian }),
  });

  // The challenge and its vote.
  const challenger = await b.account('challenger', { cur: 2n * p.challengeDeposit });
  await b.wait(
    token.write.approve([curation.address, p.challengeDeposit], { account: challenger }),
  );
  await b.record({
    group,
    name: 'challenge (posts the deposit)',
    tx: () =>
      curation.write.challenge([modelId, 0, QUALITY, METADATA_URI, contentHash('evidence')], {
        account: challenger,
      }),
    note: 'challenger undelegated; evidence URI and hash',
  });
  const disputeId = await curation.read.disputeCount();
  // The vote opens after the snapshot, the dispute voting delay after the challenge.
  await b.travel(p.disputeDelay + 1n);
  const [v1, v2, v3, v4] = [1, 2, 3, 4].map((i) => b.key(`voter-${i}`));
  await b.record({
    group,
    name: 'voteOnDispute (first vote)',
    tx: () => curation.write.voteOnDispute([disputeId, REMOVE, ''], { account: v1.address }),
  });
  await b.record({
    group,
    name: 'voteOnDispute (later vote)',
    tx: () => curation.write.voteOnDispute([disputeId, REMOVE, ''], { account: v2.address }),
  });
  await b.record({
    group,
    name: 'voteOnDispute (later, 100-char reason)',
    tx: () =>
      curation.write.voteOnDispute([disputeId, REMOVE, REASON_100], { account: v3.address }),
  });
  const deadline = (await b.now()) + 3600n;
  const signature = await v4.signTypedData({
    domain: await b.domainOf(curation.address),
    types: {
      DisputeBallot: [
        { name: 'disputeId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
        { name: 'reason', type: 'string' },
      ],
    },
    primaryType: 'DisputeBallot',
    message: {
      disputeId,
      support: REMOVE,
      voter: v4.address,
      nonce: await curation.read.nonces([v4.address]),
      deadline,
      reason: '',
    },
  });
  await b.record({
    group,
    name: 'voteOnDisputeBySig (relayed)',
    tx: () =>
      curation.write.voteOnDisputeBySig([disputeId, REMOVE, v4.address, deadline, '', signature], {
        account: b.funder,
      }),
  });
  await b.wait(curation.write.voteOnDispute([disputeId, REMOVE, ''], { account: whale }));
  await b.travel(p.votingPeriod + 1n);
  await b.record({
    group,
    name: 'resolve (removed)',
    tx: () => curation.write.resolve([modelId], { account: b.funder }),
  });

  // The owner appeals to the DAO; nobody votes for the appeal, so it is defeated.
  await b.wait(token.write.approve([curation.address, p.appealBond], { account: creator }));
  await b.record({
    group,
    name: 'appeal (opens a Governor proposal)',
    tx: () => curation.write.appeal([modelId, REASON_100], { account: creator }),
    note: '100-char statement',
  });
  const { proposalId } = await curation.read.disputeOf([disputeId]);
  await b.travel((await governor.read.proposalDeadline([proposalId])) - (await b.now()) + 1n);
  const DEFEATED = 3;
  if ((await governor.read.state([proposalId])) !== DEFEATED) {
    throw new Error('the appeal proposal should have been defeated');
  }
  await b.record({
    group,
    name: 'finalize (slash, after a defeated appeal)',
    tx: () => curation.write.finalize([modelId], { account: b.funder }),
  });
  await b.record({
    group,
    name: 'withdrawStake (after delisting)',
    tx: () => curation.write.withdrawStake([modelId], { account: delegated }),
  });
}

/** A challenge that fails shares its deposit with the curators, who claim it. */
export async function measureClaims(b: Bench): Promise<void> {
  const { curation } = b.curia;
  const group = 'Curation (CurationRegistry)';
  const p = await curationParameters(b);
  const owner = await b.account('creator-claims', { cur: 10n * p.listingBond });
  const models = await listedModels(b, owner, 10, 'claims');
  const each = parseEther('100');
  const one = await b.account('claimer-1', { cur: 2n * each }); // keeps a balance
  const ten = await b.account('claimer-10', { cur: 11n * each });
  const challenger = await b.account('challenger-claims', { cur: 10n * p.challengeDeposit });
  await b.batch([
    setup.approve(b, one, each),
    setup.curation(b, one, 'stake', [models[0], each]),
    setup.approve(b, ten, 10n * each),
    ...models.map((id) => setup.curation(b, ten, 'stake', [id, each])),
    setup.approve(b, challenger, 10n * p.challengeDeposit),
    ...models.map((id) =>
      setup.curation(b, challenger, 'challenge', [
        id,
        0,
        QUALITY,
        METADATA_URI,
        contentHash(`evidence-${id}`),
      ]),
    ),
  ]);
  await b.travel(p.disputeDelay + p.votingPeriod + 60n); // past every challenge of the batch
  await b.record({
    group,
    name: 'resolve (kept: deposit shared)',
    tx: () => curation.write.resolve([models[0]], { account: b.funder }),
    note: 'no quorum: the model stays, curators and owner share the deposit',
  });
  await b.batch(models.slice(1).map((id) => setup.curation(b, b.funder, 'resolve', [id])));
  await b.record({
    group,
    name: 'claim (1 model)',
    tx: () => curation.write.claim([[models[0]]], { account: one }),
    target: { kind: 'max', value: 90_000 },
    note: 'claimer undelegated and holding CUR; one holding none pays 17,100 more (a fresh balance slot)',
  });
  await b.record({
    group,
    name: 'claim (10 models)',
    tx: () => curation.write.claim([models], { account: ten }),
  });
}
