// The portal's pure helpers: demo keys, formatting, CIDs, model cards, license terms and amounts.
import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../../scripts/lib/accounts';
import { PEOPLE } from '../../scripts/seed/people';
import { cardDocument, emptyCard, parseCard } from '../../protocol/card.ts';
import { docUrl } from '../../web/lib/docs';
import { cidOfBytes } from '../../protocol/cid.ts';
import { DEMO_ACCOUNTS } from '../../web/lib/config';
import { parseAmount, parseAmountWithin } from '../../web/lib/amount';
import {
  addressProblem,
  displayAddress,
  formatDuration,
  formatToken,
  relativeTime,
  shortAddress,
} from '../../web/lib/format';
import { findingsOf, termsOf } from '../../web/lib/market';
import { formatCardSize } from '../../web/lib/files';

describe('demo accounts', () => {
  it("are the accounts 0-13 of anvil's mnemonic, as the seed names them", () => {
    expect(DEMO_ACCOUNTS.map(({ address, privateKey }) => ({ address, privateKey }))).toEqual(
      demoAccounts(14).map(({ address, privateKey }) => ({ address, privateKey })),
    );
    expect(DEMO_ACCOUNTS.map((a) => a.name)).toEqual(PEOPLE.map((p) => p.name));
  });
});

describe('format', () => {
  it('formats token amounts', () => {
    expect(formatToken(1_000n * 10n ** 18n)).toBe('1,000 CUR');
    expect(formatToken(1_234_567_890_000_000_000_000n)).toBe('1,234.56 CUR');
    expect(formatToken(0n)).toBe('0 CUR');
    expect(formatToken(1n)).toBe('< 0.01 CUR');
  });
  it('shows an address in one letter case, whatever case it came in', () => {
    const checksummed = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(displayAddress(checksummed.toLowerCase())).toBe(checksummed);
    expect(displayAddress(checksummed.toUpperCase().replace('0X', '0x'))).toBe(checksummed);
    expect(shortAddress(checksummed.toLowerCase())).toBe('0x7099…79C8');
    expect(displayAddress('not an address')).toBe('not an address');
    expect(shortAddress(undefined)).toBe('—');
  });
  it('formats durations', () => {
    expect(formatDuration(259200)).toBe('3 days');
    expect(formatDuration(90061)).toBe('1 day 1 hour');
    expect(formatDuration(59)).toBe('59 seconds');
    expect(relativeTime(100, 40)).toBe('in 1 minute');
    expect(relativeTime(40, 100)).toBe('1 minute ago');
  });
});

describe('cid', () => {
  it('gives the raw CIDv1 of bytes (as ipfs add --cid-version 1 --raw-leaves)', async () => {
    // The well-known CID of the empty file with raw leaves.
    expect((await cidOfBytes(new Uint8Array())).toString()).toBe(
      'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
    );
  });
});

describe('model card', () => {
  it('parses untrusted JSON into text fields', () => {
    const { card } = parseCard(
      JSON.stringify({
        name: 'Llama <b>',
        tags: ['a', 1, { x: 1 }],
        description: '**hi**',
        evaluation: [{ task: 'qa', metric: 'f1', value: 0.9, verified: 'yes' }],
        intendedUses: ['chat', 'search'],
      }),
    );
    expect(card.name).toBe('Llama <b>');
    expect(card.tags).toEqual(['a', '1']);
    expect(card.evaluation[0]).toMatchObject({ task: 'qa', value: '0.9', verified: false });
    expect(card.intended_uses).toBe('- chat\n- search');
  });
  it("reads Hugging Face's model-index as one row per metric, and a training procedure", () => {
    const { card } = parseCard(
      JSON.stringify({
        name: 'm',
        'model-index': [
          {
            name: 'org/m',
            results: [
              {
                task: { type: 'text-generation' },
                dataset: { name: 'cais/mmlu', type: 'cais/mmlu' },
                metrics: [
                  { type: 'accuracy', name: 'MMLU (5-shot)', value: 33.1, verified: false },
                  { type: 'f1', value: 0.5, verified: true },
                ],
              },
            ],
          },
        ],
        training: { procedure: 'AdamW.', hyperparameters: { steps: 10, batch: 'x' } },
      }),
    );
    expect(card.evaluation).toEqual([
      {
        task: 'text-generation',
        dataset: 'cais/mmlu',
        metric: 'MMLU (5-shot)',
        value: '33.1',
        verified: false,
      },
      { task: 'text-generation', dataset: 'cais/mmlu', metric: 'f1', value: '0.5', verified: true },
    ]);
    expect(card.training).toBe('AdamW.\n\n- steps: 10\n- batch: x');
  });
  it('treats anything else as markdown', () => {
    expect(parseCard('# Card').markdown).toBe('# Card');
    expect(parseCard('[1,2]').markdown).toBe('[1,2]');
  });
  it('writes documents without empty fields', () => {
    expect(JSON.parse(cardDocument({ ...emptyCard(), name: 'x', tags: ['t'] }))).toEqual({
      name: 'x',
      tags: ['t'],
    });
  });
  it("writes a new version's card over the previous one: edited fields replaced, the rest kept", () => {
    const previous = {
      title: 'Aurora-1B',
      name: 'lumen/aurora-1b',
      limitations: 'English only.',
      summary: 'Old summary.',
      'model-index': [{ name: 'old' }],
      environmental_impact: { hardware: '8×A100', hours: 120 },
      files: [{ name: 'v3.safetensors', size: '1', sha256: 'ab' }],
    };
    const { card } = parseCard(JSON.stringify(previous));
    const next = { ...card, description: 'New weights.', limitations: '', files: [] };
    const doc = JSON.parse(cardDocument(next, previous));
    expect(doc).toMatchObject({
      title: 'Aurora-1B',
      name: 'lumen/aurora-1b',
      description: 'New weights.',
      environmental_impact: { hardware: '8×A100', hours: 120 },
    });
    // Emptied in the form: gone; read under another name and edited: only the new name; the
    // previous version's files are not the new version's.
    for (const key of ['limitations', 'summary', 'model-index', 'files'])
      expect(doc).not.toHaveProperty(key);
  });
  it('maps ipfs URIs to the portal', () => {
    expect(docUrl('ipfs://bafkreiabc123xyz')).toBe('/api/docs/bafkreiabc123xyz');
    expect(docUrl('ipfs://../etc/passwd')).toBeUndefined();
    expect(docUrl('https://example.org/card.json')).toBeUndefined();
  });
});

