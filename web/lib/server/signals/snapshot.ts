// Everything Snapshot-specific comes from @snapshot-labs/snapshot.js itself: the EIP-712 domain
// and message types (read from its own Client712 as it signs), its JSON schemas and validator,
// its message hash (the id a Snapshot hub gives a message) and its voting implementations.
import snapshot from '@snapshot-labs/snapshot.js';
import { formatUnits, type Address } from 'viem';
import type { Choice, PollContext, PollType, Prepared } from '$lib/signals/types';

type Types = Record<string, { name: string; type: string }[]>;
interface Captured {
  domain: { name: string; version: string };
  types: Types;
  message: Record<string, unknown>;
}

const CAPTURED = Symbol('captured');

/**
 * Runs one of snapshot.js's Client712 methods with a signer that records what it is asked to
 * sign and stops there: the library fills in its defaults, picks the EIP-712 types and encodes
 * the choice exactly as it does for a Snapshot hub. Nothing is sent anywhere.
 */
async function capture(
  method: 'proposal' | 'vote',
  from: Address,
  message: Record<string, unknown>,
): Promise<Captured> {
  const client = new snapshot.Client712('http://127.0.0.1:9/never-used');
  let captured: Captured | undefined;
  const signer = {
    provider: { getNetwork: async () => ({ chainId: 0 }) },
    _signTypedData: async (
      domain: Captured['domain'],
      types: Types,
      value: Captured['message'],
    ) => {
      captured = structuredClone({ domain, types, message: value });
      throw CAPTURED;
    },
  };
  try {
    await (client[method] as (s: unknown, a: string, m: unknown) => Promise<unknown>)(
      signer,
      from,
      structuredClone(message),
    );
  } catch (err) {
    if (err !== CAPTURED) throw err;
  }
  if (!captured) throw new Error(`snapshot.js signed no ${method}`);
  return captured;
}

const SAMPLE_FROM = '0x0000000000000000000000000000000000000001' as Address;

/** Snapshot's domain, proposal types and the vote types for each voting type. */
export interface SnapshotFormats {
  domain: { name: string; version: string };
  proposalTypes: Types;
  voteTypes: Record<PollType, Types>;
}

let formats: Promise<SnapshotFormats> | undefined;

export function snapshotFormats(): Promise<SnapshotFormats> {
  formats ??= (async () => {
    const proposal = await capture('proposal', SAMPLE_FROM, {
      space: 's',
      type: 'basic',
      title: 't',
      body: '',
      choices: ['For', 'Against', 'Abstain'],
      start: 1,
      end: 2,
      snapshot: 1,
      plugins: '{}',
    });
    const voteTypes = {} as Record<PollType, Types>;
    const sampleChoice: Record<PollType, Choice> = {
      basic: 1,
      'single-choice': 1,
      approval: [1],
      'ranked-choice': [1, 2],
      quadratic: { 1: 1 },
      weighted: { 1: 1 },
    };
    for (const type of Object.keys(sampleChoice) as PollType[]) {
      const vote = await capture('vote', SAMPLE_FROM, {
        space: 's',
        proposal: '0x',
        type,
        choice: sampleChoice[type],
      });
      voteTypes[type] = vote.types;
    }
    return { domain: proposal.domain, proposalTypes: proposal.types, voteTypes };
  })();
  return formats;
}

/** Curia's app name in Snapshot messages. */
export const APP = 'curia';

export interface PollDraft {
  from: Address;
  space: string;
  chainId: number;
  type: PollType;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  start: number;
  end: number;
  snapshot: number;
  context: PollContext;
  timestamp: number;
}

/**
 * The typed data of a poll, as snapshot.js's client builds a proposal, with the chain id added
 * to Snapshot's domain (its envelope allows it) so that the signature is bound to this chain.
 */
export async function preparePoll(draft: PollDraft): Promise<Prepared> {
  const captured = await capture('proposal', draft.from, {
    space: draft.space,
    type: draft.type,
    title: draft.title,
    body: draft.body,
    discussion: draft.discussion,
    choices: draft.choices,
    start: draft.start,
    end: draft.end,
    snapshot: draft.snapshot,
    plugins: JSON.stringify({ curia: draft.context }),
    app: APP,
    timestamp: draft.timestamp,
  });
  return {
    domain: { ...captured.domain, chainId: draft.chainId },
    types: captured.types,
    primaryType: 'Proposal',
    message: captured.message,
  };
}

