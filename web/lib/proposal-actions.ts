// The composer's calldata templates (web/routes/proposals/new): what a proposer fills in, turned
// into a Governor action (target, value, calldata) or a plain-words reason why not. Pure: the
// bounds read from the chain are passed in, and nothing here reads or writes.
import {
  encodeFunctionData,
  isAddress,
  isHex,
  keccak256,
  parseEther,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import { parseAmount } from './amount';
import { paramValue, type DecodeContext } from './decode';
import { PARAMETERS } from '$protocol/enums';
import { addressProblem, formatDuration, formatToken } from './format';
import {
  auditRegistryAbi,
  curationRegistryAbi,
  curiaGovernorAbi,
  curiaTokenAbi,
  marketplaceAbi,
} from '$protocol/generated/contracts';

export interface ProposalAction {
  target: Address;
  value: bigint;
  calldata: Hex;
}

export type ActionTemplate =
  | 'parameter'
  | 'governor'
  | 'transfer'
  | 'guardian'
  | 'listing'
  | 'auditor'
  | 'currency'
  | 'custom';

/** The composer's templates; `needs` names the contract a template calls when it is optional. */
/** The listing status of a model id the registry does not have (listingStatusQuery). */
export const NO_SUCH_MODEL = 'No such model';

export const ACTION_TEMPLATES: readonly {
  key: ActionTemplate;
  label: string;
  needs?: 'AuditRegistry' | 'Marketplace';
}[] = [
  { key: 'parameter', label: 'Change a curation parameter' },
  { key: 'governor', label: 'Change a Governor setting' },
  { key: 'transfer', label: 'Treasury transfer' },
  { key: 'guardian', label: 'Set a guardian' },
  { key: 'listing', label: 'Suspend a model, or lift a suspension' },
  { key: 'auditor', label: 'Accredit or revoke an auditor', needs: 'AuditRegistry' },
  { key: 'currency', label: 'Allow or stop a payment currency', needs: 'Marketplace' },
  { key: 'custom', label: 'Free-form call' },
];

export const GOVERNOR_SETTINGS = [
  'setVotingDelay',
  'setVotingPeriod',
  'setProposalThreshold',
  'updateQuorumNumerator',
  'setLateQuorumVoteExtension',
] as const;
export type GovernorSetting = (typeof GOVERNOR_SETTINGS)[number];

/** Each Governor setting's name in a sentence and in the composer's list. */
export const GOV_SETTING_LABELS: Record<GovernorSetting, string> = {
  setVotingDelay: 'Voting delay',
  setVotingPeriod: 'Voting period',
  setProposalThreshold: 'Proposal threshold',
  updateQuorumNumerator: 'Quorum',
  setLateQuorumVoteExtension: 'Late-quorum extension',
};

/** The current value's field in the decode context, by setter. */
const GOV_CURRENT: Record<GovernorSetting, keyof DecodeContext> = {
  setVotingDelay: 'votingDelay',
  setVotingPeriod: 'votingPeriod',
  setProposalThreshold: 'proposalThreshold',
  updateQuorumNumerator: 'quorumNumerator',
  setLateQuorumVoteExtension: 'lateQuorumVoteExtension',
};

/** Why each Governor setting has the bounds it has (docs/contracts.md). */
export const GOV_BOUND_REASONS: Record<GovernorSetting, string> = {
  setVotingDelay:
    'at least an hour, so that holders see a proposal before its snapshot; at most two weeks, so that it still comes to a vote',
  setVotingPeriod:
    'at least three days (a weekend plus a working day, and the longest late-quorum extension); at most thirty, so that the DAO can still decide within a month',
  setProposalThreshold:
    '0.01% to 1% of the supply: proposing costs a real stake, and stays open to more than a few holders',
  updateQuorumNumerator:
    '1% to 20% of the supply: the treasury never votes, so a higher quorum could leave the DAO unable to pass anything, even the proposal lowering it',
  setLateQuorumVoteExtension:
    'at least an hour, so that a late quorum always leaves time to answer it; at most three days',
};

/** A Governor setting's value in words. */
export function govValue(setting: GovernorSetting, v: bigint): string {
  if (setting === 'setProposalThreshold') return formatToken(v);
  if (setting === 'updateQuorumNumerator') return `${v}%`;
  return formatDuration(v);
}

export function govIsDuration(setting: GovernorSetting): boolean {
  return (
    setting === 'setVotingDelay' ||
    setting === 'setVotingPeriod' ||
    setting === 'setLateQuorumVoteExtension'
  );
}

/** What the composer's form holds (every template's fields: switching keeps what was typed). */
export interface ActionForm {
  template: ActionTemplate;
  /** Index in PARAMETERS. */
  param: number;
  paramInput: string;
  /** Seconds per unit of a duration typed (86400: days). */
  durationUnit: number;
  govSetting: GovernorSetting;
  govInput: string;
  recipient: string;
  amountInput: string;
  guardianKind: 'curation' | 'proposal';
  guardianInput: string;
  /** The 'listing' template: the model's registry id, suspend (or lift), and why. */
  listingModel: string;
  suspendModel: boolean;
  listingReason: string;
  /** The stored reason (its ipfs:// link and hash), once the page stored it. */
  listingEvidence?: { uri: string; hash: Hex };
  auditorInput: string;
  accredit: boolean;
  currencyInput: string;
  allowCurrency: boolean;
  customTarget: string;
  customValue: string;
  customData: string;
}

/** The deployment's addresses and the bounds read from the chain (undefined: not read yet). */
export interface ActionContext {
  governor: Address;
  curation: Address;
  token: Address;
  auditRegistry?: Address;
  marketplace?: Address;
  parameterBounds?: readonly (readonly [bigint, bigint])[];
  governorBounds?: Partial<Record<GovernorSetting, readonly [bigint, bigint]>>;
  /** The CUR the treasury (the timelock) holds now, when read. */
  treasuryBalance?: bigint;
  /** The settings as they are now, when read: an action setting what already holds is refused. */
  current?: DecodeContext;
  /** The ERC-20s the marketplace accepts now, when read (allowing one again changes nothing). */
  allowedCurrencies?: readonly Address[];
  /** The status of the model typed, when read (only a Listed model is suspended). */
  /** The typed model's listing status by name, or NO_SUCH_MODEL (listingStatusQuery). */
  listingStatus?: { modelId: bigint; status: string };
  /** Whether the auditor typed is accredited now, when read (accrediting one again reverts). */
  auditorStanding?: { auditor: Address; accredited: boolean };
}

/** One call as an action (the block every template ends with). */
export function callAction(
  target: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[],
  value = 0n,
): ProposalAction {
  return {
    target,
    value,
    calldata: encodeFunctionData({ abi, functionName, args } as never),
  };
}

function parseDuration(text: string, unit: number): bigint | string {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n) || n <= 0) return 'Enter a positive number.';
  return BigInt(Math.round(n * unit));
}

