// The portal's relayer: sends signed Governor votes, dispute votes and delegations on the voter's
// behalf and pays their gas. Before sending it checks, in order: a relayer key is configured → the
// request's shape → the chain it was signed for → the signer's nonce (not used, not ahead) → the
// expiry (delegations) → the signature (viem's verifyTypedData: EOAs and EIP-1271 wallets) → the
// voter's rate limit → a delegation's balance (at least 1 CUR) and change (not to the current
// delegatee) → a simulation of the call from the relayer's account (the contract's own errors, in
// plain words) → the voter's weight → the gas it would use (at most RELAY_MAX_GAS, also its limit).
// Each refusal is a JSON answer with a status, a code and the words of $lib/errors' RELAY_MESSAGES;
// nothing is sent. At most RELAY_MAX_QUEUE requests wait their turn.
import {
  BaseError,
  ContractFunctionRevertedError,
  getAddress,
  HttpRequestError,
  TimeoutError,
  isAddress,
  isHex,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import type { CuriaContracts } from '$lib/contracts';
import { explainError, relayMessage, type RelayDetails } from '$lib/errors';
import {
  RELAY_KINDS,
  relayCall,
  relayTypedData,
  type PrepareInput,
  type Prepared,
  type RelayAnswer,
  type RelayKind,
  type RelayMessage,
  type RelayRefusal,
  type RelayRequest,
  type RelayStatus,
  type VoteMessage,
  type DisputeVoteMessage,
} from '$lib/relay/messages';
import { chainClock } from '../signals/chain';
import type { RateLimiter } from './limiter';

export type RelayWallet = WalletClient<Transport, Chain | undefined, Account>;

export interface RelayConfig {
  chainId: number;
  contracts: CuriaContracts;
  client: PublicClient;
  /** The relayer's wallet (its key from CURIA_RELAYER_KEY); absent: relaying is off. */
  wallet?: RelayWallet;
  /** Why relaying is off when it is (e.g. a key that is not a key); default: no key set. */
  offReason?: string;
  limiter: RateLimiter;
  /** How long a prepared delegation signature stays valid, in seconds (default 1 hour). */
  delegationTtl?: number;
}

export type Answer<T> = { status: number; body: T | Extract<RelayAnswer, { ok: false }> };

const WHAT: Record<RelayKind, string> = {
  vote: 'vote',
  'dispute-vote': 'dispute vote',
  delegate: 'delegation',
};

const STATUS: Record<RelayRefusal, number> = {
  off: 503,
  malformed: 400,
  'wrong-chain': 400,
  'stale-nonce': 409,
  'future-nonce': 409,
  expired: 410,
  'bad-signature': 401,
  'no-weight': 403,
  'lost-votes': 422,
  'no-change': 409,
  'too-costly': 422,
  busy: 503,
  'rate-limited': 429,
  'would-fail': 422,
  'relayer-broke': 503,
  unreachable: 503,
};

class Refusal extends Error {
  constructor(
    readonly code: RelayRefusal,
    readonly details: RelayDetails = {},
    readonly retryAfter?: number,
  ) {
    super(relayMessage(code, details));
  }
}

const DECIMAL = /^\d{1,78}$/;
/** Votes delegated to the zero address count for nobody (`delegateeProblem` says so in the form). */
const isZeroAddress = (a: string) => a.toLowerCase() === zeroAddress;
const MAX_REASON = 5_000;
/**
 * The most gas the relayer pays for one transaction. A vote with the longest reason uses about 250,000; a contract
 * account (EIP-1271) whose signature check burns more is refused, and no transaction may use more than this.
 */
export const RELAY_MAX_GAS = 400_000n;
/** The smallest balance whose delegation the relayer sends (sybils of 1 wei each would drain it). */
export const RELAY_MIN_DELEGATION = 10n ** 18n;
/** Requests waiting for the relayer at most; beyond, `busy` at once (each waiting one costs RPC reads). */
export const RELAY_MAX_QUEUE = 32;

function isNetworkError(err: unknown): boolean {
  // viem wraps a timeout ("The request took too long to respond") or a refused connection in a
  // contract call's error: its cause chain says what happened, whatever the outer text.
  if (
    err instanceof BaseError &&
    err.walk((e) => e instanceof TimeoutError || e instanceof HttpRequestError)
  )
    return true;
  const text =
    (err as { shortMessage?: string })?.shortMessage ?? (err as Error)?.message ?? String(err);
  return /HTTP request failed|fetch failed|ECONNREFUSED|timed? ?out|took too long/i.test(text);
}

/** Parses a relay request's body; throws a `malformed` refusal when any field is off. */
export function parseRequest(body: unknown): RelayRequest {
  const b = body as Partial<RelayRequest> | null;
  const m = b?.message as Partial<RelayMessage> | undefined;
  const kind = m?.kind as RelayKind | undefined;
  const what = kind && RELAY_KINDS.includes(kind) ? WHAT[kind] : undefined;
  const bad = () => new Refusal('malformed', { what });
  if (!b || typeof b !== 'object' || !m || typeof m !== 'object' || !what) throw bad();
  if (!Number.isSafeInteger(b.chainId)) throw bad();
  if (typeof b.signature !== 'string' || !isHex(b.signature) || b.signature.length < 132)
    throw bad();
  if (typeof m.voter !== 'string' || !isAddress(m.voter)) throw bad();
  if (typeof m.nonce !== 'string' || !DECIMAL.test(m.nonce)) throw bad();
  const voter = getAddress(m.voter);
  let message: RelayMessage;
  if (m.kind === 'vote' || m.kind === 'dispute-vote') {
    const id =
      m.kind === 'vote'
        ? (m as Partial<VoteMessage>).proposalId
        : (m as Partial<DisputeVoteMessage>).disputeId;
    const max = m.kind === 'vote' ? 2 : 1;
    if (typeof id !== 'string' || !DECIMAL.test(id)) throw bad();
    if (!Number.isInteger(m.support) || m.support! < 0 || m.support! > max) throw bad();
    if (typeof m.reason !== 'string' || m.reason.length > MAX_REASON) throw bad();
    const deadline = (m as Partial<DisputeVoteMessage>).deadline;
    if (m.kind === 'dispute-vote' && (typeof deadline !== 'string' || !DECIMAL.test(deadline)))
      throw bad();
    message =
      m.kind === 'vote'
        ? {
            kind: 'vote',
            voter,
            proposalId: id,
            support: m.support!,
            reason: m.reason,
            nonce: m.nonce,
          }
        : {
            kind: 'dispute-vote',
            voter,
            disputeId: id,
            support: m.support!,
            reason: m.reason,
            nonce: m.nonce,
            deadline: deadline!,
          };
  } else {
    const d = m as Partial<Extract<RelayMessage, { kind: 'delegate' }>>;
    if (typeof d.delegatee !== 'string' || !isAddress(d.delegatee)) throw bad();
    if (isZeroAddress(d.delegatee)) throw new Refusal('lost-votes', { what });
    if (typeof d.expiry !== 'string' || !DECIMAL.test(d.expiry)) throw bad();
    message = {
      kind: 'delegate',
      voter,
      delegatee: getAddress(d.delegatee),
      nonce: m.nonce,
      expiry: d.expiry,
    };
  }
  return { chainId: b.chainId!, message, signature: b.signature as Hex };
}

export class RelayService {
  /**
   * Signatures sent in the last hour (kind, voter, nonce → when), so a replay is refused before the
   * chain has mined the first one; after that the on-chain nonce refuses it.
   */
  readonly #sent = new Map<string, number>();
  /** One relay at a time: checks and send of one request do not interleave with another's. */
  #queue: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  constructor(readonly config: RelayConfig) {}

  status(): RelayStatus {
    const { wallet, limiter } = this.config;
    const limit = {
      count: limiter.limit.count,
      windowSeconds: Math.round(limiter.limit.windowMs / 1000),
    };
    if (!wallet) {
      return { enabled: false, reason: this.config.offReason ?? relayMessage('off'), limit };
    }
    return { enabled: true, relayer: wallet.account.address, limit };
  }

  #refuse(err: unknown): { status: number; body: Extract<RelayAnswer, { ok: false }> } {
    if (err instanceof Refusal) {
      return {
        status: STATUS[err.code],
        body: {
          ok: false,
          code: err.code,
          reason: err.message,
          ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
        },
      };
    }
    if (isNetworkError(err)) return this.#refuse(new Refusal('unreachable'));
    throw err;
  }

  #off(): Refusal | undefined {
    if (this.config.wallet) return undefined;
    const refusal = new Refusal('off');
    if (this.config.offReason) refusal.message = this.config.offReason;
    return refusal;
  }

  /** The signer's next nonce for this kind of message (each contract counts its own). */
  async #nonce(kind: RelayKind, voter: Address): Promise<bigint> {
    const { client, contracts: c } = this.config;
    const contract = kind === 'vote' ? c.governor : kind === 'dispute-vote' ? c.curation : c.token;
    return client.readContract({
      address: contract.address,
      abi: c.token.abi,
      functionName: 'nonces',
      args: [voter],
    });
  }

  /** The message for the wallet to sign: the caller's choice plus the nonce (and the expiry). */
  async prepare(input: PrepareInput): Promise<Answer<Prepared>> {
    try {
      const off = this.#off();
      if (off) throw off;
      const kind = input?.kind as RelayKind;
      if (!RELAY_KINDS.includes(kind) || typeof input.voter !== 'string' || !isAddress(input.voter))
        throw new Refusal('malformed', { what: WHAT[kind] });
      const voter = getAddress(input.voter);
      const nonce = (await this.#nonce(kind, voter)).toString();
      // Delegations and dispute ballots carry a time after which they are void.
      const { now } = await chainClock(this.config.client);
      const until = String(now + (this.config.delegationTtl ?? 3600));
      let message: RelayMessage;
      if (input.kind === 'delegate') {
        if (typeof input.delegatee !== 'string' || !isAddress(input.delegatee))
          throw new Refusal('malformed', { what: WHAT[kind] });
        if (isZeroAddress(input.delegatee)) throw new Refusal('lost-votes', { what: WHAT[kind] });
        const expiry = until;
        message = {
          kind: 'delegate',
          voter,
          delegatee: getAddress(input.delegatee),
          nonce,
          expiry,
        };
      } else {
        const id = input.kind === 'vote' ? input.proposalId : input.disputeId;
        message =
          input.kind === 'vote'
            ? {
                kind: 'vote',
                voter,
                proposalId: String(id),
                support: input.support,
                reason: input.reason ?? '',
                nonce,
              }
            : {
                kind: 'dispute-vote',
                voter,
                disputeId: String(id),
                support: input.support,
                reason: input.reason ?? '',
                nonce,
                deadline: until,
              };
        // The same checks as a relay request (shape and bounds), with a placeholder signature.
        parseRequest({ chainId: this.config.chainId, message, signature: `0x${'00'.repeat(65)}` });
      }
      return { status: 200, body: { chainId: this.config.chainId, message } };
    } catch (err) {
      return this.#refuse(err);
    }
  }

  /** Checks a signed request and sends it; answers the transaction's hash (not its receipt). */
  relay(body: unknown): Promise<Answer<Extract<RelayAnswer, { ok: true }>>> {
    if (this.#waiting >= RELAY_MAX_QUEUE) return Promise.resolve(this.#refuse(new Refusal('busy')));
    this.#waiting++;
    const run = this.#queue.then(() => this.#relay(body)).finally(() => this.#waiting--);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #relay(body: unknown): Promise<Answer<Extract<RelayAnswer, { ok: true }>>> {
    const { client, contracts: c, chainId, limiter } = this.config;
    try {
      const off = this.#off();
      if (off) throw off;
      const wallet = this.config.wallet!;
      const request = parseRequest(body);
      const { message, signature } = request;
      const what = WHAT[message.kind];
      if (request.chainId !== chainId) {
        throw new Refusal('wrong-chain', { what, chainId, signedChainId: request.chainId });
      }
      const signedNonce = BigInt(message.nonce);
      const nonce = await this.#nonce(message.kind, message.voter);
      const key = `${message.kind}:${message.voter}:${message.nonce}`;
      if (signedNonce < nonce || this.#sent.has(key)) {
        throw new Refusal('stale-nonce', {
          what,
          signedNonce,
          nonce: this.#sent.has(key) ? signedNonce + 1n : nonce,
        });
      }
      if (signedNonce > nonce) throw new Refusal('future-nonce', { what, signedNonce, nonce });
      if (message.kind === 'delegate' || message.kind === 'dispute-vote') {
        const { now } = await chainClock(client);
        const expiry = BigInt(message.kind === 'delegate' ? message.expiry : message.deadline);
        if (BigInt(now) > expiry) throw new Refusal('expired', { what, expiry });
      }
      const valid = await client.verifyTypedData({
        address: message.voter,
        signature,
        ...(relayTypedData(c, chainId, message) as object),
      } as Parameters<PublicClient['verifyTypedData']>[0]);
      if (!valid) throw new Refusal('bad-signature', { what });

      const allowed = limiter.check(message.voter);
      if (!allowed.ok) {
        const retryAt = Math.ceil(allowed.retryAt / 1000);
        throw new Refusal(
          'rate-limited',
          {
            what,
            count: limiter.limit.count,
            windowSeconds: Math.round(limiter.limit.windowMs / 1000),
            retryAt,
          },
          Math.max(1, retryAt - Math.floor(limiter.now() / 1000)),
        );
      }

      if (message.kind === 'delegate') {
        const balance = await client.readContract({
          ...c.token,
          functionName: 'balanceOf',
          args: [message.voter],
        });
        if (balance < RELAY_MIN_DELEGATION) throw new Refusal('no-weight', { what });
        const current = await client.readContract({
          ...c.token,
          functionName: 'delegates',
          args: [message.voter],
        });
        if (current.toLowerCase() === message.delegatee.toLowerCase()) {
          throw new Refusal('no-change', { what });
        }
      }

      const call = relayCall(c, message, signature);
      let prepared;
      try {
        ({ request: prepared } = await client.simulateContract({
          ...(call as object),
          account: wallet.account,
        } as Parameters<PublicClient['simulateContract']>[0]));
      } catch (err) {
        if (isNetworkError(err)) throw err;
        const revert =
          err instanceof BaseError
            ? err.walk((e) => e instanceof ContractFunctionRevertedError)
            : null;
        const name = (revert as ContractFunctionRevertedError | null)?.data?.errorName;
        if (name === 'CurationNoVotingPower') throw new Refusal('no-weight', { what });
        throw new Refusal('would-fail', { what, cause: explainError(err).message });
      }

      if (message.kind === 'vote') {
        const snapshot = await client.readContract({
          ...c.governor,
          functionName: 'proposalSnapshot',
          args: [BigInt(message.proposalId)],
        });
        const weight = await client.readContract({
          ...c.governor,
          functionName: 'getVotes',
          args: [message.voter, snapshot],
        });
        if (weight === 0n) throw new Refusal('no-weight', { what });
      }

      // What the relayer pays is bounded: a contract voter's signature check (EIP-1271) may burn any amount of gas.
      let gas: bigint;
      try {
        gas = await client.estimateContractGas({
          ...(call as object),
          account: wallet.account,
        } as Parameters<PublicClient['estimateContractGas']>[0]);
      } catch (err) {
        if (isNetworkError(err)) throw err;
        throw new Refusal('would-fail', { what, cause: explainError(err).message });
      }
      if (gas > RELAY_MAX_GAS)
        throw new Refusal('too-costly', { what, gas, maxGas: RELAY_MAX_GAS });
      const limit = (gas * 5n) / 4n < RELAY_MAX_GAS ? (gas * 5n) / 4n : RELAY_MAX_GAS;

      let hash: Hex;
      try {
        hash = await wallet.writeContract({ ...(prepared as object), gas: limit } as never);
      } catch (err) {
        if (isNetworkError(err)) throw err;
        if (/insufficient funds/i.test((err as Error).message ?? '')) {
          throw new Refusal('relayer-broke');
        }
        throw new Refusal('would-fail', { what, cause: explainError(err).message });
      }
      limiter.record(message.voter);
      const now = Date.now();
      for (const [k, t] of this.#sent) if (t < now - 3_600_000) this.#sent.delete(k);
      this.#sent.set(key, now);
      return {
        status: 200,
        body: {
          ok: true,
          kind: message.kind,
          hash,
          relayer: wallet.account.address,
          voter: message.voter,
        },
      };
    } catch (err) {
      return this.#refuse(err);
    }
  }
}
