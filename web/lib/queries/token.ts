// Token and account reads: balances, voting power and delegation, the treasury's holdings, and a
// contract's deployed code.
import { getBalance, getBytecode, readContracts } from '@wagmi/core';
import { zeroAddress, type Address } from 'viem';
import { contractsOf } from '../contracts';
import type { Curia } from '../curia.svelte';
import { readKey } from './keys';

const TOKEN = 'CuriaToken';

/** An account's CUR balance, voting power and delegate. */
export function delegationQuery(curia: Curia, account: Address | undefined) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, TOKEN, 'delegates', [account]),
    queryFn: () =>
      readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...c!.token, functionName: 'balanceOf', args: [account ?? zeroAddress] },
          { ...c!.token, functionName: 'getVotes', args: [account ?? zeroAddress] },
          { ...c!.token, functionName: 'delegates', args: [account ?? zeroAddress] },
        ],
      }),
    enabled: !!c && !!account,
  };
}

/** The treasury's CUR, the supply, and the CUR the curation registry holds. */
export function treasuryBalancesQuery(curia: Curia) {
  const c = contractsOf(curia);
  return {
    queryKey: readKey(curia.chain.id, TOKEN, 'balanceOf', [c?.timelock.address, 'supply']),
    queryFn: () =>
      readContracts(curia.config, {
        allowFailure: false,
        contracts: [
          { ...c!.token, functionName: 'balanceOf', args: [c!.timelock.address] },
          { ...c!.token, functionName: 'totalSupply' },
          { ...c!.token, functionName: 'balanceOf', args: [c!.curation.address] },
        ],
      }),
    enabled: !!c,
  };
}

/** An address's ETH balance. */
export function ethBalanceQuery(curia: Curia, address: Address | undefined) {
  return {
    queryKey: readKey(curia.chain.id, 'account', 'getBalance', [address]),
    queryFn: () => getBalance(curia.config, { address: address! }),
    enabled: !!address,
  };
}

/** The code deployed at an address ('0x' or undefined: none). */
export function bytecodeQuery(curia: Curia, address: Address) {
  return {
    queryKey: readKey(curia.chain.id, 'account', 'getBytecode', [address]),
    queryFn: async () => (await getBytecode(curia.config, { address })) ?? null,
  };
}