function parameterValue(f: ActionForm): bigint | string {
  const unit = PARAMETERS[f.param].unit;
  if (unit === 'token') {
    const a = parseAmount(f.paramInput);
    return a.error ?? a.value!;
  }
  if (unit === 'bps') {
    const pct = Number(f.paramInput.trim());
    if (!f.paramInput.trim() || !Number.isFinite(pct) || pct < 0) {
      return 'Enter a percentage, like 20 or 2.5.';
    }
    return BigInt(Math.round(pct * 100));
  }
  return parseDuration(f.paramInput, f.durationUnit);
}

function governorValue(f: ActionForm): bigint | string {
  if (govIsDuration(f.govSetting)) return parseDuration(f.govInput, f.durationUnit);
  if (f.govSetting === 'setProposalThreshold') {
    const a = parseAmount(f.govInput);
    return a.error ?? a.value!;
  }
  const n = Number(f.govInput.trim());
  if (!Number.isInteger(n) || n < 1 || n > 100) return 'Enter a whole percentage, 1 to 100.';
  return BigInt(n);
}

/** The action the form describes, or why it cannot be built (in words). */
export function buildAction(f: ActionForm, ctx: ActionContext): ProposalAction | string {
  switch (f.template) {
    case 'parameter': {
      const value = parameterValue(f);
      if (typeof value === 'string') return value;
      const b = ctx.parameterBounds?.[f.param];
      if (b && (value < b[0] || value > b[1])) {
        return `${PARAMETERS[f.param].name} must be between ${paramValue(f.param, b[0])} and ${paramValue(f.param, b[1])}.`;
      }
      if (ctx.current?.curationParameters?.[f.param] === value) {
        return `${PARAMETERS[f.param].name} is already ${paramValue(f.param, value)}: this action would change nothing.`;
      }
      return callAction(ctx.curation, curationRegistryAbi, 'setParameter', [f.param, value]);
    }
    case 'governor': {
      const value = governorValue(f);
      if (typeof value === 'string') return value;
      const b = ctx.governorBounds?.[f.govSetting];
      const name = GOV_SETTING_LABELS[f.govSetting];
      // The reason for the bounds is shown beside the field (GOV_BOUND_REASONS): not repeated.
      if (b && (value < b[0] || value > b[1])) {
        return `${name} must be between ${govValue(f.govSetting, b[0])} and ${govValue(f.govSetting, b[1])}; ${govValue(f.govSetting, value)} is outside.`;
      }
      if (ctx.current?.[GOV_CURRENT[f.govSetting]] === value) {
        return `${name} is already ${govValue(f.govSetting, value)}: this action would change nothing.`;
      }
      return callAction(ctx.governor, curiaGovernorAbi, f.govSetting, [value]);
    }
    case 'transfer': {
      const to = f.recipient.trim();
      if (!isAddress(to)) return addressProblem(to, 'Enter the recipient address (0x…).')!;
      if (to.toLowerCase() === zeroAddress)
        return 'That is the zero address: the token refuses a transfer to it, so the proposal would fail when executed.';
      const a = parseAmount(f.amountInput);
      if (a.error) return a.error;
      if (ctx.treasuryBalance !== undefined && a.value! > ctx.treasuryBalance) {
        return `The treasury holds ${formatToken(ctx.treasuryBalance)}: a transfer of more would fail when the proposal is executed.`;
      }
      return callAction(ctx.token, curiaTokenAbi, 'transfer', [to, a.value!]);
    }
    case 'guardian': {
      const to = f.guardianInput.trim() || zeroAddress;
      if (!isAddress(to))
        return addressProblem(to, 'Enter the new guardian address, or leave empty to remove it.')!;
      const now =
        f.guardianKind === 'curation'
          ? ctx.current?.curationGuardian
          : ctx.current?.proposalGuardian;
      if (now !== undefined && now.toLowerCase() === to.toLowerCase()) {
        return to === zeroAddress
          ? 'There is no guardian now: this action would change nothing.'
          : 'This address is already the guardian: this action would change nothing.';
      }
      return f.guardianKind === 'curation'
        ? callAction(ctx.curation, curationRegistryAbi, 'setGuardian', [to])
        : callAction(ctx.governor, curiaGovernorAbi, 'setProposalGuardian', [to]);
    }
    case 'listing': {
      const id = f.listingModel.trim();
      if (!/^[1-9]\d*$/.test(id)) return 'Enter the registry id of the model, like 12.';
      const modelId = BigInt(id);
      const known = ctx.listingStatus?.modelId === modelId ? ctx.listingStatus.status : undefined;
      if (known === NO_SUCH_MODEL) return `There is no model #${id} in the registry.`;
      if (!f.suspendModel) {
        if (known !== undefined && known !== 'Suspended')
          return `Model #${id} is not suspended (${known}): lifting would fail when the proposal is executed.`;
        return callAction(ctx.curation, curationRegistryAbi, 'liftSuspension', [modelId]);
      }
      if (known !== undefined && known !== 'Listed')
        return `Model #${id} is ${known}: only a listed model can be suspended.`;
      if (!f.listingReason.trim())
        return 'Say why the model is suspended: buyers and curators read it.';
      if (!f.listingEvidence) return 'The reason is stored first; add the action again.';
      return callAction(ctx.curation, curationRegistryAbi, 'suspend', [
        modelId,
        f.listingEvidence.uri,
        f.listingEvidence.hash,
      ]);
    }
    case 'auditor': {
      const auditor = f.auditorInput.trim();
      if (!ctx.auditRegistry) return 'The audit registry is not deployed on this chain.';
      if (!isAddress(auditor))
        return addressProblem(auditor, "Enter the auditor's address (0x…).")!;
      const standing = ctx.auditorStanding;
      if (standing && standing.auditor.toLowerCase() === auditor.toLowerCase()) {
        if (f.accredit && standing.accredited)
          return 'This auditor is already accredited: the proposal would fail when executed.';
        if (!f.accredit && !standing.accredited)
          return 'This address is not an accredited auditor: revoking it would fail when the proposal is executed.';
      }
      return callAction(ctx.auditRegistry, auditRegistryAbi, f.accredit ? 'accredit' : 'revoke', [
        auditor,
      ]);
    }
    case 'currency': {
      const token = f.currencyInput.trim();
      if (!ctx.marketplace) return 'The marketplace is not deployed on this chain.';
      if (!isAddress(token)) return addressProblem(token, "Enter the token's address (0x…).")!;
      if (
        f.allowCurrency &&
        ctx.allowedCurrencies?.some((a) => a.toLowerCase() === token.toLowerCase())
      )
        return 'The marketplace already accepts this token: this action would change nothing.';
      if (
        !f.allowCurrency &&
        ctx.allowedCurrencies &&
        !ctx.allowedCurrencies.some((a) => a.toLowerCase() === token.toLowerCase())
      )
        return 'The marketplace does not accept this token now: this action would change nothing.';
      return callAction(ctx.marketplace, marketplaceAbi, 'setCurrency', [token, f.allowCurrency]);
    }
    case 'custom': {
      const target = f.customTarget.trim();
      if (!isAddress(target))
        return addressProblem(target, 'Enter the target contract address (0x…).')!;
      const data = f.customData.trim() || '0x';
      if (!isHex(data) || data.length % 2 !== 0) return 'Calldata must be hex bytes (0x…).';
      if (data !== '0x' && data.length < 10)
        return 'Calldata is empty (0x) or starts with a 4-byte function selector: 0x and at least 8 hexadecimal digits.';
      let value = 0n;
      if (f.customValue.trim()) {
        try {
          value = parseEther(f.customValue.trim());
        } catch {
          return 'Enter the ETH value as a number, like 0.5.';
        }
      }
      return { target, value, calldata: data };
    }
  }
}

