// The home page's "Your open votes": the open ballots an account has not voted in, with weight.
import { describe, expect, it } from 'vitest';
import { openVotes, type OpenBallot } from '../../web/lib/open-votes';

const ballot = (kind: OpenBallot['kind'], id: number, snapshot: number, endsAt: number) => ({
  kind,
  id: BigInt(id),
  title: `${kind} ${id}`,
  snapshot,
  endsAt,
});

describe('openVotes', () => {
  const now = 1_000;
  const ballots = [
    ballot('proposal', 1, 900, 2_000),
    ballot('dispute', 2, 900, 1_500),
    ballot('proposal', 3, 900, 1_200),
    ballot('dispute', 4, 1_000, 3_000), // snapshot not passed: votes open after it
    ballot('proposal', 5, 100, 999), // ended
    ballot('dispute', 6, 900, 1_100),
  ];
  const reads = [
    { voted: false, weight: 5n },
    { voted: false, weight: 7n },
    { voted: true, weight: 9n }, // voted already
    { voted: false, weight: 1n },
    { voted: false, weight: 1n },
    { voted: false, weight: 0n }, // no weight at the snapshot
  ];

  it('keeps the open ones not voted in where the account has weight, soonest to close first', () => {
    expect(openVotes(ballots, reads, now).map((v) => `${v.kind} ${v.id}:${v.weight}`)).toEqual([
      'dispute 2:7',
      'proposal 1:5',
    ]);
  });

  it('counts the last second of a vote as open', () => {
    expect(openVotes([ballot('proposal', 1, 900, now)], [reads[0]], now)).toHaveLength(1);
  });

  it('refuses reads that do not match the ballots', () => {
    expect(() => openVotes(ballots, reads.slice(1), now)).toThrow();
  });
});
