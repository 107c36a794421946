// One table of plain-language messages for every custom error of every Curia contract (and the
// OpenZeppelin errors they can raise), and the decoding of any wallet/chain error into a message.
// test/web/errors.test.ts checks that every error of every generated ABI has an entry here.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi } from 'viem';
import { ALL_ABIS } from '$protocol/contracts';
import { networkName } from './config';
import type { RelayRefusal } from './relay/messages';
import { explainWalletError, looksRaw, type ExplainedError } from './wallet-errors';
export { explainReadError, looksRaw } from './wallet-errors';
import { DISPUTE_STATE, LISTING_STATUS, PARAMETERS, PROPOSAL_STATE } from '$protocol/enums';
import {
  formatBps,
  formatDuration,
  formatEth,
  formatTime,
  formatToken,
  shortAddress,
} from './format';

type AbiError = Extract<Abi[number], { type: 'error' }>;

type Args = readonly unknown[];
const n = (v: unknown) => Number(v as bigint);
/** An entry's, dispute's or offer's number, in whole digits however large (walk 19 read "#1e+29"). */
const id = (v: unknown) => String(v);
const cur = (v: unknown) => formatToken(v as bigint);
const when = (v: unknown) => formatTime(v as bigint);
const addr = (v: unknown) => shortAddress(v as string);
const status = (v: unknown) => LISTING_STATUS[n(v)] ?? `status ${n(v)}`;
const disputeState = (v: unknown) => DISPUTE_STATE[n(v)] ?? `state ${n(v)}`;

function paramValue(param: unknown, value: unknown): string {
  const p = PARAMETERS[n(param)];
  if (!p) return String(value);
  if (p.unit === 'token') return cur(value);
  if (p.unit === 'bps') return formatBps(value as bigint);
  return formatDuration(value as bigint);
}

/** Governor's expected-states bitmap → "Active or Succeeded". */
function statesOf(bitmap: unknown): string {
  const bits = BigInt(bitmap as string | bigint);
  const names = PROPOSAL_STATE.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return names.length ? names.join(' or ') : 'another state';
}

