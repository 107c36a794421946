// Verification of a signed envelope before anything is stored: shape (snapshot.js's schemas),
// Snapshot's domain bound to this chain, Snapshot's own types, signer, space, time, the poll it
// belongs to, the choice (snapshot.js's voting rules), the signature (EOA or EIP-1271 wallet,
// through viem and the chain) and the voting power. Every refusal carries a plain reason.
import { getAddress, isAddress, type Address, type Hex, type PublicClient } from 'viem';
import {
  BASIC_CHOICES,
  LIMITS,
  POLL_KINDS,
  POLL_TYPE_INFO,
  POLL_TYPES,
  type Choice,
  type Envelope,
  type PollContext,
  type PollType,
} from '$lib/signals/types';
import { chainClock, currentVotes, votesAt, type ChainClock } from './chain';
import type { Sql } from './db';
import { isValidChoice, messageId, schemaProblems, snapshotFormats } from './snapshot';
import { getPoll, type StoredPoll, type StoredVote } from './store';

export interface VerifyContext {
  chainId: number;
  token: Address;
  space: string;
  client: PublicClient;
  db: Sql;
}

export class Rejection extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const reject = (message: string, status = 400): never => {
  throw new Rejection(message, status);
};

/** The envelope Snapshot's sequencer accepts (its envelope.json), checked with snapshot.js. */
const ENVELOPE_SCHEMA = {
  type: 'object',
  properties: {
    address: { type: 'string', format: 'address' },
    sig: { type: 'string', pattern: '^0x([0-9a-fA-F]{2})+$' },
    data: {
      type: 'object',
      properties: {
        domain: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            version: { type: 'string' },
            chainId: { type: 'integer' },
          },
          required: ['name', 'version'],
          additionalProperties: false,
        },
        message: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'address' },
            timestamp: { type: 'integer' },
            space: { type: 'string' },
          },
          required: ['from', 'timestamp', 'space'],
        },
        types: { type: 'object' },
        primaryType: { type: 'string' },
      },
      required: ['domain', 'message', 'types'],
      additionalProperties: false,
    },
  },
  required: ['address', 'data', 'sig'],
  additionalProperties: false,
};

type Types = Record<string, { name: string; type: string }[]>;

const sameTypes = (a: Types, b: Types) => JSON.stringify(a) === JSON.stringify(b);

const when = (t: number) =>
  new Date(t * 1000).toISOString().replace('.000Z', ' UTC').replace('T', ' ');

export interface VerifiedPoll {
  kind: 'poll';
  id: Hex;
  envelope: Envelope;
  poll: Omit<StoredPoll, 'hubOk' | 'hubDetail'>;
}

export interface VerifiedVote {
  kind: 'vote';
  id: Hex;
  envelope: Envelope;
  poll: StoredPoll;
  vote: Omit<StoredVote, 'hubOk' | 'hubDetail'>;
}

