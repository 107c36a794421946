// The heading of a model page from its card: title, else model_name, else name (as the indexer).
import { describe, expect, it } from 'vitest';
import { cardTitle } from '../../protocol/card.ts';

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
