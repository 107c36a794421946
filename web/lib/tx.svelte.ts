// The lifecycle of a write, as a runes state class: simulate → wait for the signature → pending
// with its hash → confirmed or reverted. Failures become plain-language messages (errors.ts); a
// rejected signature is a calm notice. The caller's form state is never touched.
import {
  estimateGas,
  getBalance,
  readContracts,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from '@wagmi/core';
import { useQueryClient, type QueryClient } from '@tanstack/svelte-query';
import {
  encodeFunctionData,
  erc20Abi,
  WaitForTransactionReceiptTimeoutError,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type TransactionReceipt,
  type TypedDataDefinition,
} from 'viem';
import { contractsOf } from './contracts';
import { getCuria, type Curia } from './curia.svelte';
import { explainError } from './errors';
import { explainWalletError } from './wallet-errors';
import { RelayError, signAndRelay } from './relay/api';
import type { PrepareRequest } from './relay/messages';
import { ETH, formatPrice, type Currency } from './market';
import { chainScope } from './queries/keys';

/** A sent transaction whose receipt the chain does not give: said while it is asked again. */
/**
 * The gas limit a write is sent with: its estimate plus a quarter and 50,000 (unused gas is not
 * paid). A stake, claim or split releases what streamed since the last update: one block later
 * that may be a few more storage writes than the estimate saw (up to ~10,000 gas per fee currency).
 */
export function gasLimit(estimate: bigint): bigint {
  return estimate + estimate / 4n + 50_000n;
}

export const NO_ANSWER_YET =
  'It was sent, but the chain is not answering, so whether it went through is not known yet. The portal keeps asking: do not send it again.';
export const NOT_INCLUDED_YET =
  'It was sent but is not in a block after 3 minutes. The portal keeps asking; check your wallet before sending it again.';

/** How long a transaction is pending before it may be stopped watching ("Stop waiting"). */
export const PENDING_PATIENCE_MS = 30_000;

/** After "Stop waiting" while the wallet was asked. */
export const STOPPED_SIGNING =
  'The portal stopped waiting for your wallet; nothing was sent. If your wallet still asks you to sign, reject it there before trying again.';
/** After "Stop waiting" on a sent transaction. */
export const STOPPED_PENDING =
  "The portal stopped watching this transaction, but it was sent and may still go through: check your wallet's activity before sending it again. The page's figures update if it is mined.";

export type TxPhase =
  'idle' | 'simulating' | 'signing' | 'pending' | 'confirmed' | 'reverted' | 'rejected' | 'failed';

export interface TxStatus {
  phase: TxPhase;
  /** What is being done, e.g. "Stake 100 CUR on model #3". */
  label?: string;
  /** Step n of m when the write needs an approval first. */
  step?: string;
  hash?: Hash;
  message?: string;
  /** Sent by the portal's relayer (which paid the gas), not by the wallet. */
  relayer?: Address;
}

type Mutability = 'nonpayable' | 'payable';

export interface WriteRequest<
  abi extends Abi = Abi,
  fn extends ContractFunctionName<abi, Mutability> = ContractFunctionName<abi, Mutability>,
> {
  address: Address;
  abi: abi;
  functionName: fn;
  args: ContractFunctionArgs<abi, Mutability, fn>;
  value?: bigint;
}

export interface WriteOptions {
  label: string;
  /**
   * ERC-20 allowance the write needs: approved first (its own transaction) when missing, and
   * refused up front, in the token's own symbol and decimals, when the balance is short.
   */
  allowance?: { token: Address; spender: Address; amount: bigint };
  onConfirmed?: (receipt: TransactionReceipt) => void;
}

export class Transaction {
  current = $state<TxStatus>({ phase: 'idle' });
  /** The flow (one write, signature or relay) whose progress `current` shows; a stopped one's does not. */
  #flow = 0;
  #curia: Curia;
  #queryClient: QueryClient;

  constructor(curia: Curia, queryClient: QueryClient) {
    this.#curia = curia;
    this.#queryClient = queryClient;
  }

  get busy(): boolean {
    const p = this.current.phase;
    return p === 'simulating' || p === 'signing' || p === 'pending';
  }

  reset(): void {
    this.#flow++;
    this.current = { phase: 'idle' };
  }

  /** Starts a flow: what an earlier one still does no longer shows. */
  #begin(): number {
    return ++this.#flow;
  }

  /** Shows `status` if `flow` is still the one shown. */
  #show(flow: number, status: TxStatus): void {
    if (flow === this.#flow) this.current = status;
  }

  /**
   * Stops waiting for a wallet that does not answer, or for a transaction that is not mined: the
   * form is usable again, and the notice says what may still be open (a request in the wallet,
   * or a sent transaction that may still go through: its receipt is still asked for, and a
   * confirmation still shows).
   */
  stopWaiting(): void {
    const { phase, label, hash } = this.current;
    if (phase === 'signing') {
      this.current = { phase: 'rejected', label, message: STOPPED_SIGNING };
    } else if (phase === 'pending') {
      this.current = { phase: 'rejected', label, hash, message: STOPPED_PENDING };
    }
    // The stopped flow goes on (a transaction is still asked for and refreshes the page's reads
    // when mined) without showing anything: a write sent meanwhile has the notice to itself.
    this.#flow++;
  }

  /** Whether writing is possible now; sets a message and returns the account when it is. */
  #account(label: string): Address | undefined {
    const wallet = this.#curia.wallet.current;
    if (wallet.status !== 'connected' || !wallet.address) {
      this.current = { phase: 'failed', label, message: 'Connect a wallet first.' };
      return undefined;
    }
    if (this.#curia.wrongNetwork) {
      this.current = {
        phase: 'failed',
        label,
        message: `Your wallet is on another network. Switch to ${this.#curia.chain.name} first.`,
      };
      return undefined;
    }
    return wallet.address;
  }

  #fail(flow: number, label: string, err: unknown): void {
    const explained = explainError(err);
    this.#show(flow, {
      phase: explained.kind === 'rejected' ? 'rejected' : 'failed',
      label,
      message: explained.message,
      hash: this.current.hash,
    });
  }

  async #send(flow: number, account: Address, request: WriteRequest, label: string, step?: string) {
    const config = this.#curia.config;
    this.#show(flow, { phase: 'simulating', label, step });
    const { request: prepared } = await simulateContract(config, {
      ...(request as WriteRequest<Abi>),
      account,
      chainId: this.#curia.chain.id,
    } as never);
    // The gas limit, with room: what a write costs can grow between the estimate and its block (a
    // stake first releases the curator fees that streamed since the last split, which a block
    // later is more storage written: walk 19 saw stakes run out of gas at the bare estimate).
    const p = prepared as unknown as WriteRequest<Abi> & { value?: bigint };
    const estimate = await estimateGas(config, {
      to: p.address,
      data: encodeFunctionData({ abi: p.abi, functionName: p.functionName, args: p.args } as never),
      value: p.value,
      account,
      chainId: this.#curia.chain.id,
    });
    this.#show(flow, { phase: 'signing', label, step });
    const hash = await writeContract(config, {
      ...(prepared as object),
      gas: gasLimit(estimate),
    } as never);
    this.#show(flow, { phase: 'pending', label, step, hash });
    return this.#receipt(flow, { phase: 'pending', label, step, hash });
  }

  /**
   * The receipt of a sent transaction, asked for until it comes. Once a hash exists the write is
   * never reported as failed for want of an answer: it may well be mined (a walk saw a stake
   * shown as failed, with 'try again', while the chain had it), and a retry would send it twice.
   */
  async #receipt(flow: number, pending: TxStatus & { hash: Hash }): Promise<TransactionReceipt> {
    for (;;) {
      try {
        return await waitForTransactionReceipt(this.#curia.config, {
          hash: pending.hash,
          pollingInterval: 250,
        });
      } catch (err) {
        const late = err instanceof WaitForTransactionReceiptTimeoutError;
        if (!late && explainWalletError(err).kind !== 'network') throw err;
        this.#show(flow, { ...pending, message: late ? NOT_INCLUDED_YET : NO_ANSWER_YET });
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  }

  async #after(
    flow: number,
    receipt: TransactionReceipt,
    label: string,
    opts?: WriteOptions,
    relayer?: Address,
  ) {
    await this.#curia.chainState.refresh(this.#curia.config);
    // Everything read from this chain and its index (web/lib/queries/keys.ts) may have changed;
    // documents, the relayer's status and signals did not.
    await this.#queryClient.invalidateQueries({ queryKey: chainScope(this.#curia.chain.id) });
    // A stopped flow's form may hold what was typed since: it is not cleared.
    const shown = flow === this.#flow;
    if (receipt.status === 'success') {
      this.#show(flow, { phase: 'confirmed', label, hash: receipt.transactionHash, relayer });
      if (shown) opts?.onConfirmed?.(receipt);
      return receipt;
    }
    this.#show(flow, {
      phase: 'reverted',
      label,
      hash: receipt.transactionHash,
      relayer,
      message: relayer
        ? "The relayed transaction was included but reverted: nothing changed (the portal's relayer paid the gas)."
        : 'The transaction was included but reverted: nothing changed except the gas paid.',
    });
    return undefined;
  }

  /** Simulates and sends a contract write; resolves to the receipt when it succeeded. */
  async write<const abi extends Abi, fn extends ContractFunctionName<abi, Mutability>>(
    request: WriteRequest<abi, fn>,
    opts: WriteOptions,
  ): Promise<TransactionReceipt | undefined> {
    const label = opts.label;
    // A second click while one write is under way sends nothing (walk 19: a double click sent two
    // transactions, and the second's stale nonce was all the notice said of a confirmed stake).
    if (this.busy) return undefined;
    const flow = this.#begin();
    const account = this.#account(label);
    if (!account) return undefined;
    // Busy from now, before the first answer is awaited.
    this.#show(flow, { phase: 'simulating', label });
    let approved: string | undefined;
    try {
      let step: string | undefined;
      if (request.value && request.value > 0n) {
        // Before the wallet: short of the price itself, the node would say "too little ETH for gas".
        const { value: balance } = await getBalance(this.#curia.config, { address: account });
        if (balance < request.value) {
          this.#show(flow, {
            phase: 'failed',
            label,
            message: `Not enough ETH: you have ${formatPrice(balance, ETH)} and this needs ${formatPrice(request.value, ETH)}, plus gas.`,
          });
          return undefined;
        }
      }
      if (opts.allowance && opts.allowance.amount > 0n) {
        const { token, spender, amount } = opts.allowance;
        const [balance, allowed, symbol, decimals] = await readContracts(this.#curia.config, {
          allowFailure: false,
          contracts: [
            { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] },
            { address: token, abi: erc20Abi, functionName: 'allowance', args: [account, spender] },
            { address: token, abi: erc20Abi, functionName: 'symbol' },
            { address: token, abi: erc20Abi, functionName: 'decimals' },
          ],
        });
        const unit: Currency = { address: token, symbol, decimals };
        if (balance < amount) {
          // Before any approval: the token's revert would name neither the token nor its unit.
          this.#show(flow, {
            phase: 'failed',
            label,
            message: `Not enough ${unit.symbol}: you have ${formatPrice(balance, unit)} and this needs ${formatPrice(amount, unit)}.`,
          });
          return undefined;
        }
        if (allowed < amount) {
          const approve: WriteRequest = {
            address: token,
            abi: erc20Abi as Abi,
            functionName: 'approve',
            args: [spender, amount],
          } as WriteRequest;
          const approveLabel = `Allow Curia to use ${formatPrice(amount, unit)}`;
          const receipt = await this.#send(
            flow,
            account,
            approve,
            approveLabel,
            'Step 1 of 2: approval',
          );
          if (receipt.status !== 'success') return this.#after(flow, receipt, approveLabel);
          approved = formatPrice(amount, unit);
          step = 'Step 2 of 2';
        }
      }
      const receipt = await this.#send(
        flow,
        account,
        request as unknown as WriteRequest,
        label,
        step,
      );
      return await this.#after(flow, receipt, label, opts);
    } catch (err) {
      this.#fail(flow, label, err);
      // The approval of step 1 was sent and mined: "nothing was sent" would not be true.
      if (approved && this.current.phase === 'rejected') {
        this.#show(flow, {
          ...this.current,
          message: `You cancelled step 2 in your wallet: it was not sent. The approval of step 1 went through (Curia may use ${approved}), so trying again asks only for step 2.`,
        });
      }
      return undefined;
    }
  }

  /** Asks the wallet for an EIP-712 signature, then sends the write built from it. */
  async signThenWrite<const abi extends Abi, fn extends ContractFunctionName<abi, Mutability>>(
    typedData: (account: Address) => Promise<TypedDataDefinition>,
    build: (signature: `0x${string}`, account: Address) => WriteRequest<abi, fn>,
    opts: WriteOptions,
  ): Promise<TransactionReceipt | undefined> {
    const label = opts.label;
    const flow = this.#begin();
    const account = this.#account(label);
    if (!account) return undefined;
    try {
      this.#show(flow, { phase: 'signing', label, step: 'Signature' });
      const definition = await typedData(account);
      const signature = await signTypedData(this.#curia.config, {
        ...(definition as object),
        account,
      } as never);
      const receipt = await this.#send(
        flow,
        account,
        build(signature, account) as unknown as WriteRequest,
        label,
        'Relaying the signed vote',
      );
      return await this.#after(flow, receipt, label, opts);
    } catch (err) {
      this.#fail(flow, label, err);
      return undefined;
    }
  }

  /**
   * Without gas: the portal's server prepares the message, the wallet signs it (EIP-712, no
   * transaction), the server's relayer checks and sends it and pays the gas; then the receipt.
   */
  async relay(input: PrepareRequest, opts: WriteOptions): Promise<TransactionReceipt | undefined> {
    const label = opts.label;
    if (this.busy) return undefined;
    const flow = this.#begin();
    const account = this.#account(label);
    const c = contractsOf(this.#curia);
    if (!account || !c) return undefined;
    const step = 'Without gas';
    this.#show(flow, { phase: 'signing', label, step });
    try {
      const sent = await signAndRelay(this.#curia.config, c, account, input, (phase) => {
        this.#show(
          flow,
          phase === 'signing'
            ? { phase: 'signing', label, step }
            : { phase: 'simulating', label, step },
        );
      });
      const pending = {
        phase: 'pending',
        label,
        step,
        hash: sent.hash,
        relayer: sent.relayer,
      } as const;
      this.#show(flow, pending);
      const receipt = await this.#receipt(flow, pending);
      return await this.#after(flow, receipt, label, opts, sent.relayer);
    } catch (err) {
      if (err instanceof RelayError) {
        this.#show(flow, { phase: 'failed', label, message: err.message });
      } else {
        this.#fail(flow, label, err);
      }
      return undefined;
    }
  }
}

/** A Transaction bound to the page's Curia runtime and query cache (call during component setup). */
export function createTx(): Transaction {
  return new Transaction(getCuria(), useQueryClient());
}
