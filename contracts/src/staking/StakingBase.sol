// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IGridToken} from "../interfaces/IGridToken.sol";
import {IStaking} from "../interfaces/IStaking.sol";

/**
 * @title StakingBase
 * @notice Staking's roles, parameters and state, and the helpers every part of it shares: the
 * minimum stake, the co-staker slots, and `_setActive`, through which every change of an
 * account's active stake goes (and is checkpointed, with the device's total). The rules are in `Staking`'s notice.
 */
abstract contract StakingBase is IStaking, AccessControl, ReentrancyGuard {
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
    uint256 internal constant BPS = 10_000;

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

    /// @dev A device's hardware class from `since` (Unix seconds) on.
    struct ClassSince {
        uint48 since;
        bytes32 hardwareClass;
    }

    mapping(bytes32 device => Device) internal _devices;
    mapping(bytes32 device => mapping(address account => uint256)) internal _active;
    /// @dev `_active` over time (every write goes through `_setActive`), for `rewardSplitAt`.
    mapping(bytes32 device => mapping(address account => Checkpoints.Trace208)) internal _activeHistory;
    /// @dev Each device's active stake (`Device.active`) over time, for `lowestStakeBetween`.
    mapping(bytes32 device => Checkpoints.Trace208) internal _deviceActiveHistory;
    /// @dev Each device's owner over time (the address as a number), for `rewardSplitAt`.
    mapping(bytes32 device => Checkpoints.Trace208) internal _ownerHistory;
    mapping(bytes32 device => mapping(address account => uint256)) internal _openRequest;
    mapping(bytes32 device => mapping(address account => uint256)) internal _coStakerIndex; // 1-based
    /// @dev Each class's minimum-stake multiplier over time (every write goes through `_setMultiplier`), for `minimumStakeAt`.
    mapping(bytes32 hardwareClass => Checkpoints.Trace208) internal _multiplierHistory;
    /// @dev Each device's class over time, one record per change (every write goes through `_setClass`), for `minimumStakeAt`.
    mapping(bytes32 device => ClassSince[]) internal _classHistory;
    mapping(uint256 requestId => UnstakeRequest) internal _requests;
    mapping(uint256 slashId => SlashInfo) internal _slashes;
    /// @dev Per slash, what was taken from whom: `uint256(uint160(account)) << 96 | amount`.
    mapping(uint256 slashId => uint256[]) internal _slashShares;
    mapping(bytes32 evidence => bool) internal _evidenceUsed;
    mapping(address account => uint256) internal _refunds;

    uint256 internal _lastRequestId;
    uint256 internal _lastSlashId;
    uint256 internal _totalActive;
    uint256 internal _totalPending;
    uint256 internal _totalPendingSlashes;
    uint256 internal _totalRefunds;

    /**
     * @notice Sets Staking up over `token_`.
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

    // ------------------------------------------------------------------ internals

    /// @dev The minimum stake a multiplier (basis points; below 1× counts as 1×) sets.
    function _minimumOf(uint256 multiplierBps) internal pure returns (uint256) {
        return BASE_MINIMUM_STAKE * Math.max(BPS, multiplierBps) / BPS;
    }

    /// @dev A class's minimum-stake multiplier now (basis points; 0 when never set).
    function _multiplierOf(bytes32 hardwareClass) internal view returns (uint32) {
        return SafeCast.toUint32(_multiplierHistory[hardwareClass].latest());
    }

    function _minimumStake(bytes32 hardwareClass) internal view returns (uint256) {
        return _minimumOf(_multiplierOf(hardwareClass));
    }

    function _ownedDevice(bytes32 device) internal view returns (Device storage d) {
        d = _devices[device];
        if (d.owner == address(0)) revert StakingUnknownDevice(device);
        if (msg.sender != d.owner) revert StakingNotDeviceOwner(device, msg.sender);
    }

    function _pendingOf(bytes32 device, address account) internal view returns (uint256) {
        uint256 id = _openRequest[device][account];
        return id == 0 ? 0 : _requests[id].amount;
    }

    function _holds(bytes32 device, address account) internal view returns (bool) {
        return _active[device][account] > 0 || _pendingOf(device, account) > 0;
    }

    /// @dev Sets `device`'s owner and checkpoints it at this block's time.
    function _setOwner(bytes32 device, address owner) internal {
        _devices[device].owner = owner;
        _ownerHistory[device].push(SafeCast.toUint48(block.timestamp), uint160(owner));
    }

    /// @dev Sets `device`'s hardware class and, when it changes (or is first set), records it at this block's time.
    function _setClass(bytes32 device, bytes32 hardwareClass) internal {
        ClassSince[] storage history = _classHistory[device];
        uint256 len = history.length;
        if (len != 0 && history[len - 1].hardwareClass == hardwareClass) return;
        _devices[device].hardwareClass = hardwareClass;
        uint48 now_ = SafeCast.toUint48(block.timestamp);
        if (len != 0 && history[len - 1].since == now_) history[len - 1].hardwareClass = hardwareClass;
        else history.push(ClassSince(now_, hardwareClass));
    }

    /// @dev Sets a class's minimum-stake multiplier and, when it changes, checkpoints it at this
    /// block's time (so a write's gas does not depend on the second it is mined in when nothing changes).
    function _setMultiplier(bytes32 hardwareClass, uint32 multiplierBps) internal {
        Checkpoints.Trace208 storage history = _multiplierHistory[hardwareClass];
        if (history.latest() == multiplierBps) return;
        history.push(SafeCast.toUint48(block.timestamp), multiplierBps);
    }

    /// @dev Sets `account`'s active stake on `device`, and with it the device's (`Device.active`),
    /// and checkpoints both at this block's time.
    function _setActive(bytes32 device, address account, uint256 amount) internal {
        Device storage d = _devices[device];
        uint256 total = d.active - _active[device][account] + amount;
        d.active = total;
        _active[device][account] = amount;
        uint48 now_ = SafeCast.toUint48(block.timestamp);
        _activeHistory[device][account].push(now_, SafeCast.toUint208(amount));
        _deviceActiveHistory[device].push(now_, SafeCast.toUint208(total));
    }

    function _addCoStaker(bytes32 device, address account) internal {
        address[] storage list = _devices[device].coStakers;
        list.push(account);
        _coStakerIndex[device][account] = list.length;
    }

    function _removeCoStaker(bytes32 device, address account) internal {
        address[] storage list = _devices[device].coStakers;
        uint256 index = _coStakerIndex[device][account] - 1;
        address last = list[list.length - 1];
        list[index] = last;
        _coStakerIndex[device][last] = index + 1;
        list.pop();
        delete _coStakerIndex[device][account];
    }

    /// @dev Frees a co-staker's slot once it holds nothing on the device.
    function _releaseIfEmpty(bytes32 device, address account) internal {
        if (_coStakerIndex[device][account] != 0 && !_holds(device, account)) _removeCoStaker(device, account);
    }

    /// @dev After a slash, frees the slots of co-stakers it left with nothing (back to front,
    /// so each swapped-in account has already been checked).
    function _pruneCoStakers(bytes32 device) internal {
        address[] storage list = _devices[device].coStakers;
        for (uint256 i = list.length; i > 0; --i) {
            address account = list[i - 1];
            if (!_holds(device, account)) _removeCoStaker(device, account);
        }
    }
}
