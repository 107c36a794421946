// Curation bound to exact versions (web/lib/versions.ts): the candidate's phase at chain time,
// what a challenge targets, when stake is refused and a curator may leave at once, and what
// changed between the listed version's card and the candidate's.
import { describe, expect, it } from 'vitest';
import { emptyCard, type ModelCard } from '../../protocol/card';
import {
  listedVersionLabel,
  canLeaveAtOnce,
  candidatePending,
  candidatePhase,
  cardDiff,
  challengeVersion,
  rejectedWords,
  sameVersion,
  stakeRefusal,
  versionWithContent,
} from '../../web/lib/versions';

const T = 1_000_000;
const versions = (o: Partial<Parameters<typeof candidatePhase>[0]> = {}) => ({
  listed: 2,
  candidate: 3,
  candidateUntil: T,
  candidateChallenged: false,
  ...o,
});

describe('candidatePhase', () => {
  it('is none without a candidate', () => {
    expect(candidatePhase(versions({ candidate: 0, candidateUntil: 0 }), T)).toEqual({
      phase: 'none',
      listed: 2,
    });
  });

  it('is the window until candidateUntil, then the candidate is the listed version', () => {
    expect(candidatePhase(versions(), T - 1)).toEqual({
      phase: 'window',
      listed: 2,
      candidate: 3,
      until: T,
    });
    // At candidateUntil the contract lists it (block.timestamp >= candidateUntil).
    expect(candidatePhase(versions(), T)).toEqual({ phase: 'none', listed: 3 });
  });

  it('stays challenged past its window while a dispute runs', () => {
    const p = candidatePhase(versions({ candidateChallenged: true }), T + 10_000);
    expect(p).toEqual({ phase: 'challenged', listed: 2, candidate: 3 });
    expect(candidatePending(p)).toBe(true);
  });
});

describe('challengeVersion', () => {
  it('is 0 for the listed version and the number of a candidate in its window', () => {
    const p = candidatePhase(versions(), T - 5);
    expect(challengeVersion(p, 'listed')).toBe(0);
    expect(challengeVersion(p, 'candidate')).toBe(3);
  });

  it('refuses a candidate that is not in its window', () => {
    expect(() =>
      challengeVersion(candidatePhase(versions({ candidateChallenged: true }), T), 'candidate'),
    ).toThrow(/only a candidate in its window/);
    expect(() => challengeVersion(candidatePhase(versions(), T + 1), 'candidate')).toThrow();
  });
});

describe('stakeRefusal and canLeaveAtOnce', () => {
  const window = candidatePhase(versions(), T - 5);
  const none = candidatePhase(versions({ candidate: 0 }), T);

  it('offers stake on a listed model without a candidate', () => {
    expect(stakeRefusal({ status: 'Listed', frozen: false, phase: none, kind: 'model' })).toBe(
      null,
    );
  });

  it('refuses stake while a candidate is pending, and says why', () => {
    expect(stakeRefusal({ status: 'Listed', frozen: false, phase: window, kind: 'model' })).toMatch(
      /v3, a candidate version, is listed or rejected/,
    );
  });

  it('says stakes are frozen during a challenge of the listed version, and names other statuses', () => {
    expect(stakeRefusal({ status: 'Listed', frozen: true, phase: none, kind: 'model' })).toBe(
      'This model is being disputed: stakes are frozen until the dispute is decided.',
    );
    // Once the vote removed it, the dispute is decided but stays open for the appeal: say so.
    expect(stakeRefusal({ status: 'Removed', frozen: true, phase: none, kind: 'dataset' })).toBe(
      'The vote removed this dataset: stakes stay frozen until it is delisted for good after the ' +
        'appeal period (when part of each stake is slashed), or restored on appeal.',
    );
    expect(stakeRefusal({ status: 'Removed', frozen: false, phase: none, kind: 'dataset' })).toBe(
      'Stake is accepted only while the dataset is pending or listed.',
    );
  });

  it('lets a staked curator leave at once only while a candidate is pending and stakes are not frozen', () => {
    const base = { phase: window, frozen: false, status: 'Listed', active: 10n };
    expect(canLeaveAtOnce(base)).toBe(true);
    expect(canLeaveAtOnce({ ...base, phase: none })).toBe(false);
    expect(canLeaveAtOnce({ ...base, frozen: true })).toBe(false);
    expect(canLeaveAtOnce({ ...base, active: 0n })).toBe(false);
    expect(canLeaveAtOnce({ ...base, status: 'Delisted' })).toBe(false);
    const challenged = candidatePhase(versions({ candidateChallenged: true }), T);
    expect(canLeaveAtOnce({ ...base, phase: challenged })).toBe(true);
  });
});

