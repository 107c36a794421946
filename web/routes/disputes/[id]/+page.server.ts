// A dispute's history from the index: its votes and the entry's title. What can still change (state,
// tally, deadlines, the appeal) is read from the chain in the browser (disputeQuery).
import { error } from '@sveltejs/kit';
import { exists, notFoundMessage } from '$lib/server/exists';
import { INDEX_DEPENDENCY, fromIndex } from '$lib/server/history';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch, depends }) => {
  if (!/^[1-9]\d{0,19}$/.test(params.id)) error(404, 'No such dispute');
  depends(INDEX_DEPENDENCY);
  // The chain says whether it exists while the index is read (one round trip, not two in a row).
  const [found, history] = await Promise.all([
    exists('dispute', BigInt(params.id)),
    fromIndex(fetch, async (indexer) => {
      const [row, votes] = await Promise.all([
        indexer.dispute(params.id),
        indexer.all((page) => indexer.disputeVotes(params.id, page)),
      ]);
      return {
        value: { modelTitle: row?.modelTitle ?? null, indexed: !!row, votes },
        asOfBlock: row?.asOf.block ?? null,
      };
    }),
  ]);
  if (found === false) error(404, notFoundMessage('dispute', params.id));
  return { id: BigInt(params.id), history };
};