/** Checks everything about an envelope; throws a {@link Rejection} with the reason. */
export async function verifyEnvelope(
  ctx: VerifyContext,
  body: unknown,
): Promise<VerifiedPoll | VerifiedVote> {
  let size = 0;
  try {
    size = JSON.stringify(body ?? null).length;
  } catch {
    reject('The message is not JSON.');
  }
  if (size > LIMITS.envelopeBytes) {
    reject(`The message is too large (${size} bytes; at most ${LIMITS.envelopeBytes}).`, 413);
  }
  const shape = schemaProblems(ENVELOPE_SCHEMA, body);
  if (shape.length) reject(`Malformed signed message: ${shape.join('; ')}.`);
  const envelope = body as Envelope;
  const { domain, message } = envelope.data;
  const formats = await snapshotFormats();

  if (domain.name !== formats.domain.name || domain.version !== formats.domain.version) {
    reject(
      `This is not a Snapshot message: it was signed for "${domain.name}" version ${domain.version}, not "${formats.domain.name}" version ${formats.domain.version}.`,
    );
  }
  if (domain.chainId === undefined) {
    reject(
      'The signature is not bound to a chain: Curia needs the chain id in the signed domain. Sign it again from the portal.',
    );
  }
  if (domain.chainId !== ctx.chainId) {
    reject(
      `This message was signed for chain ${domain.chainId}; this portal is on chain ${ctx.chainId}.`,
    );
  }

  const types = Object.fromEntries(
    Object.entries(envelope.data.types).filter(([name]) => name !== 'EIP712Domain'),
  ) as Types;
  let kind: 'poll' | 'vote';
  let primaryType: 'Proposal' | 'Vote';
  if (sameTypes(types, formats.proposalTypes)) {
    kind = 'poll';
    primaryType = 'Proposal';
  } else if (Object.values(formats.voteTypes).some((t) => sameTypes(types, t))) {
    kind = 'vote';
    primaryType = 'Vote';
  } else {
    return reject(
      "Unknown message types: Curia accepts Snapshot's proposal and vote messages only, with their exact EIP-712 types.",
    );
  }
  if (envelope.data.primaryType !== undefined && envelope.data.primaryType !== primaryType) {
    reject(`The message's primary type is ${envelope.data.primaryType}, not ${primaryType}.`);
  }
  // Every signed field, and nothing that is not signed, is kept.
  const fields = types[primaryType].map((f) => f.name);
  const extra = Object.keys(message).filter((k) => !fields.includes(k));
  const missing = fields.filter((k) => !(k in message));
  if (extra.length) reject(`The message carries unsigned fields: ${extra.join(', ')}.`);
  if (missing.length) reject(`The message lacks signed fields: ${missing.join(', ')}.`);

  const signer = getAddress(envelope.address);
  if (!isAddress(String(message.from)) || getAddress(String(message.from)) !== signer) {
    reject(`The message is from ${String(message.from)} but was signed by ${signer}.`);
  }
  if (message.space !== ctx.space) {
    reject(
      `This message is for the space "${String(message.space)}"; this portal's space is "${ctx.space}".`,
    );
  }

  const clock = await chainClock(ctx.client);
  const timestamp = Number(message.timestamp);
  if (timestamp > clock.now + LIMITS.clockSkew) {
    reject(
      `The message is dated ${when(timestamp)}, ahead of the chain's clock (${when(clock.now)}).`,
    );
  }
  if (timestamp < clock.now - LIMITS.maxAge) {
    reject(`The message is too old: it was signed on ${when(timestamp)}. Sign it again.`);
  }

  const signature = envelope.sig;
  const data = { domain, types, message };
  const id = messageId(data);

  const checked =
    kind === 'poll'
      ? await checkPoll(ctx, envelope, message, signer, clock, id)
      : await checkVote(ctx, envelope, message, signer, clock, id);

  // The signature, last of the cheap checks and before reading voting power.
  let valid = false;
  try {
    valid = await ctx.client.verifyTypedData({
      address: signer,
      domain: domain as { name: string; version: string; chainId: number },
      types: types as never,
      primaryType,
      message,
      signature,
    });
  } catch (err) {
    const text = (err as { shortMessage?: string }).shortMessage ?? (err as Error).message;
    if (/fetch|HTTP request failed|timed? ?out|ECONNREFUSED/i.test(text)) {
      reject('The chain could not be reached to check the signature. Try again shortly.', 503);
    }
    reject(`The message does not fit its EIP-712 types: ${text}`);
  }
  if (!valid) {
    reject(
      `The signature does not match this message and ${signer}: it was forged or the message was changed after signing.`,
      401,
    );
  }

  if (checked.kind === 'poll') {
    const power = await currentVotes(ctx.client, ctx.token, signer);
    if (power === 0n) {
      reject(
        `${signer} has no voting power. Only CUR holders with delegated voting power can open polls: delegate your CUR (to yourself) first.`,
        403,
      );
    }
    return checked;
  }
  const vp = await votesAt(ctx.client, ctx.token, signer, checked.poll.snapshot, clock);
  if (vp === 0n) {
    reject(
      `${signer} had no voting power at this poll's snapshot (${when(checked.poll.snapshot)}). Voting power counts from the moment CUR is delegated, so delegate before the next poll opens.`,
      403,
    );
  }
  checked.vote.vp = vp;
  return checked;
}

