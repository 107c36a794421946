// Gasless signals (off-chain polls) in Snapshot's own message formats: what the browser and the
// server share. The EIP-712 types, the schemas and the counting come from @snapshot-labs/snapshot.js
// on the server ($lib/server/signals); the browser only signs what the server prepared with it.
import type { Address, Hex } from 'viem';

/** The voting types Curia offers, by Snapshot's names (snapshot.js `utils.voting`). */
export const POLL_TYPES = [
  'basic',
  'single-choice',
  'approval',
  'quadratic',
  'ranked-choice',
  'weighted',
] as const;
export type PollType = (typeof POLL_TYPES)[number];

export const POLL_TYPE_INFO: Record<PollType, { label: string; help: string }> = {
  basic: { label: 'Basic', help: 'For, Against or Abstain: one choice.' },
  'single-choice': { label: 'Single choice', help: 'Each voter picks one choice.' },
  approval: { label: 'Approval', help: 'Each voter approves any number of choices.' },
  quadratic: {
    label: 'Quadratic',
    help: 'Voters spread their power; each choice counts the square root of its share.',
  },
  'ranked-choice': {
    label: 'Ranked choice',
    help: 'Voters rank every choice; the last choice is dropped round by round (instant run-off).',
  },
  weighted: { label: 'Weighted', help: 'Voters spread their power over the choices in shares.' },
};

/** Snapshot's basic voting: exactly these choices, in this order. */
export const BASIC_CHOICES = ['For', 'Against', 'Abstain'] as const;

export const LIMITS = {
  title: 256,
  body: 10_000,
  choice: 256,
  minChoices: 2,
  maxChoices: 20,
  reason: 5_000,
  /** Longest poll, in seconds (90 days). */
  maxDuration: 90 * 86_400,
  /** Shortest poll, in seconds. */
  minDuration: 60,
  /** A signed message may be at most this far ahead of the chain's clock (s). */
  clockSkew: 300,
  /** ...and at most this old when it arrives (s), as on Snapshot's sequencer. */
  maxAge: 3 * 86_400,
  /** Largest envelope accepted (bytes of JSON), as on Snapshot's sequencer. */
  envelopeBytes: 100_000,
} as const;

/** What a poll is about, carried in the signed proposal's `plugins` field as `{ "curia": … }`. */
export type PollContext =
  { kind: 'temperature-check' } | { kind: 'model-rating'; modelId: string } | { kind: 'general' };

export const POLL_KINDS: Record<PollContext['kind'], string> = {
  'temperature-check': 'Temperature check',
  'model-rating': 'Model rating',
  general: 'Poll',
};

/** A vote's choice in Snapshot's shapes: 1-based indexes. */
export type Choice = number | number[] | Record<string, number>;

/** Snapshot's signed envelope, as its client posts it to the sequencer. */
export interface Envelope {
  address: Address;
  sig: Hex;
  data: {
    domain: { name: string; version: string; chainId?: number };
    types: Record<string, { name: string; type: string }[]>;
    message: Record<string, unknown>;
    primaryType?: string;
  };
}

/** Typed data prepared by the server with snapshot.js, for the wallet to sign. */
export interface Prepared {
  domain: { name: string; version: string; chainId: number };
  types: Record<string, { name: string; type: string }[]>;
  primaryType: 'Proposal' | 'Vote';
  message: Record<string, unknown>;
}

export type PollStatus = 'pending' | 'active' | 'closed';

export interface PollSummary {
  id: Hex;
  author: Address;
  type: PollType;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  start: number;
  end: number;
  /** Timepoint on the token's clock (a timestamp) at which voting power is read. */
  snapshot: number;
  created: number;
  context: PollContext;
  /** The status at `now`, the chain's time on the server when it answered. */
  status: PollStatus;
  /** The chain's time (unix seconds) by the server's clock when it answered: see pollClock. */
  now: number;
  votes: number;
  /** Scores per choice, in CUR (snapshot.js's numbers), and their total. */
  scores: number[];
  scoresTotal: number;
  /** Published to the Snapshot hub: null when no hub is configured. */
  hub: HubStatus | null;
}