export const ERROR_MESSAGES: Record<string, (args: Args) => string> = {
  // ---------------------------------------------------------------- curation registry
  CurationAlreadySuspended: (a) => `Model #${id(a[0])} is already suspended until ${when(a[1])}.`,
  CurationAlreadyVoted: (a) => `You (${addr(a[1])}) have already voted on dispute #${id(a[0])}.`,
  CurationAppealUndecided: (a) =>
    `The appeal of model #${id(a[0])} is still being decided by the DAO (or it passed); it cannot be finalized now.`,
  CurationAppealWindowClosed: (a) =>
    `The appeal window for model #${id(a[0])} closed on ${when(a[1])}.`,
  CurationAppealWindowOpen: (a) =>
    `The owner of model #${id(a[0])} can still appeal until ${when(a[1])}; finalize after that.`,
  CurationBondLocked: (a) =>
    `The listing bond of model #${id(a[0])} is still unbonding; it can be withdrawn from ${when(a[1])}.`,
  CurationCandidateDisputed: (a) =>
    `The candidate version of model #${id(a[0])} is being challenged (dispute #${id(a[1])}): no new version can replace it until the vote decides.`,
  CurationCandidatePending: (a) =>
    `Model #${id(a[0])} has a candidate version (v${n(a[1])}) waiting to be listed: new stake is accepted once it is listed or rejected. Curators already staked can leave at once meanwhile.`,
  CurationDisputeNotFound: (a) => `Dispute #${id(a[0])} does not exist.`,
  CurationDisputeOpen: (a) =>
    `Model #${id(a[0])} is being disputed (dispute #${id(a[1])}): stakes are frozen and no new challenge can open until it is decided.`,
  CurationEmptyEvidence: () => 'Evidence needs both a link (URI) and its content hash.',
  CurationGuardianSuspensionUsed: (a) =>
    `The guardian already suspended model #${id(a[0])} once: a further suspension needs a DAO proposal.`,
  CurationInsufficientStake: (a) =>
    `You asked for ${cur(a[2])} but only have ${cur(a[3])} actively staked on model #${id(a[0])}.`,
  CurationInvalidSignature: (a) => `The signature does not belong to ${addr(a[0])}.`,
  CurationInvalidStatus: (a) =>
    `Model #${id(a[0])} is ${status(a[1]).toLowerCase()}, which does not allow this.`,
  CurationKeepSharesExceedTotal: (a) =>
    `The curators' share (${formatBps(a[0] as bigint)}) and the creator's share (${formatBps(a[1] as bigint)}) together exceed 100%.`,
  CurationNoOpenDispute: (a) => `Model #${id(a[0])} has no open dispute.`,
  CurationNoVotingPower: (a) =>
    `${addr(a[1])} had no delegated voting power at the snapshot of dispute #${id(a[0])}. Delegate your tokens (to yourself) within the voting delay of future challenges to vote on them.`,
  CurationNotCandidate: (a) =>
    `Version ${n(a[1])} of model #${id(a[0])} is not its pending candidate: only the listed version (or the candidate in its challenge period) can be challenged.`,
  CurationNotModelRegistry: () => 'Only the model registry can announce a new version.',
  CurationNotModelOwner: (a) => `Only the owner of model #${id(a[0])} can do this.`,
  CurationNotSuspended: (a) => `Model #${id(a[0])} is not suspended.`,
  CurationSuspendedByDao: (a) =>
    `The DAO suspended model #${id(a[0])}: only a DAO proposal can lift the suspension early.`,
  CurationNothingToClaim: () => 'There is nothing to claim yet.',
  CurationNothingToWithdraw: (a) => `There is nothing to withdraw from model #${id(a[0])}.`,
  CurationOnlyGuardian: () => 'Only the guardian can do this.',
  CurationOnlyTimelock: () => 'Only the DAO (an executed governance proposal) can do this.',
  CurationSignatureExpired: (a) =>
    `The signed ballot of ${addr(a[0])} expired on ${when(a[1])}: sign it again.`,
  CurationParameterOutOfBounds: (a) =>
    `${PARAMETERS[n(a[0])]?.name ?? 'This parameter'} must be between ${paramValue(a[0], a[2])} and ${paramValue(a[0], a[3])}; ${paramValue(a[0], a[1])} is outside.`,
  CurationStakeBelowMinimum: (a) =>
    `A stake must be at least ${cur(a[1])} (or nothing at all); this would leave ${cur(a[0])}.`,
  CurationStillUnbonding: (a) =>
    `Your stake on model #${id(a[0])} is still unbonding; you can withdraw it from ${when(a[2])}.`,
  CurationUnexpectedDisputeState: (a) =>
    `Dispute #${id(a[0])} is ${disputeState(a[1]).toLowerCase()}, which does not allow this.`,
  CurationVotingClosed: (a) => `Voting on dispute #${id(a[0])} closed on ${when(a[1])}.`,
  CurationVotingNotStarted: (a) =>
    `Voting on dispute #${id(a[0])} opens after its snapshot, ${when(a[1])}.`,
  CurationWithdrawalNoticeOver: (a) =>
    `Model #${id(a[0])} was withdrawn and its notice ended on ${when(a[1])}: it can no longer be challenged.`,
  CurationVotingNotEnded: (a) =>
    `Voting on dispute #${id(a[0])} is still open until ${when(a[1])}; it can be resolved after that.`,
  CurationZeroAmount: () => 'Enter an amount greater than zero.',
  // ---------------------------------------------------------------- model registry
  RegistryEmptyMetadataURI: () => 'A version needs a metadata link (its model card).',
  RegistryInvalidLineage: (a) =>
    `Entry #${id(a[1])} cannot be named as an upstream of #${id(a[0])}: it does not exist, is the entry itself, or is named twice.`,
  RegistryLineageTooLong: (a) =>
    `A version can name at most ${n(a[1])} upstream entries; this one names ${n(a[0])}.`,
  RegistryModelNotFound: (a) => `Model #${id(a[0])} does not exist.`,
  RegistryPageTooLarge: (a) => `At most ${n(a[1])} entries can be read at once (asked ${n(a[0])}).`,
  RegistryUnauthorized: (a) =>
    `Only the owner of #${id(a[0])} (or an approved operator) can do this.`,
  RegistryVersionNotFound: (a) => `Model #${id(a[0])} has no version ${n(a[1])}.`,
  RegistryZeroContentHash: () => 'A version needs the content hash of its files.',
  // ---------------------------------------------------------------- marketplace
  MarketplaceCurrencyNotAllowed: (a) =>
    `Payments in ${addr(a[0])} are not accepted; the DAO allowlists the currencies.`,
  MarketplaceEmptyTerms: () => 'A license offer needs its terms (a link to the license text).',
  MarketplaceModelNotListed: (a) =>
    `Model #${id(a[0])} is not listed right now, so its licenses cannot be sold or offered.`,
  MarketplaceNotModelOwner: (a) => `Only the owner of model #${id(a[0])} can manage its offers.`,
  MarketplaceNothingToWithdraw: () => 'There is nothing to withdraw in this currency.',
  MarketplaceOfferInactive: (a) => `Offer #${id(a[0])} has been retired.`,
  MarketplaceOfferNotFound: (a) => `Offer #${id(a[0])} does not exist.`,
  MarketplaceOfferSoldOut: (a) => `Offer #${id(a[0])} is sold out (all ${n(a[1])} licenses sold).`,
  MarketplaceOnlyCuration: () => 'Only the curation registry can do this.',
  MarketplaceOnlyAuditRegistry: () => 'Only the audit registry can do this.',
  MarketplaceOnlyModelRegistry: () => 'Only the model registry can do this.',
  MarketplaceOnlyTimelock: () => 'Only the DAO (an executed governance proposal) can do this.',
  MarketplaceParameterOutOfBounds: (a) =>
    `The fees may be at most ${formatBps(a[1] as bigint)}; ${formatBps(a[0] as bigint)} is too much.`,
  MarketplaceTooManyOffers: (a) =>
    `Model #${id(a[0])} already has the most active offers allowed (${n(a[1])}); retire one first.`,
  MarketplaceTooManyCurrencies: (a) =>
    `Model #${id(a[0])} is already offered in ${n(a[1])} currencies, the most a model can have; offer it in one of those.`,
  MarketplacePurchaseGivesNothing: (a) =>
    `${addr(a[1])} already holds a perpetual license for model #${id(a[0])}: this purchase would add nothing.`,
  MarketplaceLicenseHeldOnOtherTerms: (a) =>
    `${addr(a[1])} holds a valid license for model #${id(a[0])} under offer #${id(a[2])}: you can only extend it through that offer; only they can change its terms.`,
  MarketplaceTransferShortfall: () =>
    'The token transferred less than the price (a fee-on-transfer token); the sale was refused.',
  MarketplaceWrongPayment: (a) =>
    `Send exactly the price: ${formatEth(a[0] as bigint)} expected, ${formatEth(a[1] as bigint)} sent.`,
  MarketplaceZeroAddress: () => 'An address is missing.',
  MarketplaceZeroPrice: () => 'The price must be greater than zero.',
  MarketplaceOnlyMetering: () => 'Only the metered-licenses contract can do this.',
  InsufficientBalance: () => 'The contract holds too little ETH for this payment.',
  // ---------------------------------------------------------------- pay per use
  MeteredNotModelOwner: (a) =>
    `Only the owner of model #${id(a[0])} can manage its pay-per-use offers and hosts.`,
  MeteredOfferNotFound: (a) => `Pay-per-use offer #${id(a[0])} does not exist.`,
  MeteredOfferInactive: (a) =>
    `Pay-per-use offer #${id(a[0])} has been retired: it takes no new credit.`,
  MeteredCurrencyNotAllowed: (a) =>
    `Payments in ${addr(a[0])} are not accepted; the DAO allowlists the currencies.`,
  MeteredEmptyTerms: () => 'A pay-per-use offer needs its terms (a link to the license text).',
  MeteredZeroAddress: () => 'An address is missing.',
  MeteredZeroAmount: () => 'Enter an amount greater than zero.',
  MeteredTooManyOffers: (a) =>
    `Model #${id(a[0])} already has the most pay-per-use offers allowed (${n(a[1])}); retire one first.`,
  MeteredWrongPayment: (a) =>
    `Send exactly the deposit: ${formatEth(a[0] as bigint)} expected, ${formatEth(a[1] as bigint)} sent.`,
  MeteredTransferShortfall: () =>
    'The token transferred less than the amount (it takes a fee on transfers): the deposit or redemption was refused.',
  MeteredCreditEmpty: () => 'You have no credit for this offer.',
  MeteredReceiptWrongModel: (a) =>
    `This usage receipt names model #${id(a[2])}, but offer #${id(a[0])} is for model #${id(a[1])}.`,
  MeteredReceiptWrongHost: (a) =>
    `This usage receipt was signed for host ${addr(a[0])}; only that host can redeem it.`,
  MeteredReceiptExpired: (a) => `This usage receipt expired at ${when(a[0])}.`,
  MeteredReceiptBadSignature: (a) =>
    `The usage receipt is not signed by ${addr(a[0])}, or was changed after signing.`,
  MeteredReceiptStale: (a) =>
    `This usage receipt counts ${n(a[0])} uses, but ${n(a[1])} were already paid: it is an older receipt or a replay.`,
  MeteredHostNotAuthorized: (a) =>
    `${addr(a[1])} is not a host the owner of model #${id(a[0])} authorized.`,
  MeteredCreditShortfall: (a) =>
    `The receipt is worth more than the credit ${addr(a[0])} has left for this offer: deposit more credit first.`,
  MeteredCreditLocked: (a) =>
    n(a[1]) === 0
      ? 'Ask to withdraw the credit first; it unlocks after a notice, so hosts can be paid for what they served.'
      : `The credit unlocks at ${when(a[1])}.`,
  MeteredReceiptsLengthMismatch: (a) =>
    `${n(a[0])} receipts came with ${n(a[1])} signatures: send one signature per receipt.`,
  // ---------------------------------------------------------------- audits
  AuditAccreditationUnchanged: (a) =>
    `${addr(a[0])} is ${a[1] ? 'already' : 'not'} an accredited auditor.`,
  AuditBondLocked: (a) =>
    n(a[1]) === 0
      ? 'Ask to withdraw the auditor bond first; it unbonds before it can be withdrawn.'
      : `The auditor bond is unbonding until ${when(a[1])}.`,
  AuditBondTooLow: (a) => `The auditor bond must be at least ${cur(a[1])}.`,
  AuditBondFrozen: (a) =>
    `The auditor bond stays frozen while ${n(a[1]) === 1 ? 'a version this auditor passed is' : `${n(a[1])} versions this auditor passed are`} challenged (or delisted with a Pass still to slash).`,
  AuditModelDisputed: (a) =>
    `Model #${id(a[0])} is disputed or was delisted (dispute #${id(a[1])}): its reports cannot be amended and it takes no new Pass.`,
  AuditTooManyPassers: (a) =>
    `Version v${n(a[1])} of model #${id(a[0])} already has ${n(a[2])} auditors with a Pass, the most allowed: a new version can be audited afresh.`,
  AuditOnlyCuration: () => 'Only the curation registry can do this.',
  AuditEmptyReport: () => 'A report needs a link to its document and the content hash.',
  AuditInvalidAmendment: () =>
    'An amendment must replace a current report of yours on the same version.',
  AuditNotActiveAuditor: (a) =>
    `${addr(a[0])} is not an active auditor (accredited by the DAO, bonded and not leaving).`,
  AuditNotSlashable: (a) =>
    `Report #${id(a[0])} cannot be slashed: it is not a current Pass on the version a dispute delisted.`,
  AuditNothingToWithdraw: () => 'There is no auditor bond to withdraw.',
  AuditOnlyTimelock: () => 'Only the DAO (an executed governance proposal) can do this.',
  AuditParameterOutOfBounds: (a) =>
    `The value must be between ${n(a[1])} and ${n(a[2])}; ${n(a[0])} is outside.`,
  AuditPageTooLarge: (a) => `At most ${n(a[1])} reports can be read at once.`,
  AuditReportNotFound: (a) => `Report #${id(a[0])} does not exist.`,
  AuditScoreOutOfRange: () => 'A score runs from 0 to 100.',
  // ---------------------------------------------------------------- governor
  CuriaGovernorTokenClockNotTimestamp: (a) =>
    `The Governor needs a voting token that counts time in seconds; this token's clock is "${String(a[0])}".`,
  CuriaGovernorLateQuorumExtensionOutOfBounds: (a) =>
    `The late-quorum extension must be between ${formatDuration(a[1] as bigint)} and ${formatDuration(a[2] as bigint)}; ${formatDuration(a[0] as bigint)} is outside.`,
  CuriaGovernorProposalThresholdOutOfBounds: (a) =>
    `The proposal threshold must be between ${cur(a[1])} and ${cur(a[2])} (0.01% to 1% of the supply); ${cur(a[0])} is outside.`,
  CuriaGovernorQuorumNumeratorOutOfBounds: (a) =>
    `The quorum must be between ${n(a[1])}% and ${n(a[2])}% of the supply; ${n(a[0])}% is outside (above it, the DAO could stop passing anything, even the proposal lowering it).`,
  CuriaGovernorVotingDelayOutOfBounds: (a) =>
    `The voting delay must be between ${formatDuration(a[1] as bigint)} and ${formatDuration(a[2] as bigint)}; ${formatDuration(a[0] as bigint)} is outside.`,
  CuriaGovernorVotingPeriodOutOfBounds: (a) =>
    `The voting period must be between ${formatDuration(a[1] as bigint)} and ${formatDuration(a[2] as bigint)}; ${formatDuration(a[0] as bigint)} is outside.`,
  GovernorAlreadyCastVote: (a) => `${addr(a[0])} has already voted on this proposal.`,
  GovernorAlreadyQueuedProposal: () => 'This proposal is already queued.',
  GovernorCodeHashChanged: (a) =>
    `The code of ${addr(a[0])} changed after the vote (pinned ${String(a[1]).slice(0, 10)}…, now ${String(a[2]).slice(0, 10)}…): the proposal will not run against code voters did not see.`,
  GovernorDisabledDeposit: () => 'The Governor does not accept deposits.',
  GovernorInsufficientProposerVotes: (a) =>
    `Proposing needs ${cur(a[2])} of voting power; ${addr(a[0])} has ${cur(a[1])}. Delegate to yourself or ask a delegate to propose.`,
  GovernorInvalidProposalLength: () =>
    'The proposal is malformed: targets, values and calls must have the same number of entries (at least one).',
  GovernorInvalidQuorumFraction: (a) =>
    `A quorum of ${n(a[0])}/${n(a[1])} is not allowed (at most 100%).`,
  GovernorInvalidSignature: (a) => `The vote signature does not belong to ${addr(a[0])}.`,
  GovernorInvalidVoteParams: () => 'This vote carries parameters the Governor does not accept.',
  GovernorInvalidVoteType: () => 'Vote For, Against or Abstain.',
  GovernorGuardianCannotCancelGuardianChange: () =>
    'The guardian cannot cancel a proposal that changes the guardian: only the vote decides it.',
  GovernorGuardianChangeNotAlone: (a) =>
    `A proposal that changes the proposal guardian must do nothing else (action ${n(a[0])} does): put the other actions in a proposal of their own.`,
  GovernorTallyOverflow: () =>
    'This vote would overflow the tally (the token supply is too large).',
  GovernorInvalidVotingPeriod: () => 'The voting period cannot be zero.',
  GovernorLateQuorumExtensionTooLong: (a) =>
    `The late-quorum extension can be at most ${formatDuration(a[1] as bigint)}; ${formatDuration(a[0] as bigint)} is too long.`,
  GovernorNonexistentProposal: () => 'This proposal does not exist.',
  GovernorNotQueuedProposal: () => 'This proposal is not queued yet.',
  GovernorOnlyExecutor: () => 'Only the DAO (an executed governance proposal) can do this.',
  GovernorQueueNotImplemented: () => 'This Governor does not queue proposals.',
  GovernorRestrictedProposer: (a) =>
    `The description restricts who may submit this proposal; ${addr(a[0])} may not.`,
  GovernorUnableToCancel: () =>
    'Only the proposer (before voting starts) or the proposal guardian can cancel this proposal.',
  GovernorUnexpectedProposalState: (a) =>
    // OpenZeppelin's propose() raises it with no expected state when the same actions and
    // description were proposed already (the id is their hash).
    BigInt(a[2] as bigint) === 0n
      ? `A proposal with these exact actions and description already exists (it is ${PROPOSAL_STATE[n(a[1])]?.toLowerCase() ?? 'open'}): open it from Proposals, or change the description to propose anew.`
      : `The proposal is ${PROPOSAL_STATE[n(a[1])]?.toLowerCase() ?? 'in another state'}; this needs it to be ${statesOf(a[2]).toLowerCase()}.`,
  // ---------------------------------------------------------------- timelock
  TimelockInsufficientDelay: (a) =>
    `The timelock delay must be at least ${formatDuration(a[1] as bigint)}.`,
  TimelockInvalidOperationLength: () =>
    'The operation is malformed: targets, values and calls differ in length.',
  TimelockUnauthorizedCaller: () => 'Only the DAO itself can change the timelock.',
  TimelockUnexecutedPredecessor: () => 'An earlier operation this one depends on has not run yet.',
  TimelockUnexpectedOperationState: () =>
    'The timelock is not ready for this yet: wait until the delay has passed (or the operation already ran).',
  AccessControlBadConfirmation: () => 'An account can only renounce its own roles.',
  AccessControlUnauthorizedAccount: (a) => `${addr(a[0])} lacks the role this needs.`,
  // ---------------------------------------------------------------- token
  ERC20ExceededSafeSupply: () => 'This would exceed the largest supply the token can track.',
  // Raised by CUR and by any payment token (tUSD has 6 decimals), and the error does not say
  // which: no amounts in CUR here. Writes that spend a token check the balance and the allowance
  // first, in that token's own symbol and decimals (web/lib/tx.svelte.ts).
  ERC20InsufficientAllowance: () =>
    'The contract is not allowed to spend enough of your tokens: approve the amount first.',
  ERC20InsufficientBalance: (a) =>
    `Not enough tokens: ${addr(a[0])} holds less than this transaction spends.`,
  ERC20InvalidApprover: () => 'Tokens cannot be approved from the zero address.',
  ERC20InvalidReceiver: () => 'Tokens cannot be sent to this address.',
  ERC20InvalidSender: () => 'Tokens cannot be sent from this address.',
  ERC20InvalidSpender: () => 'This address cannot be approved to spend tokens.',
  ERC2612ExpiredSignature: (a) => `The permit signature expired on ${when(a[0])}.`,
  ERC2612InvalidSigner: () => 'The permit was signed by another account than the owner.',
  ERC5805FutureLookup: () => 'Voting power can only be read for moments in the past.',
  ERC6372InconsistentClock: () => "The token's clock is inconsistent.",
  TokenAllocationLengthMismatch: () => 'Recipients and amounts differ in length.',
  VotesExpiredSignature: (a) => `The delegation signature expired on ${when(a[0])}.`,
  CheckpointUnorderedInsertion: () => 'Voting checkpoints must be written in time order.',
  InvalidAccountNonce: () =>
    'This signature was already used or is out of order; sign again with the current nonce.',
  // ---------------------------------------------------------------- NFTs
  ERC721IncorrectOwner: (a) => `${addr(a[0])} does not own #${id(a[1])}.`,
  ERC721InsufficientApproval: (a) => `${addr(a[0])} is not allowed to move #${id(a[1])}.`,
  ERC721InvalidApprover: () => 'This account cannot approve transfers.',
  ERC721InvalidOperator: () => 'This address cannot be an operator.',
  ERC721InvalidOwner: () => 'This address cannot own entries.',
  ERC721InvalidReceiver: () => 'This address cannot receive entries.',
  ERC721InvalidSender: () => 'This address cannot send entries.',
  ERC721NonexistentToken: (a) => `Entry #${id(a[0])} does not exist.`,
  // ---------------------------------------------------------------- utilities
  ECDSAInvalidSignature: () => 'The signature is invalid.',
  ECDSAInvalidSignatureLength: () => 'The signature has the wrong length.',
  ECDSAInvalidSignatureS: () => 'The signature is malformed.',
  FailedCall: () => 'A call made by the contract failed.',
  InvalidShortString: () => 'A text is too long for this field.',
  ReentrancyGuardReentrantCall: () => 'A contract tried to re-enter this function.',
  SafeCastOverflowedUintDowncast: () => 'A number is too large for this field.',
  StringsInsufficientHexLength: () =>
    'An address could not be written into the appeal proposal. Nothing was sent; report it to the DAO.',
  SafeERC20FailedOperation: () => 'A token transfer failed.',
  StringTooLong: () => 'A text is too long for this field.',
};

