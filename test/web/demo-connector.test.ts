// The demo wallet signs every transaction itself: an eth_sendTransaction request becomes the
// fields viem's sendTransaction takes (so accounts the node does not unlock can act too).
import { describe, expect, it } from 'vitest';
import { fromRpcTransaction } from '../../web/lib/demo-connector';

describe('fromRpcTransaction', () => {
  it('turns hex quantities into numbers and keeps EIP-1559 fees', () => {
    expect(
      fromRpcTransaction({
        from: '0x976ea74026e726554db657fa54763abd0c3a0aa9',
        to: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
        data: '0xabcdef',
        value: '0xde0b6b3a7640000',
        gas: '0x5208',
        maxFeePerGas: '0x3b9aca00',
        maxPriorityFeePerGas: '0x1',
        nonce: '0x7',
      }),
    ).toEqual({
      to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      data: '0xabcdef',
      value: 10n ** 18n,
      gas: 21_000n,
      nonce: 7,
      maxFeePerGas: 1_000_000_000n,
      maxPriorityFeePerGas: 1n,
    });
  });

  it('leaves out what the request does not set, and reads legacy gas prices and `input`', () => {
    expect(fromRpcTransaction({ to: null, input: '0x60', gasPrice: '0x10' })).toEqual({
      to: undefined,
      data: '0x60',
      value: undefined,
      gas: undefined,
      nonce: undefined,
      gasPrice: 16n,
    });
  });
});