function parseContext(plugins: unknown): PollContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(plugins));
  } catch {
    return reject('The poll\'s "plugins" field is not JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return reject('The poll\'s "plugins" field must be a JSON object.');
  }
  const curia = (parsed as Record<string, unknown>).curia as Record<string, unknown> | undefined;
  if (curia === undefined) return { kind: 'general' };
  const kind = curia?.kind;
  if (typeof kind !== 'string' || !(kind in POLL_KINDS)) {
    return reject(`Unknown kind of poll "${String(kind)}".`);
  }
  if (kind === 'model-rating') {
    const modelId = curia.modelId;
    if (typeof modelId !== 'string' || !/^[1-9][0-9]{0,30}$/.test(modelId)) {
      return reject('A model rating must name the model (its number).');
    }
    return { kind, modelId };
  }
  return { kind } as PollContext;
}

async function checkPoll(
  ctx: VerifyContext,
  envelope: Envelope,
  m: Record<string, unknown>,
  author: Address,
  clock: ChainClock,
  id: Hex,
): Promise<VerifiedPoll> {
  const context = parseContext(m.plugins);
  const payload = {
    name: m.title,
    body: m.body,
    discussion: m.discussion,
    choices: m.choices,
    labels: m.labels,
    start: m.start,
    end: m.end,
    snapshot: m.snapshot,
    metadata: { plugins: JSON.parse(String(m.plugins)) },
    type: m.type,
    app: m.app,
    privacy: m.privacy,
  };
  const problems = schemaProblems('proposal', payload);
  if (problems.length)
    reject(`The poll does not fit Snapshot's proposal schema: ${problems.join('; ')}.`);

  const type = m.type as PollType;
  if (!POLL_TYPES.includes(type)) {
    reject(`Curia polls are ${POLL_TYPES.join(', ')}; "${String(m.type)}" polls are not offered.`);
  }
  if (m.privacy !== '') reject('Shielded (shutter) polls are not supported.');
  const title = String(m.title);
  if (!title.trim()) reject('A poll needs a title.');
  if (String(m.body).length > LIMITS.body) {
    reject(`The description is too long (at most ${LIMITS.body} characters).`);
  }
  const choices = m.choices as string[];
  if (type === 'basic') {
    if (JSON.stringify(choices) !== JSON.stringify(BASIC_CHOICES)) {
      reject(`A basic poll's choices are ${BASIC_CHOICES.join(', ')}, in that order.`);
    }
  } else {
    if (choices.length < LIMITS.minChoices || choices.length > LIMITS.maxChoices) {
      reject(`A poll needs between ${LIMITS.minChoices} and ${LIMITS.maxChoices} choices.`);
    }
    if (choices.some((c) => !c.trim())) reject('A choice cannot be blank.');
    const unique = new Set(choices.map((c) => c.trim().toLowerCase()));
    if (unique.size !== choices.length) reject('Two choices are the same.');
  }
  const start = Number(m.start);
  const end = Number(m.end);
  const snapshot = Number(m.snapshot);
  if (start < Number(m.timestamp) - LIMITS.clockSkew) {
    reject(`A poll cannot start before it is signed (it starts ${when(start)}).`);
  }
  if (end <= start) reject('The poll must end after it starts.');
  if (end - start < LIMITS.minDuration) reject('A poll must stay open at least a minute.');
  if (end - start > LIMITS.maxDuration) reject('A poll can stay open at most 90 days.');
  if (end <= clock.now) reject(`The poll would already be closed (it ends ${when(end)}).`);
  if (snapshot !== start) {
    reject(
      "The poll's snapshot must be its start time: Curia reads voting power at the start, on the token's clock (timestamps).",
    );
  }
  return {
    kind: 'poll',
    id,
    envelope,
    poll: {
      id,
      chainId: ctx.chainId,
      token: ctx.token,
      space: ctx.space,
      author,
      type,
      title,
      body: String(m.body),
      discussion: String(m.discussion),
      choices,
      context,
      start,
      end,
      snapshot,
      created: Number(m.timestamp),
      envelope,
    },
  };
}

