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
