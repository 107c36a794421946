// An account's history (the index's events) in plain words, with a link to what each event is about.
import type { HistoryEntry } from '$protocol/indexer/types';
import { CONTRACT_LABELS, MARKETPLACE_FEES } from '$protocol/contracts';
import { DISPUTE_STATE, REASON } from '$protocol/enums';
import { formatBps, formatEth, formatToken, shortAddress } from '$lib/format';

export interface Described {
  text: string;
  /** The model, proposal or dispute the event is about. */
  link?: { kind: 'model' | 'proposal' | 'dispute'; id: string; label: string };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const same = (a: unknown, b: string) => str(a).toLowerCase() === b.toLowerCase();
const cur = (v: unknown) => formatToken(BigInt(str(v) || '0'));
const ZERO = '0x0000000000000000000000000000000000000000';
/** "the treasury" → "The treasury" at the start of a sentence. */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const VOTE = ['against', 'for', 'abstaining on'];
const MAX_UINT = (1n << 256n) - 1n;

/** What the history knows besides the event: entry names, proposal titles, currencies. */
export interface HistoryNames {
  /** An entry's name by registry id ("Aurora-7B"), when the index knows it. */
  model?: (id: string) => string | undefined;
  /** A proposal's title by id, when the index knows it. */
  proposal?: (id: string) => string | undefined;
  /** An ERC-20 the marketplace accepts, by address, or by its contract's name in the manifest. */
  currency?: (address: string) => { symbol: string; decimals: number } | undefined;
}

/** "SaleSplit" → "sale split": an event's name in words, for events with no sentence of their own. */
export function eventWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}
const VERDICT = ['Pass', 'Concerns', 'Fail'];

/**
 * The event in words, from the account's point of view ("Staked 100 CUR on model #3"). Events
 * with no sentence of their own read "<Contract>: <Event>".
 */
