// A viem chain for a local or custom node (the scripts, the tests and the portal's server), the
// transport the local chain's own wallets send through, and signature checks that tell a chain
// that does not answer from a wrong signature.
import {
  defineChain,
  http,
  numberToHex,
  type Chain,
  type PublicClient,
  type Transport,
  type VerifyTypedDataParameters,
} from 'viem';

export function chainFor(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: chainId === 31337 ? 'Curia local' : `Chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** The share added to a gas estimate, in percent (see `withGasHeadroom`). */
export const GAS_HEADROOM_PERCENT = 25n;
/**
 * The least gas added to an estimate: two new vote checkpoints (a fresh slot and the length's
 * rewrite, ~25,000 each), what a CUR transfer between two delegated accounts may write on top of
 * an estimate made within the second of their last checkpoints.
 */
export const GAS_HEADROOM_MIN = 50_000n;

/**
 * `base` with every `eth_estimateGas` answer raised by GAS_HEADROOM_PERCENT, and by at least
 * GAS_HEADROOM_MIN. anvil's estimate can come out short of what the transaction then uses: a token
 * transfer that moves votes writes a new checkpoint when the block's second differs from the
 * estimate's (CuriaToken's clock is the timestamp; on a ~110,000-gas listing that is +~25,000, more
 * than a quarter was not always enough), and an SSTORE near the 2,300-gas stipend fails the
 * estimate's last step. A wallet extension adds such a margin itself; the demo wallet and the test
 * wallets send through this. Unused gas is not paid for.
 */
export function withGasHeadroom(base: Transport): Transport {
  const raise = (hex: string) => {
    const gas = BigInt(hex);
    const added = (gas * GAS_HEADROOM_PERCENT) / 100n;
    return numberToHex(gas + (added > GAS_HEADROOM_MIN ? added : GAS_HEADROOM_MIN));
  };
  return (config) => {
    const transport = base(config);
    const request = (async (args: { method: string }, options?: unknown) => {
      const result: unknown = await transport.request(args as never, options as never);
      if (args.method === 'eth_estimateGas') return raise(result as string);
      // viem fills a local account's transaction with anvil's eth_fillTransaction when the node
      // has it (gas, fees and nonce in one call), not eth_estimateGas: its gas gets the same
      // headroom (a fresh-clone CI run reverted out of gas, 58,985 of 58,985, on a delegation).
      if (args.method === 'eth_fillTransaction') {
        const filled = result as { tx?: { gas?: string } } | null;
        if (filled?.tx?.gas) return { ...filled, tx: { ...filled.tx, gas: raise(filled.tx.gas) } };
      }
      return result;
    }) as typeof transport.request;
    return { ...transport, request };
  };
}

/** The HTTP transport the local chain's wallets send through: estimates with headroom. */
export function localTransport(rpcUrl: string): Transport {
  return withGasHeadroom(http(rpcUrl));
}

/** A signature could not be checked because the chain did not answer (see `verifyTypedDataOnChain`). */
export class ChainUnreachableError extends Error {
  constructor(cause?: unknown) {
    super('The chain did not answer, so the signature could not be checked.', { cause });
    this.name = 'ChainUnreachableError';
  }
}

/**
 * viem's `verifyTypedData` (an EOA's key, or a contract wallet's ERC-1271 code, checked at the
 * latest block), except that a chain that does not answer is a `ChainUnreachableError`, not "not
 * signed": viem answers false whenever the call that checks a contract wallet's signature fails,
 * for whatever reason. A false is therefore confirmed by asking the chain for its block number.
 */
export async function verifyTypedDataOnChain(
  client: Pick<PublicClient, 'verifyTypedData' | 'getBlockNumber'>,
  args: VerifyTypedDataParameters,
): Promise<boolean> {
  let failure: unknown;
  try {
    if (await client.verifyTypedData({ ...args, blockTag: 'latest' })) return true;
  } catch (err) {
    failure = err;
  }
  try {
    await client.getBlockNumber({ cacheTime: 0 });
  } catch (err) {
    throw new ChainUnreachableError(failure ?? err);
  }
  return false;
}