export interface VoteDraft {
  from: Address;
  space: string;
  chainId: number;
  poll: string;
  type: PollType;
  choice: Choice;
  reason: string;
  timestamp: number;
}

/** The typed data of a vote, as snapshot.js's client builds it (chain id added to the domain). */
export async function prepareVote(draft: VoteDraft): Promise<Prepared> {
  const captured = await capture('vote', draft.from, {
    space: draft.space,
    proposal: draft.poll,
    type: draft.type,
    choice: draft.choice,
    reason: draft.reason,
    app: APP,
    timestamp: draft.timestamp,
  });
  return {
    domain: { ...captured.domain, chainId: draft.chainId },
    types: captured.types,
    primaryType: 'Vote',
    message: captured.message,
  };
}

/** The message id a Snapshot hub gives this signed data (its EIP-712 hash, by snapshot.js). */
export function messageId(data: { domain: object; types: Types; message: object }): `0x${string}` {
  type Payload = Parameters<typeof snapshot.utils.getHash>[0];
  return snapshot.utils.getHash(data as Payload) as `0x${string}`;
}

type SchemaName = 'proposal' | 'vote';

/** Validates against snapshot.js's own schema; returns readable problems (empty when valid). */
export function schemaProblems(schema: SchemaName | object, data: unknown): string[] {
  const definition = typeof schema === 'string' ? snapshot.schemas[schema] : schema;
  const result = snapshot.utils.validateSchema(definition, data) as
    true | { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  if (result === true) return [];
  return result.map((e) => {
    const field = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || 'message';
    if (e.params?.format === 'address') return `${field} must be a checksummed Ethereum address`;
    const extra = e.params?.additionalProperty ? ` (${String(e.params.additionalProperty)})` : '';
    return `${field} ${e.message ?? 'is invalid'}${extra}`;
  });
}

type VotingClass = {
  new (
    proposal: { choices: string[] },
    votes: { choice: unknown; balance: number; scores: number[] }[],
    strategies: { name: string; network: string; params: Record<string, unknown> }[],
    selected?: unknown,
  ): { getScores(): number[]; getScoresTotal(): number; getScoresByStrategy(): number[][] };
  isValidChoice(choice: unknown, choices: string[]): boolean;
};

function votingClass(type: PollType): VotingClass {
  return snapshot.utils.voting[type] as unknown as VotingClass;
}

/** snapshot.js's own check that a choice fits the voting type and the poll's choices. */
export function isValidChoice(type: PollType, choice: unknown, choices: string[]): boolean {
  try {
    return votingClass(type).isValidChoice(choice, choices) === true;
  } catch {
    return false;
  }
}

/** The strategy the scores are reported under: ERC20Votes power of CUR, as Snapshot's erc20-votes. */
export function strategies(chainId: number, token: Address) {
  return [
    {
      name: 'erc20-votes',
      network: String(chainId),
      params: { address: token, symbol: 'CUR', decimals: 18 },
    },
  ];
}

/** Voting power in wei → the number Snapshot's strategies report (whole tokens, as a float). */
export function balanceOf(vp: bigint): number {
  return Number(formatUnits(vp, 18));
}

export interface Scores {
  scores: number[];
  scoresTotal: number;
}

/** The poll's result, computed by snapshot.js's voting implementation for its type. */
export function computeScores(
  poll: { type: PollType; choices: string[]; chainId: number; token: Address },
  votes: { choice: Choice; vp: bigint }[],
): Scores {
  const Voting = votingClass(poll.type);
  const counted = new Voting(
    { choices: poll.choices },
    votes.map((v) => ({ choice: v.choice, balance: balanceOf(v.vp), scores: [balanceOf(v.vp)] })),
    strategies(poll.chainId, poll.token),
  );
  return { scores: counted.getScores(), scoresTotal: counted.getScoresTotal() };
}
