// A proposal's history from the index: its text, actions and votes. What can still change (state,
// tally, deadline, eta) is read from the chain in the browser (proposalLiveQuery).
import { error } from '@sveltejs/kit';
import { exists, notFoundMessage } from '$lib/server/exists';
import { proposalText } from '$lib/proposals';
import { INDEX_DEPENDENCY, fromIndex } from '$lib/server/history';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch, depends }) => {
  if (!/^\d{1,78}$/.test(params.id)) error(404, 'No such proposal');
  depends(INDEX_DEPENDENCY);
  // The chain says whether it exists while the index is read (one round trip, not two in a row).
  const [found, history] = await Promise.all([
    exists('proposal', BigInt(params.id)),
    fromIndex(fetch, async (indexer) => {
      const [row, votes] = await Promise.all([
        indexer.proposal(params.id),
        indexer.all((page) => indexer.proposalVotes(params.id, { ...page, sort: 'recent' })),
      ]);
      // An appeal names its dispute; the dispute, its model and the model's title.
      const dispute = row?.appealOf ? await indexer.dispute(row.appealOf) : null;
      const appeal = dispute
        ? {
            disputeId: BigInt(dispute.id),
            modelId: BigInt(dispute.modelId),
            modelTitle: dispute.modelTitle,
            appealBond: dispute.appealBond === null ? null : BigInt(dispute.appealBond),
          }
        : null;
      return {
        // Undefined: not indexed (yet, when the chain knows it).
        value: { proposal: row ? proposalText(row) : null, votes, appeal },
        asOfBlock: row?.asOf.block ?? null,
      };
    }),
  ]);
  if (found === false) error(404, notFoundMessage('proposal', params.id));
  return { id: BigInt(params.id), history };
};
