// The searchable text of a model card. Cards are content-addressed documents: `ipfs://<cid>` is
// read from the document store's folder <docsDir> (protocol/store.ts, where the seed and the
// portal's uploads put them) and re-hashed against its CID. The indexer never fetches from the
// network: a card that is not in the folder when its version is indexed, or that lives at another
// kind of URI, is indexed without text (cardStatus `missing` or `remote`); one whose bytes no
// longer match its CID, or that is not a card, is `invalid`. The chain's own fields are always
// indexed. What a card says is read by protocol/card.ts, as the portal reads it.
import { cardSummary, emptySummary, type CardSummary } from '../../../protocol/card.ts';
import { cidOfUri, parseCid } from '../../../protocol/cid.ts';
import { fetchVerified, folderStore } from '../../../protocol/store.ts';

const MAX_BYTES = 512 * 1024;

export async function readCard(uri: string, docsDir: string): Promise<CardSummary> {
  const cid = cidOfUri(uri);
  if (!cid) return emptySummary('remote');
  const parsed = parseCid(cid);
  if (!parsed.ok) return emptySummary('remote');
  let fetched;
  try {
    fetched = await fetchVerified(folderStore(docsDir), parsed.cid);
  } catch {
    return emptySummary('invalid');
  }
  if (fetched.status === 'missing') return emptySummary('missing');
  if (fetched.status === 'tampered' || fetched.bytes.length > MAX_BYTES) {
    return emptySummary('invalid');
  }
  return cardSummary(new TextDecoder().decode(fetched.bytes));
}

/** Lower-case text that model search matches against. */
export function searchTextOf(card: CardSummary): string {
  return [card.title, card.name, card.description, ...card.tags]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}
