// Where a signal (a poll or a vote) stands: prepared, awaiting the wallet's signature, sent,
// accepted or refused, with a plain-language message. Signing costs no gas and sends no transaction.
import { explainError } from '$lib/errors';
import type { Curia } from '$lib/curia.svelte';
import { SignalsApiError, signAndSubmit, type PollRequest, type VoteRequest } from './api';
import type { SubmitResult } from './types';

export type SignalPhase =
  'idle' | 'preparing' | 'signing' | 'sending' | 'done' | 'rejected' | 'failed';

export interface SignalStatus {
  phase: SignalPhase;
  message?: string;
}

export class SignalAction {
  current = $state<SignalStatus>({ phase: 'idle' });
  #curia: Curia;

  constructor(curia: Curia) {
    this.#curia = curia;
  }

  get busy(): boolean {
    const p = this.current.phase;
    return p === 'preparing' || p === 'signing' || p === 'sending';
  }

  reset(): void {
    this.current = { phase: 'idle' };
  }

  async run(
    request: PollRequest | VoteRequest,
    done: string,
  ): Promise<Extract<SubmitResult, { ok: true }> | undefined> {
    const wallet = this.#curia.wallet.current;
    if (wallet.status !== 'connected' || !wallet.address) {
      this.current = { phase: 'failed', message: 'Connect a wallet first.' };
      return undefined;
    }
    if (this.#curia.wrongNetwork) {
      this.current = {
        phase: 'failed',
        message: `Your wallet is on another network. Switch to ${this.#curia.chain.name} first.`,
      };
      return undefined;
    }
    try {
      const result = await signAndSubmit(this.#curia.config, wallet.address, request, (phase) => {
        this.current = { phase };
      });
      const hub = result.hub && !result.hub.ok ? ` (${result.hub.detail})` : '';
      this.current = { phase: 'done', message: `${done}${hub}` };
      return result;
    } catch (err) {
      if (err instanceof SignalsApiError) {
        this.current = { phase: 'failed', message: err.message };
      } else {
        const explained = explainError(err);
        this.current = {
          phase: explained.kind === 'rejected' ? 'rejected' : 'failed',
          message:
            explained.kind === 'rejected'
              ? 'You cancelled the signature in your wallet. Nothing was sent.'
              : explained.message,
        };
      }
      return undefined;
    }
  }
}
