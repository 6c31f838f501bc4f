// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IGridToken} from "./interfaces/IGridToken.sol";
import {IStaking} from "./interfaces/IStaking.sol";

/**
 * @title Staking
 * @notice Stakes in GRID behind each device of the Tensorgrid network. The device's owner
 * (recorded by the registrar) stakes; when it opens a co-stake offer, other accounts co-stake
 * for a share of the device's rewards. Unstaking waits out a cooldown; slashes wait out an
 * appeal window before they are paid to the harmed party or burned.
 *
 * Rules this contract adds where the design note is silent:
 * - Pending unstake requests stay slashable until withdrawn (a slash cannot be dodged by
 *   requesting an unstake first); slashes take from active stakes and pending requests pro
 *   rata, each share rounded up, in a fixed order (owner, then co-stakers in list order;
 *   active before pending), so the slash is exact and no one pays more than 1 wei over their share.
 * - An account has at most one open request per device: a second request adds to it and
 *   restarts its cooldown (this keeps slashing bounded). Withdraw an unlocked request first
 *   to keep its amount from waiting again.
 * - A co-staker keeps its slot (at most `maxCoStakers` per device) while it has an active
 *   co-stake or a pending request on the device; every co-stake must reach `minCoStake`.
 * - When the registrar changes a device's owner, the previous owner's stake stays on the
 *   device as a co-stake (it becomes a co-staker, even past `maxCoStakers`), the new owner's
 *   co-stake becomes its owner stake, and the co-stake offer closes (its share stays in force).
 * - Closing an offer stops new co-stakes only; while any co-staker holds a slot (pending
 *   requests included) the share cannot be lowered, so it cannot be cut before unclaimed blocks are claimed.
 * - Overturned slashes are refunded by pull (`claimRefund`), to the accounts they were taken from.
 * - Every change of an account's active stake on a device is checkpointed, so a block's rewards
 *   are split by the co-stakes held at the block's start (`rewardSplitAt`): a co-stake added
 *   later, however large, takes no part of a block that was earned before it.
 * - The token is GRID: fee-on-transfer or rebasing tokens are not supported.
 */
