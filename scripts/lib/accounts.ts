// anvil's default accounts, derived from its well-known test mnemonic. They are public: never
// send real funds to them. Accounts 0-9 are the demo users of the local chain.
import { mnemonicToAccount } from 'viem/accounts';
import { bytesToHex, type Address, type Hex } from 'viem';

export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export interface DemoAccount {
  index: number;
  address: Address;
  privateKey: Hex;
}

export function demoAccounts(count = 10): DemoAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    const key = account.getHdKey().privateKey;
    if (!key) throw new Error(`no private key for account ${index}`);
    return { index, address: account.address, privateKey: bytesToHex(key) };
  });
}

/** The deployer: anvil account 0. */
export const DEPLOYER = demoAccounts(1)[0];

/**
 * The portal's relayer on the local chain (`npm start`, the e2e stack): account 19 of the same
 * mnemonic, so that it is none of the demo users whose balances the journeys watch. Funded by
 * {@link fundRelayer}; its key reaches the portal as CURIA_RELAYER_KEY.
 */
export const RELAYER = demoAccounts(20)[19];

/**
 * The portal's download gateway as a pay-per-use host on the local chain (issue 19): account 18
 * (none of the demo users; the relayer is 19). The seed authorizes it on every model with a
 * metered offer; its key reaches the portal as CURIA_GATEWAY_HOST_KEY; funded like the relayer
 * ({@link fundRelayer} with its address); it redeems the receipts (scripts/redeem-receipts.ts).
 */
export const GATEWAY_HOST = demoAccounts(19)[18];

/** Gives the relayer 100 ETH on an anvil chain when it has less than 1 (anvil_setBalance). */
export async function fundRelayer(rpcUrl: string, address: Address = RELAYER.address) {
  const rpc = async (method: string, params: unknown[]) => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: string; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
  const balance = BigInt((await rpc('eth_getBalance', [address, 'latest'])) ?? '0x0');
  if (balance < 10n ** 18n)
    await rpc('anvil_setBalance', [address, `0x${(100n * 10n ** 18n).toString(16)}`]);
}
