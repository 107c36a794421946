// An account's history (the index's events) in plain words, with a link to what each event is about.
import type { HistoryEntry } from '$lib/indexer/types';
import { DISPUTE_STATE, REASON } from '$lib/enums';
import { formatToken, shortAddress } from '$lib/format';

export interface Described {
  text: string;
  /** The model, proposal or dispute the event is about. */
  link?: { kind: 'model' | 'proposal' | 'dispute'; id: string; label: string };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const same = (a: unknown, b: string) => str(a).toLowerCase() === b.toLowerCase();
const cur = (v: unknown) => formatToken(BigInt(str(v) || '0'));
const ZERO = '0x0000000000000000000000000000000000000000';
/** Names for Curia's contracts in a sentence ("the curation registry"). */
const CONTRACTS: Record<string, string> = {
  CurationRegistry: 'the curation registry',
  TimelockController: 'the treasury',
  CuriaGovernor: 'the Governor',
  CuriaToken: 'the CUR token',
  ModelRegistry: 'the model registry',
  Marketplace: 'the marketplace',
  AuditRegistry: 'the audit registry',
};
const VOTE = ['against', 'for', 'abstaining on'];
const VERDICT = ['Pass', 'Concerns', 'Fail'];

/**
 * The event in words, from the account's point of view ("Staked 100 CUR on model #3"). Events
 * with no sentence of their own read "<Contract>: <Event>".
 */
export function describeEvent(
  e: HistoryEntry,
  account: string,
  contractName: (address: string) => string | undefined = () => undefined,
): Described {
  const a = e.args;
  const who = (v: unknown, me: string) => {
    if (same(v, me)) return 'you';
    const name = contractName(str(v));
    return name ? (CONTRACTS[name] ?? name) : shortAddress(str(v));
  };
  const model = (id: unknown = a.modelId ?? e.modelId): Described['link'] =>
    id === undefined || id === null
      ? undefined
      : { kind: 'model', id: str(id), label: `model #${str(id)}` };
  const proposal = (): Described['link'] => ({
    kind: 'proposal',
    id: str(a.proposalId),
    label: `proposal ${str(a.proposalId).slice(0, 10)}…`,
  });
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
    case 'CurationRegistry:Credited':
      return { text: `Was credited ${cur(a.amount)} of curation rewards` };
    case 'CurationRegistry:Claimed':
      return { text: `Claimed ${cur(a.amount)} of rewards` };
    case 'CurationRegistry:Challenged':
      return {
        text: `${same(a.challenger, account) ? 'Challenged' : `${who(a.challenger, account)} challenged`} model #${str(a.modelId)} (${REASON[Number(a.reason)] ?? 'other'}), deposit ${cur(a.deposit)}`,
        link: dispute(),
      };
    case 'CurationRegistry:DisputeVoteCast':
      return {
        text: `Voted to ${Number(a.support) === 1 ? 'remove' : 'keep'} the model, weight ${cur(a.weight)}`,
        link: dispute(),
      };
    case 'CurationRegistry:DisputeResolved':
      return {
        text: `The dispute vote ended: model #${str(a.modelId)} ${(DISPUTE_STATE[Number(a.outcome)] ?? 'resolved').toLowerCase()}`,
        link: dispute(),
      };
    case 'CurationRegistry:Appealed':
      return { text: `Appealed to the DAO, bond ${cur(a.bond)}`, link: dispute() };
    case 'CurationRegistry:ModelDelisted':
      return {
        text: `Model #${str(a.modelId)} was delisted; challenger's reward ${cur(a.challengerReward)}`,
        link: dispute(),
      };
    case 'CurationRegistry:ModelRestored':
      return { text: `Model #${str(a.modelId)} was restored on appeal`, link: dispute() };
    case 'CurationRegistry:ModelSuspended':
      return { text: `Model suspended by the guardian`, link: model() };
    case 'CurationRegistry:SuspensionLifted':
      return { text: `Suspension lifted`, link: model() };
    case 'Marketplace:LicenseBought':
      return {
        text:
          same(a.buyer, account) || same(a.licensee, account)
            ? `Bought a license`
            : `Sold a license to ${who(a.licensee, account)}`,
        link: model(),
      };
    case 'Marketplace:OfferCreated':
      return { text: `Created offer #${str(a.offerId)}`, link: model() };
    case 'Marketplace:OfferRetired':
      return { text: `Retired offer #${str(a.offerId)}`, link: model() };
    case 'Marketplace:Credited':
      return { text: `Earned from a sale (to withdraw from the marketplace)` };
    case 'Marketplace:Withdrawn':
      return { text: `Withdrew marketplace earnings` };
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
      return { text: `Voting power of ${who(a.delegate, account)} became ${cur(a.newVotes)}` };
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
    default:
      return { text: `${e.contract}: ${e.name}`, link: model(e.modelId ?? undefined) };
  }
}
