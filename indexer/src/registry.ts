// ModelRegistry: entries, versions, lineage, ownership, and the card text of each version (the
// model row keeps the latest's).
import { lineage, model, version } from 'ponder:schema';
import { readCard, searchTextOf } from './lib/cards.ts';
import { settings } from './lib/context.ts';
import { on, ZERO } from './lib/on.ts';
import { KIND } from '../../protocol/enums.ts';

on('ModelRegistry:ModelRegistered', async ({ event, context }) => {
  const { modelId, creator, kind } = event.args;
  await context.db.insert(model).values({
    id: modelId,
    kind: KIND[kind] ?? String(kind),
    creator,
    owner: creator,
    registeredAt: event.block.timestamp,
    registeredBlock: event.block.number,
    updatedAt: event.block.timestamp,
    versionCount: 0,
    contentHash: '0x',
    metadataUri: '',
    cardStatus: 'missing',
    tags: [],
    language: [],
    searchText: '',
    storedStatus: 'None',
    pendingUntil: 0n,
    suspendedUntil: 0n,
    bondReleaseAt: 0n,
    bond: 0n,
    openDispute: 0n,
    listedVersion: 0,
    candidateVersion: 0,
    candidateUntil: 0n,
    candidateChallenged: false,
    disputeCount: 0,
    stakeActive: 0n,
    stakeUnbonding: 0n,
    stakeHeld: 0n,
    curatorCount: 0,
    offerCount: 0,
    saleCount: 0,
    reportCount: 0,
  });
});

on('ModelRegistry:VersionPublished', async ({ event, context }) => {
  const { modelId, version: number, parent, contentHash, metadataURI, derivedFrom } = event.args;
  const card = await readCard(metadataURI, settings.docsDir);
  const text = {
    cardStatus: card.status,
    name: card.name,
    title: card.title,
    description: card.description,
    tags: card.tags,
    license: card.license,
    pipelineTag: card.pipelineTag,
    language: card.language,
    searchText: searchTextOf(card),
  };
  await context.db.insert(version).values({
    id: `${modelId}-${number}`,
    modelId,
    version: number,
    parent,
    contentHash,
    metadataUri: metadataURI,
    derivedFrom: [...derivedFrom],
    publishedAt: event.block.timestamp,
    ...text,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  if (derivedFrom.length > 0) {
    await context.db
      .insert(lineage)
      .values(
        derivedFrom.map((upstreamId) => ({
          id: `${modelId}-${number}-${upstreamId}`,
          modelId,
          version: number,
          upstreamId,
        })),
      )
      .onConflictDoNothing();
  }
  await context.db.update(model, { id: modelId }).set({
    versionCount: number,
    contentHash,
    metadataUri: metadataURI,
    updatedAt: event.block.timestamp,
    ...text,
  });
});

on('ModelRegistry:Transfer', async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  // A mint precedes its ModelRegistered event, which creates the row.
  if (from === ZERO) return;
  await context.db
    .update(model, { id: tokenId })
    .set({ owner: to, updatedAt: event.block.timestamp });
});