export interface HubStatus {
  ok: boolean;
  /** The hub's answer (its id and receipt) or its error message. */
  detail: string;
}

export interface VoteRecord {
  id: Hex;
  voter: Address;
  choice: Choice;
  reason: string;
  created: number;
  /** Voting power in wei of CUR, as a decimal string. */
  vp: string;
  /** The vote as its voter signed it, for anyone to verify (e.g. snapshot.js `utils.verify`). */
  envelope: Envelope;
}

export interface PollDetail extends PollSummary {
  space: string;
  chainId: number;
  token: Address;
  votesList: VoteRecord[];
  /** The signed proposal envelope, for anyone to verify. */
  envelope: Envelope;
}

/** The answer to a submitted envelope. */
export type SubmitResult =
  | {
      ok: true;
      kind: 'poll' | 'vote';
      id: Hex;
      poll: Hex;
      replaced?: boolean;
      hub: HubStatus | null;
    }
  | { ok: false; reason: string; status: number };

/**
 * The chain's time now by the server's clock: its `now` when it answered (at `answeredAtMs`, the
 * browser's time of the answer) plus the seconds since. The browser shows a poll's status on this
 * clock, not on its own estimate of the chain's time, so a poll the server counts as open never
 * looks pending or closed because the browser's clock (or its last block) is off.
 */
export function pollClock(serverNow: number, answeredAtMs: number, nowMs: number): number {
  return serverNow + Math.max(0, Math.floor((nowMs - answeredAtMs) / 1000));
}

/** A poll's status at chain time `now`: like a Governor proposal, active once its snapshot is past. */
export function pollStatus(poll: { start: number; end: number }, now: number): PollStatus {
  if (now <= poll.start) return 'pending';
  if (now <= poll.end) return 'active';
  return 'closed';
}

/** A human description of a choice of a poll. */
export function describeChoice(type: PollType, choices: string[], choice: Choice): string {
  const name = (i: number) => choices[i - 1] ?? `#${i}`;
  if (typeof choice === 'number') return name(choice);
  if (Array.isArray(choice)) {
    if (choice.length === 0) return 'None';
    return type === 'ranked-choice'
      ? choice.map((c, i) => `${i + 1}. ${name(c)}`).join(', ')
      : choice.map(name).join(', ');
  }
  const entries = Object.entries(choice).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return entries
    .map(([k, w]) => `${name(Number(k))} ${Math.round((w / (total || 1)) * 1000) / 10}%`)
    .join(', ');
}

/**
 * The query parameters that pre-fill the Governor proposal composer (/proposals/new) from a
 * temperature check: `title`, `description` (markdown) and `signal` (the poll's id).
 */
export const PROMOTE_PARAMS = {
  title: 'title',
  description: 'description',
  signal: 'signal',
} as const;

export function promoteDescription(poll: PollSummary, pollUrl: string): string {
  const lines = [
    `# ${poll.title}`,
    '',
    poll.body.trim(),
    '',
    '---',
    '',
    `Temperature check: [${poll.title}](${pollUrl}) (${POLL_TYPE_INFO[poll.type].label.toLowerCase()} poll, ${poll.votes} ${poll.votes === 1 ? 'vote' : 'votes'}).`,
    '',
    '| choice | score (CUR) | share |',
    '| --- | ---: | ---: |',
    ...poll.choices.map((c, i) => {
      const score = poll.scores[i] ?? 0;
      const share = poll.scoresTotal > 0 ? (score / poll.scoresTotal) * 100 : 0;
      return `| ${c.replace(/\|/g, '\\|')} | ${formatScore(score)} | ${share.toFixed(1)}% |`;
    }),
  ];
  return lines.join('\n');
}

/** The search string for /proposals/new, e.g. "?title=…&description=…&signal=0x…". */
export function promoteQuery(poll: PollSummary, pollUrl: string): string {
  const params = new URLSearchParams();
  params.set(PROMOTE_PARAMS.title, poll.title);
  params.set(PROMOTE_PARAMS.description, promoteDescription(poll, pollUrl));
  params.set(PROMOTE_PARAMS.signal, poll.id);
  return `?${params.toString()}`;
}

export function formatScore(score: number): string {
  return score.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