describe('license terms', () => {
  it("shows the terms of the portal's JSON document, and any other text as it is", () => {
    const doc = JSON.stringify({
      type: 'license-terms',
      modelId: '6',
      terms: '# Terms\n\nNo resale.',
    });
    expect(termsOf(doc)).toBe('# Terms\n\nNo resale.');
    expect(termsOf('Plain **Markdown** terms.')).toBe('Plain **Markdown** terms.');
    expect(termsOf('{"terms": 42}')).toBe('{"terms": 42}');
    expect(termsOf('null')).toBe('null');
    expect(findingsOf(JSON.stringify({ findings: 'No leakage.' }))).toBe('No leakage.');
  });
});

describe('amounts', () => {
  it('parses prices and deposits in the currency’s decimals, and says what is wrong', () => {
    expect(parseAmount('0.002', 18).value).toBe(2_000_000_000_000_000n);
    expect(parseAmount('2', 6).value).toBe(2_000_000n);
    expect(parseAmount('1,000.5', 6).value).toBe(1_000_500_000n);
    expect(parseAmount('0', 18).error).toMatch(/greater than zero/);
    // Beyond what the field holds (walk 18: 80 nines as an offer price reached the page as
    // viem's range error): a field error instead.
    expect(parseAmount('9'.repeat(80), 18).error).toBe('That amount is too large.');
    expect(parseAmount('2', 0, 1n).error).toBe('That amount is too large.');
    expect(parseAmount('1', 0, 1n).value).toBe(1n);
    expect(parseAmount('abc', 18).error).toMatch(/Enter a number/);
    expect(parseAmount('0.0000001', 6).error).toMatch(/At most 6 decimals/);
  });

  it('reads a comma only as a thousands group: "1,5" is refused, not taken for 15', () => {
    const dot = 'Use a dot for decimals, like 1.5: a comma only groups thousands, as in 1,000.';
    for (const typed of ['1,5', '0,25', '12,34', '1,0000', ',5', '1,000,00', '1.000,5']) {
      expect(parseAmount(typed, 18).error, typed).toBe(dot);
    }
    expect(parseAmount('1,000', 18).value).toBe(1_000n * 10n ** 18n);
    expect(parseAmount('12,345,678.9', 6).value).toBe(12_345_678_900_000n);
    expect(parseAmount('1 000', 18).value).toBe(1_000n * 10n ** 18n);
  });

  it('refuses more than is available in its own words, however far beyond (not an overflow)', () => {
    const tooMuch = (b: bigint) => `only ${b}`;
    const balance = 126_850n * 10n ** 18n;
    expect(parseAmountWithin('200000', balance, tooMuch).error).toBe(`only ${balance}`);
    expect(parseAmountWithin('99999999999', balance, tooMuch).error).toBe(`only ${balance}`);
    expect(parseAmountWithin('126850', balance, tooMuch).value).toBe(balance);
    // Unknown balance: only the amount's own checks.
    expect(parseAmountWithin('99999999999', undefined, tooMuch).value).toBe(
      99_999_999_999n * 10n ** 18n,
    );
    expect(parseAmountWithin('abc', balance, tooMuch).error).toMatch(/Enter a number/);
  });
});

describe('formatCardSize', () => {
  it("says a card's byte count in words, and leaves any other text as written", () => {
    expect(formatCardSize('31552')).toBe('30.8 KiB');
    expect(formatCardSize('416')).toBe('416 bytes');
    expect(formatCardSize('1.2 GB')).toBe('1.2 GB');
  });
});

describe('addressProblem', () => {
  it('tells a checksum typo and a name from what is not an address at all', () => {
    const ask = 'Enter the recipient address (0x…).';
    expect(addressProblem('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', ask)).toBeNull();
    expect(addressProblem('0x70997970c51812dc3a010c7d01b50e0d17dc79c8', ask)).toBeNull();
    expect(addressProblem('0x70997970C51812DC3A010C7d01b50e0d17dc79C8', ask)).toMatch(
      /capital letters do not match its checksum/,
    );
    expect(addressProblem('vitalik.eth', ask)).toBe(
      'Names (such as ENS names) are not looked up here: enter the 0x address.',
    );
    expect(addressProblem('nope', ask)).toBe(ask);
  });
});
