// What a signed-in account is told, derived from the index: which events concern which accounts,
// and in what words. Pure functions over the indexer's rows; the scanner (scanner.ts) feeds them.
import { DISPUTE_STATES, REASONS } from '$protocol/enums';
import type { HistoryEntry, ModelDetail, LicenseRow } from '$protocol/indexer/client';
import { zeroAddress } from 'viem';
import { formatTime } from '$lib/format';
import { formatPrice, type Currency } from '$lib/market';
import { proposalTitle } from '$lib/proposals';

export const NOTICE_KINDS = [
  'challenge',
  'dispute-open',
  'dispute-last-day',
  'dispute-resolved',
  'delisting',
  'appeal-closing',
  'appeal',
  'restored',
  'delisted',
  'suspended',
  'version',
  'proposal-open',
  'proposal-last-day',
  'proposal-queued',
  'proposal-executed',
  'license-expiring',
  'claimable',
  'webhook-disabled',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Why an account hears about a model. */
export type Relation = 'owner' | 'curator' | 'auditor' | 'licensee' | 'follower';

const RELATION_WORDS: Record<Relation, string> = {
  owner: 'your model',
  curator: 'a model you stake on',
  auditor: 'a model you audited',
  licensee: 'a model you hold a license for',
  follower: 'a model you follow',
};

export interface NoticeDraft {
  address: string;
  key: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link: string;
  modelId: string | null;
  eventId: string | null;
  txHash: string | null;
  blockNumber: number | null;
  eventTime: number;
  /**
   * Told for what only the account knows (a model it follows: follows are off chain), so left out
   * of its public Atom feed; every other notice derives from public chain data.
   */
  private: boolean;
}

const lower = (a: unknown) => String(a).toLowerCase();
const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every account related to a model, with the closest relation first (owner before follower). */
export function modelRelations(
  model: Pick<ModelDetail, 'owner' | 'curators' | 'reports'> | undefined,
  licenses: Pick<LicenseRow, 'licensee' | 'expiresAt'>[],
  followers: string[],
  now: number,
): Map<string, Relation> {
  const out = new Map<string, Relation>();
  const add = (account: string, r: Relation) => {
    const key = lower(account);
    if (!out.has(key)) out.set(key, r);
  };
  if (model) {
    add(model.owner, 'owner');
    for (const c of model.curators) if (BigInt(c.active) > 0n) add(c.curator, 'curator');
    for (const r of model.reports) add(r.auditor, 'auditor');
  }
  for (const l of licenses) if (Number(l.expiresAt) > now) add(l.licensee, 'licensee');
  for (const f of followers) add(f, 'follower');
  return out;
}

const modelName = (id: string, title: string | null | undefined) =>
  title ? `${title} (#${id})` : `model #${id}`;

/**
 * How a notice names a proposal: its title, quoted (a proposal id is a 77-digit number, which no
 * one reads and which would widen a phone's page); "a proposal" when the index has no title.
 */
export function proposalName(title: string | null | undefined): string {
  return title ? `the proposal “${title}”` : 'a proposal';
}

/** An indexed proposal's title: the index's, else its description's first line (proposalTitle). */
export function indexedProposalTitle(
  row: { title: string; description: string } | null | undefined,
): string | null {
  if (!row) return null;
  return row.title || proposalTitle(row.description);
}

export interface EventContext {
  /** Accounts related to the event's model, by relation. */
  relations: Map<string, Relation>;
  modelTitle: string | null;
  /** The title of the proposal the event names (ProposalQueued, ProposalExecuted, Appealed). */
  proposalTitle?: string | null;
  /** Lowercased accounts with voting power (delegated votes above zero). */
  voters: Set<string>;
  /** The currency a Marketplace credit is in, when known (its symbol and decimals). */
  currency?: Currency;
}

/**
 * The notices an event gives the subscribed accounts (lowercased addresses). The account that
 * sent the transaction is not told about its own act.
 */
export function noticesForEvent(
  e: HistoryEntry,
  ctx: EventContext,
  subscribers: Map<string, string>,
): NoticeDraft[] {
  const out: NoticeDraft[] = [];
  const actor = lower(e.txFrom);
  const a = e.args;
  const modelId = e.modelId;
  const name = modelId ? modelName(modelId, ctx.modelTitle) : '';
  const proposal = proposalName(ctx.proposalTitle);
  const base = {
    key: e.id,
    modelId,
    eventId: e.id,
    txHash: e.txHash,
    blockNumber: e.blockNumber,
    eventTime: e.timestamp,
  };
  const push = (
    account: string,
    kind: NoticeKind,
    title: string,
    body: string,
    link: string,
    relation?: Relation,
  ) => {
    const address = subscribers.get(account);
    if (!address || account === actor) return;
    if (out.some((n) => n.address === address)) return; // one notice per account and event
    out.push({ ...base, address, kind, title, body, link, private: relation === 'follower' });
  };
  const toRelated = (
    kind: NoticeKind,
    title: (what: string) => string,
    body: string,
    link: string,
  ) => {
    for (const [account, relation] of ctx.relations)
      push(account, kind, title(RELATION_WORDS[relation]), body, link, relation);
  };
  const key = `${e.contract}:${e.name}`;
  switch (key) {
    case 'CurationRegistry:Challenged': {
      const reason = REASONS[Number(a.reason)] ?? 'Other';
      const link = `/disputes/${String(a.disputeId)}`;
      const body = `Dispute #${String(a.disputeId)} (${reason}) on ${name}; voting ends ${formatTime(Number(a.votingEndsAt))}. Stakes on it are frozen until the vote is counted.`;
      toRelated('challenge', (w) => `Challenge on ${w}: ${name}`, body, link);
      for (const v of ctx.voters)
        push(v, 'dispute-open', `A dispute you can vote in opened: ${name}`, body, link);
      break;
    }
    case 'CurationRegistry:DisputeResolved': {
      const outcome = DISPUTE_STATES[Number(a.outcome)] ?? String(a.outcome);
      const link = `/disputes/${String(a.disputeId)}`;
      if (outcome === 'Removed') {
        // Removed, not yet delisted: the appeal window is open (walk 19 read "Delisting" here).
        const body = `The vote on dispute #${String(a.disputeId)} removed ${name}. The owner can appeal to the DAO until ${formatTime(Number(a.appealEndsAt))}; without an appeal it is then delisted for good.`;
        toRelated('delisting', (w) => `Removed by vote, open to appeal: ${w}, ${name}`, body, link);
      } else if (outcome === 'Rejected') {
        const body = `Dispute #${String(a.disputeId)} rejected the candidate version of ${name}; the listed version stays listed.`;
        toRelated(
          'dispute-resolved',
          (w) => `Candidate version rejected on ${w}: ${name}`,
          body,
          link,
        );
      } else {
        const body = `The vote on dispute #${String(a.disputeId)} kept ${name} listed.`;
        toRelated('dispute-resolved', (w) => `Dispute settled on ${w}: ${name} kept`, body, link);
      }
      break;
    }
    case 'CurationRegistry:Appealed':
      toRelated(
        'appeal',
        (w) => `Appeal to the DAO on ${w}: ${name}`,
        `The removal of ${name} was appealed; the DAO decides in ${proposal}.`,
        `/proposals/${String(a.proposalId)}`,
      );
      break;
    case 'CurationRegistry:ModelRestored':
      toRelated(
        'restored',
        (w) => `Restored by the DAO: ${w}, ${name}`,
        `The DAO upheld the appeal: ${name} is listed again.`,
        `/models/${modelId}`,
      );
      break;
    case 'CurationRegistry:ModelDelisted':
      toRelated(
        'delisted',
        (w) => `Delisted for good: ${w}, ${name}`,
        `${name} was delisted and its bond and curator stakes slashed.`,
        `/models/${modelId}`,
      );
      break;
    case 'CurationRegistry:ModelSuspended':
      toRelated(
        'suspended',
        (w) => `Suspended by the guardian: ${w}, ${name}`,
        `${name} is suspended until ${formatTime(Number(a.suspendedUntil))}.`,
        `/models/${modelId}`,
      );
      break;
    case 'ModelRegistry:VersionPublished':
      for (const [account, relation] of ctx.relations) {
        if (relation === 'owner') continue;
        push(
          account,
          'version',
          `New candidate version of ${RELATION_WORDS[relation]}: ${name}`,
          `Version ${String(a.version)} of ${name} was published.`,
          `/models/${modelId}`,
          relation,
        );
      }
      break;
    case 'CuriaGovernor:ProposalCreated':
      for (const v of ctx.voters)
        push(
          v,
          'proposal-open',
          `A proposal you can vote on: ${proposalTitle(String(a.description ?? ''))}`,
          `Voting runs from ${formatTime(Number(a.voteStart))} to ${formatTime(Number(a.voteEnd))}.`,
          `/proposals/${String(a.proposalId)}`,
        );
      break;
    case 'CuriaGovernor:ProposalQueued':
      for (const v of ctx.voters)
        push(
          v,
          'proposal-queued',
          `Proposal queued in the timelock`,
          `${upper(proposal)} passed and can be executed from ${formatTime(Number(a.etaSeconds ?? a.eta ?? 0))}.`,
          `/proposals/${String(a.proposalId)}`,
        );
      break;
    case 'CuriaGovernor:ProposalExecuted':
      for (const v of ctx.voters)
        push(
          v,
          'proposal-executed',
          `Proposal executed`,
          `${upper(proposal)} was executed.`,
          `/proposals/${String(a.proposalId)}`,
        );
      break;
    case 'Marketplace:Credited':
    case 'CurationRegistry:Credited': {
      const account = lower(a.account);
      const address = subscribers.get(account);
      if (address)
        out.push({
          ...base,
          address,
          private: false,
          kind: 'claimable',
          title: e.contract === 'Marketplace' ? 'Earnings to withdraw' : 'Rewards to claim',
          body: `${creditText(BigInt(String(a.amount)), e.contract === 'Marketplace' ? ctx.currency : CUR_CURRENCY, a.currency)} ${e.contract === 'Marketplace' ? 'was credited to you by the marketplace: withdraw it from Earnings' : 'was credited to you by curation: claim it from Curate'}.`,
          link: e.contract === 'Marketplace' ? '/earnings' : '/curate',
        });
      break;
    }
  }
  return out;
}

const CUR_CURRENCY: Currency = { address: zeroAddress, symbol: 'CUR', decimals: 18 };

/** An amount credited, in its currency when known, else in the token's smallest units. */
function creditText(amount: bigint, currency: Currency | undefined, address: unknown): string {
  if (currency) return formatPrice(amount, currency);
  return `${amount} of the smallest unit of ${String(address)}`;
}

/** Which contract events the scanner needs a model's relations for. */
export function needsModel(e: HistoryEntry): boolean {
  return (
    e.modelId !== null &&
    (e.contract === 'CurationRegistry' || e.name === 'VersionPublished') &&
    e.name !== 'Credited'
  );
}

/** Which events name a proposal whose title the scanner reads from the index. */
export function needsProposal(e: HistoryEntry): boolean {
  return (
    (e.contract === 'CurationRegistry' && e.name === 'Appealed') ||
    (e.contract === 'CuriaGovernor' && ['ProposalQueued', 'ProposalExecuted'].includes(e.name))
  );
}

/** Which events need the set of accounts with voting power. */
export function needsVoters(e: HistoryEntry): boolean {
  return (
    (e.contract === 'CurationRegistry' && e.name === 'Challenged') ||
    (e.contract === 'CuriaGovernor' &&
      ['ProposalCreated', 'ProposalQueued', 'ProposalExecuted'].includes(e.name))
  );
}