/** Every custom error of the deployed contracts, for decoding reverts raised by another contract. */
export const ALL_ERRORS: readonly AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of ALL_ABIS) {
    for (const item of abi) {
      if (item.type === 'error' && !seen.has(item.name)) seen.set(item.name, item);
    }
  }
  return [...seen.values()];
})();

export type { ExplainedError };

/** What the relayer's refusals mention (each message uses the fields it needs). */
export interface RelayDetails {
  /** What was to be relayed, e.g. "vote", "dispute vote", "delegation". */
  what?: string;
  chainId?: number;
  signedChainId?: number;
  nonce?: bigint;
  signedNonce?: bigint;
  expiry?: bigint;
  count?: number;
  windowSeconds?: number;
  retryAt?: number;
  /** The contract's own reason (from ERROR_MESSAGES) when the simulation fails. */
  cause?: string;
  /** The gas the transaction would use, and the most the relayer pays for one. */
  gas?: bigint;
  maxGas?: bigint;
}

/** Why the portal's relayer refused to send a signed vote or delegation, in plain words. */
export const RELAY_MESSAGES: Record<RelayRefusal, (d: RelayDetails) => string> = {
  off: () =>
    'Voting without gas is off on this portal: its operator has not set a relayer key (CURIA_RELAYER_KEY). Vote from your own wallet instead.',
  malformed: (d) => `This ${d.what ?? 'request'} is incomplete or malformed; nothing was sent.`,
  'wrong-chain': (d) =>
    `This ${d.what ?? 'message'} was signed for ${d.signedChainId === undefined ? 'another network' : networkName(d.signedChainId)}, but this portal relays on ${d.chainId === undefined ? 'another' : networkName(d.chainId)}. Switch network and sign again.`,
  'stale-nonce': (d) =>
    `This signature is stale: its number (nonce ${d.signedNonce}) was already used by an earlier signed ${d.what ?? 'message'} of this account (the next one is ${d.nonce}). Sign again.`,
  'future-nonce': (d) =>
    `This signature is not valid yet: it carries nonce ${d.signedNonce}, but this account's next one is ${d.nonce}. Sign again.`,
  expired: (d) =>
    `This signature expired at ${d.expiry === undefined ? 'its deadline' : formatTime(d.expiry)}. Sign again.`,
  'bad-signature': (d) =>
    `The signature does not match this ${d.what ?? 'message'} and account: it was not made by this account's key for these exact words. Nothing was sent.`,
  'no-weight': (d) =>
    d.what === 'delegation'
      ? 'The relayer sends delegations of accounts holding at least 1 CUR, and this one holds less. Delegate from your own wallet instead.'
      : 'This account had no delegated voting power at the snapshot, so its vote would weigh nothing. Nothing was sent.',
  'no-change': () =>
    'This account already delegates to that address, so the delegation would change nothing. Nothing was sent.',
  'too-costly': (d) =>
    `This ${d.what ?? 'transaction'} would use ${d.gas === undefined ? 'more gas' : `${d.gas.toLocaleString('en-US')} gas`}, more than the ${d.maxGas === undefined ? 'most' : d.maxGas.toLocaleString('en-US')} the relayer pays for one (a contract account's signature check can cost that much). Send it from your own wallet instead.`,
  busy: () =>
    'The relayer has too many requests waiting right now. Try again in a minute, or send it from your own wallet.',
  'lost-votes': () =>
    'Votes delegated to the zero address count for nobody, so the relayer did not send this delegation. Delegate to an address, or to yourself.',
  'rate-limited': (d) =>
    `This account has used its ${d.count} gasless transactions for the last ${formatDuration(BigInt(d.windowSeconds ?? 0))}.${d.retryAt ? ` The next one is possible from ${formatTime(BigInt(d.retryAt))}.` : ''} You can still send it from your own wallet.`,
  'would-fail': (d) => d.cause ?? 'The transaction would fail, so the relayer did not send it.',
  'relayer-broke': () =>
    "The portal's relayer has too little ETH left to pay for gas. Vote from your own wallet, or tell the portal's operators.",
  unreachable: () =>
    'The chain is not reachable right now, so nothing could be checked or sent. Try again shortly.',
};

