// Gasless voting and delegation: what the browser signs and what the portal's relayer sends. Shared by
// the browser (it signs the typed data) and the server (it rebuilds the same typed data from the
// request to verify the signature, then builds the contract call). One function per message, so a
// change of a typed struct (e.g. a field added to DisputeBallot) is made in one place.
import { parseSignature, type Address, type Hex } from 'viem';
import type { CuriaContracts } from '$lib/contracts';
import { disputeBallot } from '$lib/disputes';

export type RelayKind = 'vote' | 'dispute-vote' | 'delegate';

export const RELAY_KINDS: readonly RelayKind[] = ['vote', 'dispute-vote', 'delegate'];

/** A Governor vote: OpenZeppelin's `ExtendedBallot` (reason and empty params). Numbers as decimal strings. */
export interface VoteMessage {
  kind: 'vote';
  voter: Address;
  proposalId: string;
  /** 0 Against, 1 For, 2 Abstain. */
  support: number;
  reason: string;
  nonce: string;
}

/** A dispute vote: CurationDisputes' `DisputeBallot`. */
export interface DisputeVoteMessage {
  kind: 'dispute-vote';
  voter: Address;
  disputeId: string;
  /** 0 Keep, 1 Remove. */
  support: number;
  reason: string;
  nonce: string;
  /** Unix seconds after which the signed ballot is refused (DisputeBallot's deadline). */
  deadline: string;
}

/** A delegation of the signer's CUR (ERC20Votes `Delegation`); `voter` is the delegator. */
export interface DelegateMessage {
  kind: 'delegate';
  voter: Address;
  delegatee: Address;
  nonce: string;
  /** Unix seconds: the signature is void after this time. */
  expiry: string;
}

export type RelayMessage = VoteMessage | DisputeVoteMessage | DelegateMessage;

/** What the wallet signs and the relayer is sent: the message, its chain and the signature. */
export interface RelayRequest {
  chainId: number;
  message: RelayMessage;
  signature: Hex;
}

/** The EIP-712 domains (ERC-5267 `eip712Domain()` of each contract). */
export const GOVERNOR_EIP712 = { name: 'Curia Governor', version: '1' } as const;
export const TOKEN_EIP712 = { name: 'Curia', version: '1' } as const;

/** The typed data the wallet signs for `message` on `chainId`. */
export function relayTypedData(c: CuriaContracts, chainId: number, message: RelayMessage) {
  switch (message.kind) {
    case 'vote':
      return {
        domain: { ...GOVERNOR_EIP712, chainId, verifyingContract: c.governor.address },
        types: {
          ExtendedBallot: [
            { name: 'proposalId', type: 'uint256' },
            { name: 'support', type: 'uint8' },
            { name: 'voter', type: 'address' },
            { name: 'nonce', type: 'uint256' },
            { name: 'reason', type: 'string' },
            { name: 'params', type: 'bytes' },
          ],
        },
        primaryType: 'ExtendedBallot',
        message: {
          proposalId: BigInt(message.proposalId),
          support: message.support,
          voter: message.voter,
          nonce: BigInt(message.nonce),
          reason: message.reason,
          params: '0x' as Hex,
        },
      } as const;
    case 'dispute-vote':
      return disputeBallot(c, chainId, {
        disputeId: BigInt(message.disputeId),
        support: message.support,
        voter: message.voter,
        nonce: BigInt(message.nonce),
        deadline: BigInt(message.deadline),
        reason: message.reason,
      });
    case 'delegate':
      return {
        domain: { ...TOKEN_EIP712, chainId, verifyingContract: c.token.address },
        types: {
          Delegation: [
            { name: 'delegatee', type: 'address' },
            { name: 'nonce', type: 'uint256' },
            { name: 'expiry', type: 'uint256' },
          ],
        },
        primaryType: 'Delegation',
        message: {
          delegatee: message.delegatee,
          nonce: BigInt(message.nonce),
          expiry: BigInt(message.expiry),
        },
      } as const;
  }
}

/** The contract call that carries a signed message (sent by the relayer; anyone could send it). */
export function relayCall(c: CuriaContracts, message: RelayMessage, signature: Hex) {
  switch (message.kind) {
    case 'vote':
      return {
        ...c.governor,
        functionName: 'castVoteWithReasonAndParamsBySig',
        args: [
          BigInt(message.proposalId),
          message.support,
          message.voter,
          message.reason,
          '0x',
          signature,
        ],
      } as const;
    case 'dispute-vote':
      return {
        ...c.curation,
        functionName: 'voteOnDisputeBySig',
        args: [
          BigInt(message.disputeId),
          message.support,
          message.voter,
          BigInt(message.deadline),
          message.reason,
          signature,
        ],
      } as const;
    case 'delegate': {
      const { r, s, v, yParity } = parseSignature(signature);
      return {
        ...c.token,
        functionName: 'delegateBySig',
        args: [
          message.delegatee,
          BigInt(message.nonce),
          BigInt(message.expiry),
          Number(v ?? BigInt(yParity + 27)),
          r,
          s,
        ],
      } as const;
    }
  }
}

/** Whether the relayer is on, as GET /api/relay answers. */
export interface RelayStatus {
  enabled: boolean;
  /** The relayer's account (it pays the gas). */
  relayer?: Address;
  /** Why it is off, in plain words. */
  reason?: string;
  /** Relayed transactions allowed per voter in `windowSeconds` (counted in the server's memory). */
  limit: { count: number; windowSeconds: number };
}

/** What the browser asks the server to prepare (the server adds the nonce, and the expiry). */
export type PrepareInput =
  | { kind: 'vote'; voter: string; proposalId: string; support: number; reason?: string }
  | { kind: 'dispute-vote'; voter: string; disputeId: string; support: number; reason?: string }
  | { kind: 'delegate'; voter: string; delegatee: string };

/** The same without the voter (the connected account, added by the client). */
export type PrepareRequest = PrepareInput extends infer T
  ? T extends unknown
    ? Omit<T, 'voter'>
    : never
  : never;

export interface Prepared {
  chainId: number;
  message: RelayMessage;
}

/** Why the server refused, by name (the words are in $lib/errors' RELAY_MESSAGES). */
export type RelayRefusal =
  | 'off'
  | 'malformed'
  | 'wrong-chain'
  | 'stale-nonce'
  | 'future-nonce'
  | 'expired'
  | 'bad-signature'
  | 'no-weight'
  | 'lost-votes'
  | 'no-change'
  | 'too-costly'
  | 'busy'
  | 'rate-limited'
  | 'would-fail'
  | 'relayer-broke'
  | 'unreachable';

export type RelayAnswer =
  | { ok: true; kind: RelayKind; hash: Hex; relayer: Address; voter: Address }
  | { ok: false; code: RelayRefusal; reason: string; retryAfter?: number };