describe('cardDiff', () => {
  const card = (o: Partial<ModelCard>): ModelCard => ({ ...emptyCard(), ...o });
  const v1 = card({
    name: 'Translate EN-FR',
    license: 'apache-2.0',
    tags: ['translation'],
    files: [
      { name: 'model.safetensors', size: '1.2 GB', sha256: '0xaa' },
      { name: 'tokenizer.json', size: '2 MB', sha256: '0xbb' },
    ],
    evaluation: [
      { task: 'translation', dataset: 'WMT14', metric: 'BLEU', value: '38.1', verified: false },
      { task: 'translation', dataset: 'Flores', metric: 'chrF', value: '61', verified: false },
    ],
  });
  const v2 = card({
    name: 'Translate EN-FR',
    license: 'mit',
    tags: ['translation', 'formal'],
    files: [
      { name: 'model.safetensors', size: '1.2 GB', sha256: '0xcc' },
      { name: 'config.json', size: '1 KB', sha256: '0xdd' },
    ],
    evaluation: [
      { task: 'translation', dataset: 'WMT14', metric: 'BLEU', value: '38.5', verified: false },
      { task: 'translation', dataset: 'IWSLT', metric: 'BLEU', value: '40', verified: false },
    ],
  });
  const hashA = `0x${'11'.repeat(32)}` as const;
  const hashB = `0x${'22'.repeat(32)}` as const;

  it('lists the content hash, each changed field, file and evaluation', () => {
    const d = cardDiff({ card: v1, contentHash: hashA }, { card: v2, contentHash: hashB });
    expect(d.contentHash).toEqual({ before: hashA, after: hashB });
    expect(d.fields).toEqual([
      { field: 'License', before: 'apache-2.0', after: 'mit' },
      { field: 'Tags', before: 'translation', after: 'translation, formal' },
    ]);
    expect(d.files).toEqual([
      {
        name: 'model.safetensors',
        change: 'changed',
        before: { size: '1.2 GB', sha256: '0xaa' },
        after: { size: '1.2 GB', sha256: '0xcc' },
      },
      { name: 'tokenizer.json', change: 'removed', before: { size: '2 MB', sha256: '0xbb' } },
      { name: 'config.json', change: 'added', after: { size: '1 KB', sha256: '0xdd' } },
    ]);
    expect(d.evals).toEqual([
      { key: 'translation · WMT14 · BLEU', change: 'changed', before: '38.1', after: '38.5' },
      { key: 'translation · Flores · chrF', change: 'removed', before: '61' },
      { key: 'translation · IWSLT · BLEU', change: 'added', after: '40' },
    ]);
    expect(sameVersion(d)).toBe(false);
  });

  it('finds nothing between a card and itself (hash case aside)', () => {
    const d = cardDiff(
      { card: v1, contentHash: hashA },
      { card: structuredClone(v1), contentHash: hashA.toUpperCase().replace('0X', '0x') as never },
    );
    expect(d).toEqual({ contentHash: undefined, fields: [], files: [], evals: [] });
    expect(sameVersion(d)).toBe(true);
  });
});

describe('rejectedWords', () => {
  it('names the rejected candidate and the version that stays listed', () => {
    expect(rejectedWords(3, 2)).toBe('Candidate version v3 rejected; version v2 stays listed.');
  });
});

describe('listedVersionLabel', () => {
  it('says licenses sell the listed version only while the entry is Listed', () => {
    expect(listedVersionLabel('Listed')).toBe('Listed version (licenses sell it)');
    for (const status of ['Suspended', 'Removed', 'Delisted', 'Withdrawn'] as const) {
      expect(listedVersionLabel(status)).not.toMatch(/sell it/);
    }
    expect(listedVersionLabel('Delisted')).toBe('Last listed version (no longer on sale)');
    expect(listedVersionLabel('Suspended')).toMatch(/paused/);
  });
});

describe('versionWithContent', () => {
  const h = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  const versions = [
    { number: 1, contentHash: h(1) },
    { number: 2, contentHash: h(0xab) },
  ];
  it('names the version whose weights a new one would repeat, whatever the case', () => {
    expect(versionWithContent(versions, h(0xab).toUpperCase().replace('0X', '0x'))).toBe(2);
    expect(versionWithContent(versions, ` ${h(1)} `)).toBe(1);
  });
  it('says nothing of new content or of a hash still being typed', () => {
    expect(versionWithContent(versions, h(3))).toBeUndefined();
    expect(versionWithContent(versions, h(1).slice(0, 20))).toBeUndefined();
  });
});
