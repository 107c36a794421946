// Every custom error of every generated ABI has a plain-language message, and reverts decode.
import { describe, expect, it } from 'vitest';
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  IntegerOutOfRangeError,
  UserRejectedRequestError,
  type Abi,
} from 'viem';
import * as generated from '../../protocol/generated/contracts.ts';
import { ERROR_MESSAGES, explainError, messageForError } from '../../web/lib/errors';
import { curationRegistryAbi, curiaTokenAbi } from '../../protocol/generated/contracts.ts';

const abis = Object.entries(generated).filter(([, v]) => Array.isArray(v)) as [string, Abi][];

describe('error table', () => {
  it('knows the generated ABIs', () => {
    expect(abis.map(([name]) => name)).toEqual(
      expect.arrayContaining(['curationRegistryAbi', 'curiaGovernorAbi', 'modelRegistryAbi']),
    );
  });

  for (const [name, abi] of abis) {
    const errors = abi.filter((item) => item.type === 'error');
    it(`has a message for each of the ${errors.length} errors of ${name}`, () => {
      const missing = errors.filter((e) => !ERROR_MESSAGES[e.name]).map((e) => e.name);
      expect(missing).toEqual([]);
      for (const error of errors) {
        // Arguments of the right types: the message renders without falling back.
        const args = error.inputs.map((input) =>
          input.type === 'address'
            ? '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
            : input.type === 'bool'
              ? true
              : input.type === 'string'
                ? 'text'
                : input.type.startsWith('bytes')
                  ? `0x${'00'.repeat(32)}`
                  : input.type.startsWith('uint8')
                    ? 1
                    : 12n,
        );
        const message = messageForError(error.name, args);
        expect(message, error.name).not.toMatch(/would fail \(/);
        expect(message.length, error.name).toBeGreaterThan(10);
        expect(message, error.name).not.toMatch(/undefined|NaN|\[object/);
      }
    });
  }
});

describe('messageForError', () => {
  it('writes an id in whole digits however large (walk 19 read "Entry #1e+29")', () => {
    const huge = 99_999_999_999_999_999_999_999_999_999n;
    expect(messageForError('RegistryInvalidLineage', [9n, huge])).toMatch(
      /^Entry #99999999999999999999999999999 cannot be named as an upstream of #9:/,
    );
  });
});

describe('explainError', () => {
  it('says a number too large for the call in words, never the digits of its range', () => {
    const err = new BaseError('Encoding failed', {
      cause: new IntegerOutOfRangeError({
        max: '340282366920938463463374607431768211455',
        min: '0',
        signed: false,
        size: 16,
        value: '9'.repeat(80),
      }),
    });
    const { message } = explainError(err);
    expect(message).toBe('A number in this form is too large for the contract. Check the amounts.');
    expect(explainError(new Error(`Number "${'9'.repeat(80)}" is not in safe range`)).message).toBe(
      'The request failed. Try again in a moment.',
    );
  });

  it('says a proposal proposed twice already exists (no expected state), and a wrong state otherwise', () => {
    const id = 1n;
    expect(
      messageForError('GovernorUnexpectedProposalState', [id, 0, `0x${'00'.repeat(32)}`]),
    ).toBe(
      'A proposal with these exact actions and description already exists (it is pending): open it from Proposals, or change the description to propose anew.',
    );
    expect(messageForError('GovernorUnexpectedProposalState', [id, 0, 1n << 1n])).toMatch(
      /^The proposal is pending; this needs it to be active\.$/,
    );
  });

  it('decodes a revert of the called contract', () => {
    const data = encodeErrorResult({
      abi: curationRegistryAbi,
      errorName: 'CurationStakeBelowMinimum',
      args: [5n * 10n ** 17n, 10n ** 18n],
    });
    const err = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: curationRegistryAbi, data, functionName: 'stake' }),
      { abi: curationRegistryAbi, functionName: 'stake', args: [1n, 1n] },
    );
    const e = explainError(err);
    expect(e.kind).toBe('revert');
    expect(e.message).toBe(
      'A stake must be at least 1 CUR (or nothing at all); this would leave 0.5 CUR.',
    );
  });

  it("does not pass a wallet's internal error off as the contract's reason", () => {
    const err = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({
        abi: curationRegistryAbi,
        functionName: 'stake',
        message: 'Internal JSON-RPC error.',
      }),
      { abi: curationRegistryAbi, functionName: 'stake', args: [1n, 1n] },
    );
    expect(explainError(err).message).toBe(
      "Your wallet reported an internal error and sent nothing. Try again; if it keeps failing, check the wallet's network settings.",
    );
  });

  it("decodes a revert raised by another contract (the token's, during a stake)", () => {
    const data = encodeErrorResult({
      abi: curiaTokenAbi,
      errorName: 'ERC20InsufficientBalance',
      args: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 10n ** 18n, 2n * 10n ** 18n],
    });
    const err = new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: curationRegistryAbi, data, functionName: 'stake' }),
      { abi: curationRegistryAbi, functionName: 'stake', args: [1n, 1n] },
    );
    expect(explainError(err).message).toBe(
      'Not enough tokens: 0x7099…79C8 holds less than this transaction spends.',
    );
  });

  it('treats a rejected signature as a calm notice', () => {
    const rejected = new UserRejectedRequestError(new Error('User rejected the request.'));
    expect(explainError(rejected).kind).toBe('rejected');
    expect(explainError({ code: 4001, message: 'no' }).kind).toBe('rejected');
    expect(explainError(new BaseError('x', { cause: { code: 4001 } as never })).kind).toBe(
      'rejected',
    );
  });
});
