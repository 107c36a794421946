// Curation bound to exact versions (issue 16): which version is listed (and sold), whether a newer
// one is a candidate in its challenge window or under a challenge, what a curator and a challenger
// may do meanwhile, and what changed between the listed version's card and the candidate's.
import type { Hex } from 'viem';
import type { ModelCard } from '$protocol/card';
import type { ListingStatusLabel } from '$protocol/enums';

/** `CurationRegistry.versionsOf` and whether the candidate is challenged (`listingOf`). */
export interface CurationVersions {
  /** The listed version (0: never listed). */
  listed: number;
  /** The pending candidate (0: none). */
  candidate: number;
  /** When the candidate is listed unless challenged (chain seconds). */
  candidateUntil: number;
  /** A dispute challenges the candidate (its window no longer runs out on its own). */
  candidateChallenged: boolean;
}

/**
 * Where a model's candidate stands at chain time `now`: `none` (no candidate), `window` (listed at
 * `until` unless challenged), or `challenged` (listed only if the vote keeps it). A candidate whose
 * window passed unchallenged is the listed version, as the contract reads it, even before the next
 * read of `versionsOf`.
 */
export type CandidatePhase =
  | { phase: 'none'; listed: number }
  | { phase: 'window'; listed: number; candidate: number; until: number }
  | { phase: 'challenged'; listed: number; candidate: number };

export function candidatePhase(v: CurationVersions, now: number): CandidatePhase {
  if (v.candidate === 0) return { phase: 'none', listed: v.listed };
  if (v.candidateChallenged) {
    return { phase: 'challenged', listed: v.listed, candidate: v.candidate };
  }
  if (now >= v.candidateUntil) return { phase: 'none', listed: v.candidate };
  return { phase: 'window', listed: v.listed, candidate: v.candidate, until: v.candidateUntil };
}

/** Whether a candidate is pending (in its window or challenged): no new stake, free exit. */
export const candidatePending = (p: CandidatePhase) => p.phase !== 'none';

/**
 * The version number `CurationRegistry.challenge` takes for a challenge of `target`: 0 for the
 * listed version (the listing as it stands), the candidate's own number for the candidate.
 */
export function challengeVersion(p: CandidatePhase, target: 'listed' | 'candidate'): number {
  if (target === 'candidate') {
    if (p.phase !== 'window') throw new Error('only a candidate in its window can be challenged');
    return p.candidate;
  }
  return 0;
}

/**
 * Why the staking form is not offered now, in plain words, or null when it is. `kind` is "model"
 * or "dataset".
 */
export function stakeRefusal(o: {
  status: string;
  frozen: boolean;
  phase: CandidatePhase;
  kind: string;
}): string | null {
  if (o.frozen && o.status === 'Removed') {
    // The vote has decided; the dispute stays open for the owner's appeal.
    return (
      `The vote removed this ${o.kind}: stakes stay frozen until it is delisted for good after ` +
      `the appeal period (when part of each stake is slashed), or restored on appeal.`
    );
  }
  if (o.frozen)
    return `This ${o.kind} is being disputed: stakes are frozen until the dispute is decided.`;
  if (o.status !== 'Pending' && o.status !== 'Listed') {
    return `Stake is accepted only while the ${o.kind} is pending or listed.`;
  }
  if (o.phase.phase !== 'none') {
    return (
      `New stake waits until v${o.phase.candidate}, a candidate version, is listed or rejected: ` +
      `stake vouches for the listed version, and it is about to change.`
    );
  }
  return null;
}

/**
 * What the versions panel calls the listed version, by the entry's status: only a Listed entry
 * sells licenses of it (`buyLicense` refuses the others), so the label must not say it does while
 * the entry is suspended, removed by a vote (an appeal may restore it) or delisted for good.
 */
export function listedVersionLabel(status: ListingStatusLabel): string {
  switch (status) {
    case 'Listed':
      return 'Listed version (licenses sell it)';
    case 'Suspended':
      return 'Listed version (sales paused while suspended)';
    case 'Removed':
      return 'Last listed version (not on sale while removed)';
    case 'Delisted':
    case 'Withdrawn':
      return 'Last listed version (no longer on sale)';
    default:
      return 'Listed version';
  }
}

/**
 * Whether a curator may leave at once ("leave without unbonding"): while a candidate is pending,
 * a request to unstake has no unbonding period, so the whole active stake can be asked back and
 * withdrawn in the next transaction. Not while a challenge of the listed version freezes stakes.
 */
export function canLeaveAtOnce(o: {
  phase: CandidatePhase;
  frozen: boolean;
  status: string;
  active: bigint;
}): boolean {
  return candidatePending(o.phase) && !o.frozen && o.status !== 'Delisted' && o.active > 0n;
}

