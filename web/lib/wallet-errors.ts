// Wallet and connection failures in plain language (no contract ABIs: the app shell uses this).
import { BaseError, HttpRequestError, TimeoutError, UserRejectedRequestError } from 'viem';

export type ExplainedError =
  | { kind: 'rejected'; message: string }
  | { kind: 'revert'; message: string; errorName?: string }
  | { kind: 'network'; message: string }
  | { kind: 'wallet'; message: string }
  | { kind: 'other'; message: string };

export function isRejection(err: unknown): boolean {
  if (err instanceof BaseError && err.walk((e) => e instanceof UserRejectedRequestError)) {
    return true;
  }
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 4001 || code === 'ACTION_REJECTED') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Rejections, unreachable chains and wallet states; anything else as its short message. */
export function explainWalletError(err: unknown): ExplainedError {
  if (isRejection(err)) {
    return {
      kind: 'rejected',
      message: 'You cancelled the request in your wallet. Nothing was sent.',
    };
  }
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return {
        kind: 'network',
        message: 'The chain is not reachable right now. Check your connection and try again.',
      };
    }
    const name = err.name;
    if (name === 'ConnectorNotConnectedError' || name === 'ConnectorAccountNotFoundError') {
      return { kind: 'wallet', message: 'Connect a wallet first.' };
    }
    if (name === 'ConnectorChainMismatchError' || name === 'ChainNotConfiguredError') {
      return {
        kind: 'wallet',
        message: 'Your wallet is on another network. Switch network first.',
      };
    }
    if (/insufficient funds/i.test(err.message)) {
      return { kind: 'wallet', message: 'Your account has too little ETH to pay for gas.' };
    }
    return { kind: 'other', message: err.shortMessage || err.message };
  }
  if (err instanceof TypeError && /fetch/i.test(err.message)) {
    return { kind: 'network', message: 'The chain is not reachable right now.' };
  }
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}
