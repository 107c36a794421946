// The composer's calldata templates (web/lib/proposal-actions.ts): each template's action decodes
// back to the call the proposer described; bad input and values outside the bounds are refused in
// words.
import { decodeFunctionData, keccak256, type Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { CURATION_PARAMETERS } from '../../protocol/enums';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
} from '../../protocol/generated/contracts';
import {
  buildAction,
  composerDraft,
  restoreDraft,
  NO_SUCH_MODEL,
  withCodePins,
  type ActionContext,
  type ActionForm,
  type ProposalAction,
} from '../../web/lib/proposal-actions';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const;
const ctx: ActionContext = {
  governor: A(1),
  curation: A(2),
  token: A(3),
  auditRegistry: A(4),
  marketplace: A(5),
};
const form: ActionForm = {
  template: 'parameter',
  param: CURATION_PARAMETERS.indexOf('ChallengeDeposit'),
  paramInput: '',
  durationUnit: 86_400,
  govSetting: 'setVotingPeriod',
  govInput: '',
  recipient: '',
  amountInput: '',
  guardianKind: 'curation',
  guardianInput: '',
  listingModel: '',
  suspendModel: true,
  listingReason: '',
  auditorInput: '',
  accredit: true,
  currencyInput: '',
  allowCurrency: true,
  customTarget: '',
  customValue: '',
  customData: '',
};

function decoded(action: ProposalAction | string, abi: Abi) {
  if (typeof action === 'string') throw new Error(action);
  const { functionName, args } = decodeFunctionData({ abi, data: action.calldata });
  return { target: action.target, value: action.value, functionName, args };
}

const CUR = 10n ** 18n;

