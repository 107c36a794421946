// The searchable text of a model card. Cards are content-addressed documents: `ipfs://<cid>` is
// read from the portal's own document store (web/lib/server/ipfs/store.ts, the folder <docsDir>
// where the seed and the portal's uploads put them) and re-hashed against its CID. The indexer
// never fetches from the network: a card that is not in the folder when its version is indexed, or
// that lives at another kind of URI, is indexed without text (cardStatus `missing` or `remote`);
// one whose bytes no longer match its CID, or that is not a card, is `invalid`. The chain's own
// fields are always indexed.
import { parseCid } from '../../../web/lib/server/ipfs/cid.ts';
import { fetchVerified, folderStore } from '../../../web/lib/server/ipfs/store.ts';

export interface CardText {
  status: 'ok' | 'missing' | 'invalid' | 'remote';
  name: string | null;
  title: string | null;
  description: string | null;
  tags: string[];
  license: string | null;
  pipelineTag: string | null;
  language: string[];
}

const CID = /^[A-Za-z0-9]{8,128}$/;
const MAX_BYTES = 512 * 1024;
const MAX_TEXT = 2_000;

export function cidOfUri(uri: string): string | undefined {
  const match = /^ipfs:\/\/(?:ipfs\/)?([^/?#]+)$/.exec(uri.trim());
  const cid = match?.[1];
  return cid && CID.test(cid) ? cid : undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_TEXT);
  if (typeof value === 'number') return String(value);
  return null;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .map(text)
    .filter((x): x is string => x !== null)
    .map((x) => x.slice(0, 100))
    .slice(0, 50);
}

const empty = (status: CardText['status']): CardText => ({
  status,
  name: null,
  title: null,
  description: null,
  tags: [],
  license: null,
  pipelineTag: null,
  language: [],
});

function fromJson(card: Record<string, unknown>): CardText {
  const name = text(card.name);
  return {
    status: 'ok',
    name,
    title: text(card.title) ?? text(card.model_name) ?? name,
    description: text(card.description) ?? text(card.summary),
    tags: list(card.tags),
    license: text(card.license),
    pipelineTag: text(card.pipeline_tag) ?? list(card.task_categories)[0] ?? null,
    language: list(card.language),
  };
}

/** A markdown card: its first heading is the title, its first paragraph the description. */
function fromMarkdown(source: string): CardText {
  const lines = source.split(/\r?\n/);
  const heading = lines.find((l) => /^#{1,2}\s+\S/.test(l));
  const paragraph = source
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith('#') && !p.startsWith('---'));
  return {
    ...empty('ok'),
    title: heading ? heading.replace(/^#+\s+/, '').trim() : null,
    description: paragraph ? paragraph.replace(/\s+/g, ' ').slice(0, MAX_TEXT) : null,
  };
}

export async function readCard(uri: string, docsDir: string): Promise<CardText> {
  const cid = cidOfUri(uri);
  if (!cid) return empty('remote');
  const parsed = parseCid(cid);
  if (!parsed.ok) return empty('remote');
  let fetched;
  try {
    fetched = await fetchVerified(folderStore(docsDir), parsed.cid);
  } catch {
    return empty('invalid');
  }
  if (fetched.status === 'missing') return empty('missing');
  if (fetched.status === 'tampered' || fetched.bytes.length > MAX_BYTES) return empty('invalid');
  const source = new TextDecoder().decode(fetched.bytes);
  try {
    const json: unknown = JSON.parse(source);
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      return fromJson(json as Record<string, unknown>);
    }
    return empty('invalid');
  } catch {
    return fromMarkdown(source);
  }
}

/** Lower-case text that model search matches against. */
export function searchTextOf(card: CardText): string {
  return [card.title, card.name, card.description, ...card.tags]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}