export function relayMessage(code: RelayRefusal, details: RelayDetails = {}): string {
  return RELAY_MESSAGES[code](details);
}

export function messageForError(errorName: string, args: Args = []): string {
  const message = ERROR_MESSAGES[errorName];
  if (!message) return `The transaction would fail (${errorName}).`;
  try {
    return message(args);
  } catch {
    return `The transaction would fail (${errorName}).`;
  }
}

/** Turns anything a wallet, viem or wagmi throws into one plain-language message. */
export function explainError(err: unknown): ExplainedError {
  const wallet = explainWalletError(err);
  if (wallet.kind === 'rejected') return wallet;
  if (err instanceof BaseError) {
    const revert = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      let errorName = revert.data?.errorName;
      let args: Args = revert.data?.args ?? [];
      if (!errorName && revert.raw) {
        try {
          const decoded = decodeErrorResult({ abi: ALL_ERRORS, data: revert.raw });
          errorName = decoded.errorName;
          args = decoded.args ?? [];
        } catch {
          // unknown error: fall through to the reason
        }
      }
      if (errorName === 'Error' || errorName === 'Panic' || !errorName) {
        const reason = revert.reason?.replace(/\.+$/, '');
        // A wallet's own failure (-32603) dressed as a revert: not the contract's reason.
        if (reason && (/internal json-rpc error/i.test(reason) || looksRaw(reason))) {
          return {
            kind: 'other',
            message:
              "Your wallet reported an internal error and sent nothing. Try again; if it keeps failing, check the wallet's network settings.",
          };
        }
        return {
          kind: 'revert',
          message: reason
            ? `The transaction would fail: ${reason}.`
            : 'The transaction would fail, and the contract gave no reason.',
        };
      }
      return { kind: 'revert', errorName, message: messageForError(errorName, args) };
    }
  }
  return wallet;
}
