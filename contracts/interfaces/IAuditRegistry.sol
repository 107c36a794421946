// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeHook} from "./IDisputeHook.sol";

/// @title IAuditRegistry
/// @notice Auditors accredited by the DAO post a bond and attach reports to exact model versions, bound to the
/// version's content hash. Reports are append-only; an amendment is a new report that replaces an earlier one. An
/// auditor who passed a version that is later delisted by a dispute, for any reason, loses part of the bond.
/// @dev The curation registry tells this registry when a model's dispute opens and ends ({IDisputeHook}). From a
/// challenge until its end, the model's reports cannot be amended and it gets no new Pass. A challenge of the listed
/// version, whatever its reason, also freezes the bond of every auditor with a current Pass on that version (the only
/// Passes it can slash); after a delisting, that lasts until each of the auditor's Passes on the delisted version was
/// slashed. So the Passes current when the challenge opened are the ones slashed.
interface IAuditRegistry is IDisputeHook {
    /// @notice An auditor's judgement of a version.
    enum Verdict {
        Pass,
        Concerns,
        Fail
    }

    /// @notice One report. Scores run from 0 to 100.
    struct Report {
        address auditor;
        uint64 modelId;
        uint32 version;
        Verdict verdict;
        uint8 quality;
        uint8 safety;
        uint8 bias;
        uint8 license;
        uint40 submittedAt;
        uint64 replaces;
        uint64 replacedBy;
        bytes32 contentHash;
        bytes32 reportHash;
        string reportURI;
    }

    /// @notice An auditor's standing. `openDisputes` counts the open disputes of a listed version the auditor passed
    /// (and the versions delisted by them whose Passes are still to be slashed): while it is not zero,
    /// the bond cannot be withdrawn. A Pass on another version of the disputed model freezes nothing.
    struct Auditor {
        bool accredited;
        uint96 bond;
        uint40 unbondingAt;
        uint32 openDisputes;
    }

    /// @notice The caller is not an active auditor (accredited, bonded, not leaving).
    error AuditNotActiveAuditor(address account);
    /// @notice The account is already accredited, or is not.
    error AuditAccreditationUnchanged(address account, bool accredited);
    /// @notice The bond posted is below the minimum.
    error AuditBondTooLow(uint256 bond, uint256 minimum);
    /// @notice A score above 100.
    error AuditScoreOutOfRange(uint256 score);
    /// @notice A report needs a URI and a content hash.
    error AuditEmptyReport();
    /// @notice The report does not exist.
    error AuditReportNotFound(uint256 reportId);
    /// @notice An amendment must replace a current report of the same auditor on the same version.
    error AuditInvalidAmendment(uint256 reportId, uint256 replaces);
    /// @notice The bond is still unbonding, or no withdrawal was requested.
    error AuditBondLocked(address auditor, uint256 unbondingAt);
    /// @notice A listed version the auditor passed is challenged, or delisted with a Pass of theirs
    /// still to slash: the bond stays until that ends.
    error AuditBondFrozen(address auditor, uint256 openDisputes);
    /// @notice The model is disputed (or was delisted, `disputeId` being the dispute that delisted it): its reports
    /// cannot be amended and it gets no new Pass.
    error AuditModelDisputed(uint256 modelId, uint256 disputeId);
    /// @notice The version already has `max` auditors with a current Pass.
    error AuditTooManyPassers(uint256 modelId, uint32 version, uint256 max);
    /// @notice Only the curation registry calls the dispute hooks.
    error AuditOnlyCuration(address caller);
    /// @notice Nothing to withdraw.
    error AuditNothingToWithdraw(address auditor);
    /// @notice This report cannot be slashed: not a current Pass, not on the version delisted, or its model was not
    /// delisted, or it was slashed already.
    error AuditNotSlashable(uint256 reportId);
    /// @notice Only the timelock (a governance proposal) may do this.
    error AuditOnlyTimelock(address caller);
    /// @notice A parameter value outside its hard bounds.
    error AuditParameterOutOfBounds(uint256 value, uint256 min, uint256 max);
    /// @notice The page asks for too many reports.
    error AuditPageTooLarge(uint256 limit, uint256 max);

