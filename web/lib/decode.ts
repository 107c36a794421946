// Proposal actions in plain language: each (target, value, calldata) is decoded with the
// generated ABI of the contract at that address, then described ("Set challenge deposit from
// 1,000 CUR to 2,000 CUR", "Restore model #12 (appeal)", "Send 10,000 CUR to 0x…").
import { decodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import {
  CONTRACT_LABELS,
  CURIA_ABIS,
  MARKETPLACE_FEES,
  contractNameOf,
  type MarketplaceFees,
} from '$protocol/contracts';
import { PARAMETERS } from '$protocol/enums';
import type { Manifest } from '$protocol/manifest';
import { formatAmount, formatBps, formatDuration, shortAddress } from './format';

/** Amounts in a decoded action are exact: a proposal's reader sees every decimal it moves or sets. */
const exact = (v: bigint, symbol: string, decimals = 18) =>
  formatAmount(v, { symbol, decimals, digits: decimals });
const cur = (v: bigint) => exact(v, 'CUR');
const eth = (v: bigint) => exact(v, 'ETH');

/** Current values, so that changes read "from X to Y" (omit for executed proposals). */
export interface DecodeContext {
  curationParameters?: readonly bigint[];
  curationGuardian?: Address;
  votingDelay?: bigint;
  votingPeriod?: bigint;
  proposalThreshold?: bigint;
  quorumNumerator?: bigint;
  lateQuorumVoteExtension?: bigint;
  proposalGuardian?: Address;
  timelockDelay?: bigint;
  marketplaceFees?: MarketplaceFees;
  /** An account's name where the portal has one (a demo chain's people): "0x1CBd…C9Ec (Noor)". */
  nameOf?: (address: Address) => string | undefined;
}

export interface DecodedAction {
  /** One sentence for people. */
  summary: string;
  target: Address;
  contract?: string;
  functionName?: string;
  args?: readonly unknown[];
  value: bigint;
  calldata: Hex;
  /** True when the call could not be decoded with a known ABI. */
  unknown: boolean;
}

function who(manifest: Manifest, address: Address, nameOf?: DecodeContext['nameOf']): string {
  const name = contractNameOf(manifest.contracts, address);
  if (name === 'TimelockController') return 'the treasury (timelock)';
  if (name) return `${CONTRACT_LABELS[name]} (${shortAddress(address)})`;
  const person = nameOf?.(address);
  return person ? `${shortAddress(address)} (${person})` : shortAddress(address);
}

function change(from: string | undefined, to: string): string {
  return from !== undefined && from !== to ? `from ${from} to ${to}` : `to ${to}`;
}

export function paramValue(index: number, value: bigint): string {
  const unit = PARAMETERS[index]?.unit;
  if (unit === 'token') return cur(value);
  if (unit === 'bps') return formatBps(value);
  return formatDuration(value);
}

function genericArgs(args: readonly unknown[] | undefined): string {
  return (args ?? [])
    .map((a) =>
      typeof a === 'bigint'
        ? a.toString()
        : typeof a === 'string'
          ? a.length > 42
            ? `${a.slice(0, 20)}…`
            : a
          : JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? v.toString() : v)),
    )
    .join(', ');
}

