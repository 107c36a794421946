// Registers indexing functions so that every event of every contract lands in `chain_event` (an
// account's history, a model's history) before its own handler, if any, updates the domain tables.
import { replaceBigInts } from 'ponder';
import { ponder, type Context, type EventNames, type IndexingFunctionArgs } from 'ponder:registry';
import { chainEvent } from 'ponder:schema';
import type { Address, Hex } from 'viem';

export const ZERO: Address = '0x0000000000000000000000000000000000000000';
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Names registered with their own handler (the others only get recorded). */
export const handled = new Set<string>();

interface AnyEvent {
  id: string;
  args?: unknown;
  log: { logIndex: number; address: Address };
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex; from: Address };
}

function collectAccounts(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (ADDRESS.test(value) && value !== ZERO) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectAccounts(v, into);
  }
}

/** The model an event is about, if any (`modelId`, or the registry's ERC-721 `tokenId`). */
function modelOf(contract: string, args: Record<string, unknown>): bigint | null {
  if (typeof args.modelId === 'bigint') return args.modelId;
  if (contract === 'ModelRegistry' && typeof args.tokenId === 'bigint') return args.tokenId;
  return null;
}

export async function recordEvent(name: string, event: AnyEvent, context: Context): Promise<void> {
  const contract = name.slice(0, name.indexOf(':'));
  const args = (event.args ?? {}) as Record<string, unknown>;
  const accounts = new Set<string>([event.transaction.from.toLowerCase()]);
  for (const value of Object.values(args)) collectAccounts(value, accounts);
  await context.db.insert(chainEvent).values({
    id: event.id,
    contract,
    name: name.slice(contract.length + 1),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    txFrom: event.transaction.from,
    args: replaceBigInts(args, (v) => String(v)),
    accounts: [...accounts],
    modelId: modelOf(contract, args),
  });
}

/** `ponder.on`, recording the event in `chain_event` first. */
export function on<N extends EventNames>(
  name: N,
  fn: (args: IndexingFunctionArgs<N>) => Promise<void>,
): void {
  const key = name as string;
  handled.add(key);
  ponder.on(name, async (args) => {
    await recordEvent(key, args.event as unknown as AnyEvent, args.context as Context);
    await fn(args as IndexingFunctionArgs<N>);
  });
}

/** Records the events of `contract` that have no handler of their own. */
export function recordRemaining(contract: string, events: string[]): void {
  for (const eventName of events) {
    const name = `${contract}:${eventName}`;
    if (handled.has(name)) continue;
    handled.add(name);
    ponder.on(name as EventNames, async ({ event, context }) => {
      await recordEvent(name, event as unknown as AnyEvent, context as Context);
    });
  }
}