export function describeEvent(
  e: HistoryEntry,
  account: string,
  contractName: (address: string) => string | undefined = () => undefined,
  names: HistoryNames = {},
): Described {
  const a = e.args;
  /** An amount of a currency of the marketplace (ETH at the zero address, else an ERC-20). */
  const money = (amount: unknown, currency: unknown) => {
    const value = BigInt(str(amount) || '0');
    if (same(currency, ZERO)) return formatEth(value);
    const known = names.currency?.(str(currency));
    return known
      ? formatToken(value * 10n ** BigInt(18 - known.decimals), known.symbol)
      : `${value} units of ${shortAddress(str(currency))}`;
  };
  const symbolOf = (currency: unknown) =>
    same(currency, ZERO) ? 'ETH' : (names.currency?.(str(currency))?.symbol ?? 'a token');
  const entryName = (id: unknown) => names.model?.(str(id)) ?? `model #${str(id)}`;
  /** Transfers and approvals of the marketplace's ERC-20 (tUSD) read like CUR's. */
  const erc20 = e.contract !== 'CuriaToken' && (e.name === 'Transfer' || e.name === 'Approval');
  const who = (v: unknown, me: string) => {
    if (same(v, me)) return 'you';
    const name = contractName(str(v));
    return name
      ? (CONTRACT_LABELS[name as keyof typeof CONTRACT_LABELS] ?? name)
      : shortAddress(str(v));
  };
  const model = (id: unknown = a.modelId ?? e.modelId): Described['link'] =>
    id === undefined || id === null
      ? undefined
      : { kind: 'model', id: str(id), label: entryName(id) };
  const proposal = (): Described['link'] => ({
    kind: 'proposal',
    id: str(a.proposalId),
    label: names.proposal?.(str(a.proposalId)) ?? 'the proposal',
  });
  if (erc20 && e.contract !== 'ModelRegistry' && e.contract !== 'CuriaGovernor') {
    const token = e.contract === 'TestStablecoin' ? 'the test stablecoin' : e.contract;
    const amount = (v: unknown) => {
      const known = names.currency?.(e.contract);
      return known
        ? formatToken(BigInt(str(v) || '0') * 10n ** BigInt(18 - known.decimals), known.symbol)
        : `${str(v)} units of ${token}`;
    };
    if (e.name === 'Approval') {
      return {
        text:
          BigInt(str(a.value) || '0') === MAX_UINT
            ? `Allowed ${who(a.spender, account)} to spend ${token}`
            : `Allowed ${who(a.spender, account)} to spend ${amount(a.value)}`,
      };
    }
    if (same(a.from, ZERO)) return { text: `Received ${amount(a.value)} (minted)` };
    return same(a.to, account)
      ? { text: `Received ${amount(a.value)} from ${who(a.from, account)}` }
      : { text: `Paid ${amount(a.value)} to ${who(a.to, account)}` };
  }
  const dispute = (): Described['link'] => ({
    kind: 'dispute',
    id: str(a.disputeId),
    label: `dispute #${str(a.disputeId)}`,
  });
  switch (`${e.contract}:${e.name}`) {
    case 'ModelRegistry:ModelRegistered':
      return {
        text: `Registered a new ${a.kind === 1 || a.kind === '1' ? 'dataset' : 'model'}`,
        link: model(),
      };
    case 'ModelRegistry:VersionPublished':
      return { text: `Published version ${str(a.version)}`, link: model() };
    case 'ModelRegistry:Transfer':
      if (same(a.from, ZERO))
        return { text: `Received the ownership token`, link: model(a.tokenId) };
      return {
        text: `Ownership moved from ${who(a.from, account)} to ${who(a.to, account)}`,
        link: model(a.tokenId),
      };
    case 'CurationRegistry:ListingApplied':
      return { text: `Applied to list with a bond of ${cur(a.bond)}`, link: model() };
    case 'CurationRegistry:ListingWithdrawn':
      return { text: `Withdrew the listing`, link: model() };
    case 'CurationRegistry:BondWithdrawn':
      return { text: `Took back the listing bond of ${cur(a.amount)}`, link: model() };
    case 'CurationRegistry:Staked':
      return {
        text: `${same(a.curator, account) ? 'Staked' : `${who(a.curator, account)} staked`} ${cur(a.amount)}`,
        link: model(),
      };
    case 'CurationRegistry:UnstakeRequested':
      return { text: `Asked to unstake ${cur(a.amount)}`, link: model() };
    case 'CurationRegistry:StakeWithdrawn':
      return { text: `Withdrew ${cur(a.amount)} of stake`, link: model() };
    // Credits and payouts name their account: another's, met in a transaction this account sent
    // (a resolution, a settlement), is said as theirs.
    case 'CurationRegistry:Credited':
      return {
        text: same(a.account, account)
          ? `Was credited ${cur(a.amount)} of curation rewards`
          : `${capital(who(a.account, account))} was credited ${cur(a.amount)} of curation rewards`,
      };
    case 'CurationRegistry:Claimed':
      return {
        text: same(a.account, account)
          ? `Claimed ${cur(a.amount)} of rewards`
          : `${capital(who(a.account, account))} claimed ${cur(a.amount)} of rewards`,
      };
    case 'CurationRegistry:Challenged':
      return {
        text: `${same(a.challenger, account) ? 'Challenged' : `${who(a.challenger, account)} challenged`} ${entryName(a.modelId)} (${REASON[Number(a.reason)] ?? 'other'}), deposit ${cur(a.deposit)}`,
        link: dispute(),
      };
    case 'CurationRegistry:DisputeVoteCast':
      return {
        text: `Voted to ${Number(a.support) === 1 ? 'remove' : 'keep'} the model, weight ${cur(a.weight)}`,
        link: dispute(),
      };
    case 'CurationRegistry:DisputeResolved':
      return {
        text: `The dispute vote ended: ${entryName(a.modelId)} ${(DISPUTE_STATE[Number(a.outcome)] ?? 'resolved').toLowerCase()}`,
        link: dispute(),
      };
    case 'CurationRegistry:Appealed':
      return { text: `Appealed to the DAO, bond ${cur(a.bond)}`, link: dispute() };
    case 'CurationRegistry:ModelDelisted':
      return {
        text: `${entryName(a.modelId)} was delisted; challenger's reward ${cur(a.challengerReward)}`,
        link: dispute(),
      };
    case 'CurationRegistry:ModelRestored':
      return { text: `${entryName(a.modelId)} was restored on appeal`, link: dispute() };
    case 'CurationRegistry:CuratorRewardsDistributed':
      return {
        text: `${cur(a.amount)} of curation rewards shared among the curators`,
        link: model(),
      };
    case 'CurationRegistry:TreasuryPaid':
      return { text: `${cur(a.amount)} paid to the treasury` };
    case 'CurationRegistry:GuardianSet':
      return { text: `The curation guardian became ${who(a.newGuardian, account)}` };
    case 'CurationRegistry:ModelSuspended':
      return { text: `Model suspended by the guardian`, link: model() };
    case 'CurationRegistry:SuspensionLifted':
      return { text: `Suspension lifted`, link: model() };
    case 'Marketplace:LicenseBought':
      return {
        text:
          same(a.buyer, account) || same(a.licensee, account)
            ? `Bought a license for ${money(a.price, a.currency)}`
            : `Sold a license to ${who(a.licensee, account)} for ${money(a.price, a.currency)}`,
        link: model(),
      };
    case 'Marketplace:SalesSettled': {
      const split = (a.split ?? {}) as Record<string, unknown>;
      const parts = [
        ['the creator', split.creator],
        ['upstream royalties', split.royalties],
        ['curators', split.curators],
        ['auditors', split.auditors],
        ['the treasury', split.treasury],
      ]
        .filter(([, v]) => BigInt(str(v) || '0') > 0n)
        .map(([who_, v]) => `${money(v, a.currency)} to ${String(who_)}`);
      return {
        text: `Sales of ${money(a.amount, a.currency)} were shared: ${parts.join(', ') || 'nothing to share'}`,
        link: model(),
      };
    }
    case 'Marketplace:CuratorFeesDistributed':
      return {
        text: `${money(a.amount, a.currency)} of sale fees shared among the curators`,
        link: model(),
      };
    case 'Marketplace:CurrencySet':
      return {
        text: `${a.newAllowed === true || a.newAllowed === 'true' ? 'Payments in' : 'No more payments in'} ${symbolOf(a.currency)}${a.newAllowed === true || a.newAllowed === 'true' ? ' accepted' : ''}`,
      };
    case 'Marketplace:FeesSet': {
      // IMarketplace.Fees by name (the deployment's event has an all-zero old schedule).
      const next = (a.newFees ?? {}) as Record<string, unknown>;
      const old = (a.oldFees ?? {}) as Record<string, unknown>;
      const bps = (v: unknown) => formatBps(BigInt(str(v) || '0'));
      const first = MARKETPLACE_FEES.every(({ key }) => bps(old[key]) === bps(undefined));
      const parts = MARKETPLACE_FEES.map(({ key, label }) =>
        first || bps(old[key]) === bps(next[key])
          ? `${label} ${bps(next[key])}`
          : `${label} ${bps(next[key])} (was ${bps(old[key])})`,
      );
      return { text: `Marketplace fees set: ${parts.join(', ')}` };
    }
    case 'Marketplace:OfferCreated':
      return { text: `Created offer #${str(a.offerId)}`, link: model() };
    case 'Marketplace:OfferRetired':
      return { text: `Retired offer #${str(a.offerId)}`, link: model() };
    case 'Marketplace:Credited':
      return {
        text: same(a.account, account)
          ? `Earned ${money(a.amount, a.currency)} from a sale (to withdraw from the marketplace)`
          : `${capital(who(a.account, account))} earned ${money(a.amount, a.currency)} from the sale`,
      };
    case 'Marketplace:Withdrawn':
      return {
        text: same(a.account, account)
          ? `Withdrew ${money(a.amount, a.currency)} of marketplace earnings`
          : `${capital(who(a.account, account))} withdrew ${money(a.amount, a.currency)} of marketplace earnings`,
      };
    case 'MeteredLicenses:MeteredOfferCreated':
      return {
        text: `Offered pay-per-use #${str(a.offerId)}: ${money(a.price, a.currency)} per ${str(a.meterUnits) === '1' ? 'use' : `${str(a.meterUnits)} uses`}`,
        link: model(),
      };
    case 'MeteredLicenses:MeteredOfferRetired':
      return { text: `Retired pay-per-use offer #${str(a.offerId)}`, link: model() };
    case 'MeteredLicenses:CreditDeposited':
      return {
        text: same(a.licensee, account)
          ? `Credit deposited for pay-per-use offer #${str(a.offerId)}`
          : `Deposited credit for ${who(a.licensee, account)} (pay-per-use offer #${str(a.offerId)})`,
      };
    case 'MeteredLicenses:CreditWithdrawalRequested':
      return { text: `Asked to withdraw the credit of pay-per-use offer #${str(a.offerId)}` };
    case 'MeteredLicenses:CreditWithdrawn':
      return { text: `Withdrew the credit left on pay-per-use offer #${str(a.offerId)}` };
    case 'MeteredLicenses:HostSet':
      return {
        text: `${a.newAuthorized === true || a.newAuthorized === 'true' ? 'Authorized' : 'Withdrew'} host ${who(a.host, account)}`,
        link: model(),
      };
    case 'MeteredLicenses:UsageRedeemed':
      return {
        text: same(a.host, account)
          ? `Redeemed ${str(BigInt(str(a.units) || '0') - BigInt(str(a.unitsBefore) || '0'))} uses of ${who(a.licensee, account)}`
          : `${str(BigInt(str(a.units) || '0') - BigInt(str(a.unitsBefore) || '0'))} uses paid from your credit to ${who(a.host, account)}`,
        link: model(),
      };
    case 'MeteredLicenses:UsageSold':
      return { text: `Pay-per-use sales of ${money(a.amount, a.currency)}`, link: model() };
    case 'AuditRegistry:AuditSubmitted':
      return {
        text: `Audited version ${str(a.version)}: ${VERDICT[Number(a.verdict)] ?? 'report'}`,
        link: model(),
      };
    case 'AuditRegistry:AuditorBonded':
      return { text: `Bonded ${cur(a.amount)} as an auditor` };
    case 'AuditRegistry:AuditorAccredited':
      return { text: `Was accredited as an auditor` };
    case 'AuditRegistry:AuditorRevoked':
      return { text: `Auditor accreditation revoked` };
    case 'AuditRegistry:AuditorSlashBpsSet':
      return { text: `Auditor slash set to ${formatBps(BigInt(str(a.newValue) || '0'))}` };
    case 'AuditRegistry:MinimumBondSet':
      return { text: `Minimum auditor bond set to ${cur(a.newValue)}` };
    case 'AuditRegistry:AuditorSlashed':
      return { text: `Auditor bond slashed by ${cur(a.amount)} (report #${str(a.reportId)})` };
    case 'AuditRegistry:AuditorUnbonding':
      return { text: `Started unbonding the auditor bond` };
    case 'AuditRegistry:AuditorBondWithdrawn':
      return { text: `Withdrew ${cur(a.amount)} of auditor bond` };
    case 'CuriaToken:Transfer':
      if (same(a.from, ZERO)) return { text: `Received ${cur(a.value)} when CUR was minted` };
      return same(a.to, account)
        ? { text: `Received ${cur(a.value)} from ${who(a.from, account)}` }
        : { text: `Sent ${cur(a.value)} to ${who(a.to, account)}` };
    case 'CuriaToken:DelegateChanged':
      return same(a.delegator, account)
        ? { text: `Delegated votes to ${who(a.toDelegate, account)}` }
        : { text: `${who(a.delegator, account)} delegated votes to ${who(a.toDelegate, account)}` };
    case 'CuriaToken:DelegateVotesChanged':
      return same(a.delegate, account)
        ? { text: `Your voting power became ${cur(a.newVotes)}` }
        : { text: `Voting power of ${who(a.delegate, account)} became ${cur(a.newVotes)}` };
    case 'CuriaToken:Approval':
      return { text: `Allowed ${who(a.spender, account)} to spend ${cur(a.value)}` };
    case 'CuriaGovernor:ProposalCreated':
      return { text: `Made a proposal`, link: proposal() };
    case 'CuriaGovernor:VoteCast':
    case 'CuriaGovernor:VoteCastWithParams':
      return {
        text: `Voted ${VOTE[Number(a.support)] ?? ''} a proposal, weight ${cur(a.weight)}`,
        link: proposal(),
      };
    case 'CuriaGovernor:ProposalQueued':
      return { text: `Queued a proposal`, link: proposal() };
    case 'CuriaGovernor:ProposalExecuted':
      return { text: `Executed a proposal`, link: proposal() };
    case 'CuriaGovernor:ProposalCanceled':
      return { text: `Canceled a proposal`, link: proposal() };
    case 'CuriaGovernor:ProposalGuardianSet':
      return { text: `The proposal guardian became ${who(a.newProposalGuardian, account)}` };
    case 'TimelockController:CallScheduled':
      return { text: `A passed proposal's call was scheduled in the timelock` };
    case 'TimelockController:CallExecuted':
      return { text: `The timelock ran a passed proposal's call` };
    case 'TimelockController:CallSalt':
      return { text: `The timelock recorded a proposal's operation` };
    case 'TimelockController:RoleGranted':
      return { text: `A timelock role was given to ${who(a.account, account)}` };
    case 'TimelockController:RoleRevoked':
      return { text: `A timelock role was taken from ${who(a.account, account)}` };
    default:
      return {
        text: capital(
          `${CONTRACT_LABELS[e.contract as keyof typeof CONTRACT_LABELS] ?? e.contract}: ${eventWords(e.name)}`,
        ),
        link: model(e.modelId ?? undefined),
      };
  }
}
