// The /models list's filters: parsed from the URL, written back without defaults, and turned into
// the indexer's query.
import { describe, expect, it } from 'vitest';
import type { DisputeState } from '../../protocol/indexer/types';
import { isBehind } from '../../protocol/indexer/client';
import {
  auditText,
  catchUpInterval,
  auditTone,
  DEFAULT_FILTERS,
  displayName,
  effectiveSort,
  filtersFromUrl,
  filtersToSearch,
  listingNotes,
  parseEthAmount,
  rowPrices,
  toModelQuery,
  versionText,
} from '../../web/lib/models';

const parse = (search: string) => filtersFromUrl(new URLSearchParams(search));

describe('model list filters', () => {
  it('reads the URL, ignoring unknown or malformed values', () => {
    expect(parse('')).toEqual(DEFAULT_FILTERS);
    expect(
      parse(
        'q=whisper+small&status=Listed&kind=Dataset&license=mit&audited=pass&sale=forsale&maxPrice=0.05&candidate=yes&sort=sales&page=3',
      ),
    ).toEqual({
      q: 'whisper small',
      status: 'Listed',
      kind: 'Dataset',
      license: 'mit',
      audited: 'pass',
      sale: 'forsale',
      maxPrice: '0.05',
      candidate: 'yes',
      sort: 'sales',
      page: 3,
    });
    expect(
      parse(
        'status=Bogus&kind=Robot&audited=yes&sale=maybe&maxPrice=-1&candidate=maybe&sort=loudest&page=0',
      ),
    ).toEqual(DEFAULT_FILTERS);
    expect(parse('page=1.5').page).toBe(1);
    expect(parse('maxPrice=1e3').maxPrice).toBe('');
  });

  it('writes back only what differs from the defaults, and round-trips', () => {
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    // Most stake is the default without a search, best match with one.
    expect(filtersToSearch({ ...DEFAULT_FILTERS, sort: 'stake' })).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: 'aurora', sort: 'relevance' })).toBe(
      '?q=aurora',
    );
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: ' aurora ', sort: 'stake' })).toBe(
      '?q=aurora&sort=stake',
    );
    const search =
      '?q=chat+model&status=Pending&audited=any&sale=none&candidate=no&sort=newest&page=2';
    expect(filtersToSearch(parse(search))).toBe(search);
  });

  it('asks the indexer for one page, prices in wei', () => {
    expect(toModelQuery(DEFAULT_FILTERS)).toEqual({
      q: undefined,
      status: undefined,
      kind: undefined,
      license: undefined,
      audited: undefined,
      hasOffer: undefined,
      maxPrice: undefined,
      hasCandidate: undefined,
      sort: 'stake',
      limit: 25,
      offset: 0,
    });
    const q = toModelQuery(parse('q=x&sale=forsale&maxPrice=0.5&page=3'));
    expect(q).toMatchObject({
      q: 'x',
      hasOffer: true,
      maxPrice: '500000000000000000',
      sort: 'relevance',
      offset: 50,
    });
    expect(toModelQuery(parse('sale=none')).hasOffer).toBe(false);
    // "For sale" is what one can buy now: offers of Listed entries, unless a status was chosen.
    expect(toModelQuery(parse('sale=forsale')).status).toBe('Listed');
    expect(toModelQuery(parse('sale=forsale&status=Pending')).status).toBe('Pending');
    expect(toModelQuery(parse('sale=none')).status).toBeUndefined();
    // The candidate filter (issue 16): "has a candidate version" or none.
    expect(toModelQuery(parse('candidate=yes')).hasCandidate).toBe(true);
    expect(toModelQuery(parse('candidate=no')).hasCandidate).toBe(false);
    expect(effectiveSort({ ...DEFAULT_FILTERS, sort: 'relevance' })).toBe('stake');
  });

  it('parses ETH amounts and formats rows', () => {
    expect(parseEthAmount('0.01')).toBe(10_000_000_000_000_000n);
    expect(parseEthAmount('2')).toBe(2_000_000_000_000_000_000n);
    expect(parseEthAmount('')).toBeNull();
    expect(parseEthAmount('abc')).toBeNull();
    expect(parseEthAmount('0.0000000000000000001')).toBeNull();
    expect(auditText({ version: 1, pass: 0, concerns: 0, fail: 0, slashed: 0 })).toBeNull();
    expect(auditText({ version: 2, pass: 2, concerns: 0, fail: 1, slashed: 0 })).toBe(
      '2 Pass · 1 Fail',
    );
    expect(displayName({ id: '7', title: null, name: null, kind: 'Dataset' })).toBe('Dataset #7');
    expect(displayName({ id: '7', title: 'Aurora', name: 'aurora', kind: 'Model' })).toBe('Aurora');
  });
});