describe('buildAction', () => {
  it('sets a curation parameter in its unit: CUR, percent (bps) or days', () => {
    const deposit = buildAction({ ...form, paramInput: '2000' }, ctx);
    expect(decoded(deposit, curationRegistryAbi)).toEqual({
      target: ctx.curation,
      value: 0n,
      functionName: 'setParameter',
      args: [CURATION_PARAMETERS.indexOf('ChallengeDeposit'), 2_000n * CUR],
    });
    const slash = CURATION_PARAMETERS.indexOf('CuratorSlashBps');
    expect(
      decoded(buildAction({ ...form, param: slash, paramInput: '2.5' }, ctx), curationRegistryAbi)
        .args,
    ).toEqual([slash, 250n]);
    const period = CURATION_PARAMETERS.indexOf('ChallengePeriod');
    expect(
      decoded(buildAction({ ...form, param: period, paramInput: '3' }, ctx), curationRegistryAbi)
        .args,
    ).toEqual([period, 3n * 86_400n]);
    expect(buildAction({ ...form, param: slash, paramInput: 'abc' }, ctx)).toBe(
      'Enter a percentage, like 20 or 2.5.',
    );
    expect(buildAction({ ...form, param: period, paramInput: '0' }, ctx)).toBe(
      'Enter a positive number.',
    );
  });

  it('refuses a parameter value outside the bounds read from the chain', () => {
    const bounds = CURATION_PARAMETERS.map((): readonly [bigint, bigint] => [1n, 10n]);
    bounds[form.param] = [100n * CUR, 5_000n * CUR];
    const out = buildAction({ ...form, paramInput: '6000' }, { ...ctx, parameterBounds: bounds });
    expect(out).toBe('Challenge deposit must be between 100 CUR and 5,000 CUR.');
    expect(
      typeof buildAction({ ...form, paramInput: '5000' }, { ...ctx, parameterBounds: bounds }),
    ).toBe('object');
  });

  it('changes a Governor setting, within its bounds and with the reason for them', () => {
    const g = { ...form, template: 'governor' as const };
    expect(
      decoded(
        buildAction({ ...g, govSetting: 'updateQuorumNumerator', govInput: '5' }, ctx),
        curiaGovernorAbi,
      ),
    ).toMatchObject({ target: ctx.governor, functionName: 'updateQuorumNumerator', args: [5n] });
    expect(
      decoded(
        buildAction({ ...g, govSetting: 'setVotingPeriod', govInput: '7' }, ctx),
        curiaGovernorAbi,
      ).args,
    ).toEqual([7 * 86_400]); // uint32
    expect(buildAction({ ...g, govSetting: 'updateQuorumNumerator', govInput: '0.5' }, ctx)).toBe(
      'Enter a whole percentage, 1 to 100.',
    );
    const out = buildAction(
      { ...g, govSetting: 'updateQuorumNumerator', govInput: '50' },
      { ...ctx, governorBounds: { updateQuorumNumerator: [1n, 20n] } },
    );
    expect(out).toBe('Quorum must be between 1% and 20%; 50% is outside.');
  });

  it('refuses an action that sets what already holds (a vote for nothing)', () => {
    const current = {
      curationParameters: CURATION_PARAMETERS.map(() => 0n),
      quorumNumerator: 4n,
      votingPeriod: 7n * 86_400n,
      curationGuardian: A(7),
      proposalGuardian: A(8),
    };
    current.curationParameters[form.param] = 2_000n * CUR;
    const now = { ...ctx, current };
    expect(buildAction({ ...form, paramInput: '2000' }, now)).toBe(
      'Challenge deposit is already 2,000 CUR: this action would change nothing.',
    );
    expect(typeof buildAction({ ...form, paramInput: '2001' }, now)).toBe('object');
    const g = { ...form, template: 'governor' as const };
    expect(buildAction({ ...g, govSetting: 'updateQuorumNumerator', govInput: '4' }, now)).toBe(
      'Quorum is already 4%: this action would change nothing.',
    );
    expect(buildAction({ ...g, govSetting: 'setVotingPeriod', govInput: '7' }, now)).toBe(
      'Voting period is already 7 days: this action would change nothing.',
    );
    expect(typeof buildAction({ ...g, govSetting: 'setVotingPeriod', govInput: '8' }, now)).toBe(
      'object',
    );
    const guardian = { ...form, template: 'guardian' as const };
    expect(buildAction({ ...guardian, guardianInput: A(7) }, now)).toBe(
      'This address is already the guardian: this action would change nothing.',
    );
    expect(
      typeof buildAction({ ...guardian, guardianKind: 'proposal', guardianInput: A(7) }, now),
    ).toBe('object');
  });

  it('transfers CUR from the treasury, sets guardians, accredits auditors, allows currencies', () => {
    expect(
      decoded(
        buildAction({ ...form, template: 'transfer', recipient: A(9), amountInput: '1.5' }, ctx),
        curiaTokenAbi,
      ),
    ).toMatchObject({
      target: ctx.token,
      functionName: 'transfer',
      args: [A(9), 15n * 10n ** 17n],
    });
    expect(buildAction({ ...form, template: 'transfer', recipient: 'nope' }, ctx)).toBe(
      'Enter the recipient address (0x…).',
    );
    // More than the treasury holds would fail at execution: refused in words, before proposing.
    const rich = { ...ctx, treasuryBalance: 1_000n * 10n ** 18n };
    const transfer = (amountInput: string) =>
      buildAction({ ...form, template: 'transfer', recipient: A(9), amountInput }, rich);
    expect(transfer('999999999999')).toBe(
      'The treasury holds 1,000 CUR: a transfer of more would fail when the proposal is executed.',
    );
    expect(typeof transfer('1000')).not.toBe('string');
    // The zero address: the token refuses it at execution.
    expect(
      buildAction({ ...form, template: 'transfer', recipient: A(0), amountInput: '1' }, ctx),
    ).toMatch(/^That is the zero address: the token refuses a transfer to it/);
    // A token the marketplace already accepts: allowing it again changes nothing.
    expect(
      buildAction(
        { ...form, template: 'currency', currencyInput: A(6), allowCurrency: true },
        { ...ctx, allowedCurrencies: [A(6)] },
      ),
    ).toBe('The marketplace already accepts this token: this action would change nothing.');
    // One it does not accept: disallowing it changes nothing either.
    expect(
      buildAction(
        { ...form, template: 'currency', currencyInput: A(6), allowCurrency: false },
        { ...ctx, allowedCurrencies: [A(5)] },
      ),
    ).toBe('The marketplace does not accept this token now: this action would change nothing.');
    // Accrediting an accredited auditor, or revoking one who is not, reverts at execution.
    const auditor = (accredit: boolean, accredited: boolean, input = A(8)) =>
      buildAction(
        { ...form, template: 'auditor', auditorInput: input, accredit },
        { ...ctx, auditorStanding: { auditor: A(8), accredited } },
      );
    expect(auditor(true, true)).toBe(
      'This auditor is already accredited: the proposal would fail when executed.',
    );
    expect(auditor(false, false)).toBe(
      'This address is not an accredited auditor: revoking it would fail when the proposal is executed.',
    );
    expect(typeof auditor(true, false)).toBe('object');
    expect(typeof auditor(false, true)).toBe('object');
    // A standing read for another address says nothing about the one typed.
    expect(typeof auditor(true, true, A(9))).toBe('object');
    // An empty guardian removes it (the zero address).
    expect(
      decoded(buildAction({ ...form, template: 'guardian' }, ctx), curationRegistryAbi),
    ).toMatchObject({
      target: ctx.curation,
      functionName: 'setGuardian',
      args: [A(0)],
    });
    expect(
      decoded(
        buildAction(
          { ...form, template: 'guardian', guardianKind: 'proposal', guardianInput: A(7) },
          ctx,
        ),
        curiaGovernorAbi,
      ),
    ).toMatchObject({ target: ctx.governor, functionName: 'setProposalGuardian', args: [A(7)] });
    expect(
      decoded(
        buildAction({ ...form, template: 'auditor', auditorInput: A(8), accredit: false }, ctx),
        auditRegistryAbi,
      ),
    ).toMatchObject({ target: ctx.auditRegistry, functionName: 'revoke', args: [A(8)] });
    expect(
      decoded(
        buildAction(
          { ...form, template: 'currency', currencyInput: A(6), allowCurrency: true },
          ctx,
        ),
        marketplaceAbi,
      ),
    ).toMatchObject({ target: ctx.marketplace, functionName: 'setCurrency', args: [A(6), true] });
    expect(
      buildAction(
        { ...form, template: 'auditor', auditorInput: A(8) },
        { ...ctx, auditRegistry: undefined },
      ),
    ).toBe('The audit registry is not deployed on this chain.');
  });

  it("suspends a listed model with its stored reason, or lifts a suspended one's, as the DAO", () => {
    const listing = { ...form, template: 'listing' as const, listingModel: '12' };
    const evidence = { uri: 'ipfs://bafkreireason', hash: `0x${'ab'.repeat(32)}` as const };
    expect(buildAction({ ...listing, listingModel: 'twelve' }, ctx)).toBe(
      'Enter the registry id of the model, like 12.',
    );
    expect(buildAction(listing, ctx)).toBe(
      'Say why the model is suspended: buyers and curators read it.',
    );
    expect(
      decoded(
        buildAction({ ...listing, listingReason: 'Leaks data.', listingEvidence: evidence }, ctx),
        curationRegistryAbi,
      ),
    ).toMatchObject({
      target: ctx.curation,
      functionName: 'suspend',
      args: [12n, evidence.uri, evidence.hash],
    });
    expect(
      decoded(buildAction({ ...listing, suspendModel: false }, ctx), curationRegistryAbi),
    ).toMatchObject({ target: ctx.curation, functionName: 'liftSuspension', args: [12n] });
    // The status read for the model typed: a suspension of an unlisted model, or a lift of one
    // not suspended, would fail when the proposal is executed.
    const read = (status: string) => ({ ...ctx, listingStatus: { modelId: 12n, status } });
    expect(
      buildAction({ ...listing, listingReason: 'x', listingEvidence: evidence }, read('Removed')),
    ).toBe('Model #12 is Removed: only a listed model can be suspended.');
    // A number the registry does not have is said so (walk 18: "Model #999 is Not applied").
    expect(
      buildAction(
        { ...listing, listingReason: 'x', listingEvidence: evidence },
        read(NO_SUCH_MODEL),
      ),
    ).toBe('There is no model #12 in the registry.');
    expect(buildAction({ ...listing, suspendModel: false }, read('Listed'))).toBe(
      'Model #12 is not suspended (Listed): lifting would fail when the proposal is executed.',
    );
    expect(typeof buildAction({ ...listing, suspendModel: false }, read('Suspended'))).toBe(
      'object',
    );
  });

  it('takes a free-form call as it is, checking the address, the hex and the ETH value', () => {
    expect(
      buildAction(
        {
          ...form,
          template: 'custom',
          customTarget: A(9),
          customData: '0xdeadbeef',
          customValue: '0.5',
        },
        ctx,
      ),
    ).toEqual({ target: A(9), value: 5n * 10n ** 17n, calldata: '0xdeadbeef' });
    expect(
      buildAction({ ...form, template: 'custom', customTarget: A(9), customData: '0xabc' }, ctx),
    ).toBe('Calldata must be hex bytes (0x…).');
    expect(
      buildAction({ ...form, template: 'custom', customTarget: A(9), customData: '0xa9059c' }, ctx),
    ).toBe(
      'Calldata is empty (0x) or starts with a 4-byte function selector: 0x and at least 8 hexadecimal digits.',
    );
    expect(
      buildAction({ ...form, template: 'custom', customTarget: A(9), customValue: 'lots' }, ctx),
    ).toBe('Enter the ETH value as a number, like 0.5.');
  });
});