contract Staking is IStaking, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Records devices' owners and hardware classes (the coordinator).
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Sets hardware classes' minimum-stake multipliers.
    bytes32 public constant MULTIPLIER_ROLE = keccak256("MULTIPLIER_ROLE");
    /// @notice Slashes devices (Leases for SLA penalties, the coordinator for verdicts).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Overturns slashes during their appeal window.
    bytes32 public constant APPEALS_ROLE = keccak256("APPEALS_ROLE");

    /// @notice The minimum stake of a device whose class multiplier is at most 1× (10,000 bps).
    uint256 public constant BASE_MINIMUM_STAKE = 200 ether;
    uint256 private constant BPS = 10_000;

    /// @notice The staked token (GRID).
    IGridToken public immutable token;
    /// @notice Seconds between an unstake request and its withdrawal (default 14 days).
    uint64 public immutable unstakeCooldown;
    /// @notice Seconds a slash can be overturned for (default 30 days).
    uint64 public immutable appealWindow;
    /// @notice The most co-stakers `coStake` admits per device.
    uint256 public immutable maxCoStakers;
    /// @notice The least co-stake an account may hold on a device.
    uint256 public immutable minCoStake;

    struct Device {
        address owner;
        uint16 shareBps;
        bool offerOpen;
        bytes32 hardwareClass;
        uint256 active; // owner stake + co-stakes
        uint256 pending; // open unstake requests of the device
        address[] coStakers; // accounts other than the owner with an active co-stake or pending request
    }

    mapping(bytes32 device => Device) private _devices;
    mapping(bytes32 device => mapping(address account => uint256)) private _active;
    /// @dev `_active` over time (every write goes through `_setActive`), for `rewardSplitAt`.
    mapping(bytes32 device => mapping(address account => Checkpoints.Trace208)) private _activeHistory;
    /// @dev Each device's owner over time (the address as a number), for `rewardSplitAt`.
    mapping(bytes32 device => Checkpoints.Trace208) private _ownerHistory;
    mapping(bytes32 device => mapping(address account => uint256)) private _openRequest;
    mapping(bytes32 device => mapping(address account => uint256)) private _coStakerIndex; // 1-based
    mapping(bytes32 hardwareClass => uint32) private _classMultiplier;
    mapping(uint256 requestId => UnstakeRequest) private _requests;
    mapping(uint256 slashId => SlashInfo) private _slashes;
    /// @dev Per slash, what was taken from whom: `uint256(uint160(account)) << 96 | amount`.
    mapping(uint256 slashId => uint256[]) private _slashShares;
    mapping(bytes32 evidence => bool) private _evidenceUsed;
    mapping(address account => uint256) private _refunds;

    uint256 private _lastRequestId;
    uint256 private _lastSlashId;
    uint256 private _totalActive;
    uint256 private _totalPending;
    uint256 private _totalPendingSlashes;
    uint256 private _totalRefunds;

    /**
     * @notice Deploys Staking over `token_`.
     * @param token_ The staked token (GRID; burned by resolved slashes without a beneficiary).
     * @param admin The account given DEFAULT_ADMIN_ROLE (it grants the other roles).
     * @param unstakeCooldown_ Seconds an unstake request waits (default 14 days).
     * @param appealWindow_ Seconds a slash can be overturned for (default 30 days).
     * @param maxCoStakers_ The most co-stakers per device (bounds the loops of slash and rewardSplit).
     * @param minCoStake_ The least co-stake an account may hold on a device.
     */
    constructor(
        IGridToken token_,
        address admin,
        uint64 unstakeCooldown_,
        uint64 appealWindow_,
        uint256 maxCoStakers_,
        uint256 minCoStake_
    ) {
        if (address(token_) == address(0) || admin == address(0)) revert StakingZeroAddress();
        if (maxCoStakers_ == 0) revert StakingInvalidMaxCoStakers(maxCoStakers_);
        token = token_;
        unstakeCooldown = unstakeCooldown_;
        appealWindow = appealWindow_;
        maxCoStakers = maxCoStakers_;
        minCoStake = minCoStake_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ registry

    /**
     * @notice Records who owns `device` and its hardware class. REGISTRAR_ROLE only. A new
     * owner takes over the device: the previous owner's stake stays as its co-stake, the new
     * owner's co-stake becomes its owner stake, and an open co-stake offer closes.
     * @param device The device id (`bytes32(uint256(uint160(worker)))`).
     * @param owner The device's owner: its operator, or the worker itself.
     * @param hardwareClass The class whose multiplier sets the minimum stake.
     */
    function setDevice(bytes32 device, address owner, bytes32 hardwareClass) external onlyRole(REGISTRAR_ROLE) {
        if (device == bytes32(0)) revert StakingInvalidDevice(device);
        if (owner == address(0)) revert StakingZeroAddress();
        Device storage d = _devices[device];
        address previous = d.owner;
        if (previous != owner) {
            if (previous != address(0) && _holds(device, previous)) _addCoStaker(device, previous);
            if (_coStakerIndex[device][owner] != 0) _removeCoStaker(device, owner);
            d.owner = owner;
            _ownerHistory[device].push(SafeCast.toUint48(block.timestamp), uint160(owner));
            if (d.offerOpen) {
                d.offerOpen = false;
                emit CoStakeOfferClosed(device);
            }
        }
        d.hardwareClass = hardwareClass;
        emit DeviceSet(device, owner, hardwareClass, previous);
    }

    /**
     * @notice Sets a hardware class's minimum-stake multiplier. MULTIPLIER_ROLE only.
     * @param hardwareClass The class.
     * @param multiplierBps The multiplier in basis points (below 10,000 counts as 1×).
     */
    function setClassMultiplier(bytes32 hardwareClass, uint32 multiplierBps) external onlyRole(MULTIPLIER_ROLE) {
        _classMultiplier[hardwareClass] = multiplierBps;
        emit ClassMultiplierSet(hardwareClass, multiplierBps);
    }

    // ------------------------------------------------------------------ staking

    /**
     * @notice Adds to the owner's stake on `device`, pulling `amount` GRID from the caller
     * (approve first). Only the device's owner; the device's active stake must reach its minimum after it.
     * @param device The device.
     * @param amount The amount in base units.
     */
    function stake(bytes32 device, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        Device storage d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender != d.owner) revert StakingNotDeviceOwner(device, msg.sender);
        uint256 total = d.active + amount;
        uint256 minimum = _minimumStake(d.hardwareClass);
        if (total < minimum) revert StakingBelowMinimum(device, total, minimum);

        uint256 ownerStake = _active[device][msg.sender] + amount;
        _setActive(device, msg.sender, ownerStake);
        d.active = total;
        _totalActive += amount;
        emit Staked(device, msg.sender, amount, ownerStake);

        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice Opens co-staking on `device`: co-stakers will share `shareBps` of its rewards in
     * proportion to their co-stakes. Only the owner. May be called again to raise the share;
     * while any co-staker holds a slot (an active co-stake or a pending unstake) it cannot lower it.
     * @param device The device.
     * @param shareBps The co-stakers' share of the rewards, 1..10,000 basis points.
     */
    function openCoStakeOffer(bytes32 device, uint16 shareBps) external {
        Device storage d = _ownedDevice(device);
        if (shareBps == 0 || shareBps > BPS) revert StakingInvalidShare(shareBps);
        // Not while anyone holds a slot (an active co-stake or a pending request): unclaimed blocks are paid by the share of claim time.
        if (d.coStakers.length > 0 && shareBps < d.shareBps) {
            revert StakingShareDecrease(device, d.shareBps, shareBps);
        }
        d.shareBps = shareBps;
        d.offerOpen = true;
        emit CoStakeOfferOpened(device, shareBps);
    }

    /**
     * @notice Stops new co-stakes on `device`; existing co-stakes keep their share. Only the owner.
     * @param device The device.
     */
    function closeCoStakeOffer(bytes32 device) external {
        Device storage d = _ownedDevice(device);
        if (!d.offerOpen) revert StakingNoCoStakeOffer(device);
        d.offerOpen = false;
        emit CoStakeOfferClosed(device);
    }

    /**
     * @notice Co-stakes `amount` GRID on `device` (approve first). Anyone but the owner, while
     * an offer is open; the account's co-stake must reach `minCoStake`, and a new co-staker
     * needs a free slot (`maxCoStakers`).
     * @param device The device.
     * @param amount The amount in base units.
     */
    function coStake(bytes32 device, uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        Device storage d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender == d.owner) revert StakingOwnerCannotCoStake(device);
        if (!d.offerOpen) revert StakingNoCoStakeOffer(device);
        uint256 coStake_ = _active[device][msg.sender] + amount;
        if (coStake_ < minCoStake) revert StakingBelowMinimumCoStake(device, coStake_, minCoStake);
        if (_coStakerIndex[device][msg.sender] == 0) {
            if (d.coStakers.length >= maxCoStakers) revert StakingTooManyCoStakers(device, maxCoStakers);
            _addCoStaker(device, msg.sender);
        }

        _setActive(device, msg.sender, coStake_);
        d.active += amount;
        _totalActive += amount;
        emit CoStaked(device, msg.sender, amount, coStake_);

        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice Moves `amount` of the caller's active stake (owner stake or co-stake) on
     * `device` into an unstake request, withdrawable after `unstakeCooldown`. The amount
     * stops counting toward the device's stake at once but stays slashable until withdrawn.
     * If the caller already has an open request on the device, the amount is added to it and
     * its cooldown restarts.
     * @param device The device.
     * @param amount The amount in base units.
     * @return requestId The request holding the amount.
     */
    function requestUnstake(bytes32 device, uint256 amount) external nonReentrant returns (uint256 requestId) {
        if (amount == 0) revert StakingZeroAmount();
        uint256 available = _active[device][msg.sender];
        if (amount > available) revert StakingInsufficientStake(device, msg.sender, amount, available);

        Device storage d = _devices[device];
        _setActive(device, msg.sender, available - amount);
        d.active -= amount;
        d.pending += amount;
        _totalActive -= amount;
        _totalPending += amount;

        uint64 unlocksAt = SafeCast.toUint64(block.timestamp + unstakeCooldown);
        requestId = _openRequest[device][msg.sender];
        UnstakeRequest storage r;
        if (requestId == 0) {
            requestId = ++_lastRequestId;
            _openRequest[device][msg.sender] = requestId;
            r = _requests[requestId];
            r.device = device;
            r.account = msg.sender;
        } else {
            r = _requests[requestId];
        }
        r.amount += amount;
        r.unlocksAt = unlocksAt;
        emit UnstakeRequested(requestId, device, msg.sender, amount, r.amount, unlocksAt);
    }

    /**
     * @notice Pays out an unstake request after its cooldown: what is left of it after slashes.
     * Only the account that requested it; once.
     * @param requestId The request.
     */
    function withdraw(uint256 requestId) external nonReentrant {
        UnstakeRequest storage r = _requests[requestId];
        address account = r.account;
        if (account == address(0)) revert StakingUnknownRequest(requestId);
        if (account != msg.sender) revert StakingNotRequester(requestId, msg.sender);
        if (r.withdrawn) revert StakingAlreadyWithdrawn(requestId);
        if (block.timestamp < r.unlocksAt) revert StakingCooldownActive(requestId, r.unlocksAt);

        bytes32 device = r.device;
        uint256 amount = r.amount;
        r.withdrawn = true;
        delete _openRequest[device][account];
        _devices[device].pending -= amount;
        _totalPending -= amount;
        _releaseIfEmpty(device, account);
        emit Withdrawn(requestId, device, account, amount);

        if (amount > 0) IERC20(address(token)).safeTransfer(account, amount);
    }

    // ------------------------------------------------------------------ slashing

    /**
     * @notice Takes `amount` (at most the device's active plus pending stake) from the
     * device's owner and co-stakers pro rata, from active stakes and pending unstake requests
     * alike, into a pending slash. After `appealWindow` it is paid to `beneficiary`, or burned
     * when `beneficiary` is the zero address. SLASHER_ROLE only; each evidence hash once.
     * @param device The device.
     * @param amount The penalty in base units.
     * @param evidence A unique, non-zero hash of the evidence.
     * @param beneficiary The harmed party (a lease's buyer), or zero to burn.
     * @return slashId The pending slash.
     */
    function slash(bytes32 device, uint256 amount, bytes32 evidence, address beneficiary)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
        returns (uint256 slashId)
    {
        if (amount == 0) revert StakingZeroAmount();
        if (evidence == bytes32(0)) revert StakingEvidenceMissing();
        if (_evidenceUsed[evidence]) revert StakingEvidenceUsed(evidence);
        Device storage d = _devices[device];
        uint256 available = d.active + d.pending;
        if (available == 0) revert StakingNothingToSlash(device);
        uint256 taken = Math.min(amount, available);

        _evidenceUsed[evidence] = true;
        slashId = ++_lastSlashId;
        uint64 deadline = SafeCast.toUint64(block.timestamp + appealWindow);
        _slashes[slashId] = SlashInfo({
            device: device, beneficiary: beneficiary, appealDeadline: deadline, status: SlashStatus.Pending, amount: taken, evidence: evidence
        });

        uint256 remaining = _slashAccount(slashId, d.owner, taken, available, taken);
        uint256 n = d.coStakers.length;
        for (uint256 i = 0; i < n; ++i) {
            remaining = _slashAccount(slashId, d.coStakers[i], taken, available, remaining);
        }
        // remaining is 0 here: each share is rounded up and available >= taken.
        _pruneCoStakers(device);
        _totalPendingSlashes += taken;
        emit Slashed(slashId, device, evidence, amount, taken, beneficiary, deadline);
    }

    /**
     * @notice Overturns a pending slash during its appeal window: what it took from each
     * account becomes refundable to that account (`claimRefund`). APPEALS_ROLE only.
     * @param slashId The slash.
     */
    function overturnSlash(uint256 slashId) external onlyRole(APPEALS_ROLE) nonReentrant {
        SlashInfo storage s = _pendingSlash(slashId);
        if (block.timestamp >= s.appealDeadline) revert StakingAppealWindowClosed(slashId, s.appealDeadline);
        s.status = SlashStatus.Overturned;
        uint256 amount = s.amount;
        _totalPendingSlashes -= amount;
        _totalRefunds += amount;
        uint256[] storage shares = _slashShares[slashId];
        uint256 n = shares.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 packed = shares[i];
            _refunds[address(uint160(packed >> 96))] += uint96(packed);
        }
        emit SlashOverturned(slashId, s.device, amount);
    }

    /**
     * @notice Resolves a pending slash once its appeal window has passed: pays its amount to
     * the beneficiary, or burns it when there is none. Anyone may call it; once per slash.
     * @param slashId The slash.
     */
    function resolveSlash(uint256 slashId) external nonReentrant {
        SlashInfo storage s = _pendingSlash(slashId);
        if (block.timestamp < s.appealDeadline) revert StakingAppealWindowOpen(slashId, s.appealDeadline);
        s.status = SlashStatus.Resolved;
        uint256 amount = s.amount;
        address beneficiary = s.beneficiary;
        _totalPendingSlashes -= amount;
        emit SlashResolved(slashId, s.device, beneficiary, amount, beneficiary == address(0));

        if (beneficiary == address(0)) token.burn(amount);
        else IERC20(address(token)).safeTransfer(beneficiary, amount);
    }

    /**
     * @notice Pays the caller everything overturned slashes returned to it.
     */
    function claimRefund() external nonReentrant {
        uint256 amount = _refunds[msg.sender];
        if (amount == 0) revert StakingNothingToRefund(msg.sender);
        _refunds[msg.sender] = 0;
        _totalRefunds -= amount;
        emit RefundClaimed(msg.sender, amount);

        IERC20(address(token)).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IStaking
    function rewardSplit(bytes32 device)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return _splitAt(device, block.timestamp);
    }

    /// @inheritdoc IStaking
    function rewardSplitAt(bytes32 device, uint64 timepoint)
        external
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        return _splitAt(device, timepoint);
    }

    /// @inheritdoc IStaking
    function meetsMinimum(bytes32 device) external view returns (bool) {
        Device storage d = _devices[device];
        return d.owner != address(0) && d.active >= _minimumStake(d.hardwareClass);
    }

    /// @inheritdoc IStaking
    function stakeOf(bytes32 device) external view returns (uint256) {
        return _devices[device].active;
    }

    /// @inheritdoc IStaking
    function ownerStakeOf(bytes32 device) external view returns (uint256) {
        address owner = _devices[device].owner;
        return owner == address(0) ? 0 : _active[device][owner];
    }

    /// @inheritdoc IStaking
    function coStakeOf(bytes32 device, address account) external view returns (uint256) {
        return account == _devices[device].owner ? 0 : _active[device][account];
    }

    /// @inheritdoc IStaking
    function minimumStake(bytes32 device) external view returns (uint256) {
        return _minimumStake(_devices[device].hardwareClass);
    }

    /// @notice The minimum-stake multiplier of a hardware class, in basis points (0 when unset).
    function classMultiplier(bytes32 hardwareClass) external view returns (uint32) {
        return _classMultiplier[hardwareClass];
    }

    /// @notice A device's owner, class, co-stake terms and stakes.
    function deviceInfo(bytes32 device) external view returns (DeviceInfo memory info) {
        Device storage d = _devices[device];
        uint256 ownerStake = d.owner == address(0) ? 0 : _active[device][d.owner];
        info = DeviceInfo({
            owner: d.owner,
            hardwareClass: d.hardwareClass,
            shareBps: d.shareBps,
            offerOpen: d.offerOpen,
            ownerStake: ownerStake,
            coStake: d.active - ownerStake,
            pendingUnstake: d.pending
        });
    }

    /// @notice The accounts holding a co-staker slot on `device` (active co-stake or pending request).
    function coStakersOf(bytes32 device) external view returns (address[] memory) {
        return _devices[device].coStakers;
    }

    /// @notice An unstake request (all zero when unknown).
    function unstakeRequest(uint256 requestId) external view returns (UnstakeRequest memory) {
        return _requests[requestId];
    }

    /// @notice The open (not yet withdrawn) request of `account` on `device`, or 0.
    function openRequestOf(bytes32 device, address account) external view returns (uint256) {
        return _openRequest[device][account];
    }

    /// @notice A slash (all zero when unknown).
    function slashInfo(uint256 slashId) external view returns (SlashInfo memory) {
        return _slashes[slashId];
    }

    /// @notice What a slash took from each account (what an overturn refunds).
    function slashSharesOf(uint256 slashId) external view returns (address[] memory accounts, uint256[] memory amounts) {
        uint256[] storage shares = _slashShares[slashId];
        accounts = new address[](shares.length);
        amounts = new uint256[](shares.length);
        for (uint256 i = 0; i < shares.length; ++i) {
            accounts[i] = address(uint160(shares[i] >> 96));
            amounts[i] = uint96(shares[i]);
        }
    }

    /// @notice Whether a slash already used this evidence hash.
    function evidenceUsed(bytes32 evidence) external view returns (bool) {
        return _evidenceUsed[evidence];
    }

    /// @notice What overturned slashes left `account` to claim.
    function refundOf(address account) external view returns (uint256) {
        return _refunds[account];
    }

    /// @notice What the contract owes, in total: the token balance always covers the sum.
    function totals() external view returns (uint256 active, uint256 pending, uint256 pendingSlashes, uint256 refunds) {
        return (_totalActive, _totalPending, _totalPendingSlashes, _totalRefunds);
    }

    /// @notice The last ids handed out (requests and slashes count from 1).
    function lastIds() external view returns (uint256 requestId, uint256 slashId) {
        return (_lastRequestId, _lastSlashId);
    }

    // ------------------------------------------------------------------ internals

    function _minimumStake(bytes32 hardwareClass) private view returns (uint256) {
        return BASE_MINIMUM_STAKE * Math.max(BPS, _classMultiplier[hardwareClass]) / BPS;
    }

    function _ownedDevice(bytes32 device) private view returns (Device storage d) {
        d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender != d.owner) revert StakingNotDeviceOwner(device, msg.sender);
    }

    function _pendingSlash(uint256 slashId) private view returns (SlashInfo storage s) {
        s = _slashes[slashId];
        if (s.status == SlashStatus.None) revert StakingUnknownSlash(slashId);
        if (s.status != SlashStatus.Pending) revert StakingSlashNotPending(slashId, s.status);
    }

    function _pendingOf(bytes32 device, address account) private view returns (uint256) {
        uint256 id = _openRequest[device][account];
        return id == 0 ? 0 : _requests[id].amount;
    }

    function _holds(bytes32 device, address account) private view returns (bool) {
        return _active[device][account] > 0 || _pendingOf(device, account) > 0;
    }

    /// @dev Takes `account`'s pro-rata part of `taken` (rounded up, never past `remaining`) from
    /// its active stake, then from its open request; records the total for a possible refund.
    function _slashAccount(uint256 slashId, address account, uint256 taken, uint256 available, uint256 remaining)
        private
        returns (uint256)
    {
        bytes32 device = _slashes[slashId].device;
        uint256 active = _active[device][account];
        uint256 fromActive = Math.min(Math.mulDiv(taken, active, available, Math.Rounding.Ceil), remaining);
        remaining -= fromActive;
        uint256 requestId = _openRequest[device][account];
        uint256 fromPending = 0;
        if (requestId != 0) {
            UnstakeRequest storage r = _requests[requestId];
            fromPending = Math.min(Math.mulDiv(taken, r.amount, available, Math.Rounding.Ceil), remaining);
            remaining -= fromPending;
            r.amount -= fromPending;
        }
        if (fromActive + fromPending == 0) return remaining;
        Device storage d = _devices[device];
        _setActive(device, account, active - fromActive);
        d.active -= fromActive;
        d.pending -= fromPending;
        _totalActive -= fromActive;
        _totalPending -= fromPending;
        _slashShares[slashId].push((uint256(uint160(account)) << 96) | SafeCast.toUint96(fromActive + fromPending));
        return remaining;
    }

    /// @dev Sets `account`'s active stake on `device` and checkpoints it at this block's time.
    function _setActive(bytes32 device, address account, uint256 amount) private {
        _active[device][account] = amount;
        _activeHistory[device][account].push(SafeCast.toUint48(block.timestamp), SafeCast.toUint208(amount));
    }

    /// @dev The split at `timepoint`: the owner then, and each co-staker candidate with its active
    /// stake then (those with none left out). Candidates are the co-stakers of now and the owner of
    /// now (a co-staker before it took the device over), less the owner then (a previous owner
    /// becomes a co-staker when the device changes hands, but was paid as owner before).
    function _splitAt(bytes32 device, uint256 timepoint)
        private
        view
        returns (address owner, uint16 shareBps, address[] memory coStakers, uint256[] memory coStakes)
    {
        uint48 point = SafeCast.toUint48(timepoint);
        owner = _ownerAt(device, point);
        uint256 candidates = _devices[device].coStakers.length + 1;
        uint256 count = 0;
        for (uint256 i = 0; i < candidates; ++i) {
            if (_coStakeAt(device, i, owner, point) > 0) ++count;
        }
        coStakers = new address[](count);
        coStakes = new uint256[](count);
        uint256 j = 0;
        for (uint256 i = 0; i < candidates; ++i) {
            uint256 amount = _coStakeAt(device, i, owner, point);
            if (amount == 0) continue;
            coStakers[j] = _candidate(device, i);
            coStakes[j] = amount;
            ++j;
        }
        shareBps = count == 0 ? 0 : _devices[device].shareBps;
    }

    /// @dev The device's owner at `point`; for a time before it was first set (a block that began
    /// before the device was recorded here), its first owner; the zero address for an unknown device.
    function _ownerAt(bytes32 device, uint48 point) private view returns (address) {
        Checkpoints.Trace208 storage history = _ownerHistory[device];
        if (history.length() == 0) return address(0);
        uint208 owner = history.upperLookupRecent(point);
        return address(uint160(owner != 0 ? owner : history.at(0)._value));
    }

    /// @dev Candidate `i` of `_splitAt`: the co-stakers of now, then the owner of now.
    function _candidate(bytes32 device, uint256 i) private view returns (address) {
        Device storage d = _devices[device];
        return i < d.coStakers.length ? d.coStakers[i] : d.owner;
    }

    /// @dev Candidate `i`'s active stake at `point`, or 0 when it was the owner then.
    function _coStakeAt(bytes32 device, uint256 i, address ownerThen, uint48 point) private view returns (uint256) {
        address account = _candidate(device, i);
        return account == ownerThen ? 0 : _activeHistory[device][account].upperLookupRecent(point);
    }

    function _addCoStaker(bytes32 device, address account) private {
        address[] storage list = _devices[device].coStakers;
        list.push(account);
        _coStakerIndex[device][account] = list.length;
    }

    function _removeCoStaker(bytes32 device, address account) private {
        address[] storage list = _devices[device].coStakers;
        uint256 index = _coStakerIndex[device][account] - 1;
        address last = list[list.length - 1];
        list[index] = last;
        _coStakerIndex[device][last] = index + 1;
        list.pop();
        delete _coStakerIndex[device][account];
    }

    /// @dev Frees a co-staker's slot once it holds nothing on the device.
    function _releaseIfEmpty(bytes32 device, address account) private {
        if (_coStakerIndex[device][account] != 0 && !_holds(device, account)) _removeCoStaker(device, account);
    }

    /// @dev After a slash, frees the slots of co-stakers it left with nothing (back to front,
    /// so each swapped-in account has already been checked).
    function _pruneCoStakers(bytes32 device) private {
        address[] storage list = _devices[device].coStakers;
        for (uint256 i = list.length; i > 0; --i) {
            address account = list[i - 1];
            if (!_holds(device, account)) _removeCoStaker(device, account);
        }
    }
}