describe('a list row follows the listed version (issue 16)', () => {
  it('says which version it shows when a newer one is not listed', () => {
    expect(versionText({ cardVersion: 1, versionCount: 1 })).toBeNull();
    expect(versionText({ cardVersion: 3, versionCount: 3 })).toBe('v3');
    // v2 listed, v3 a pending or rejected candidate: the row is v2's, and says so.
    expect(versionText({ cardVersion: 2, versionCount: 3 })).toBe('v2 of 3');
  });

  it('does not count a slashed Pass as a Pass', () => {
    const slashedPass = { version: 1, pass: 0, concerns: 0, fail: 0, slashed: 1 };
    expect(auditText(slashedPass)).toBe('1 Pass slashed');
    expect(auditText(slashedPass)).not.toMatch(/^1 Pass$/);
    expect(auditTone(slashedPass)).toBe('fail');
    expect(auditTone({ version: 1, pass: 1, concerns: 0, fail: 0, slashed: 0 })).toBe('pass');
    expect(auditTone({ version: 1, pass: 1, concerns: 1, fail: 0, slashed: 0 })).toBe('concerns');
  });

  it('names an open dispute on a listed model rather than showing plain Listed', () => {
    const row = (
      status: 'Listed' | 'Removed',
      openDispute: string | null,
      state: DisputeState | null,
    ) => ({ status, openDispute, openDisputeState: state, candidate: null }) as const;
    const notes = listingNotes(row('Listed', '7', 'Voting'), 100);
    expect(notes).toEqual([{ text: 'Under dispute', disputeId: '7' }]);
    expect(listingNotes(row('Listed', null, null), 100)).toEqual([]);
    // Removed by the vote: the words of the dispute page, by the dispute's state.
    expect(listingNotes(row('Removed', '4', 'Removed'), 100)[0].text).toBe('Appeal window open');
    expect(listingNotes(row('Removed', '4', 'Appealed'), 100)[0].text).toBe('Appealed to the DAO');
  });

  it('says a candidate is pending, or challenged (the listing itself is not disputed then)', () => {
    const until = Date.UTC(2026, 11, 24) / 1000;
    const pending = listingNotes(
      {
        status: 'Listed',
        openDispute: null,
        openDisputeState: null,
        candidate: { version: 3, until, challenged: false },
      },
      until - 60,
    );
    expect(pending).toEqual([
      {
        text: 'Candidate v3 pending, listed Dec 24, 2026 unless challenged',
        disputeId: null,
      },
    ]);
    const challenged = listingNotes(
      {
        status: 'Listed',
        openDispute: '9',
        openDisputeState: 'Voting',
        candidate: { version: 3, until, challenged: true },
      },
      until + 60,
    );
    expect(challenged).toEqual([{ text: 'Candidate v3 challenged', disputeId: '9' }]);
    // A removed listing's candidate is listed only if the DAO restores it.
    expect(
      listingNotes(
        {
          status: 'Removed',
          openDispute: '4',
          openDisputeState: 'Appealed',
          candidate: { version: 2, until, challenged: false },
        },
        until - 60,
      ).map((n) => n.text),
    ).toEqual(['Appealed to the DAO', 'Candidate v2 pending']);
  });
});

describe("a row's prices", () => {
  const prices = [{ currency: 'ETH', price: '1' }];
  it('shows the offers of a listing that sells, and why not otherwise', () => {
    expect(rowPrices({ status: 'Listed', prices })).toEqual({ prices, none: 'Not for sale' });
    expect(rowPrices({ status: 'Listed', prices: [] }).prices).toEqual([]);
    expect(rowPrices({ status: 'Removed', prices })).toEqual({
      prices: [],
      none: 'Not on sale while removed',
    });
    expect(rowPrices({ status: 'Suspended', prices }).none).toBe('Not on sale while suspended');
    expect(rowPrices({ status: 'Delisted', prices }).none).toBe('Not on sale: delisted');
    expect(rowPrices({ status: 'Pending', prices }).none).toBe('On sale once listed');
    expect(rowPrices({ status: 'Withdrawn', prices: [] }).none).toBe('Not for sale');
  });
});

describe('asking the index again until it has caught up with the chain', () => {
  it('asks again while the index is behind, or while the chain head is not known yet', () => {
    // No answer yet: the first fetch is TanStack's to make.
    expect(catchUpInterval(undefined, 10n)).toBe(false);
    // The index answered before the chain's head was read (a page just opened): ask again, or a
    // history one block behind stays on the page of an idle chain (portal.e2e, CI stop 24).
    expect(catchUpInterval(9, undefined)).toBe(1_500);
    expect(catchUpInterval(null, undefined)).toBe(1_500);
    // Behind, or not started: ask again; at or past the head: stop.
    expect(catchUpInterval(9, 10n)).toBe(1_500);
    expect(catchUpInterval(null, 10n)).toBe(1_500);
    expect(catchUpInterval(10, 10n)).toBe(false);
    expect(catchUpInterval(11, 10n)).toBe(false);
  });

  it("asks the index's progress again while it has not processed the chain's latest block", () => {
    // Curia.start: on a quiet chain no next block comes to ask it (the delegates list stayed
    // without the user's delegation, walk 17).
    expect(isBehind(9, 10n)).toBe(true);
    expect(isBehind(null, 10n)).toBe(true);
    expect(isBehind(10, 10n)).toBe(false);
    expect(isBehind(undefined, 10n)).toBe(false);
    expect(isBehind(9, undefined)).toBe(false);
  });
});
