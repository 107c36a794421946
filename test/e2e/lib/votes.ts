// Things to vote on, made through the real contracts: an Active Governor proposal and a dispute in
// its voting period. Used by the relayer's tests (test/relay.test.ts, test/e2e/relay.e2e.ts).
import { encodeFunctionData, parseEventLogs } from 'viem';
import { curationRegistryAbi, curiaGovernorAbi } from '../../../protocol/generated/contracts.ts';
import { CUR, type World } from './world.ts';

/** Accounts `voters` delegate to themselves (voting power counts from the next second). */
export async function delegateAll(world: World, voters: number[]) {
  for (const i of voters) await world.delegateSelf(i);
  await world.increaseTime(2);
}

/** Account `proposer` proposes; the voting delay passes: the proposal is Active. Returns its id. */
export async function activeProposal(world: World, proposer: number, title: string) {
  const receipt = await world.send(
    world.wallets[proposer].writeContract({
      ...world.governor,
      functionName: 'propose',
      args: [
        [world.token.address],
        [0n],
        [
          encodeFunctionData({
            abi: world.token.abi,
            functionName: 'delegate',
            args: [world.accounts[proposer].address],
          }),
        ],
        `# ${title}\n\nA proposal to vote on without gas.`,
      ],
    }),
  );
  const [created] = parseEventLogs({
    abi: curiaGovernorAbi,
    eventName: 'ProposalCreated',
    logs: receipt.logs,
  });
  const delay = await world.publicClient.readContract({
    ...world.governor,
    functionName: 'votingDelay',
  });
  await world.increaseTime(Number(delay) + 1);
  return created.args.proposalId;
}

/** Account `owner` registers and applies to list a model; `challenger` challenges it. Returns the dispute id. */
export async function openDispute(world: World, owner: number, challenger: number, name: string) {
  const modelId = await world.registerModel(owner, { name, description: 'A model to dispute.' });
  await world.applyForListing(owner, modelId);
  await world.increaseTime(2); // weights are taken the second before the challenge
  await world.approve(challenger, world.curation.address, 10_000n * CUR);
  const receipt = await world.send(
    world.wallets[challenger].writeContract({
      ...world.curation,
      functionName: 'challenge',
      args: [modelId, 0, 0, 'ipfs://evidence', `0x${'11'.repeat(32)}`],
    }),
  );
  const [ev] = parseEventLogs({
    abi: curationRegistryAbi,
    eventName: 'Challenged',
    logs: receipt.logs,
  });
  // Votes open after the snapshot, the dispute voting delay (parameter 13) after the challenge.
  await world.increaseTime(Number(await world.parameter(13)) + 1);
  return { modelId, disputeId: ev.args.disputeId };
}