function describe(
  manifest: Manifest,
  contract: string,
  fn: string,
  a: readonly unknown[],
  ctx: DecodeContext,
): string | undefined {
  const n = (i: number) => a[i] as bigint;
  if (contract === 'CurationRegistry') {
    if (fn === 'setParameter') {
      const p = Number(a[0]);
      const name = PARAMETERS[p]?.name ?? `parameter ${p}`;
      const current = ctx.curationParameters?.[p];
      return `Set ${name.toLowerCase()} ${change(current === undefined ? undefined : paramValue(p, current), paramValue(p, n(1)))}`;
    }
    if (fn === 'restoreModel') return `Restore model #${n(0)} (appeal)`;
    if (fn === 'liftSuspension') return `Lift the suspension of model #${n(0)}`;
    if (fn === 'suspend') {
      return `Suspend model #${n(0)} (nothing is sold until it is lifted or lapses; the reason: ${String(a[1])})`;
    }
    if (fn === 'setGuardian') {
      const to = a[0] as Address;
      return /^0x0{40}$/.test(to)
        ? 'Remove the curation guardian'
        : `Set the curation guardian ${change(ctx.curationGuardian && who(manifest, ctx.curationGuardian, ctx.nameOf), who(manifest, to, ctx.nameOf))}`;
    }
  }
  if (contract === 'CuriaToken' || contract === 'TestStablecoin') {
    const symbol = contract === 'CuriaToken' ? 'CUR' : 'tUSD';
    const decimals = contract === 'CuriaToken' ? 18 : 6;
    // Exact: a proposal's reader sees every decimal it moves.
    const amount = (v: bigint) => exact(v, symbol, decimals);
    if (fn === 'transfer')
      return `Send ${amount(n(1))} to ${who(manifest, a[0] as Address, ctx.nameOf)}`;
    if (fn === 'approve') {
      return `Allow ${who(manifest, a[0] as Address, ctx.nameOf)} to spend ${amount(n(1))} of the treasury`;
    }
    if (fn === 'delegate')
      return `Delegate the treasury's votes to ${who(manifest, a[0] as Address, ctx.nameOf)}`;
  }
  if (contract === 'CuriaGovernor') {
    if (fn === 'setVotingDelay') {
      return `Set the voting delay ${change(ctx.votingDelay === undefined ? undefined : formatDuration(ctx.votingDelay), formatDuration(n(0)))}`;
    }
    if (fn === 'setVotingPeriod') {
      return `Set the voting period ${change(ctx.votingPeriod === undefined ? undefined : formatDuration(ctx.votingPeriod), formatDuration(n(0)))}`;
    }
    if (fn === 'setProposalThreshold') {
      return `Set the proposal threshold ${change(ctx.proposalThreshold === undefined ? undefined : cur(ctx.proposalThreshold), cur(n(0)))}`;
    }
    if (fn === 'updateQuorumNumerator') {
      return `Set the quorum ${change(ctx.quorumNumerator === undefined ? undefined : `${ctx.quorumNumerator}%`, `${n(0)}%`)} of the supply`;
    }
    if (fn === 'setLateQuorumVoteExtension') {
      return `Set the late-quorum extension ${change(ctx.lateQuorumVoteExtension === undefined ? undefined : formatDuration(ctx.lateQuorumVoteExtension), formatDuration(n(0)))}`;
    }
    if (fn === 'setProposalGuardian') {
      const to = a[0] as Address;
      return /^0x0{40}$/.test(to)
        ? 'Remove the proposal guardian'
        : `Set the proposal guardian ${change(ctx.proposalGuardian && who(manifest, ctx.proposalGuardian, ctx.nameOf), who(manifest, to, ctx.nameOf))}`;
    }
    if (fn === 'setTrustedProposer') {
      return `Set the trusted proposer to ${who(manifest, a[0] as Address, ctx.nameOf)}`;
    }
    if (fn === 'requireCodeHash') {
      return `Stop unless the code of ${who(manifest, a[0] as Address, ctx.nameOf)} has the hash ${String(a[1]).slice(0, 10)}… (a code-hash pin)`;
    }
  }
  if (contract === 'TimelockController' && fn === 'updateDelay') {
    return `Set the timelock delay ${change(ctx.timelockDelay === undefined ? undefined : formatDuration(ctx.timelockDelay), formatDuration(n(0)))}`;
  }
  if (contract === 'Marketplace') {
    if (fn === 'setCurrency') {
      return `${a[1] ? 'Allow' : 'Stop'} payments in ${who(manifest, a[0] as Address, ctx.nameOf)}`;
    }
    if (fn === 'setFees') {
      const next = a[0] as MarketplaceFees;
      const now = ctx.marketplaceFees;
      return `Set the marketplace fees: ${MARKETPLACE_FEES.map(
        ({ key, label }) => `${label} ${change(now && formatBps(now[key]), formatBps(next[key]))}`,
      ).join(', ')}`;
    }
  }
  if (contract === 'AuditRegistry') {
    if (fn === 'accredit')
      return `Accredit ${who(manifest, a[0] as Address, ctx.nameOf)} as an auditor`;
    if (fn === 'revoke')
      return `Revoke the accreditation of auditor ${who(manifest, a[0] as Address, ctx.nameOf)}`;
    if (fn === 'setMinimumBond') return `Set the minimum auditor bond to ${cur(n(0))}`;
    if (fn === 'setAuditorSlashBps') return `Set the auditor slash to ${formatBps(n(0))}`;
  }
  return undefined;
}

export function decodeAction(
  manifest: Manifest,
  target: Address,
  value: bigint,
  calldata: Hex,
  ctx: DecodeContext = {},
): DecodedAction {
  const base = { target, value, calldata };
  const contract = contractNameOf(manifest.contracts, target);
  const withValue = (s: string) => (value > 0n ? `${s}, sending ${eth(value)}` : s);
  if (calldata === '0x') {
    return {
      ...base,
      contract,
      unknown: false,
      summary:
        value > 0n
          ? `Send ${eth(value)} to ${who(manifest, target, ctx.nameOf)}`
          : `Call ${who(manifest, target, ctx.nameOf)} with no data`,
    };
  }
  if (calldata.length < 10) {
    // Shorter than a function selector: it reaches the target's fallback, if it has one.
    return {
      ...base,
      contract,
      unknown: true,
      summary: withValue(
        `Call ${who(manifest, target, ctx.nameOf)} with ${(calldata.length - 2) / 2} bytes of data, too short to name a function`,
      ),
    };
  }
  const abi: Abi | undefined = contract ? CURIA_ABIS[contract] : undefined;
  if (abi) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data: calldata });
      const summary =
        describe(manifest, contract!, functionName, args ?? [], ctx) ??
        `Call ${functionName}(${genericArgs(args)}) on ${CONTRACT_LABELS[contract!]}`;
      return { ...base, contract, functionName, args, unknown: false, summary: withValue(summary) };
    } catch {
      // not a function of this ABI
    }
  }
  return {
    ...base,
    contract,
    unknown: true,
    summary: withValue(
      `Call an unknown function (${calldata.slice(0, 10)}) on ${who(manifest, target, ctx.nameOf)}`,
    ),
  };
}
