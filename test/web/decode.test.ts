// Proposal actions read as plain language, decoded with the generated ABIs.
import { describe, expect, it } from 'vitest';
import { encodeFunctionData, parseEther, type Address } from 'viem';
import type { Manifest } from '../../protocol/manifest';
import { decodeAction } from '../../web/lib/decode';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
  timelockControllerAbi,
} from '../../protocol/generated/contracts.ts';

const a = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const manifest: Manifest = {
  chainId: 31337,
  startBlock: 0,
  contracts: {
    CuriaToken: a(1),
    TimelockController: a(2),
    CuriaGovernor: a(3),
    ModelRegistry: a(4),
    CurationRegistry: a(5),
    Marketplace: a(6),
    AuditRegistry: a(7),
    MeteredLicenses: a(8),
  },
  parameters: {},
};
const CUR = 10n ** 18n;

describe('decodeAction', () => {
  it('describes a parameter change from the current value', () => {
    const data = encodeFunctionData({
      abi: curationRegistryAbi,
      functionName: 'setParameter',
      args: [1, 2_000n * CUR],
    });
    const params = Array.from({ length: 13 }, () => 0n);
    params[1] = 1_000n * CUR;
    expect(decodeAction(manifest, a(5), 0n, data, { curationParameters: params }).summary).toBe(
      'Set challenge deposit from 1,000 CUR to 2,000 CUR',
    );
    expect(decodeAction(manifest, a(5), 0n, data).summary).toBe(
      'Set challenge deposit to 2,000 CUR',
    );
    const period = encodeFunctionData({
      abi: curationRegistryAbi,
      functionName: 'setParameter',
      args: [3, 5n * 86400n],
    });
    expect(decodeAction(manifest, a(5), 0n, period).summary).toBe(
      'Set dispute voting period to 5 days',
    );
  });

  it('describes appeals, transfers, guardians and settings', () => {
    const cases: [Address, `0x${string}`, string][] = [
      [
        a(5),
        encodeFunctionData({ abi: curationRegistryAbi, functionName: 'restoreModel', args: [12n] }),
        'Restore model #12 (appeal)',
      ],
      [
        a(1),
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'transfer',
          args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 10_000n * CUR],
        }),
        'Send 10,000 CUR to 0x7099…79C8',
      ],
      [
        // Every decimal a proposal moves is shown: 1 wei more than 10,000 CUR is not "10,000 CUR".
        a(1),
        encodeFunctionData({
          abi: curiaTokenAbi,
          functionName: 'transfer',
          args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 10_000n * CUR + 1n],
        }),
        'Send 10,000.000000000000000001 CUR to 0x7099…79C8',
      ],
      [
        a(5),
        encodeFunctionData({
          abi: curationRegistryAbi,
          functionName: 'setGuardian',
          args: ['0x0000000000000000000000000000000000000000'],
        }),
        'Remove the curation guardian',
      ],
      [
        a(3),
        encodeFunctionData({
          abi: curiaGovernorAbi,
          functionName: 'updateQuorumNumerator',
          args: [5n],
        }),
        'Set the quorum to 5% of the supply',
      ],
      [
        a(3),
        encodeFunctionData({
          abi: curiaGovernorAbi,
          functionName: 'requireCodeHash',
          args: [a(6), `0xabcdef12${'0'.repeat(56)}`],
        }),
        'Stop unless the code of the marketplace (0x0000…0006) has the hash 0xabcdef12… (a code-hash pin)',
      ],
      [
        a(2),
        encodeFunctionData({
          abi: timelockControllerAbi,
          functionName: 'updateDelay',
          args: [86400n],
        }),
        'Set the timelock delay to 1 day',
      ],
      [
        a(6),
        encodeFunctionData({
          abi: marketplaceAbi,
          functionName: 'setCurrency',
          args: [a(9), true],
        }),
        'Allow payments in 0x0000…0009',
      ],
      [
        a(7),
        encodeFunctionData({ abi: auditRegistryAbi, functionName: 'accredit', args: [a(10)] }),
        'Accredit 0x0000…000A as an auditor',
      ],
      [
        a(5),
        encodeFunctionData({
          abi: curationRegistryAbi,
          functionName: 'suspend',
          args: [26n, 'ipfs://bafkreiexample', `0x${'26'.repeat(32)}`],
        }),
        'Suspend model #26 (nothing is sold until it is lifted or lapses; the reason: ipfs://bafkreiexample)',
      ],
    ];
    for (const [target, data, summary] of cases) {
      expect(decodeAction(manifest, target, 0n, data).summary).toBe(summary);
    }
  });

  // Walk 19: "Send 5,000 CUR to 0x1CBd…C9Ec" where the pages call that account Noor.
  it('names an account where the portal has a name for it, and a contract by its role', () => {
    const noor = '0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec' as Address;
    const transfer = (to: Address) =>
      encodeFunctionData({
        abi: curiaTokenAbi,
        functionName: 'transfer',
        args: [to, 5_000n * CUR],
      });
    const names = { nameOf: (x: Address) => (x === noor ? 'Noor' : undefined) };
    expect(decodeAction(manifest, a(1), 0n, transfer(noor), names).summary).toBe(
      'Send 5,000 CUR to 0x1CBd…C9Ec (Noor)',
    );
    expect(decodeAction(manifest, a(1), 0n, transfer(noor)).summary).toBe(
      'Send 5,000 CUR to 0x1CBd…C9Ec',
    );
    // A contract keeps its role, whatever the namer says.
    expect(
      decodeAction(manifest, a(1), 0n, transfer(a(5)), { nameOf: () => 'Mallory' }).summary,
    ).toMatch(/^Send 5,000 CUR to the curation registry \(/);
  });

  it('describes a fee change field by field, from the schedule in force', () => {
    const data = encodeFunctionData({
      abi: marketplaceAbi,
      functionName: 'setFees',
      args: [
        { protocolFeeBps: 400, curatorShareBps: 6000, auditorShareBps: 2500, lineageRoyaltyBps: 0 },
      ],
    });
    const now = {
      protocolFeeBps: 500,
      curatorShareBps: 6000,
      auditorShareBps: 2000,
      lineageRoyaltyBps: 1000,
    };
    expect(decodeAction(manifest, a(6), 0n, data, { marketplaceFees: now }).summary).toBe(
      "Set the marketplace fees: protocol fee from 5% to 4%, curators' share to 60%, auditors' share from 20% to 25%, lineage royalty from 10% to 0%",
    );
    expect(decodeAction(manifest, a(6), 0n, data).summary).toBe(
      "Set the marketplace fees: protocol fee to 4%, curators' share to 60%, auditors' share to 25%, lineage royalty to 0%",
    );
  });

  it('describes ETH transfers and flags what it cannot decode', () => {
    expect(decodeAction(manifest, a(10), parseEther('1.5'), '0x').summary).toBe(
      'Send 1.5 ETH to 0x0000…000A',
    );
    expect(decodeAction(manifest, a(10), parseEther('0.00001234'), '0x').summary).toBe(
      'Send 0.00001234 ETH to 0x0000…000A',
    );
    const unknown = decodeAction(manifest, a(10), 0n, '0xdeadbeef00');
    expect(unknown.unknown).toBe(true);
    expect(unknown.summary).toBe('Call an unknown function (0xdeadbeef) on 0x0000…000A');
    const wrongTarget = decodeAction(manifest, a(1), 0n, '0x12345678');
    expect(wrongTarget.unknown).toBe(true);
    // Shorter than a selector: not "no data" (walk 18: 0xa9059c was shown as a call with none).
    const short = decodeAction(manifest, a(10), 0n, '0xa9059c');
    expect(short.unknown).toBe(true);
    expect(short.summary).toBe(
      'Call 0x0000…000A with 3 bytes of data, too short to name a function',
    );
  });
});
