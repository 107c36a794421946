// The heading of a model page from its card: title, else model_name, else name (as the indexer).
import { describe, expect, it } from 'vitest';
import { cardTitle } from '../../protocol/card.ts';
import { entryTitle } from '../../web/lib/model.ts';

describe('cardTitle', () => {
  it('prefers the title, then model_name, then the name', () => {
    expect(cardTitle(JSON.stringify({ name: 'org/aurora-7b', title: 'Aurora 7B' }))).toBe(
      'Aurora 7B',
    );
    expect(cardTitle(JSON.stringify({ name: 'org/x', model_name: ' X model ' }))).toBe('X model');
    expect(cardTitle(JSON.stringify({ name: 'Zephyr 3B', title: '  ' }))).toBe('Zephyr 3B');
  });

  it('gives no heading for a card without a name (the page then shows the entry number)', () => {
    expect(cardTitle('# Only a heading\n\nSome text.')).toBe('');
    expect(cardTitle(JSON.stringify({ description: 'nameless' }))).toBe('');
  });
});

describe('entryTitle', () => {
  const card = JSON.stringify({ name: 'org/aurora-7b', title: 'Aurora 7B' });
  const ids = { cid: 'bafk', onChain: undefined };

  it("names an entry by its verified card's title", () => {
    const verified = { ...ids, status: 'verified', text: card, type: 'json', size: 1 } as const;
    expect(entryTitle('Model', 7n, verified)).toBe('Aurora 7B');
  });

  it('falls back to the kind and number while loading, unverified or untitled', () => {
    expect(entryTitle(undefined, 7n, undefined)).toBe('Model #7');
    const mismatch = { ...ids, status: 'mismatch', reason: 'x', raw: card } as const;
    expect(entryTitle('Dataset', 3n, mismatch)).toBe('Dataset #3');
    const untitled = { ...ids, status: 'verified', text: '{}', type: 'json', size: 2 } as const;
    expect(entryTitle('Model', 2n, untitled)).toBe('Model #2');
  });
});