    event AuditorAccredited(address indexed auditor);
    event AuditorRevoked(address indexed auditor);
    event AuditorBonded(address indexed auditor, uint256 amount, uint256 bond);
    event AuditorUnbonding(address indexed auditor, uint256 unbondingAt);
    event AuditorBondWithdrawn(address indexed auditor, uint256 amount);
    event AuditSubmitted(
        uint256 indexed reportId,
        uint256 indexed modelId,
        uint32 indexed version,
        address auditor,
        Verdict verdict,
        uint8[4] scores,
        bytes32 contentHash,
        string reportURI,
        bytes32 reportHash,
        uint256 replaces
    );
    event AuditorSlashed(address indexed auditor, uint256 indexed reportId, uint256 amount);
    event MinimumBondSet(uint256 oldValue, uint256 newValue);
    event AuditorSlashBpsSet(uint256 oldValue, uint256 newValue);
    event UnbondingPeriodSet(uint256 oldValue, uint256 newValue);

    /// @notice Accredits an auditor. Only the timelock.
    function accredit(address auditor) external;
    /// @notice Revokes an accreditation; the bond starts unbonding. Only the timelock.
    function revoke(address auditor) external;
    /// @notice Adds to the caller's bond (accredited auditors only).
    function postBond(uint256 amount) external;
    /// @notice Stops auditing and starts unbonding the whole bond.
    function requestBondWithdrawal() external;
    /// @notice Withdraws an unbonded bond. Refused while a version the caller passed is challenged for Quality or
    /// Safety, or delisted with a Pass of theirs still to slash ({AuditBondFrozen}).
    function withdrawBond() external;

    /// @notice Attaches a report to version `version` of `modelId`, bound to its content hash. `replaces` is 0 or an
    /// earlier current report of the caller on the same version, which this one amends. While the model is disputed,
    /// and once it is delisted, amendments and new Passes are refused. At most {MAX_PASSERS} auditors hold a current
    /// Pass on one version (a version whose places are held by auditors who left is superseded by a new version).
    function submitAudit(
        uint256 modelId,
        uint32 version,
        Verdict verdict,
        uint8[4] calldata scores,
        string calldata reportURI,
        bytes32 reportHash,
        uint256 replaces
    ) external returns (uint256 reportId);

    /// @notice Slashes the bond of the auditor of a current Pass report on the version a dispute delisted, whatever its
    /// reason (the Passes current when the challenge opened: they could not be amended since). Anyone may call; each report
    /// is slashed at most once; the slash goes to the treasury.
    function slash(uint256 reportId) external returns (uint256 amount);

    /// @notice Sets the minimum bond. Only the timelock.
    function setMinimumBond(uint256 value) external;
    /// @notice Sets the share of the bond slashed per failed Pass. Only the timelock.
    function setAuditorSlashBps(uint256 value) external;
    /// @notice Sets the bond's unbonding period. Only the timelock, between {unbondingFloor} and 365 days.
    function setUnbondingPeriod(uint256 value) external;

    /// @notice Whether `account` may audit now.
    function isActiveAuditor(address account) external view returns (bool);
    /// @notice An auditor's standing.
    function auditorOf(address account) external view returns (Auditor memory);
    /// @notice A report.
    function getReport(uint256 reportId) external view returns (Report memory);
    /// @notice How many reports exist; ids run from 1.
    function reportCount() external view returns (uint256);
    /// @notice Report ids on one version (paginated).
    function reportsOf(uint256 modelId, uint32 version, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory);
    /// @notice The auditors whose current report on a version is a Pass, in order.
    function passersOf(uint256 modelId, uint32 version) external view returns (address[] memory);
    /// @notice What a sale needs: the passers of a version who are active auditors now, and how many passers it has
    /// in all (each has an equal part of the auditors' fee; the parts of inactive ones go to the treasury).
    function activePassersOf(uint256 modelId, uint32 version)
        external
        view
        returns (address[] memory active, uint256 passers);
    /// @notice The time between leaving and withdrawing a bond now: the DAO's value, raised to {unbondingFloor} if
    /// the dispute path has grown longer since.
    function unbondingPeriod() external view returns (uint256);
    /// @notice The longest path from a listing to a delisting: challenge period + dispute voting delay and period + appeal window +
    /// the appeal's Governor vote (delay, period and late-quorum extension), read now. A bond cannot unbond faster.
    function unbondingFloor() external view returns (uint256);
    /// @notice The minimum bond of an active auditor.
    function minimumBond() external view returns (uint256);
    /// @notice The share of the bond slashed per failed Pass, in basis points.
    function auditorSlashBps() external view returns (uint256);
}
