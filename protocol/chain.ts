// A viem chain for a local or custom node (the scripts, the tests and the portal's server), and
// the transport the local chain's own wallets send through.
import { defineChain, http, numberToHex, type Chain, type Transport } from 'viem';

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
 * `base` with every `eth_estimateGas` answer raised by GAS_HEADROOM_PERCENT. anvil's estimate can
 * come out short of what the transaction then uses: a token transfer that moves votes writes a new
 * checkpoint when the block's second differs from the estimate's (CuriaToken's clock is the
 * timestamp), and an SSTORE near the 2,300-gas stipend fails the estimate's last step. A wallet
 * extension adds such a margin itself; the demo wallet and the test wallets send through this.
 */
export function withGasHeadroom(base: Transport): Transport {
  return (config) => {
    const transport = base(config);
    const request = (async (args: { method: string }, options?: unknown) => {
      const result: unknown = await transport.request(args as never, options as never);
      if (args.method !== 'eth_estimateGas') return result;
      const gas = BigInt(result as string);
      return numberToHex(gas + (gas * GAS_HEADROOM_PERCENT) / 100n);
    }) as typeof transport.request;
    return { ...transport, request };
  };
}

/** The HTTP transport the local chain's wallets send through: estimates with headroom. */
export function localTransport(rpcUrl: string): Transport {
  return withGasHeadroom(http(rpcUrl));
}