// ---------------------------------------------------------------- what changed between two cards

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}
export interface FileChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
  before?: { size: string; sha256: string };
  after?: { size: string; sha256: string };
}
export interface EvalChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}
export interface CardDiff {
  contentHash?: { before: Hex; after: Hex };
  fields: FieldChange[];
  files: FileChange[];
  evals: EvalChange[];
}

/** The card's fields compared one by one, with how the page names them. */
const FIELDS: [keyof ModelCard, string][] = [
  ['name', 'Name'],
  ['description', 'Description'],
  ['license', 'License'],
  ['license_name', 'License name'],
  ['license_link', 'License link'],
  ['library_name', 'Library'],
  ['pipeline_tag', 'Task'],
  ['language', 'Languages'],
  ['tags', 'Tags'],
  ['authors', 'Authors'],
  ['base_model', 'Base models'],
  ['datasets', 'Datasets'],
  ['intended_uses', 'Intended uses'],
  ['out_of_scope_uses', 'Out-of-scope uses'],
  ['limitations', 'Limitations'],
  ['recommendations', 'Recommendations'],
  ['training', 'Training'],
  ['citation', 'Citation'],
];

const asText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/**
 * What changed from `before` (the listed version) to `after` (the candidate): the content hash,
 * each differing field, each file added, removed or with another hash or size, and each evaluation
 * result (by task, dataset and metric) added, removed or with another value.
 */
export function cardDiff(
  before: { card: ModelCard; contentHash: Hex },
  after: { card: ModelCard; contentHash: Hex },
): CardDiff {
  const fields = FIELDS.flatMap(([key, label]) => {
    const a = asText(before.card[key]);
    const b = asText(after.card[key]);
    return a === b ? [] : [{ field: label, before: a, after: b }];
  });

  const filesBefore = new Map(before.card.files.map((f) => [f.name, f]));
  const filesAfter = new Map(after.card.files.map((f) => [f.name, f]));
  const files: FileChange[] = [];
  for (const [name, f] of filesBefore) {
    const g = filesAfter.get(name);
    const was = { size: f.size, sha256: f.sha256 };
    if (!g) files.push({ name, change: 'removed', before: was });
    else if (g.sha256 !== f.sha256 || g.size !== f.size) {
      files.push({
        name,
        change: 'changed',
        before: was,
        after: { size: g.size, sha256: g.sha256 },
      });
    }
  }
  for (const [name, g] of filesAfter) {
    if (!filesBefore.has(name)) {
      files.push({ name, change: 'added', after: { size: g.size, sha256: g.sha256 } });
    }
  }

  const evalKey = (e: ModelCard['evaluation'][number]) =>
    [e.task, e.dataset, e.metric].filter(Boolean).join(' · ');
  const evalsBefore = new Map(before.card.evaluation.map((e) => [evalKey(e), e.value]));
  const evalsAfter = new Map(after.card.evaluation.map((e) => [evalKey(e), e.value]));
  const evals: EvalChange[] = [];
  for (const [key, value] of evalsBefore) {
    if (!evalsAfter.has(key)) evals.push({ key, change: 'removed', before: value });
    else if (evalsAfter.get(key) !== value) {
      evals.push({ key, change: 'changed', before: value, after: evalsAfter.get(key) });
    }
  }
  for (const [key, value] of evalsAfter) {
    if (!evalsBefore.has(key)) evals.push({ key, change: 'added', after: value });
  }

  return {
    contentHash:
      before.contentHash.toLowerCase() === after.contentHash.toLowerCase()
        ? undefined
        : { before: before.contentHash, after: after.contentHash },
    fields,
    files,
    evals,
  };
}

/** Whether two cards' versions differ in nothing the diff shows. */
export const sameVersion = (d: CardDiff) =>
  !d.contentHash && d.fields.length === 0 && d.files.length === 0 && d.evals.length === 0;

/** A dispute's outcome for a rejected candidate, in plain words. */
export function rejectedWords(candidate: number, listed: number): string {
  return `Candidate version v${candidate} rejected; version v${listed} stays listed.`;
}

/**
 * The version whose content hash `hash` repeats, if any (0x + 64 hex, any case): publishing the
 * same weights again makes a version that differs at most by its card.
 */
export function versionWithContent(
  versions: readonly { number: number; contentHash: string }[],
  hash: string,
): number | undefined {
  const h = hash.trim().toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(h)) return undefined;
  return versions.find((v) => v.contentHash.toLowerCase() === h)?.number;
}