/**
 * Code-hash pins (CuriaGovernor.requireCodeHash) for the targets of `actions` that have code, put
 * before the actions: execution stops if a target's code is replaced after the vote. `codes` maps a
 * lower-case target to its deployed code ('0x' or missing: an account, nothing to pin).
 */
export function withCodePins(
  governor: Address,
  actions: ProposalAction[],
  codes: ReadonlyMap<string, Hex | undefined>,
): ProposalAction[] {
  const targets = [...new Set(actions.map((a) => a.target.toLowerCase()))] as Address[];
  const pins = targets.flatMap((target) => {
    const code = codes.get(target);
    return code && code !== '0x'
      ? [callAction(governor, curiaGovernorAbi, 'requireCodeHash', [target, keccak256(code)])]
      : [];
  });
  return [...pins, ...actions];
}

/**
 * What the composer keeps when the page is left and come back to (SvelteKit's snapshot, in the
 * tab's session storage: JSON, so an action's value is a decimal string).
 */
export interface ComposerDraft {
  title: string;
  body: string;
  template: ActionTemplate;
  actions: { target: Address; value: string; calldata: Hex }[];
}

export function composerDraft(d: {
  title: string;
  body: string;
  template: ActionTemplate;
  actions: ProposalAction[];
}): ComposerDraft {
  return { ...d, actions: d.actions.map((a) => ({ ...a, value: a.value.toString() })) };
}

export function restoreDraft(d: ComposerDraft): {
  title: string;
  body: string;
  template: ActionTemplate;
  actions: ProposalAction[];
} {
  return { ...d, actions: d.actions.map((a) => ({ ...a, value: BigInt(a.value) })) };
}
