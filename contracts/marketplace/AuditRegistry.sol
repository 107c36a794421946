// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAuditRegistry} from "../interfaces/IAuditRegistry.sol";
import {ICurationDisputes} from "../interfaces/ICurationDisputes.sol";
import {ICurationParameters} from "../interfaces/ICurationParameters.sol";
import {ICurationRegistry} from "../interfaces/ICurationRegistry.sol";
import {IDisputeHook} from "../interfaces/IDisputeHook.sol";
import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IPassHook} from "../interfaces/IPassHook.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title AuditRegistry
/// @notice Bonded, DAO-accredited auditors and their reports on exact model versions (see {IAuditRegistry}).
/// @dev Slashing is one call per report (no loop over auditors): anyone may slash each current Pass on the version
/// delisted by a dispute, once, whatever its reason. The dispute hooks loop over the disputed version's passers, at most
/// {MAX_PASSERS}.
contract AuditRegistry is IAuditRegistry, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice The largest page {reportsOf} returns.
    uint256 public constant MAX_PAGE = 1000;
    /// @notice Auditors with a current Pass on one version: bounds the dispute hooks and each sale.
    uint256 public constant MAX_PASSERS = 16;
    /// @notice The longest unbonding period the DAO may set.
    uint256 public constant MAX_UNBONDING_PERIOD = 365 days;

    /// @dev A model's dispute as this registry sees it: `version` is the disputed one, the only one whose Passes it
    /// can slash.
    struct ModelDispute {
        uint64 disputeId;
        uint32 version;
        bool open;
        bool slashable;
        bool delisted;
    }

    IERC20 public immutable token;
    IModelRegistry public immutable models;
    ICurationRegistry public immutable curation;
    /// @notice The DAO's timelock: accredits, revokes, sets parameters and receives slashed bonds.
    address public immutable treasury;
    /// @notice The Governor that decides appeals: its vote is part of the longest dispute path.
    IGovernor public immutable governor;
    /// @notice Told before a model's passers change (the marketplace, which splits the model's sales so far first).
    IPassHook public immutable passHook;

    uint256 private _minimumBond;
    uint256 private _unbondingPeriod;
    uint256 private _auditorSlashBps;
    uint256 private _reportCount;
    mapping(address auditor => Auditor) private _auditors;
    mapping(uint256 reportId => Report) private _reports;
    mapping(uint256 reportId => bool) private _slashed;
    mapping(uint256 modelId => mapping(uint32 version => uint256[])) private _versionReports;
    mapping(uint256 modelId => mapping(uint32 version => address[])) private _passers;
    mapping(uint256 modelId => mapping(uint32 version => mapping(address auditor => uint256))) private _versionPasses;
    mapping(uint256 modelId => ModelDispute) private _modelDisputes;

    constructor(
        IERC20 token_,
        IModelRegistry models_,
        ICurationRegistry curation_,
        IGovernor governor_,
        address treasury_,
        IPassHook passHook_,
        uint256 unbondingPeriod_,
        uint256 minimumBond_,
        uint256 auditorSlashBps_
    ) {
        token = token_;
        models = models_;
        curation = curation_;
        governor = governor_;
        treasury = treasury_;
        passHook = passHook_;
        _setUnbondingPeriod(unbondingPeriod_);
        _setMinimumBond(minimumBond_);
        _setAuditorSlashBps(auditorSlashBps_);
    }

    modifier onlyTimelock() {
        if (msg.sender != treasury) revert AuditOnlyTimelock(msg.sender);
        _;
    }

    // ================================================================ auditors

    /// @inheritdoc IAuditRegistry
    function accredit(address auditor) external onlyTimelock {
        Auditor storage a = _auditors[auditor];
        if (a.accredited) revert AuditAccreditationUnchanged(auditor, true);
        a.accredited = true;
        a.unbondingAt = 0;
        emit AuditorAccredited(auditor);
    }

    /// @inheritdoc IAuditRegistry
    function revoke(address auditor) external onlyTimelock {
        Auditor storage a = _auditors[auditor];
        if (!a.accredited) revert AuditAccreditationUnchanged(auditor, false);
        a.accredited = false;
        emit AuditorRevoked(auditor);
        if (a.bond != 0 && a.unbondingAt == 0) _startUnbonding(auditor, a);
    }

    /// @inheritdoc IAuditRegistry
    function postBond(uint256 amount) external nonReentrant {
        Auditor storage a = _auditors[msg.sender];
        if (!a.accredited || a.unbondingAt != 0) revert AuditNotActiveAuditor(msg.sender);
        uint256 bond = a.bond + amount;
        if (bond < _minimumBond) revert AuditBondTooLow(bond, _minimumBond);
        a.bond = bond.toUint96();
        emit AuditorBonded(msg.sender, amount, bond);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IAuditRegistry
    function requestBondWithdrawal() external {
        Auditor storage a = _auditors[msg.sender];
        if (a.bond == 0) revert AuditNothingToWithdraw(msg.sender);
        if (a.unbondingAt != 0) revert AuditBondLocked(msg.sender, a.unbondingAt);
        _startUnbonding(msg.sender, a);
    }

    /// @inheritdoc IAuditRegistry
    function withdrawBond() external nonReentrant {
        Auditor storage a = _auditors[msg.sender];
        uint256 bond = a.bond;
        if (bond == 0) revert AuditNothingToWithdraw(msg.sender);
        if (a.unbondingAt == 0 || block.timestamp < a.unbondingAt) revert AuditBondLocked(msg.sender, a.unbondingAt);
        if (a.openDisputes != 0) revert AuditBondFrozen(msg.sender, a.openDisputes);
        a.bond = 0;
        a.unbondingAt = 0;
        emit AuditorBondWithdrawn(msg.sender, bond);
        token.safeTransfer(msg.sender, bond);
    }

    // ================================================================ reports

    /// @inheritdoc IAuditRegistry
    function submitAudit(
        uint256 modelId,
        uint32 version,
        Verdict verdict,
        uint8[4] calldata scores,
        string calldata reportURI,
        bytes32 reportHash,
        uint256 replaces
    ) external returns (uint256 reportId) {
        if (!isActiveAuditor(msg.sender)) revert AuditNotActiveAuditor(msg.sender);
        if (bytes(reportURI).length == 0 || reportHash == bytes32(0)) revert AuditEmptyReport();
        for (uint256 i = 0; i < 4; ++i) {
            if (scores[i] > 100) revert AuditScoreOutOfRange(scores[i]);
        }
        // Reverts for an unknown model or version: the report binds to the version's content hash.
        bytes32 contentHash = models.contentHashOf(modelId, version);
        if (replaces != 0 || verdict == Verdict.Pass) {
            _checkPassesOpen(modelId);
            // The model's passers may change: its sales so far are split first, among the passers they were made under.
            passHook.onPassersChange(modelId);
        }
        reportId = ++_reportCount;
        if (replaces != 0) {
            Report storage old = _reports[replaces];
            if (old.auditor != msg.sender || old.modelId != modelId || old.version != version || old.replacedBy != 0) {
                revert AuditInvalidAmendment(reportId, replaces);
            }
            old.replacedBy = reportId.toUint64();
            if (old.verdict == Verdict.Pass) _removePass(modelId, version, msg.sender);
        }
        _reports[reportId] = Report({
            auditor: msg.sender,
            modelId: modelId.toUint64(),
            version: version,
            verdict: verdict,
            quality: scores[0],
            safety: scores[1],
            bias: scores[2],
            license: scores[3],
            submittedAt: uint40(block.timestamp),
            replaces: replaces.toUint64(),
            replacedBy: 0,
            contentHash: contentHash,
            reportHash: reportHash,
            reportURI: reportURI
        });
        _versionReports[modelId][version].push(reportId);
        if (verdict == Verdict.Pass) _addPass(modelId, version, msg.sender);
        emit AuditSubmitted(
            reportId, modelId, version, msg.sender, verdict, scores, contentHash, reportURI, reportHash, replaces
        );
    }

    /// @inheritdoc IAuditRegistry
    function slash(uint256 reportId) external nonReentrant returns (uint256 amount) {
        Report storage r = _reports[reportId];
        if (r.auditor == address(0)) revert AuditReportNotFound(reportId);
        if (r.verdict != Verdict.Pass || r.replacedBy != 0 || _slashed[reportId]) revert AuditNotSlashable(reportId);
        uint256 disputeId = curation.delistedBy(r.modelId);
        if (disputeId == 0) revert AuditNotSlashable(reportId);
        ICurationDisputes.Dispute memory d = curation.disputeOf(disputeId);
        // Only a Pass on the version that was delisted is answerable for it, whatever the challenge's reason: holders
        // vote on the version, not on the reason its first challenger chose.
        if (d.version != r.version) revert AuditNotSlashable(reportId);
        _slashed[reportId] = true;
        Auditor storage a = _auditors[r.auditor];
        // The auditor's bond was frozen at the challenge until each of their Passes on the delisted version is slashed.
        if (--_versionPasses[r.modelId][r.version][r.auditor] == 0) --a.openDisputes;
        amount = Bps.share(a.bond, _auditorSlashBps);
        // amount <= bond, a uint96.
        // forge-lint: disable-next-line(unsafe-typecast)
        a.bond -= uint96(amount);
        emit AuditorSlashed(r.auditor, reportId, amount);
        if (amount != 0) token.safeTransfer(treasury, amount);
    }

    // ================================================================ dispute hooks

    /// @inheritdoc IDisputeHook
    function onDisputeOpened(
        uint256 modelId,
        uint256 disputeId,
        uint32 version,
        ICurationDisputes.Reason,
        bool ofCandidate
    ) external {
        if (msg.sender != address(curation)) revert AuditOnlyCuration(msg.sender);
        // Any delisting of the listed version slashes its passers, whatever the reason (a reason that spared them would
        // let a passer dodge the slash by challenging first for it); a candidate is rejected, never delisted.
        bool slashable = !ofCandidate;
        _modelDisputes[modelId] = ModelDispute(disputeId.toUint64(), version, true, slashable, false);
        // Only a Pass on the disputed version can be slashed for it: its auditors' bonds are frozen while it runs.
        if (slashable) _countDispute(modelId, version, true);
    }

    /// @inheritdoc IDisputeHook
    function onDisputeClosed(uint256 modelId, uint256, bool delisted) external {
        if (msg.sender != address(curation)) revert AuditOnlyCuration(msg.sender);
        ModelDispute storage md = _modelDisputes[modelId];
        md.open = false;
        md.delisted = delisted;
        // Delisted: each passer of the version stays frozen until their Passes on it are slashed (see {slash}).
        if (md.slashable && !delisted) _countDispute(modelId, md.version, false);
    }

    // ================================================================ parameters

    /// @inheritdoc IAuditRegistry
    function setMinimumBond(uint256 value) external onlyTimelock {
        _setMinimumBond(value);
    }

    /// @inheritdoc IAuditRegistry
    function setAuditorSlashBps(uint256 value) external onlyTimelock {
        _setAuditorSlashBps(value);
    }

    /// @inheritdoc IAuditRegistry
    function setUnbondingPeriod(uint256 value) external onlyTimelock {
        _setUnbondingPeriod(value);
    }

    // ================================================================ views

    /// @inheritdoc IAuditRegistry
    function isActiveAuditor(address account) public view returns (bool) {
        Auditor memory a = _auditors[account];
        return a.accredited && a.unbondingAt == 0 && a.bond >= _minimumBond && a.bond != 0;
    }

    /// @inheritdoc IAuditRegistry
    function auditorOf(address account) external view returns (Auditor memory) {
        return _auditors[account];
    }

    /// @inheritdoc IAuditRegistry
    function getReport(uint256 reportId) external view returns (Report memory) {
        return _reports[reportId];
    }

    /// @inheritdoc IAuditRegistry
    function reportCount() external view returns (uint256) {
        return _reportCount;
    }

    /// @inheritdoc IAuditRegistry
    function reportsOf(uint256 modelId, uint32 version, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory page)
    {
        if (limit > MAX_PAGE) revert AuditPageTooLarge(limit, MAX_PAGE);
        uint256[] storage ids = _versionReports[modelId][version];
        uint256 count = offset >= ids.length ? 0 : Math.min(limit, ids.length - offset);
        page = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            page[i] = ids[offset + i];
        }
    }

    /// @inheritdoc IAuditRegistry
    function passersOf(uint256 modelId, uint32 version) external view returns (address[] memory) {
        return _passers[modelId][version];
    }

    /// @inheritdoc IAuditRegistry
    function activePassersOf(uint256 modelId, uint32 version)
        external
        view
        returns (address[] memory active, uint256 passers)
    {
        address[] storage list = _passers[modelId][version];
        passers = list.length;
        if (passers == 0) return (active, 0);
        address[] memory found = new address[](passers);
        uint256 n;
        uint256 minimum = _minimumBond;
        for (uint256 i = 0; i < passers; ++i) {
            address account = list[i];
            Auditor memory a = _auditors[account];
            if (a.accredited && a.unbondingAt == 0 && a.bond >= minimum) {
                found[n] = account;
                ++n;
            }
        }
        active = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            active[i] = found[i];
        }
    }

    /// @inheritdoc IAuditRegistry
    function unbondingPeriod() public view returns (uint256) {
        return Math.max(_unbondingPeriod, unbondingFloor());
    }

    /// @inheritdoc IAuditRegistry
    function unbondingFloor() public view returns (uint256) {
        return curation.parameter(ICurationParameters.Parameter.ChallengePeriod)
            + curation.parameter(ICurationParameters.Parameter.DisputeVotingDelay)
            + curation.parameter(ICurationParameters.Parameter.DisputeVotingPeriod)
            + curation.parameter(ICurationParameters.Parameter.AppealWindow) + governor.votingDelay()
            + governor.votingPeriod() + GovernorPreventLateQuorum(payable(address(governor))).lateQuorumVoteExtension();
    }

    /// @inheritdoc IAuditRegistry
    function minimumBond() external view returns (uint256) {
        return _minimumBond;
    }

    /// @inheritdoc IAuditRegistry
    function auditorSlashBps() external view returns (uint256) {
        return _auditorSlashBps;
    }

    // ================================================================ internals

    function _startUnbonding(address auditor, Auditor storage a) internal {
        uint256 at = block.timestamp + unbondingPeriod();
        a.unbondingAt = at.toUint40();
        emit AuditorUnbonding(auditor, at);
    }

    /// @dev Counts a new current Pass of `auditor` on a version: listed among the version's passers at its first one.
    function _addPass(uint256 modelId, uint32 version, address auditor) internal {
        if (++_versionPasses[modelId][version][auditor] == 1) {
            address[] storage list = _passers[modelId][version];
            if (list.length >= MAX_PASSERS) revert AuditTooManyPassers(modelId, version, MAX_PASSERS);
            list.push(auditor);
        }
    }

    /// @dev While disputed (and once delisted) a model's Passes are frozen: the ones slashed are those current when
    /// the challenge opened.
    function _checkPassesOpen(uint256 modelId) internal view {
        ModelDispute memory md = _modelDisputes[modelId];
        if (md.open || md.delisted) revert AuditModelDisputed(modelId, md.disputeId);
    }

    /// @dev Uncounts a Pass that was amended: off the lists with the auditor's last one.
    function _removePass(uint256 modelId, uint32 version, address auditor) internal {
        if (--_versionPasses[modelId][version][auditor] == 0) _remove(_passers[modelId][version], auditor);
    }

    /// @dev Removes `account` from a list of at most MAX_PASSERS, keeping the order.
    function _remove(address[] storage list, address account) internal {
        uint256 n = list.length;
        for (uint256 i = 0; i < n; ++i) {
            if (list[i] == account) {
                for (uint256 j = i; j + 1 < n; ++j) {
                    list[j] = list[j + 1];
                }
                list.pop();
                return;
            }
        }
    }

    /// @dev Adds (`opened`) or removes one open dispute for each auditor with a current Pass on `version`. The set
    /// cannot change in between: a disputed model's Passes are frozen.
    function _countDispute(uint256 modelId, uint32 version, bool opened) internal {
        address[] storage all = _passers[modelId][version];
        uint256 n = all.length;
        for (uint256 i = 0; i < n; ++i) {
            Auditor storage a = _auditors[all[i]];
            if (opened) ++a.openDisputes;
            else --a.openDisputes;
        }
    }

    function _setMinimumBond(uint256 value) internal {
        if (value == 0 || value > 100_000_000e18) revert AuditParameterOutOfBounds(value, 1, 100_000_000e18);
        emit MinimumBondSet(_minimumBond, value);
        _minimumBond = value;
    }

    function _setUnbondingPeriod(uint256 value) internal {
        uint256 floor = unbondingFloor();
        if (value < floor || value > MAX_UNBONDING_PERIOD) {
            revert AuditParameterOutOfBounds(value, floor, MAX_UNBONDING_PERIOD);
        }
        emit UnbondingPeriodSet(_unbondingPeriod, value);
        _unbondingPeriod = value;
    }

    function _setAuditorSlashBps(uint256 value) internal {
        if (value > Bps.ONE) revert AuditParameterOutOfBounds(value, 0, Bps.ONE);
        emit AuditorSlashBpsSet(_auditorSlashBps, value);
        _auditorSlashBps = value;
    }
}