const CHOICE_HELP: Record<PollType, string> = {
  basic: 'one of For (1), Against (2) or Abstain (3)',
  'single-choice': 'the number of one choice',
  approval: 'a list of distinct choice numbers',
  'ranked-choice': 'every choice number exactly once, in order of preference',
  quadratic: 'an object of choice numbers to positive weights',
  weighted: 'an object of choice numbers to positive weights',
};

async function checkVote(
  ctx: VerifyContext,
  envelope: Envelope,
  m: Record<string, unknown>,
  voter: Address,
  clock: ChainClock,
  id: Hex,
): Promise<VerifiedVote> {
  const pollId = String(m.proposal);
  const poll = /^0x[0-9a-f]{64}$/.test(pollId) ? await getPoll(ctx.db, pollId) : undefined;
  if (!poll) reject(`There is no poll ${pollId} on this portal.`, 404);
  const p = poll as StoredPoll;
  if (p.chainId !== ctx.chainId || p.token.toLowerCase() !== ctx.token.toLowerCase()) {
    reject('This poll belongs to another deployment of Curia.', 404);
  }
  const formats = await snapshotFormats();
  const types = Object.fromEntries(
    Object.entries(envelope.data.types).filter(([n]) => n !== 'EIP712Domain'),
  ) as Types;
  if (!sameTypes(types, formats.voteTypes[p.type])) {
    reject(
      `This vote is encoded for another voting type; the poll is ${POLL_TYPE_INFO[p.type].label.toLowerCase()}.`,
    );
  }
  let choice: unknown = m.choice;
  if (typeof m.choice === 'string') {
    try {
      choice = JSON.parse(m.choice);
    } catch {
      reject('The choice is not readable (not JSON).');
    }
  }
  const metadata = String(m.metadata ?? '');
  if (metadata.length > 2000) reject('The vote metadata is too large.');
  let meta: unknown = {};
  try {
    meta = metadata ? JSON.parse(metadata) : {};
  } catch {
    reject('The vote metadata is not JSON.');
  }
  const problems = schemaProblems('vote', {
    proposal: pollId,
    choice,
    reason: m.reason,
    app: m.app,
    metadata: meta,
  });
  if (problems.length)
    reject(`The vote does not fit Snapshot's vote schema: ${problems.join('; ')}.`);
  if (!isValidChoice(p.type, choice, p.choices)) {
    reject(
      `This choice is not valid for this ${POLL_TYPE_INFO[p.type].label.toLowerCase()} poll of ${p.choices.length} choices: it must be ${CHOICE_HELP[p.type]}.`,
    );
  }
  const timestamp = Number(m.timestamp);
  if (clock.now <= p.start) reject(`Voting has not started yet: it opens ${when(p.start)}.`, 409);
  if (clock.now > p.end) reject(`Voting closed ${when(p.end)}.`, 409);
  if (timestamp < p.start || timestamp > p.end) {
    reject(`The vote is dated ${when(timestamp)}, outside the voting window.`, 409);
  }
  return {
    kind: 'vote',
    id,
    envelope,
    poll: p,
    vote: {
      pollId: p.id,
      voter,
      id,
      created: timestamp,
      choice: choice as Choice,
      reason: String(m.reason),
      vp: 0n,
      envelope,
    },
  };
}
