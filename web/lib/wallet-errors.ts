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

/** Whether `err` or one of its causes is named `name` (wagmi's errors are not viem's BaseError). */
function hasErrorNamed(err: unknown, name: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    if ((e as { name?: unknown }).name === name) return true;
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
  if (hasErrorNamed(err, 'ProviderNotFoundError')) {
    return {
      kind: 'wallet',
      message:
        'No browser wallet was found in this browser. Install one (such as MetaMask) and reload the page, or use a demo account on the local chain.',
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
    // A number beyond what the call's argument holds (viem refuses to encode it): never its text,
    // which quotes the number and the range digit by digit.
    if (err.walk((e) => (e as { name?: string }).name === 'IntegerOutOfRangeError')) {
      return {
        kind: 'other',
        message: 'A number in this form is too large for the contract. Check the amounts.',
      };
    }
    if (/insufficient funds/i.test(err.message)) {
      return { kind: 'wallet', message: 'Your account has too little ETH to pay for gas.' };
    }
    const text = err.shortMessage || err.message;
    return {
      kind: 'other',
      message: looksRaw(text) ? 'The request failed. Try again in a moment.' : text,
    };
  }
  if (err instanceof TypeError && /fetch/i.test(err.message)) {
    return { kind: 'network', message: 'The chain is not reachable right now.' };
  }
  const text = err instanceof Error ? err.message : String(err);
  return {
    kind: 'other',
    message: looksRaw(text) ? 'The request failed. Try again in a moment.' : text,
  };
}

/**
 * Text that is an RPC or library dump rather than words for people: viem's request body, call
 * data, "Details:", "Version: viem@…", JSON-RPC method names, long hex blobs, stack traces.
 */
export function looksRaw(text: string): boolean {
  return (
    /Request body|Request Arguments|Details:|Version: |Docs: |URL: |Raw Call Arguments|Contract Call:/i.test(
      text,
    ) ||
    /\beth_[a-zA-Z]+\b/.test(text) ||
    /0x[0-9a-fA-F]{40,}/.test(text) ||
    /\d{40,}/.test(text) ||
    /\n\s+at /.test(text) ||
    text.length > 300
  );
}

/**
 * A failed read (the chain, the index, the portal's own API) in plain words, for a page to show
 * in place of what could not be loaded. Never the RPC's text: the node's address, the request
 * body and call data stay out of the page.
 */
export function explainReadError(err: unknown): string {
  type Cause = { name?: string; status?: number; message?: string; cause?: unknown };
  const chain: Cause[] = [];
  for (let e = err as Cause | undefined, depth = 0; e && depth < 8; depth++) {
    chain.push(e);
    e = e.cause as Cause | undefined;
  }
  // The deepest cause first: a timeout wrapped in a contract call's error is a timeout.
  for (const e of chain.reverse()) {
    if (e.name === 'TimeoutError') {
      return 'The chain took too long to answer. It will be asked again when it answers.';
    }
    if (e.name === 'HttpRequestError' || (e.name === 'TypeError' && /fetch/i.test(e.message ?? '')))
      return 'The chain is not reachable right now. It will be asked again when it answers.';
    if (e.name === 'IndexerError') {
      return e.status === 0
        ? 'The index did not answer. It will be asked again on the next block.'
        : `The index could not answer this request (error ${e.status}). It will be asked again on the next block.`;
    }
    if (e.name === 'ContractFunctionExecutionError' || e.name === 'CallExecutionError') {
      return 'The chain refused this read: the contracts may not be deployed at the addresses this portal knows.';
    }
  }
  if (err instanceof BaseError)
    return 'The chain could not answer this read. Try again in a moment.';
  const message = err instanceof Error ? err.message : String(err ?? '');
  if (!message || looksRaw(message)) return 'This could not be loaded. Try again in a moment.';
  return message;
}

/**
 * Why a network switch failed: the person declined it, or the wallet does not know Curia's chain
 * (EIP-1193 error 4902; wagmi then tries wallet_addEthereumChain itself and, when the wallet
 * cannot add it, reports that as a "rejection" wrapping the add's failure), or something else.
 */
export function switchFailure(err: unknown): 'rejected' | 'unknown-chain' | 'other' {
  let e = err as
    | { name?: string; code?: unknown; message?: string; cause?: unknown; data?: unknown }
    | undefined;
  let wrapped = false;
  for (let depth = 0; e && depth < 8; depth++, e = e.cause as typeof e) {
    const original = (e.data as { originalError?: { code?: unknown } } | undefined)?.originalError;
    if (e.code === 4902 || original?.code === 4902) return 'unknown-chain';
    if (/unrecognized chain|unknown chain|chain .*not (been )?added/i.test(e.message ?? '')) {
      return 'unknown-chain';
    }
    // wagmi's own wrapper carries code 4001 whatever happened inside it: look beneath it.
    if (e.name === 'UserRejectedRequestError') {
      wrapped = true;
      continue;
    }
    if (e.code === 4001 || e.code === 'ACTION_REJECTED') return 'rejected';
  }
  return wrapped ? 'unknown-chain' : 'other';
}