describe('withCodePins', () => {
  it('pins each distinct target that has code, before the actions, and skips accounts', () => {
    const actions: ProposalAction[] = [
      { target: A(2), value: 0n, calldata: '0x01' },
      { target: A(2), value: 0n, calldata: '0x02' },
      { target: A(9), value: 1n, calldata: '0x' },
    ];
    const code = '0x6080604052';
    const out = withCodePins(
      ctx.governor,
      actions,
      new Map([
        [A(2), code],
        [A(9), '0x'],
      ]),
    );
    expect(out).toHaveLength(4);
    expect(out.slice(1)).toEqual(actions);
    expect(decoded(out[0], curiaGovernorAbi)).toEqual({
      target: ctx.governor,
      value: 0n,
      functionName: 'requireCodeHash',
      args: [A(2), keccak256(code)],
    });
  });
});

describe('composerDraft', () => {
  it('keeps a draft through JSON, action values included', () => {
    const draft = {
      title: 'Fund the audit',
      body: 'Why.',
      template: 'transfer' as const,
      actions: [
        { target: `0x${'1'.repeat(40)}` as const, value: 10n ** 30n, calldata: '0x1234' as const },
      ],
    };
    expect(restoreDraft(JSON.parse(JSON.stringify(composerDraft(draft))))).toEqual(draft);
  });
});
