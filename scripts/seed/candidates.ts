// Candidate versions (issue 16), kept apart from the rest of the seeded history so that it merges on its own:
// one Listed model whose new version is still a candidate in its challenge window at the end of the history, and
// one whose candidate version was challenged and rejected by the vote (its listed version stays listed and on sale).
// Neither version is in the catalog's `versions`: the catalog lists what each entry published before its listing.
import { entry, type EntrySpec, type VersionSpec } from './catalog.ts';

export const CANDIDATES = {
  /** Published a third of a challenge period before the end: still a candidate. */
  pending: {
    key: 'lumen/translate-en-fr',
    notes:
      'Adds formal/informal register control and a longer context. Candidate: not on sale until its challenge period ends.',
    /** Each metric's value is scaled by this (illustrative numbers). */
    scale: 1.01,
  },
  /** Published, challenged for safety and rejected by the dispute vote. */
  rejected: {
    key: 'lumen/toxicity-guard',
    notes:
      'Retrained on a broader crawl. Reviewers found it flags dialect speech as toxic far more often than v2.',
    scale: 0.95,
  },
} as const;
export type CandidateKey = keyof typeof CANDIDATES;

/** The entry's spec with its candidate version appended (the version number is `versions.length`). */
export function candidateSpec(key: CandidateKey): EntrySpec {
  const { key: entryKey, notes, scale } = CANDIDATES[key];
  const spec = entry(entryKey);
  const last = spec.versions[spec.versions.length - 1];
  const version: VersionSpec = {
    ...last,
    notes,
    metrics: last.metrics.map((m) => ({ ...m, value: Number((m.value * scale).toPrecision(3)) })),
  };
  return { ...spec, versions: [...spec.versions, version] };
}

/** The candidate spec of a catalog entry, if it has one. */
export function candidateOf(entryKey: string): EntrySpec | undefined {
  const key = (Object.keys(CANDIDATES) as CandidateKey[]).find(
    (k) => CANDIDATES[k].key === entryKey,
  );
  return key ? candidateSpec(key) : undefined;
}
